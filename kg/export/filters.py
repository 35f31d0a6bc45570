"""A filtered view of a knowledge graph, for ``kg export``.

Filters on articles come first, then on nodes, then on edges:

1. **Articles** (``since``/``until``, ``articles``): only mentions and evidence sentences of
   the kept articles count. An article is kept when its date lies in ``[since, until]``
   (both inclusive, ``YYYY-MM-DD``) and its id matches one of the ``articles`` globs
   (:func:`fnmatch.fnmatchcase`: ``*`` also matches ``/``). Articles without a date (or
   with a date that is not ``YYYY-MM-DD``) are dropped by a time window: nothing says they
   fall within it; ``include_undated`` keeps them. A node no kept article mentions, and an
   edge no kept sentence supports, is dropped; the others are recounted (below).
2. **Nodes** (``types``): only nodes of those entity types.
3. **Edges** (``kind``, ``min_weight``): only edges of that kind and with at least that
   weight (after the recount), and only edges whose two ends are still there.
4. ``drop_isolated`` then drops nodes left without any edge.

What is recounted and what is kept: a node's ``mentions``, ``articles``, ``size``,
``aliases``, ``first_seen`` and ``last_seen`` and an edge's ``weight``, ``evidence``,
``sources``, ``date`` and ``latest`` describe the kept articles only; ``degree`` counts the
edges of the view. ``label``, ``type``, the layout ``x``/``y``, ``community`` and ``pagerank``
are the entity's identity and place in the whole corpus and stay as they are, so a filtered
export lays out exactly like the full graph and two exports can be compared side by side.
Node ids and edge keys never change.
"""

from __future__ import annotations

import fnmatch
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from kg.export.gexf import iso_date
from kg.extract.resources import nfkc
from kg.graph import KnowledgeGraph, node_size
from kg.model import Mention
from kg.resolve import Entity, Resolution

KINDS = ("relation", "cooccurrence")


@dataclass(frozen=True, slots=True)
class GraphFilter:
    """What to keep; the default keeps everything."""

    #: entity types to keep (empty: all)
    types: frozenset[str] = frozenset()
    #: ``relation`` or ``cooccurrence`` (None: both)
    kind: str | None = None
    #: drop edges whose weight is below this
    min_weight: int = 1
    #: first and last article date to keep, ``YYYY-MM-DD`` (None: open)
    since: str | None = None
    until: str | None = None
    #: with a time window, keep articles without a date too
    include_undated: bool = False
    #: fnmatch globs on article ids (empty: every article)
    articles: tuple[str, ...] = ()
    #: drop nodes left without edges
    drop_isolated: bool = False

    def __post_init__(self) -> None:
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None and not iso_date(value):
                raise ValueError(f"{name} must be a date written YYYY-MM-DD, got {value!r}")
        if self.kind is not None and self.kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}, got {self.kind!r}")

    @property
    def time_window(self) -> bool:
        return self.since is not None or self.until is not None

    @property
    def selects_articles(self) -> bool:
        return self.time_window or bool(self.articles)

    @property
    def is_empty(self) -> bool:
        return self == GraphFilter()

    def matches_id(self, article_id: str) -> bool:
        return not self.articles or any(fnmatch.fnmatchcase(article_id, p) for p in self.articles)

    def in_window(self, date: str) -> bool:
        if not self.time_window:
            return True
        if not iso_date(date):
            return self.include_undated
        return (self.since is None or date >= self.since) and (self.until is None or date <= self.until)

    def keeps_article(self, article_id: str, date: str) -> bool:
        return self.matches_id(article_id) and self.in_window(date)


def _aliases(label: str, ms: list[Mention]) -> tuple[str, ...]:
    """Every other surface form of the mentions ``ms`` (as :func:`kg.resolve.resolve` lists them)."""
    surfaces = {nfkc(m.text).strip() for m in ms} | {nfkc(m.name).strip() for m in ms}
    return tuple(sorted(s for s in surfaces if s and s != label))


def _recount_node(d: dict, label: str, ms: list[Mention], dates: dict[str, str]) -> None:
    """Set the counts of ``d`` from the kept mentions ``ms`` (only keys ``d`` already has)."""
    seen_dates = sorted({dates[m.article] for m in ms if dates.get(m.article)})
    values = {
        "mentions": len(ms),
        "articles": len({m.article for m in ms}),
        "size": node_size(len(ms)),
        "aliases": " | ".join(_aliases(label, ms)),
        "first_seen": seen_dates[0] if seen_dates else "",
        "last_seen": seen_dates[-1] if seen_dates else "",
    }
    for k, v in values.items():
        if k in d:
            d[k] = v


def _recount_edge(d: dict, evs: list) -> None:
    dates = sorted(e.date for e in evs if e.date)
    values = {
        "weight": len(evs),
        "evidence": evs[0].text,
        "sources": " | ".join(sorted({e.article for e in evs})),
        "date": dates[0] if dates else "",
        "latest": dates[-1] if dates else "",
    }
    for k, v in values.items():
        if k in d:
            d[k] = v


def apply_filter(kg: KnowledgeGraph, mentions: Iterable[Mention], flt: GraphFilter) -> KnowledgeGraph:
    """The part of ``kg`` that ``flt`` keeps, as a knowledge graph of its own.

    ``mentions`` are the mentions ``kg`` was built from (to recount nodes over the kept
    articles). ``kg`` itself is not changed; an empty filter returns it as it is.
    """
    if flt.is_empty:
        return kg
    g = kg.graph
    res = kg.resolution
    articles = {a: info for a, info in kg.articles.items() if flt.keeps_article(a, info.date)}

    kept_mentions: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.article in articles:
            eid = res.entity_of(m.article, m.span)
            if eid is not None and eid in g:
                kept_mentions[eid].append(m)
    dates = {a: info.date for a, info in articles.items()}

    view = nx.MultiDiGraph()
    view.graph.update(g.graph)
    for node, data in g.nodes(data=True):
        if flt.types and data.get("type") not in flt.types:
            continue
        d = dict(data)
        if flt.selects_articles:
            ms = kept_mentions.get(node)
            if not ms:
                continue
            _recount_node(d, str(d.get("label", node)), ms, dates)
        view.add_node(node, **d)

    evidence = {}
    for u, v, key, data in g.edges(keys=True, data=True):
        if u not in view or v not in view:
            continue
        if flt.kind is not None and data.get("kind") != flt.kind:
            continue
        d = dict(data)
        evs = list(kg.evidence.get(key, []))
        if flt.selects_articles:
            evs = [e for e in evs if e.article in articles]
            if not evs:
                continue
            _recount_edge(d, evs)
        if int(d.get("weight", 1)) < flt.min_weight:
            continue
        view.add_edge(u, v, key=key, **d)
        if key in kg.evidence:
            evidence[key] = evs

    if flt.drop_isolated:
        view.remove_nodes_from([n for n in list(view.nodes) if view.degree(n) == 0])
    for node in view.nodes:
        if "degree" in view.nodes[node]:
            view.nodes[node]["degree"] = int(view.degree(node))

    entities: dict[str, Entity] = {}
    for node in view.nodes:
        e = res.entities.get(node)
        if e is None:
            continue
        if flt.selects_articles:
            ms = kept_mentions[node]
            e = Entity(e.id, e.label, e.type, _aliases(e.label, ms), len(ms),
                       tuple(sorted({m.article for m in ms})), dict(e.attrs))
        entities[node] = e
    of_mention = {span: eid for span, eid in res.of_mention.items() if eid in entities and span[0] in articles}
    return KnowledgeGraph(view, evidence, articles, Resolution(entities, of_mention))
