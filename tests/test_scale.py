"""Scale: identical paragraphs analysed once, and a Dask cluster gives the same graph (model)."""

from __future__ import annotations

import json

import pytest

from kg.build import run_build
from kg.settings import Settings

pytestmark = pytest.mark.model

SHARED = "グーグルは米テネシー州で小型モジュール炉の建設を支援する。同社は2030年の稼働を目指す。"
BOILER = "本記事は情報提供を目的としており、投資を勧誘するものではありません。"


def write_corpus(root):
    root.mkdir()
    (root / "a.md").write_text(f"---\ndate: 2025-01-01\n---\nトヨタ自動車は全固体電池を開発する。\n\n{SHARED}\n\n{BOILER}\n",
                               encoding="utf-8")
    (root / "b.md").write_text(f"---\ndate: 2025-02-01\n---\nソニーグループはホンダと提携した。\n\n{SHARED}\n\n{BOILER}\n",
                               encoding="utf-8")
    (root / "c.txt").write_text(f"{BOILER}\n\n経済産業省はラピダスに最大5900億円を支援する。\n\n{BOILER}\n", encoding="utf-8")


def test_identical_paragraphs_are_analysed_once_with_their_own_offsets(tmp_path):
    write_corpus(tmp_path / "in")
    summary = run_build(Settings(inputs=(str(tmp_path / "in"),), outdir=tmp_path / "out", jobs=1))
    distinct = {"トヨタ自動車は全固体電池を開発する。", SHARED, BOILER, "ソニーグループはホンダと提携した。",
                "経済産業省はラピダスに最大5900億円を支援する。"}
    assert summary.analysed == 3
    assert summary.chunks_analysed == len(distinct)  # 8 paragraphs, 5 distinct
    texts = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "in").iterdir()}
    rows = [json.loads(line) for line in (tmp_path / "out" / "mentions.jsonl").read_text(encoding="utf-8").splitlines()]
    google = [r for r in rows if r["text"] == "グーグル"]
    assert {r["article"] for r in google} == {"a.md", "b.md"}  # the shared paragraph's mentions in both
    for r in rows:
        assert texts[r["article"]][r["start"]:r["end"]] == r["text"]


def test_a_dask_cluster_builds_the_same_graph_as_local_processes(tmp_path):
    from dask.distributed import LocalCluster

    write_corpus(tmp_path / "in")
    run_build(Settings(inputs=(str(tmp_path / "in"),), outdir=tmp_path / "local", jobs=1))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        summary = run_build(Settings(inputs=(str(tmp_path / "in"),), outdir=tmp_path / "dask",
                                     scheduler=cluster.scheduler_address))
    assert summary.analysed == 3
    for name in ("graph.graphml", "graph.gexf", "mentions.jsonl", "relations.jsonl"):
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes(), name
