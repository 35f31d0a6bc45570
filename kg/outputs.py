"""From the store to the output files of OUTDIR (no model needed)."""

from __future__ import annotations

from pathlib import Path

from kg.export.gexf import gexf_bytes
from kg.export.graphml import graphml_bytes
from kg.export.html import html_page
from kg.export.tables import mentions_jsonl, relations_jsonl
from kg.fsutil import write_atomic
from kg.graph import ArticleInfo, KnowledgeGraph, build_graph
from kg.resolve import AliasRules, resolve
from kg.settings import Settings
from kg.store import Store

OUTPUT_FILES = ("graph.graphml", "graph.gexf", "graph.html", "mentions.jsonl", "relations.jsonl")


def graph_from_store(store: Store, aliases: AliasRules | None = None) -> tuple[KnowledgeGraph, list, list]:
    """The knowledge graph of everything stored, with the mentions and relations behind it."""
    arts = [ArticleInfo(a.id, a.title, a.date, a.url, a.text) for a in store.articles()]
    mentions = list(store.mentions())
    relations = list(store.relations())
    kg = build_graph(arts, mentions, relations, store.sentence_spans(), resolve(mentions, aliases))
    return kg, mentions, relations


def timeline(kg: KnowledgeGraph) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Dates of the articles behind each node and each edge (for GEXF spells)."""
    dated = {aid: a.date for aid, a in kg.articles.items() if a.date}
    node_dates: dict[str, set[str]] = {}
    for (article, _s, _e), eid in kg.resolution.of_mention.items():
        if article in dated:
            node_dates.setdefault(eid, set()).add(dated[article])
    edge_dates = {key: sorted({e.date for e in evs if e.date}) for key, evs in kg.evidence.items()}
    return {k: sorted(v) for k, v in node_dates.items()}, edge_dates


def write_outputs(store: Store, out: Path, settings: Settings) -> KnowledgeGraph:
    kg, mentions, relations = graph_from_store(store, AliasRules.load(settings.aliases))
    node_dates, edge_dates = timeline(kg)
    title = settings.title or f"kg — {len(kg.articles)} articles"
    write_atomic(out / "mentions.jsonl", mentions_jsonl(kg, mentions))
    write_atomic(out / "relations.jsonl", relations_jsonl(kg, relations))
    write_atomic(out / "graph.graphml", graphml_bytes(kg.graph))
    write_atomic(out / "graph.gexf", gexf_bytes(kg.graph, node_dates, edge_dates, description=title))
    write_atomic(out / "graph.html", html_page(kg, max_nodes=settings.max_nodes, title=title))
    return kg
