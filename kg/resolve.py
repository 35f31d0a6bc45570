"""Mentions across the corpus -> canonical entities (one node per real-world thing).

Mentions join one entity when

* their names are equal after NFKC, case and width folding, with a country prefix glued to a
  foreign name dropped (米グーグル = グーグル; agencies keep theirs: 米財務省 is not 財務省);
* they are the two halves of ``長い名前（略称）`` or ``略称（長い名前）`` in one article; the pair
  then holds corpus-wide (DOE elsewhere is the same 米国エネルギー省);
* a later, shorter mention in the same article is the end of an earlier longer name of the
  same type (エネルギー省 after 米国エネルギー省), or a company's first word before a title (ヴェクタCEO after ヴェクタ・シリコン);
* a user alias file says so (``kg build --aliases FILE``).

Amounts never merge across articles, nor with an equal amount of another sentence.

"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import UsageError
from kg.extract.resources import builtin_rules, fold, nfkc
from kg.model import Mention

#: Weight of a mention's vote on its entity's type and name, by extraction source.
SOURCE_WEIGHT = {"user": 10.0, "dict": 4.0, "acronym": 3.0, "suffix": 3.0, "enum": 2.5, "bracket": 2.5,
                 "amount": 4.0, "tech": 1.5, "kgner": 1.2, "ginza": 1.0}
#: Single-kanji country prefixes glued to a foreign name (米グーグル, 韓サムスン).
GLUED_PREFIXES = "米英中韓独仏蘭豪印露伊加台"
_FOREIGN_START = re.compile(r"^[\u30a0-\u30ffA-Za-z0-9]")
_STRIP_TYPES = {"company", "organization", "product", "person"}


def _label_preference(m: Mention) -> float:
    """How much a mention's name is wanted as the label: full names over acronyms (米国エネルギー省, not DOE)."""
    if m.source.startswith("dict"):
        return 2.0
    if m.source == "acronym:long":
        return 3.0
    if m.source == "acronym:short" or re.fullmatch(r"[A-Z0-9]{2,5}", nfkc(m.name)):
        return 0.5
    return 1.0


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


@dataclass(frozen=True, slots=True)
class AliasRules:
    """A user's alias file: names to merge under a canonical name, names never to merge."""

    canonical_of: dict[str, str] = field(default_factory=dict)  # folded name -> canonical
    keep_apart: frozenset[str] = frozenset()  # folded names

    @classmethod
    def parse(cls, text: str, source: str) -> AliasRules:
        canonical_of: dict[str, str] = {}
        apart: set[str] = set()
        for lineno, raw in enumerate(text.splitlines(), 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("!"):
                apart.add(fold(line[1:].strip()))
                continue
            canonical, _, rest = line.partition("\t")
            canonical = canonical.strip()
            if not canonical or not rest.strip():
                raise UsageError(f"{source}:{lineno}: expected 'canonical<TAB>alias|alias' or '!name', "
                                 f"got {line[:60]!r}")
            for name in [canonical, *rest.split("|")]:
                if name.strip():
                    canonical_of[fold(name.strip())] = canonical
        return cls(canonical_of, frozenset(apart))

    @classmethod
    def load(cls, path: str | Path | None) -> AliasRules:
        if path is None:
            return cls()
        p = Path(path)
        try:
            return cls.parse(p.read_text(encoding="utf-8-sig"), str(p))
        except OSError as exc:
            raise UsageError(f"cannot read alias file {p}: {exc.strerror or exc}") from exc
        except UnicodeDecodeError as exc:
            raise UsageError(f"alias file {p} is not UTF-8 text") from exc


def name_key(name: str, etype: str) -> str:
    """The folded name two mentions must share to be one entity."""
    key = fold(name)
    if etype in _STRIP_TYPES and len(key) > 2 and key[0] in GLUED_PREFIXES and _FOREIGN_START.match(key[1:]):
        key = key[1:]
    return key


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def resolve(mentions: Iterable[Mention], aliases: AliasRules | None = None) -> Resolution:
    ms = sorted(mentions, key=lambda m: (m.article, m.start, m.end))
    rules = aliases or AliasRules()
    uf = _UnionFind(len(ms))

    def key(m: Mention) -> str:
        if m.type == "amount":  # one statement, one amount node
            return f"amount\0{m.article}\0{m.sentence}\0{fold(m.name)}"
        k = name_key(m.name, m.type)
        user = rules.canonical_of.get(k) or rules.canonical_of.get(fold(m.text))
        return f"user\0{fold(user)}" if user else k

    keys = [key(m) for m in ms]
    apart = [(fold(m.name) in rules.keep_apart or fold(m.text) in rules.keep_apart) for m in ms]

    # 1. same name
    first_of: dict[str, int] = {}
    for i, k in enumerate(keys):
        if k in first_of:
            uf.union(first_of[k], i)
        else:
            first_of[k] = i

    # 2. acronym pairs (and the names they tie, corpus-wide)
    at: dict[tuple[str, int, int], int] = {(m.article, m.start, m.end): i for i, m in enumerate(ms)}
    for i, m in enumerate(ms):
        pair = m.attr("pair")
        if not pair or apart[i]:
            continue
        s, e = (int(x) for x in pair.split("-"))
        j = at.get((m.article, s, e))
        if j is not None and not apart[j] and ms[j].type != "amount":
            uf.union(i, j)

    # 3. a country before a name of the same article: 米国DOE = DOE, 米エネルギー省 = エネルギー省
    countries = sorted((fold(c) for c in builtin_rules().countries), key=len, reverse=True)
    by_key_article: dict[tuple[str, str], int] = {}
    for i, m in enumerate(ms):
        by_key_article.setdefault((m.article, keys[i]), i)
        by_key_article.setdefault((m.article, name_key(m.text, m.type)), i)
    for i, m in enumerate(ms):
        if m.type in ("amount", "place") or apart[i]:
            continue
        k = fold(m.name)
        for c in countries:
            if k.startswith(c) and len(k) - len(c) >= 2:
                j = by_key_article.get((m.article, name_key(k[len(c):], m.type)))
                if j is not None and ms[j].type == m.type and not apart[j]:
                    uf.union(i, j)
                break

    # 4. a later, shorter mention ending an earlier name of the same type, in one article
    by_article: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(ms):
        by_article[m.article].append(i)
    for idxs in by_article.values():
        seen: list[int] = []
        for i in idxs:
            m = ms[i]
            if m.type in ("amount", "place", "person") or apart[i]:
                seen.append(i)
                continue
            full = name_key(m.name, m.type)
            shorts = [full] + ([full[1:]] if full[:1] in GLUED_PREFIXES and len(full) > 3 else [])
            for j in reversed(seen):
                o = ms[j]
                long_key = name_key(o.name, o.type)
                if o.type != m.type or apart[j] or len(long_key) <= len(full):
                    continue
                if any(len(short) >= 3 and long_key.endswith(short) for short in shorts) or (
                        m.type == "company" and m.source.startswith("title") and len(nfkc(m.name)) >= 3
                        and nfkc(o.name).startswith(nfkc(m.name) + "・") and not o.source.startswith("dict")
                        and not any(keys[k] == keys[i] for k in seen if ms[k].start < o.start)):
                    # (ヴェクタ最高経営責任者 after ヴェクタ・シリコン: a company's first word before a title; not a
                    # parent named before its subsidiary, ミネベアミツミ … ミネベアミツミ・ノースアメリカ)
                    uf.union(i, j)
                    break
            seen.append(i)

    # 5. a person named by the surname alone after the full name, in one article: 村瀬隆一 … 村瀬社長,
    #    ジェンスン・フアン … フアン氏 (only when one earlier person has that surname)
    for idxs in by_article.values():
        people: list[int] = []
        for i in idxs:
            m = ms[i]
            if m.type != "person" or apart[i]:
                continue
            short = nfkc(m.name)
            matches = {nfkc(ms[j].name) for j in people if nfkc(ms[j].name) != short and len(short) >= 2 and (
                nfkc(ms[j].name).startswith(short) and "・" not in ms[j].name
                or nfkc(ms[j].name).endswith("・" + short))}
            if len(matches) == 1:
                j = next(j for j in people if nfkc(ms[j].name) in matches)
                uf.union(i, j)
            people.append(i)

    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(ms)):
        groups[uf.find(i)].append(i)

    entities: dict[str, Entity] = {}
    of_mention: dict[tuple[str, int, int], str] = {}
    used_ids: set[str] = set()
    for root in sorted(groups):
        members = [ms[i] for i in groups[root]]
        types: Counter[str] = Counter()
        names: Counter[str] = Counter()
        user_label = None
        for i in groups[root]:
            m = ms[i]
            w = source_weight(m.source)
            types[m.type] += w
            names[nfkc(m.name).strip()] += w * _label_preference(m)
            if keys[i].startswith("user\0"):
                user_label = rules.canonical_of.get(name_key(m.name, m.type)) or rules.canonical_of.get(fold(m.text))
        etype = max(sorted(types), key=lambda t: types[t])
        label = user_label or max(sorted(names), key=lambda n: (names[n], len(n)))
        surfaces = {nfkc(m.text).strip() for m in members} | set(names)
        aliases = tuple(sorted(s for s in surfaces if s and s != label))
        arts = tuple(sorted({m.article for m in members}))
        base = f"{label} @{members[0].article}" if etype == "amount" else label
        eid, n = base, 2
        while eid in used_ids:
            eid = f"{base} ({etype})" if n == 2 else f"{base} ({etype} {n})"
            n += 1
        used_ids.add(eid)
        attrs: dict[str, str] = {}
        for m in members:
            for k, v in m.attrs:
                if k != "pair":
                    attrs.setdefault(k, v)
        entities[eid] = Entity(eid, label, etype, aliases, len(members), arts, attrs)
        for m in members:
            of_mention[(m.article, m.start, m.end)] = eid
    return Resolution(entities, of_mention)
