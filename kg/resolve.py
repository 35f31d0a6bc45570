"""Mentions across the corpus -> canonical entities (one node per real-world thing)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.extract.resources import fold, nfkc
from kg.model import Mention

#: Weight of a mention's vote on its entity's type and name, by extraction source.
SOURCE_WEIGHT = {"user": 10.0, "dict": 4.0, "rule": 2.0, "ginza": 1.0}


def source_weight(source: str) -> float:
    return SOURCE_WEIGHT.get(source.split(":", 1)[0], 1.0)


@dataclass(slots=True)
class Entity:
    id: str
    label: str
    type: str
    aliases: tuple[str, ...]
    mentions: int
    articles: tuple[str, ...]
    attrs: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Resolution:
    entities: dict[str, Entity]
    #: (article, start, end) -> entity id
    of_mention: dict[tuple[str, int, int], str]

    def entity_of(self, article: str, span: tuple[int, int]) -> str | None:
        return self.of_mention.get((article, span[0], span[1]))


def mention_key(m: Mention) -> tuple:
    """Mentions with equal keys are one entity. Amounts never merge across articles."""
    if m.type == "amount":
        return ("amount", m.article, fold(m.name))
    return ("entity", fold(m.name))


def resolve(mentions: Iterable[Mention]) -> Resolution:
    groups: dict[tuple, list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[mention_key(m)].append(m)

    entities: dict[str, Entity] = {}
    of_mention: dict[tuple[str, int, int], str] = {}
    used_ids: set[str] = set()
    for key in sorted(groups, key=lambda k: tuple(str(x) for x in k)):
        ms = groups[key]
        types: Counter[str] = Counter()
        names: Counter[str] = Counter()
        for m in ms:
            w = source_weight(m.source)
            types[m.type] += w
            names[nfkc(m.name).strip()] += w
        etype = max(sorted(types), key=lambda t: types[t])
        label = max(sorted(names), key=lambda n: (names[n], len(n)))
        surfaces = sorted({nfkc(m.text).strip() for m in ms} | set(names))
        aliases = tuple(s for s in surfaces if s and fold(s) != fold(label) or (s != label and s))
        aliases = tuple(sorted(set(aliases) - {label}))
        arts = tuple(sorted({m.article for m in ms}))
        base = f"{label} @{ms[0].article}" if key[0] == "amount" else label
        eid = base
        n = 2
        while eid in used_ids:
            eid = f"{base} ({etype})" if n == 2 else f"{base} ({etype} {n})"
            n += 1
        used_ids.add(eid)
        attrs = {}
        for m in ms:
            for k, v in m.attrs:
                attrs.setdefault(k, v)
        entities[eid] = Entity(eid, label, etype, aliases, len(ms), arts, attrs)
        for m in ms:
            of_mention[(m.article, m.start, m.end)] = eid
    return Resolution(entities, of_mention)
