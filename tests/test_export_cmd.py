"""``kg export``: every format on a small golden corpus, the filters, errors, and the sample corpus.

The golden corpus is a store written by hand (no model). Its exports are compared byte for
byte with ``tests/golden/export/``; after a deliberate change, rewrite them with
``KG_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_export_cmd.py`` and review the diff.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.cli_export import export
from kg.model import ENTITY_TYPES, Article, Mention, Relation, Sentence, Skipped
from kg.store import Store

GOLDEN = Path(__file__).resolve().parent / "golden" / "export"
UPDATE = os.environ.get("KG_UPDATE_GOLDEN") == "1"
GEXF_NS = "{http://gexf.net/1.3}"
VIZ_NS = "{http://gexf.net/1.3/viz}"

NODE_CONTRACT = {"label": str, "type": str, "aliases": str, "mentions": int, "articles": int, "r": int, "g": int,
                 "b": int, "size": float, "x": float, "y": float}
EDGE_CONTRACT = {"kind": str, "edgelabel": str, "relation": str, "weight": int, "evidence": str, "sources": str}


# --------------------------------------------------------------------------- the golden corpus

A1 = Article("news/2025-01-kairos.md",
             "---\ntitle: カイロス支援\n---\nグーグルはカイロス・パワーを支援する。経済産業省はグーグルと協議した。\n",
             title="カイロス支援", date="2025-01-10", url="https://example.com/a1", format="markdown")
A2 = Article("news/2025-03-ms.md",
             "マイクロソフトは140億ドルを投じた。グーグルとマイクロソフトは提携した。米グーグルは東京都に拠点を置く。",
             title="マイクロソフトの投資", date="2025-03-05")
A3 = Article("notes/undated.txt",
             'メモ\n東京都の"工場"では、A&B社,Inc.が\n液冷を導入した。\x01<b>グーグル</b>もマイクロソフトも液冷を使う。',
             title="", date="")


def _span(text: str, surface: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return start, start + len(surface)


def _sentences(art: Article, texts: list[str]) -> list[Sentence]:
    out = []
    for i, t in enumerate(texts):
        s, e = _span(art.text, t)
        out.append(Sentence(i, s, e, t, ()))
    return out


def _m(art: Article, surface: str, etype: str, sentence: int, *, nth: int = 0, name: str = "",
       source: str = "dict", attrs: tuple = ()) -> Mention:
    s, e = _span(art.text, surface, nth)
    return Mention(art.id, s, e, surface, etype, name or surface, source, sentence, attrs)


def _r(art: Article, head: Mention, tail: Mention, relation: str, sent: Sentence, role: str = "object",
       attrs: tuple = ()) -> Relation:
    return Relation(art.id, head.span, tail.span, relation, sent.start, sent.end, "frame", 0.9, role, attrs)


def golden_store(outdir: Path) -> Path:
    """OUTDIR with a kg.sqlite holding three hand-analysed articles (two dated, one not) and a skipped input."""
    outdir.mkdir(parents=True, exist_ok=True)
    with Store(outdir / "kg.sqlite") as store:
        s1 = _sentences(A1, ["グーグルはカイロス・パワーを支援する。", "経済産業省はグーグルと協議した。"])
        g1, kp, meti, g1b = (_m(A1, "グーグル", "company", 0), _m(A1, "カイロス・パワー", "company", 0, source="ginza:Company"),
                             _m(A1, "経済産業省", "agency", 1), _m(A1, "グーグル", "company", 1, nth=1))
        store.save_article(A1, chunk_keys=[], fingerprint="golden", extraction="golden", sentences=s1,
                           mentions=[g1, kp, meti, g1b],
                           relations=[_r(A1, g1, kp, "支援する", s1[0]), _r(A1, meti, g1b, "協議する", s1[1], "partner")])

        s2 = _sentences(A2, ["マイクロソフトは140億ドルを投じた。", "グーグルとマイクロソフトは提携した。",
                             "米グーグルは東京都に拠点を置く。"])
        ms0 = _m(A2, "マイクロソフト", "company", 0)
        usd = _m(A2, "140億ドル", "amount", 0, source="amount", attrs=(("value", "14000000000.0"), ("unit", "USD")))
        g2, ms1 = _m(A2, "グーグル", "company", 1), _m(A2, "マイクロソフト", "company", 1, nth=1)
        g3, tokyo = _m(A2, "米グーグル", "company", 2, name="グーグル"), _m(A2, "東京都", "place", 2)
        store.save_article(A2, chunk_keys=[], fingerprint="golden", extraction="golden", sentences=s2,
                           mentions=[ms0, usd, g2, ms1, g3, tokyo],
                           relations=[_r(A2, ms0, usd, "投じる", s2[0], attrs=(("amount_value", "1.4e10"),)),
                                      _r(A2, g2, ms1, "提携する", s2[1], "partner")])

        s3 = _sentences(A3, ['東京都の"工場"では、A&B社,Inc.が\n液冷を導入した。', "\x01<b>グーグル</b>もマイクロソフトも液冷を使う。"])
        tokyo3, ab, lc = _m(A3, "東京都", "place", 0), _m(A3, "A&B社,Inc.", "company", 0, source="suffix"), \
            _m(A3, "液冷", "technology", 0, source="tech")
        g4, ms3 = _m(A3, "グーグル", "company", 1), _m(A3, "マイクロソフト", "company", 1)
        lc2 = _m(A3, "液冷", "technology", 1, nth=1, source="tech")
        store.save_article(A3, chunk_keys=[], fingerprint="golden", extraction="golden", sentences=s3,
                           mentions=[tokyo3, ab, lc, g4, ms3, lc2],
                           relations=[_r(A3, ab, lc, "導入する", s3[0]), _r(A3, g4, lc2, "使う", s3[1])])
        store.save_skipped(Skipped("notes/broken.txt", "binary file", "notes/broken.txt"))
    return outdir


@pytest.fixture
def golden_out(tmp_path):
    return golden_store(tmp_path / "out")


def run(*args: str):
    return CliRunner().invoke(export, [str(a) for a in args])


def ok(*args: str):
    res = run(*args)
    assert res.exit_code == 0, res.output
    return res


def check_golden(name: str, data: bytes) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return
    assert path.is_file(), f"missing golden file {path}: run with KG_UPDATE_GOLDEN=1 once and review it"
    assert data == path.read_bytes(), f"{name} differs from its golden file (KG_UPDATE_GOLDEN=1 to rewrite)"


def html_data(page: str) -> dict:
    blob = page.split('id="kg-data">', 1)[1].split("</script>", 1)[0]
    return json.loads(blob)


# --------------------------------------------------------------------------- golden files


@pytest.mark.parametrize("fmt, name", [("graphml", "graph.graphml"), ("gexf", "graph.gexf"), ("json", "graph.json")])
def test_single_file_formats_match_their_golden_files(golden_out, tmp_path, fmt, name):
    target = tmp_path / "exp" / name
    ok("--from", golden_out, "--format", fmt, "-o", target)
    check_golden(name, target.read_bytes())


def test_csv_matches_its_golden_files(golden_out, tmp_path):
    ok("--from", golden_out, "--format", "csv", "-o", tmp_path / "csv")
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == ["edges.csv", "nodes.csv"]
    for name in ("nodes.csv", "edges.csv"):
        check_golden(f"csv/{name}", (tmp_path / "csv" / name).read_bytes())


def test_html_shows_the_golden_nodes_and_edges(golden_out, tmp_path):
    """The page itself belongs to the explorer; what it is given to draw is checked here."""
    ok("--from", golden_out, "-o", tmp_path / "g.html", "--title", "golden")
    data = html_data((tmp_path / "g.html").read_text(encoding="utf-8"))
    shown = {"title": data["title"],
             "nodes": sorted([n["id"], n["label"], n["type"]] for n in data["nodes"]),
             "edges": sorted([e["from"], e["to"], e["id"]] for e in data["edges"])}
    text = "\n".join([json.dumps(shown["title"], ensure_ascii=False),
                      *(json.dumps(row, ensure_ascii=False) for row in shown["nodes"] + shown["edges"])])
    check_golden("html-graph.txt", (text + "\n").encode("utf-8"))


def test_filtered_export_matches_its_golden_file(golden_out, tmp_path):
    target = tmp_path / "f.graphml"
    ok("--from", golden_out, "-o", target, "--types", "company,agency", "--since", "2025-01-01",
       "--until", "2025-02-28")
    check_golden("filtered.graphml", target.read_bytes())


def test_same_store_same_bytes_and_same_as_the_build_files(golden_out, tmp_path):
    from kg.outputs import write_outputs
    from kg.settings import Settings

    with Store(golden_out / "kg.sqlite") as store:
        write_outputs(store, golden_out, Settings())
    for fmt in ("graphml", "gexf"):
        ok("--from", golden_out, "-o", tmp_path / f"1.{fmt}")
        ok("--from", golden_out, "-o", tmp_path / f"2.{fmt}")
        assert (tmp_path / f"1.{fmt}").read_bytes() == (tmp_path / f"2.{fmt}").read_bytes()
        assert (tmp_path / f"1.{fmt}").read_bytes() == (golden_out / f"graph.{fmt}").read_bytes()


# --------------------------------------------------------------------------- formats read back


def test_graphml_reads_back_with_the_contract_types(golden_out, tmp_path):
    ok("--from", golden_out, "-o", tmp_path / "g.graphml")
    g = nx.read_graphml(tmp_path / "g.graphml")
    assert g.number_of_nodes() == 8
    assert "notes/broken.txt" not in {s for *_, d in g.edges(data=True) for s in d["sources"].split(" | ")}
    for n, d in g.nodes(data=True):
        for k, t in NODE_CONTRACT.items():
            assert type(d[k]) is t, (n, k, d[k])
        assert isinstance(d["community"], int) and isinstance(d["pagerank"], float) and isinstance(d["degree"], int)
    for *_, d in g.edges(data=True):
        for k, t in EDGE_CONTRACT.items():
            assert type(d[k]) is t, (k, d[k])
    assert g.nodes["グーグル"]["mentions"] == 5 and g.nodes["グーグル"]["articles"] == 3
    assert "\ufffd" in next(d["evidence"] for *_, d in g.edges(data=True) if d["relation"] == "使う")


def test_gexf_has_viz_and_a_spell_per_article_date_and_undated_stays_timeless(golden_out, tmp_path):
    ok("--from", golden_out, "-o", tmp_path / "g.gexf")
    blob = (tmp_path / "g.gexf").read_bytes()
    root = ET.fromstring(blob)
    assert root.get("version") == "1.3"
    graph = root.find(f"{GEXF_NS}graph")
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    declared = {}
    for attrs in graph.findall(f"{GEXF_NS}attributes"):
        assert attrs.get("mode") is None  # GEXF 1.3 has no mode on <attributes>
        declared[attrs.get("class")] = {a.get("id") for a in attrs.findall(f"{GEXF_NS}attribute")}
    for cls in ("node", "edge"):
        for el in graph.iter(f"{GEXF_NS}{cls}"):
            for av in el.iter(f"{GEXF_NS}attvalue"):
                assert av.get("for") in declared[cls]
    pairs = [(e.get("source"), e.get("target"), e.get("kind")) for e in graph.iter(f"{GEXF_NS}edge")]
    assert len(pairs) == len(set(pairs))  # parallel edges are kept apart by their kind

    g = nx.read_gexf(io.BytesIO(blob), version="1.3")
    for _, d in g.nodes(data=True):
        assert set(d["viz"]) == {"color", "size", "position"}
    assert sorted(g.nodes["グーグル"]["spells"]) == [("2025-01-10", "2025-01-10"), ("2025-03-05", "2025-03-05")]
    assert "spells" not in g.nodes["液冷"]  # named only by the undated note: timeless
    assert "spells" not in g.nodes["A&B社,Inc."]
    assert sorted(g.nodes["東京都"]["spells"]) == [("2025-03-05", "2025-03-05")]  # dated mentions only
    for u, v, d in g.edges(data=True):
        for spell in d.get("spells", []):  # an edge lives only when both its ends do
            assert spell in g.nodes[u]["spells"] and spell in g.nodes[v]["spells"]


def test_json_is_networkx_node_link_with_edges(golden_out, tmp_path):
    ok("--from", golden_out, "-f", "json", "-o", tmp_path / "g.json")
    data = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    assert {"directed", "multigraph", "graph", "nodes", "edges"} <= set(data) and "links" not in data
    g = nx.node_link_graph(data, edges="edges")
    ref = nx.read_graphml(io.BytesIO(CliRunner().invoke(export, ["--from", str(golden_out), "-f", "graphml",
                                                                "-o", "-"]).stdout_bytes))
    assert g.is_directed() and g.is_multigraph()
    assert dict(g.nodes(data=True)) == dict(ref.nodes(data=True))
    assert sorted(g.edges(keys=True, data=True), key=str) == sorted(ref.edges(keys=True, data=True), key=str)


def test_csv_is_read_by_csv_readers_and_follows_neo4j_import_headers(golden_out, tmp_path):
    ok("--from", golden_out, "-f", "csv", "-o", tmp_path / "csv")
    nodes_text = (tmp_path / "csv" / "nodes.csv").read_text(encoding="utf-8")
    edges_text = (tmp_path / "csv" / "edges.csv").read_text(encoding="utf-8")
    nodes = list(csv.DictReader(io.StringIO(nodes_text)))
    edges = list(csv.DictReader(io.StringIO(edges_text)))
    assert len(nodes_text.splitlines()) == len(nodes) + 1  # no record spans two lines
    assert len(edges_text.splitlines()) == len(edges) + 1
    assert list(nodes[0])[:2] == ["id:ID", ":LABEL"]
    assert list(edges[0])[:4] == [":START_ID", ":END_ID", ":TYPE", "key"]
    assert {"mentions:int", "articles:int", "size:float", "x:float", "community:int", "pagerank:float"} <= set(nodes[0])
    assert "weight:int" in edges[0]
    ids = {n["id:ID"] for n in nodes}
    assert len(ids) == len(nodes) and "A&B社,Inc." in ids
    for e in edges:
        assert e[":START_ID"] in ids and e[":END_ID"] in ids
        assert e[":TYPE"] == e["kind"].upper()
        int(e["weight:int"])
    for n in nodes:
        assert n[":LABEL"].split(";")[0] == "Entity" and n[":LABEL"].split(";")[1].lower() == n["type"]
        int(n["mentions:int"]), float(n["x:float"])
    assert any("A&B社,Inc.が 液冷" in e["evidence"] for e in edges)  # the line break became a space


def test_csv_reads_in_pandas(golden_out, tmp_path):
    pd = pytest.importorskip("pandas")
    ok("--from", golden_out, "-f", "csv", "-o", tmp_path / "csv")
    nodes = pd.read_csv(tmp_path / "csv" / "nodes.csv")
    edges = pd.read_csv(tmp_path / "csv" / "edges.csv")
    assert len(nodes) == 8 and nodes["mentions:int"].dtype.kind == "i"
    assert set(edges[":START_ID"]) | set(edges[":END_ID"]) <= set(nodes["id:ID"])


def test_dash_writes_to_stdout_and_the_summary_to_stderr(golden_out):
    res = ok("--from", golden_out, "-f", "json", "-o", "-")
    data = json.loads(res.stdout_bytes.decode("utf-8"))
    assert len(data["nodes"]) == 8
    assert "exported 8 nodes" in res.stderr


def test_format_from_the_file_extension(golden_out, tmp_path):
    for name in ("a.graphml", "a.gexf", "a.json", "a.html"):
        res = ok("--from", golden_out, "-o", tmp_path / name)
        assert name.split(".")[1] in res.stderr
    res = run("--from", golden_out, "-o", tmp_path / "a.xml")
    assert res.exit_code == 2 and "--format" in res.output


# --------------------------------------------------------------------------- filters


def export_graph(golden_out, tmp_path, *args) -> nx.MultiDiGraph:
    target = tmp_path / f"f{len(list(tmp_path.glob('f*.graphml')))}.graphml"
    ok("--from", golden_out, "-o", target, *args)
    return nx.read_graphml(target, force_multigraph=True)


def test_types_keep_only_those_types_and_drop_dangling_edges(golden_out, tmp_path):
    full = export_graph(golden_out, tmp_path)
    g = export_graph(golden_out, tmp_path, "--types", "company,agency")
    assert {d["type"] for _, d in g.nodes(data=True)} == {"company", "agency"}
    assert set(g) == {n for n, d in full.nodes(data=True) if d["type"] in ("company", "agency")}
    assert all(u in g and v in g for u, v in g.edges())
    assert not any(d["relation"] == "投じる" for *_, d in g.edges(data=True))  # its tail is an amount
    for n in g:  # layout, communities and PageRank of the full graph; degree of the export
        for k in ("x", "y", "community", "pagerank", "mentions"):
            assert g.nodes[n][k] == full.nodes[n][k]
        assert g.nodes[n]["degree"] == g.degree(n)
    assert export_graph(golden_out, tmp_path, "--types", "company", "--types", "Agency").number_of_nodes() == len(g)


def test_kind_min_weight_and_drop_isolated(golden_out, tmp_path):
    rel = export_graph(golden_out, tmp_path, "--kind", "relation")
    assert {d["kind"] for *_, d in rel.edges(data=True)} == {"relation"}
    assert rel.number_of_nodes() == 8  # nodes stay unless asked
    alone = export_graph(golden_out, tmp_path, "--kind", "relation", "--drop-isolated")
    assert set(alone) == {n for n in rel if rel.degree(n)} and "東京都" not in alone
    heavy = export_graph(golden_out, tmp_path, "--min-weight", "2")
    assert heavy.number_of_edges() >= 1 and all(d["weight"] >= 2 for *_, d in heavy.edges(data=True))


def test_time_window_recounts_and_drops_undated_articles_unless_asked(golden_out, tmp_path):
    full = export_graph(golden_out, tmp_path)
    g = export_graph(golden_out, tmp_path, "--since", "2025-03-01")
    assert "液冷" not in g and "A&B社,Inc." not in g and "カイロス・パワー" not in g  # undated and January
    google = g.nodes["グーグル"]
    assert (google["mentions"], google["articles"]) == (2, 1)
    assert google["first_seen"] == google["last_seen"] == "2025-03-05"
    assert google["aliases"] == "米グーグル"
    assert (google["x"], google["y"], google["community"]) == (full.nodes["グーグル"]["x"],
                                                               full.nodes["グーグル"]["y"],
                                                               full.nodes["グーグル"]["community"])
    for *_, d in g.edges(data=True):
        assert d["sources"] == "news/2025-03-ms.md"
    co = [d for u, v, d in full.edges(data=True) if {u, v} == {"グーグル", "マイクロソフト"} and d["kind"] == "cooccurrence"]
    assert co[0]["sources"] == "news/2025-03-ms.md | notes/undated.txt" and co[0]["weight"] == 2
    co = [d for u, v, d in g.edges(data=True) if {u, v} == {"グーグル", "マイクロソフト"} and d["kind"] == "cooccurrence"]
    assert co[0]["weight"] == 1 and co[0]["evidence"] == "グーグルとマイクロソフトは提携した。"

    g = export_graph(golden_out, tmp_path, "--since", "2025-03-01", "--include-undated")
    assert "液冷" in g and g.nodes["グーグル"]["articles"] == 2
    g = export_graph(golden_out, tmp_path, "--until", "2025-01-10")
    assert set(g) == {"グーグル", "カイロス・パワー", "経済産業省"}


def test_articles_glob_selects_articles_by_id(golden_out, tmp_path):
    g = export_graph(golden_out, tmp_path, "--articles", "notes/*")
    assert set(g) == {"東京都", "A&B社,Inc.", "液冷", "グーグル", "マイクロソフト"}
    assert g.nodes["グーグル"]["mentions"] == 1
    g = export_graph(golden_out, tmp_path, "--articles", "notes/*", "--articles", "*kairos*")
    assert "カイロス・パワー" in g and "140億ドル @news/2025-03-ms.md" not in g
    assert export_graph(golden_out, tmp_path, "--articles", "*").number_of_nodes() == 8


def test_every_article_kept_gives_the_unfiltered_bytes(golden_out, tmp_path):
    ok("--from", golden_out, "-o", tmp_path / "a.gexf")
    ok("--from", golden_out, "-o", tmp_path / "b.gexf", "--articles", "*", "--since", "1900-01-01",
       "--include-undated")
    assert (tmp_path / "a.gexf").read_bytes() == (tmp_path / "b.gexf").read_bytes()


def test_filtered_gexf_has_only_the_kept_dates(golden_out, tmp_path):
    ok("--from", golden_out, "-o", tmp_path / "w.gexf", "--since", "2025-03-01", "--include-undated")
    g = nx.read_gexf(tmp_path / "w.gexf", version="1.3")
    assert g.nodes["グーグル"]["spells"] == [("2025-03-05", "2025-03-05")]


def test_filtered_html_draws_only_the_kept_graph(golden_out, tmp_path):
    ok("--from", golden_out, "-o", tmp_path / "p.html", "--types", "company")
    data = html_data((tmp_path / "p.html").read_text(encoding="utf-8"))
    assert {n["type"] for n in data["nodes"]} == {"company"}
    assert data["total_nodes"] == len(data["nodes"]) == 4


def test_aliases_file_merges_names_as_in_build(golden_out, tmp_path):
    aliases = tmp_path / "aliases.tsv"
    aliases.write_text("マイクロソフト\tA&B社,Inc.\n", encoding="utf-8")
    g = export_graph(golden_out, tmp_path, "--aliases", aliases)
    assert "A&B社,Inc." not in g and "A&B社,Inc." in g.nodes["マイクロソフト"]["aliases"]


# --------------------------------------------------------------------------- errors and help


def test_help_names_formats_and_filters():
    for flag in ("-h", "--help"):
        res = ok(flag)
        for word in ("graphml", "gexf", "json", "csv", "html", "--types", "--min-weight", "--kind", "--since",
                     "--until", "--articles", "--aliases"):
            assert word in res.output
    assert export.help and len(export.help) > 40


def test_outdir_without_store_exits_2_and_says_to_build_first(tmp_path):
    res = run("--from", tmp_path, "-o", tmp_path / "x.graphml")
    assert res.exit_code == 2
    assert "kg build" in res.output and "kg.sqlite" in res.output
    assert "Traceback" not in res.output


def test_unknown_type_exits_2_and_lists_the_valid_ones(golden_out, tmp_path):
    res = run("--from", golden_out, "-o", tmp_path / "x.graphml", "--types", "company,companies")
    assert res.exit_code == 2
    assert "'companies'" in res.output
    for t in ENTITY_TYPES:
        assert t in res.output
    assert not (tmp_path / "x.graphml").exists()


@pytest.mark.parametrize("args, message", [
    (["--since", "2025-13-01"], "YYYY-MM-DD"),
    (["--until", "20250101"], "YYYY-MM-DD"),
    (["--since", "2025-02-01", "--until", "2025-01-01"], "after"),
    (["--kind", "friend"], "--kind"),
    (["--min-weight", "0"], "--min-weight"),
    (["--articles", "nothing/*"], "news/2025-01-kairos.md"),
    (["-f", "csv", "-o", "-"], "directory"),
])
def test_usage_errors_exit_2(golden_out, tmp_path, args, message):
    if "-o" not in args:
        args = [*args, "-o", str(tmp_path / "x.graphml")]
    res = run("--from", golden_out, *args)
    assert res.exit_code == 2, res.output
    assert message in res.output
    assert "Traceback" not in res.output


def test_outputs_that_would_clobber_or_mislead_are_refused(golden_out, tmp_path):
    before = (golden_out / "kg.sqlite").read_bytes()
    res = run("--from", golden_out, "-f", "graphml", "-o", golden_out / "kg.sqlite")
    assert res.exit_code == 2 and "store" in res.output
    assert (golden_out / "kg.sqlite").read_bytes() == before
    res = run("--from", golden_out, "-f", "csv", "-o", tmp_path / "graph.csv")
    assert res.exit_code == 2 and "directory" in res.output
    res = run("--from", golden_out, "-f", "graphml", "-o", tmp_path)
    assert res.exit_code == 2 and "is a directory" in res.output


def test_time_window_without_articles_warns_and_writes_an_empty_graph(golden_out, tmp_path):
    res = ok("--from", golden_out, "-o", tmp_path / "e.graphml", "--since", "2030-01-01")
    assert "warning" in res.stderr and "2025-01-10 to 2025-03-05" in res.stderr
    assert nx.read_graphml(tmp_path / "e.graphml").number_of_nodes() == 0


def test_cli_lists_match_the_library():
    from kg.cli_export import FORMATS, KINDS
    from kg.export import filters
    from kg.outputs import FORMATS as OUT_FORMATS

    assert FORMATS == OUT_FORMATS and KINDS == filters.KINDS


# --------------------------------------------------------------------------- the sample corpus (model)


@pytest.mark.model
def test_sample_graphml_reads_in_igraph_and_networkx_with_the_contract_types(sample_build):
    import igraph

    from kg.export.graphml import EDGE_TYPES, NODE_TYPES

    _, out, _ = sample_build
    path = out / "graph.graphml"
    root = ET.parse(path).getroot()
    declared = {(k.get("for"), k.get("id")): k.get("attr.type") for k in root.iter("{http://graphml.graphdrawing.org/xmlns}key")}
    for scope, contract in (("node", NODE_TYPES), ("edge", EDGE_TYPES)):
        for name, t in contract.items():
            assert declared[(scope, name)] == t, (scope, name)

    g = nx.read_graphml(path)
    for n, d in g.nodes(data=True):
        for k, t in NODE_CONTRACT.items():
            assert type(d[k]) is t, (n, k, d[k])
        assert type(d["community"]) is int and type(d["pagerank"]) is float and type(d["degree"]) is int
    for *_, d in g.edges(data=True):
        for k, t in EDGE_CONTRACT.items():
            assert type(d[k]) is t, (k, d[k])

    ig = igraph.Graph.Read_GraphML(str(path))
    assert (ig.vcount(), ig.ecount()) == (g.number_of_nodes(), g.number_of_edges()) and ig.is_directed()
    # igraph has one numeric type (double): ints come back as whole floats
    for seq, contract in ((ig.vs, NODE_TYPES), (ig.es, EDGE_TYPES)):
        for name, t in contract.items():
            values = seq[name]
            if t == "string":
                assert all(isinstance(v, str) for v in values), name
            elif t == "int":
                assert all(isinstance(v, float) and v.is_integer() for v in values), name
            else:
                assert all(isinstance(v, float) for v in values), name
    assert ig.vs["id"] == list(g.nodes)


@pytest.mark.model
def test_sample_gexf_has_viz_and_spells_communities_pagerank_and_one_colour_per_type(sample_build):
    from kg.graph import TYPE_COLORS
    from kg.store import Store as _Store

    _, out, _ = sample_build
    g = nx.read_gexf(out / "graph.gexf", version="1.3")
    with _Store(out / "kg.sqlite") as store:
        dated = {a.id for a in store.articles() if re.fullmatch(r"\d{4}-\d{2}-\d{2}", a.date)}
    assert dated, "the sample corpus has dated articles"
    in_dated = {r["entity"] for r in map(json.loads, (out / "mentions.jsonl").read_text(encoding="utf-8").splitlines())
                if r["article"] in dated}
    assert in_dated
    for n in in_dated:
        d = g.nodes[n]
        assert set(d["viz"]) >= {"color", "size", "position"}, n
        assert d["spells"] and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", s) for s, _ in d["spells"]), n
    for _, d in g.nodes(data=True):
        assert "viz" in d and isinstance(d["community"], int) and isinstance(d["pagerank"], float)
    assert len({d["community"] for _, d in g.nodes(data=True)}) > 1
    assert abs(sum(d["pagerank"] for _, d in g.nodes(data=True)) - 1.0) < 0.01
    colour_of: dict[str, set] = {}
    type_of: dict[tuple, set] = {}
    for _, d in g.nodes(data=True):
        c = (d["viz"]["color"]["r"], d["viz"]["color"]["g"], d["viz"]["color"]["b"])
        colour_of.setdefault(d["type"], set()).add(c)
        type_of.setdefault(c, set()).add(d["type"])
    assert all(len(c) == 1 for c in colour_of.values()) and all(len(t) == 1 for t in type_of.values())
    assert all(colour_of[t] == {TYPE_COLORS[t]} for t in colour_of)


@pytest.mark.model
def test_sample_export_of_two_types_is_fast_and_never_loads_the_model(sample_copy, tmp_path):
    _, out = sample_copy
    target = tmp_path / "ca.graphml"
    probe = (
        "import sys, atexit\n"
        "atexit.register(lambda: print('SPACY-LOADED' if 'spacy' in sys.modules else 'NO-SPACY', file=sys.stderr))\n"
        "from kg.cli_export import export\n"
        f"export(['--from', {str(out)!r}, '--format', 'graphml', '--types', 'company,agency', '-o', {str(target)!r}])\n"
    )
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    seconds = time.perf_counter() - t0
    assert proc.returncode == 0, proc.stderr
    assert "NO-SPACY" in proc.stderr, "kg export loaded spaCy"
    print(f"kg export --types company,agency of the sample corpus: {seconds:.2f} s (whole process)")
    assert seconds < 5.0
    g = nx.read_graphml(target)
    full = nx.read_graphml(out / "graph.graphml")
    assert g.number_of_nodes() > 10
    assert {d["type"] for _, d in g.nodes(data=True)} == {"company", "agency"}
    assert set(g) == {n for n, d in full.nodes(data=True) if d["type"] in ("company", "agency")}
    for n in g:
        assert (g.nodes[n]["x"], g.nodes[n]["y"]) == (full.nodes[n]["x"], full.nodes[n]["y"])
