"""The explorer page's data and markup, and `kg render`, without a browser or a model."""

from __future__ import annotations

import io
import json
import re

import click
import networkx as nx
import pytest
from click.testing import CliRunner
from conftest import A1_TEXT, first_article

from kg.cli_render import render
from kg.export.graphml import graphml_bytes
from kg.export.html import MAX_EVIDENCE, html_page, page_data, safe_url
from kg.graph import TYPE_COLORS, ArticleInfo, Evidence, KnowledgeGraph, build_graph, hex_color
from kg.model import Mention, Relation
from kg.resolve import Resolution

T2 = "Googleはカイロス・パワーと提携。{{KG_JS}}</script><script>alert(1)</script>"


def kg_small() -> KnowledgeGraph:
    info, mentions, relations, spans = first_article()
    arts = [info, ArticleInfo("a2", "記事<b>2</b>", "2025-02-03", "javascript:alert(1)", T2)]
    mentions = mentions + [
        Mention("a2", 0, 6, "Google", "company", "グーグル", "dict", 0),
        Mention("a2", 7, 15, "カイロス・パワー", "company", "カイロス・パワー", "dict", 0),
    ]
    relations = relations + [Relation("a2", (0, 6), (7, 15), "提携する", 0, 16, "frame", 0.9, "partner")]
    spans = {**spans, ("a2", 0): (0, len(T2))}
    return build_graph(arts, mentions, relations, spans)


def page_json(page: str) -> dict:
    blob = page.split('<script type="application/json" id="kg-data">', 1)[1].split("</script>", 1)[0]
    return json.loads(blob)


def graphml_graph(kg: KnowledgeGraph) -> nx.MultiDiGraph:
    return nx.read_graphml(io.BytesIO(graphml_bytes(kg.graph)), force_multigraph=True)


# ---------- page_data ----------

def test_every_node_and_edge_is_in_the_page_with_the_palette_and_layout():
    kg = kg_small()
    data = page_data(kg)
    g = kg.graph
    assert {n["id"] for n in data["nodes"]} == set(g.nodes)
    assert sorted(e["id"] for e in data["edges"]) == sorted(k for *_, k in g.edges(keys=True))
    assert data["shown_nodes"] == data["total_nodes"] == g.number_of_nodes()
    assert data["shown_edges"] == data["total_edges"] == g.number_of_edges()
    for n in data["nodes"]:
        d = g.nodes[n["id"]]
        assert n["color"] == hex_color(d["type"])
        assert (n["x"], n["y"]) == (d["x"], d["y"])
        assert n["label"] == d["label"] and n["mentions"] == d["mentions"]
    kinds = {e["id"]: e for e in data["edges"]}
    rel = [e for e in kinds.values() if e["kind"] == "relation"]
    co = [e for e in kinds.values() if e["kind"] == "cooccurrence"]
    assert rel and co
    assert all(e["arrows"] == "to" and e["label"] == e["relation"] for e in rel)
    assert all(e["arrows"] == "" and e["label"] == "" for e in co)
    legend = {t["type"]: t for t in data["types"]}
    assert list(legend)[: len(TYPE_COLORS)] == list(TYPE_COLORS)
    assert legend["company"]["count"] == 3 and legend["amount"]["count"] == 1
    assert legend["company"]["color"] == "#{:02x}{:02x}{:02x}".format(*TYPE_COLORS["company"])


def test_edge_details_carry_amount_modality_and_evidence_with_articles():
    data = page_data(kg_small())
    invest = next(e for e in data["edges"] if e["relation"] == "投じる")
    assert (invest["amount_value"], invest["amount_unit"], invest["modality"]) == ("1.4e10", "USD", "plan")
    assert invest["date"] == "2025-01-02"
    assert invest["evidence"] == [{"article": "a1", "date": "2025-01-02", "text": A1_TEXT[19:41]}]
    assert data["articles"]["a1"] == {"title": "記事1", "date": "2025-01-02", "url": "https://example.com/1"}
    # a javascript: URL never reaches the page; the title stays data
    assert data["articles"]["a2"] == {"title": "記事<b>2</b>", "date": "2025-02-03", "url": ""}
    google = next(n for n in data["nodes"] if n["id"] == "グーグル")
    assert set(google["article_ids"]) == {"a1", "a2"}
    amount = next(n for n in data["nodes"] if n["type"] == "amount")
    assert (amount["amount_value"], amount["amount_unit"]) == ("14000000000.0", "USD")


def test_graphml_without_store_takes_evidence_and_sources_from_edge_attributes():
    kg = kg_small()
    g = graphml_graph(kg)
    data = page_data(g)
    assert len(data["nodes"]) == g.number_of_nodes() and len(data["edges"]) == g.number_of_edges()
    assert data["articles"] == {}
    by_id = {e["id"]: e for e in data["edges"]}
    for u, v, key, d in g.edges(keys=True, data=True):
        e = by_id[key]
        assert (e["from"], e["to"]) == (u, v)
        assert e["sources"] == d["sources"].split(" | ")
        assert [ev["text"] for ev in e["evidence"]] == [d["evidence"]]
    cooc = next(e for e in data["edges"] if e["kind"] == "cooccurrence" and len(e["sources"]) == 2)
    assert cooc["evidence"][0]["article"] == ""  # two articles: the sentence's own is not known


def test_parallel_edges_without_ids_get_unique_ids():
    doc = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="label" for="node" attr.name="label" attr.type="string"/>
  <graph edgedefault="directed">
    <node id="a"><data key="label">A</data></node>
    <node id="b"><data key="label">B</data></node>
    <node id="c"/>
    <edge source="a" target="b"/><edge source="a" target="b"/><edge source="b" target="c"/>
  </graph>
</graphml>"""
    g = nx.read_graphml(io.BytesIO(doc.encode()), force_multigraph=True)
    data = page_data(g)
    ids = [e["id"] for e in data["edges"]]
    assert len(ids) == 3 and len(set(ids)) == 3
    assert {n["id"]: n["label"] for n in data["nodes"]} == {"a": "A", "b": "B", "c": "c"}
    assert data["layout"] is False and all("x" not in n for n in data["nodes"])
    assert all(e["kind"] == "relation" and e["evidence"] == [] for e in data["edges"])


def test_evidence_is_capped_deduplicated_and_counted():
    g = nx.MultiDiGraph()
    g.add_node("a", label="A", type="company")
    g.add_node("b", label="B", type="company")
    g.add_edge("a", "b", key="r1", kind="relation", relation="支援する", weight=14)
    evs = [Evidence("x", i * 10, i * 10 + 5, f"文{i}", "2025-01-01") for i in range(12)]
    evs += [Evidence("x", 0, 5, "文0", "2025-01-01")] * 2  # the same sentence again
    kg = KnowledgeGraph(g, {"r1": evs}, {"x": ArticleInfo("x", "X", "2025-01-01", "", "")}, Resolution({}, {}))
    edge = page_data(kg)["edges"][0]
    assert [ev["text"] for ev in edge["evidence"]] == [f"文{i}" for i in range(MAX_EVIDENCE)]
    assert edge["evidence_total"] == 12


def test_undirected_graphml_keeps_parallel_edges_and_draws_no_arrows():
    g = nx.MultiGraph()
    g.add_node("a", label="A", type="company")
    g.add_node("b", label="B", type="place")
    g.add_edge("a", "b", kind="relation", relation="拠点", weight=2)
    g.add_edge("b", "a", kind="cooccurrence", relation="", weight=1)
    data = page_data(g)
    assert data["directed"] is False
    assert len(data["edges"]) == 2 and len({e["id"] for e in data["edges"]}) == 2
    assert all(e["arrows"] == "" for e in data["edges"])


def test_unknown_types_get_their_rgb_and_a_legend_entry():
    g = nx.MultiDiGraph()
    g.add_node("w", label="Widget", type="widget", r=1, g=2, b=3, x=1.0, y=2.0)
    g.add_node("p", label="Paris", type="place", r=1, g=2, b=3, x=0.0, y=0.0)
    data = page_data(g)
    colors = {n["id"]: n["color"] for n in data["nodes"]}
    assert colors == {"w": "#010203", "p": hex_color("place")}
    assert {"type": "widget", "name": "widget", "color": "#010203", "count": 1} in data["types"]
    assert data["layout"] is True


def test_max_nodes_keeps_the_most_mentioned_and_says_what_was_left_out():
    kg = kg_small()
    data = page_data(kg, max_nodes=2)
    assert {n["id"] for n in data["nodes"]} == {"グーグル", "カイロス・パワー"}
    assert data["max_nodes"] == 2
    assert data["omitted_nodes"] == kg.graph.number_of_nodes() - 2
    assert data["omitted_types"] == {"amount": 1, "company": 1}
    assert [o["label"] for o in data["omitted_top"]] == ["140億ドル", "マイクロソフト"]  # ties: by id
    kept = sum(1 for u, v in kg.graph.edges() if {u, v} <= {"グーグル", "カイロス・パワー"})
    assert data["shown_edges"] == len(data["edges"]) == kept
    assert data["omitted_edges"] == kg.graph.number_of_edges() - kept


def test_an_empty_graph_still_makes_a_page():
    g = nx.MultiDiGraph()
    data = page_data(g)
    assert data["nodes"] == [] and data["edges"] == [] and data["total_nodes"] == 0
    assert "<title>kg</title>" in html_page(g)


def test_knowledge_graph_without_resolution_or_evidence():
    g = graphml_graph(kg_small())
    data = page_data(KnowledgeGraph(g, {}, {}, Resolution({}, {})))
    assert len(data["edges"]) == g.number_of_edges()
    assert all(n["article_ids"] == [] for n in data["nodes"])


@pytest.mark.parametrize(("url", "ok"), [
    ("https://example.com/a?b=1", True), ("HTTP://example.com", True), ("javascript:alert(1)", False),
    ("data:text/html,<b>", False), ("//example.com", False), ("/etc/passwd", False), ("", False),
    ("https://exa mple.com", False), (" https://example.com ", True),
])
def test_safe_url_keeps_only_http_links(url, ok):
    assert (safe_url(url) != "") is ok


# ---------- the page's markup ----------

def test_page_is_one_offline_file_with_data_as_text():
    page = html_page(kg_small(), title="<script>alert('t')</script> & co")
    assert "<title>&lt;script&gt;alert(&#x27;t&#x27;)&lt;/script&gt; &amp; co</title>" in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    # no element loads anything: no src/href attributes, no <link>, no @import
    assert not re.search(r"<(script|img|iframe|link|audio|video|source)\b[^>]*\b(src|href)\s*=", page, re.I)
    assert "<link" not in page and "@import" not in page
    blob = page.split('id="kg-data">', 1)[1].split("</script>", 1)[0]
    assert not re.search(r"\{\{[A-Z_]+\}\}", page.replace(blob, ""))  # every placeholder filled
    data = page_json(page)
    assert data["title"] == "<script>alert('t')</script> & co"
    ev = [ev["text"] for e in data["edges"] for ev in e["evidence"]]
    assert any("{{KG_JS}}</script><script>alert(1)</script>" in t for t in ev)  # kept verbatim, as data
    assert page.count("</script>") == 3  # data, vis-network, explorer: nothing from articles closes one


def test_vis_network_and_explorer_script_are_inlined():
    page = html_page(kg_small())
    assert "vis-network" in page and "function fold(" in page and "Noto Sans CJK JP" in page


# ---------- kg render ----------

def write_graphml(path, kg=None):
    path.write_bytes(graphml_bytes((kg or kg_small()).graph))
    return path


def test_render_writes_the_page_of_a_graphml(tmp_path):
    src = write_graphml(tmp_path / "g.graphml")
    out = tmp_path / "page.html"
    result = CliRunner().invoke(render, [str(src), "-o", str(out), "--title", "テスト"])
    assert result.exit_code == 0, result.output
    data = page_json(out.read_text(encoding="utf-8"))
    g = kg_small().graph
    assert data["title"] == "テスト"
    assert len(data["nodes"]) == g.number_of_nodes() and len(data["edges"]) == g.number_of_edges()
    assert f"drew {g.number_of_nodes()} nodes and {g.number_of_edges()} edges" in result.output


def test_render_max_nodes_and_default_title(tmp_path):
    src = write_graphml(tmp_path / "news.graphml")
    out = tmp_path / "page.html"
    result = CliRunner().invoke(render, [str(src), "-o", str(out), "--max-nodes", "2"])
    assert result.exit_code == 0, result.output
    data = page_json(out.read_text(encoding="utf-8"))
    assert data["title"] == "news" and data["shown_nodes"] == 2 and data["omitted_nodes"] == 2
    assert "2 nodes left out" in result.output


def test_render_is_a_command_with_help_that_a_group_can_register():
    group = click.Group("kg", commands={"render": render})
    for flag in ("-h", "--help"):
        result = CliRunner().invoke(group, ["render", flag])
        assert result.exit_code == 0
        assert "GRAPH" in result.output and "--output" in result.output and "--max-nodes" in result.output


@pytest.mark.parametrize(("content", "message"), [
    ("not xml at all", "not GraphML: it is not well-formed XML"),
    ("<html><body>hi</body></html>", "not GraphML that kg can read"),
    ('<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed">'
     '<node id="a"><data key="nokey">x</data></node></graph></graphml>', "not GraphML that kg can read"),
])
def test_render_refuses_what_is_not_graphml_without_a_traceback(tmp_path, content, message):
    src = tmp_path / "bad.graphml"
    src.write_text(content, encoding="utf-8")
    out = tmp_path / "page.html"
    result = CliRunner().invoke(render, [str(src), "-o", str(out)])
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
    assert result.output.startswith("kg: error:")
    assert not out.exists()


def test_render_usage_errors_exit_2(tmp_path):
    src = write_graphml(tmp_path / "g.graphml")
    cases = [
        ([str(tmp_path / "missing.graphml"), "-o", str(tmp_path / "p.html")], "does not exist"),
        ([str(src)], "Missing option '-o'"),
        ([str(src), "-o", str(tmp_path)], "is a folder"),
        ([str(src), "-o", str(tmp_path / "no" / "such" / "p.html")], "does not exist"),
        ([str(src), "-o", str(tmp_path / "p.html"), "--max-nodes", "0"], "--max-nodes"),
    ]
    for args, message in cases:
        result = CliRunner().invoke(render, args)
        assert result.exit_code == 2, (args, result.output)
        assert message in result.output and "Traceback" not in result.output, (args, result.output)
