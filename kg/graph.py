"""Stored results -> the knowledge graph (networkx MultiDiGraph, deterministic order)."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

import networkx as nx

from kg.model import ENTITY_TYPES, Mention, Relation
from kg.resolve import Resolution, resolve

#: One colour per entity type (Tableau 10), shared by GraphML/GEXF r,g,b and the HTML legend.
TYPE_COLORS: dict[str, tuple[int, int, int]] = {
    "company": (78, 121, 167),
    "agency": (242, 142, 43),
    "organization": (225, 87, 89),
    "person": (118, 183, 178),
    "place": (89, 161, 79),
    "facility": (237, 201, 72),
    "product": (176, 122, 161),
    "technology": (255, 157, 167),
    "event": (156, 117, 95),
    "amount": (186, 176, 172),
}
#: Japanese names of the types, for the legend.
TYPE_NAMES_JA = {
    "company": "企業", "agency": "官公庁", "organization": "組織", "person": "人物", "place": "地名",
    "facility": "施設", "product": "製品", "technology": "技術", "event": "イベント", "amount": "金額・数量",
}
COOCCURRENCE_LABEL = "共起"
#: A sentence naming more entities than this adds no co-occurrence edges (lists, tables).
MAX_COOCCURRING = 12


def hex_color(etype: str) -> str:
    r, g, b = TYPE_COLORS.get(etype, (150, 150, 150))
    return f"#{r:02x}{g:02x}{b:02x}"


def node_size(mentions: int) -> float:
    return round(10.0 + 8.0 * math.log2(1 + mentions), 2)


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    id: str
    title: str
    date: str
    url: str
    text: str = field(repr=False, default="")


@dataclass(frozen=True, slots=True)
class Evidence:
    article: str
    start: int
    end: int
    text: str
    date: str
    rule: str = ""
    attrs: tuple[tuple[str, str], ...] = ()


@dataclass(slots=True)
class KnowledgeGraph:
    graph: nx.MultiDiGraph
    #: edge key -> every supporting sentence
    evidence: dict[str, list[Evidence]]
    articles: dict[str, ArticleInfo]
    resolution: Resolution


def build_graph(articles: Iterable[ArticleInfo], mentions: list[Mention], relations: list[Relation],
                sentence_spans: dict[tuple[str, int], tuple[int, int]],
                resolution: Resolution | None = None) -> KnowledgeGraph:
    """The knowledge graph of a corpus: nodes are entities, edges relations and co-occurrences."""
    arts = {a.id: a for a in articles}
    res = resolution or resolve(mentions)
    g = nx.MultiDiGraph()

    dates_of: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        eid = res.entity_of(m.article, m.span)
        if eid and arts.get(m.article) and arts[m.article].date:
            dates_of[eid].add(arts[m.article].date)

    for eid in sorted(res.entities):
        e = res.entities[eid]
        r, gr, b = TYPE_COLORS.get(e.type, (150, 150, 150))
        dates = sorted(dates_of.get(eid, ()))
        attrs = {
            "label": e.label,
            "type": e.type,
            "aliases": " | ".join(e.aliases),
            "mentions": int(e.mentions),
            "articles": int(len(e.articles)),
            "r": r,
            "g": gr,
            "b": b,
            "size": node_size(e.mentions),
            "x": 0.0,
            "y": 0.0,
            "first_seen": dates[0] if dates else "",
            "last_seen": dates[-1] if dates else "",
        }
        for k in ("value", "unit", "country"):
            if k in e.attrs:
                attrs[k] = str(e.attrs[k])
        g.add_node(eid, **attrs)

    evidence: dict[str, list[Evidence]] = {}

    def text_of(article: str, start: int, end: int) -> str:
        a = arts.get(article)
        return a.text[start:end] if a else ""

    # relation edges, aggregated by (head, relation, tail)
    rel_groups: dict[tuple[str, str, str], list[Relation]] = defaultdict(list)
    for rel in relations:
        h = res.entity_of(rel.article, rel.head)
        t = res.entity_of(rel.article, rel.tail)
        if not h or not t or h == t or rel.attr("negated") == "true":
            continue
        rel_groups[(h, rel.relation, t)].append(rel)
    for n, (h, label, t) in enumerate(sorted(rel_groups), 1):
        rels = sorted(rel_groups[(h, label, t)], key=lambda r: (r.article, r.start, r.head, r.tail))
        evs = [Evidence(r.article, r.start, r.end, text_of(r.article, r.start, r.end),
                        (arts[r.article].date if r.article in arts else ""), r.rule, r.attrs)
               for r in rels]
        key = f"r{n}"
        dates = sorted(e.date for e in evs if e.date)
        attrs = {
            "kind": "relation",
            "edgelabel": label,
            "relation": label,
            "weight": len(rels),
            "evidence": evs[0].text,
            "sources": " | ".join(sorted({r.article for r in rels})),
            "date": dates[0] if dates else "",
            "latest": dates[-1] if dates else "",
            "role": rels[0].role,
            "confidence": round(max(r.confidence for r in rels), 3),
        }
        for k in ("amount_value", "amount_unit", "modality"):
            v = next((r.attr(k) for r in rels if r.attr(k)), "")
            if v:
                attrs[k] = v
        # the date the statement gives (2024年3月), else the article's (kept in 'date' above)
        stated = sorted(r.attr("date") for r in rels if r.attr("date"))
        if stated:
            attrs["stated_date"] = stated[0]
        g.add_edge(h, t, key=key, **attrs)
        evidence[key] = evs

    # co-occurrence edges: distinct entities named in one sentence
    by_sentence: dict[tuple[str, int], set[str]] = defaultdict(set)
    for m in mentions:
        eid = res.entity_of(m.article, m.span)
        if eid:
            by_sentence[(m.article, m.sentence)].add(eid)
    co: dict[tuple[str, str], list[tuple[str, int]]] = defaultdict(list)
    for sent_key in sorted(by_sentence):
        ids = sorted(by_sentence[sent_key])
        if len(ids) < 2 or len(ids) > MAX_COOCCURRING:
            continue
        for u, v in combinations(ids, 2):
            co[(u, v)].append(sent_key)
    for n, (u, v) in enumerate(sorted(co), 1):
        sents = co[(u, v)]
        evs = []
        for art, idx in sents:
            s, e = sentence_spans.get((art, idx), (0, 0))
            evs.append(Evidence(art, s, e, text_of(art, s, e), arts[art].date if art in arts else ""))
        key = f"c{n}"
        dates = sorted(e.date for e in evs if e.date)
        g.add_edge(u, v, key=key, kind="cooccurrence", edgelabel=COOCCURRENCE_LABEL, relation="",
                   weight=len(sents), evidence=evs[0].text, sources=" | ".join(sorted({a for a, _ in sents})),
                   date=dates[0] if dates else "", latest=dates[-1] if dates else "", role="", confidence=0.0)
        evidence[key] = evs

    from kg.analytics import annotate

    annotate(g)
    return KnowledgeGraph(g, evidence, arts, res)


__all__ = ["ENTITY_TYPES", "TYPE_COLORS", "KnowledgeGraph", "build_graph", "Evidence", "ArticleInfo"]
