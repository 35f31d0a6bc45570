"""End to end on the sample corpus: outputs, offsets, reuse and invalidation (model, one build per session)."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import networkx as nx
import pytest

from kg.build import run_build
from kg.corpus import read_inputs
from kg.model import Article
from kg.settings import Settings

pytestmark = pytest.mark.model

OUTPUTS = ("graph.graphml", "graph.gexf", "graph.html", "mentions.jsonl", "relations.jsonl", "kg.sqlite")


def article_texts(corpus) -> dict[str, str]:
    return {a.id: a.text for a in read_inputs([str(corpus)]) if isinstance(a, Article)}


def jsonl(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_all_contract_files_are_written(sample_build):
    _, out, summary = sample_build
    for name in OUTPUTS:
        assert (out / name).is_file() and (out / name).stat().st_size > 0, name
    assert summary.analysed >= 11 and summary.skipped == 0
    assert summary.entities > 50


def test_mention_offsets_cut_exactly_their_text(sample_build):
    corpus, out, _ = sample_build
    texts = article_texts(corpus)
    graph = nx.read_graphml(out / "graph.graphml")
    rows = jsonl(out / "mentions.jsonl")
    assert len(rows) > 100
    assert {r["article"] for r in rows} == set(texts)  # every article has mentions
    for r in rows:
        assert set(r) >= {"article", "start", "end", "text", "type", "entity"}
        assert texts[r["article"]][r["start"]:r["end"]] == r["text"], r
        assert r["entity"] in graph, r
        assert graph.nodes[r["entity"]]["type"] == r["type"]


def test_relation_offsets_cut_exactly_their_evidence(sample_build):
    corpus, out, _ = sample_build
    texts = article_texts(corpus)
    graph = nx.read_graphml(out / "graph.graphml")
    rows = jsonl(out / "relations.jsonl")
    assert rows, "the sample corpus yields relations"
    for r in rows:
        assert set(r) >= {"article", "head", "relation", "tail", "start", "end", "evidence"}
        assert texts[r["article"]][r["start"]:r["end"]] == r["evidence"], r
        assert r["head"] in graph and r["tail"] in graph


def test_graphml_reads_in_networkx_and_igraph(sample_build):
    import igraph

    _, out, _ = sample_build
    g = nx.read_graphml(out / "graph.graphml")
    ig = igraph.Graph.Read_GraphML(str(out / "graph.graphml"))
    assert ig.vcount() == g.number_of_nodes() > 0
    assert ig.ecount() == g.number_of_edges() > 0
    assert ig.is_directed()
    assert set(ig.vs.attributes()) >= {"label", "type", "aliases", "mentions", "articles", "r", "g", "b", "size", "x", "y"}
    assert set(ig.es.attributes()) >= {"kind", "edgelabel", "relation", "weight", "evidence", "sources"}


def test_html_makes_no_network_request(sample_build):
    import re

    _, out, _ = sample_build
    page = (out / "graph.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"""<(?:script|link|img|iframe)[^>]+(?:src|href)\s*=\s*["']?(?:https?:)?//""", page, re.I)
    assert "cdn." not in page and "cdnjs" not in page and "jsdelivr" not in page
    assert "new vis.Network" in page or "vis.Network(" in page


def test_unchanged_rebuild_reuses_everything_without_the_model(sample_copy):
    corpus, out = sample_copy
    before = (out / "graph.graphml").read_bytes()
    probe = (
        "import sys, atexit\n"
        "atexit.register(lambda: print('SPACY-LOADED' if 'spacy' in sys.modules else 'NO-SPACY', file=sys.stderr))\n"
        "from kg.cli import main\n"
        f"sys.argv = ['kg', 'build', {str(corpus)!r}, '-o', {str(out)!r}]\n"
        "main()\n"
    )
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    seconds = time.perf_counter() - t0
    assert proc.returncode == 0, proc.stderr
    assert "NO-SPACY" in proc.stderr
    assert " 0 analysed" in proc.stdout and "reused" in proc.stdout
    print(f"unchanged rebuild of the sample corpus: {seconds:.2f} s")
    assert seconds < 3.0
    assert (out / "graph.graphml").read_bytes() == before


def test_editing_one_article_reanalyses_only_it(sample_copy):
    corpus, out = sample_copy
    target = sorted(p for p in corpus.rglob("*.md"))[0]
    target.write_text(target.read_text(encoding="utf-8") + "\n\nトヨタ自動車はデンソーと提携した。\n", encoding="utf-8")
    summary = run_build(Settings(inputs=(str(corpus),), outdir=out, jobs=1))
    assert summary.analysed == 1
    assert summary.reused >= 10
    aid = target.relative_to(corpus).as_posix()
    rows = [r for r in jsonl(out / "mentions.jsonl") if r["article"] == aid]
    assert any(r["text"] == "デンソー" for r in rows)


def test_deleting_one_article_removes_its_mentions(sample_copy):
    corpus, out = sample_copy
    target = sorted(corpus.rglob("*.html"))[0]
    aid = target.relative_to(corpus).as_posix()
    assert any(r["article"] == aid for r in jsonl(out / "mentions.jsonl"))
    target.unlink()
    summary = run_build(Settings(inputs=(str(corpus),), outdir=out, jobs=1))
    assert summary.removed == 1 and summary.analysed == 0
    assert not any(r["article"] == aid for r in jsonl(out / "mentions.jsonl"))
    assert not any(aid in d.get("sources", "") for *_, d in nx.read_graphml(out / "graph.graphml").edges(data=True))


def test_long_article_is_split_and_analysed_whole(tmp_path):
    sentences = []
    i = 0
    while len("".join(sentences).encode("utf-8")) < 52000:
        sentences.append(f"第{i}四半期にトヨタ自動車は{i + 1}億円を投じた。")
        i += 1
    text = "".join(sentences)  # one paragraph, over Sudachi's 49,149-byte limit
    assert len(text.encode("utf-8")) > 49149
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "long.txt").write_text(text, encoding="utf-8")
    run_build(Settings(inputs=(str(tmp_path / "c"),), outdir=tmp_path / "out", jobs=1))
    rows = [r for r in jsonl(tmp_path / "out" / "mentions.jsonl") if r["text"] == "トヨタ自動車"]
    assert len(rows) >= i * 0.9  # mentions found in both halves
    assert max(r["start"] for r in rows) > len(text) * 0.9
    for r in rows:
        assert text[r["start"]:r["end"]] == r["text"]


def test_a_changed_dictionary_reanalyses_everything_and_an_unchanged_one_nothing(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.md").write_text("ミライズ工業はトヨタ自動車と提携した。\n", encoding="utf-8")
    (src / "b.txt").write_text("ソニーグループはホンダと新会社を設立した。\n", encoding="utf-8")
    out = tmp_path / "out"
    first = run_build(Settings(inputs=(str(src),), outdir=out, jobs=1))
    assert (first.analysed, first.reused) == (2, 0)
    extra = tmp_path / "mine.tsv"
    extra.write_text("ミライズ工業\tcompany\tMirise\n", encoding="utf-8")
    changed = run_build(Settings(inputs=(str(src),), outdir=out, jobs=1, dictionaries=(extra,)))
    assert (changed.analysed, changed.reused) == (2, 0)  # new patterns: a new analysis fingerprint
    assert changed.chunks_analysed == 2
    again = run_build(Settings(inputs=(str(src),), outdir=out, jobs=1, dictionaries=(extra,)))
    assert (again.analysed, again.reused, again.model_loaded) == (0, 2, False)
