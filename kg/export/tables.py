"""``mentions.jsonl`` and ``relations.jsonl``: one JSON object a line, offsets into article text."""

from __future__ import annotations

import json
from collections.abc import Iterable

from kg.graph import KnowledgeGraph
from kg.model import Mention, Relation


def _line(obj: dict) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=False) + "\n"


def mentions_jsonl(kg: KnowledgeGraph, mentions: Iterable[Mention]) -> str:
    out = []
    for m in mentions:
        eid = kg.resolution.entity_of(m.article, m.span)
        if eid is None or eid not in kg.graph:
            continue
        out.append(_line({"article": m.article, "start": m.start, "end": m.end, "text": m.text,
                          "type": kg.graph.nodes[eid]["type"], "entity": eid, "source": m.source}))
    return "".join(out)


def relations_jsonl(kg: KnowledgeGraph, relations: Iterable[Relation]) -> str:
    out = []
    for r in relations:
        h = kg.resolution.entity_of(r.article, r.head)
        t = kg.resolution.entity_of(r.article, r.tail)
        if not h or not t or h == t or h not in kg.graph or t not in kg.graph:
            continue
        art = kg.articles.get(r.article)
        evidence = art.text[r.start:r.end] if art else ""
        obj = {"article": r.article, "head": h, "relation": r.relation, "tail": t, "start": r.start,
               "end": r.end, "evidence": evidence, "rule": r.rule, "confidence": r.confidence, "role": r.role}
        for k, v in r.attrs:
            obj.setdefault(k, v)
        out.append(_line(obj))
    return "".join(out)
