"""Data the extractor uses, loaded once: the ENE label map and the entity dictionaries.

Dictionaries are TSV files (``canonical<TAB>type<TAB>alias|alias``) under ``kg/data/dict/``;
users add their own files in the same format with ``kg build --dictionary FILE``. See
``kg/data/dict/README.md``.
"""

from __future__ import annotations

import functools
import hashlib
import unicodedata
from dataclasses import dataclass, field
from importlib import resources as _res
from pathlib import Path

from kg.errors import UsageError
from kg.model import ENTITY_TYPES

DATA = _res.files("kg") / "data"


def nfkc(text: str) -> str:
    """NFKC with the usual Japanese fixes: full-width ASCII and half-width kana unified."""
    return unicodedata.normalize("NFKC", text)


def fold(text: str) -> str:
    """A key for comparing names: NFKC, lower case, no spaces or middle dots."""
    t = nfkc(text).lower()
    for ch in (" ", "\u3000", "・", "･", "=", "＝"):
        t = t.replace(ch, "")
    return t


@dataclass(frozen=True, slots=True)
class DictEntry:
    canonical: str
    type: str
    aliases: tuple[str, ...]
    source: str


def parse_dictionary(text: str, source: str) -> list[DictEntry]:
    """Entries of one dictionary file; raises UsageError naming the bad line."""
    out = []
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 2:
            raise UsageError(f"{source}:{lineno}: expected 'canonical<TAB>type[<TAB>aliases]', got {line[:60]!r}")
        canonical, etype = cols[0].strip(), cols[1].strip()
        if etype not in ENTITY_TYPES:
            raise UsageError(f"{source}:{lineno}: unknown type {etype!r}; use one of {', '.join(ENTITY_TYPES)}")
        aliases = tuple(a.strip() for a in (cols[2].split("|") if len(cols) > 2 else []) if a.strip())
        if canonical:
            out.append(DictEntry(canonical, etype, aliases, source))
    return out


def load_ene_map(text: str) -> dict[str, str]:
    out = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        label, _, etype = line.partition("\t")
        out[label.strip()] = etype.strip()
    return out


def _ends(pairs: list[tuple[str, str]]) -> tuple[dict[str, str], int, int]:
    """{word: value} (the first of equal words wins, as in a scan), the longest word, the list's length."""
    table: dict[str, str] = {}
    for word, value in pairs:
        table.setdefault(word, value)
    return table, max((len(w) for w in table), default=0), len(pairs)


@dataclass(slots=True)
class NameRules:
    """Word-form rules of ``kg/data/name_rules.tsv``."""

    suffixes: list[tuple[str, str]] = field(default_factory=list)  # longest first
    descriptors: set[str] = field(default_factory=set)
    countries: dict[str, str] = field(default_factory=dict)
    techheads: list[str] = field(default_factory=list)  # longest first
    generic: set[str] = field(default_factory=set)
    stopmods: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)
    notech: set[str] = field(default_factory=set)
    generic_heads: set[str] = field(default_factory=set)
    # suffix lookups by the word's end, rebuilt when a list grows (see _ends)
    _suffix_table: tuple[dict[str, str], int, int] = field(default=({}, 0, 0), repr=False, compare=False)
    _tech_table: tuple[dict[str, str], int, int] = field(default=({}, 0, 0), repr=False, compare=False)
    umbrella: set[str] = field(default_factory=set)  # folded

    def suffix_type(self, name: str) -> str | None:
        """The type the longest matching suffix gives a name (never the whole name)."""
        if self._suffix_table[2] != len(self.suffixes):
            self._suffix_table = _ends(self.suffixes)
        table, longest, _ = self._suffix_table
        for n in range(min(len(name) - 1, longest), 0, -1):
            etype = table.get(name[-n:])
            if etype is not None:
                return etype
        return None

    def techhead(self, name: str) -> str | None:
        if self._tech_table[2] != len(self.techheads):
            self._tech_table = _ends([(h, h) for h in self.techheads])
        table, longest, _ = self._tech_table
        for n in range(min(len(name), longest), 0, -1):
            head = table.get(name[-n:])
            if head is not None:
                return head
        return None


def parse_rules(text: str, source: str, rules: NameRules | None = None) -> NameRules:
    rules = rules or NameRules()
    for lineno, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cols = [c.strip() for c in raw.split("\t")]
        kind = cols[0]
        try:
            if kind == "suffix":
                if cols[2] not in ENTITY_TYPES:
                    raise UsageError(f"{source}:{lineno}: unknown type {cols[2]!r}")
                rules.suffixes.append((cols[1], cols[2]))
            elif kind == "descriptor":
                rules.descriptors.add(cols[1])
            elif kind == "country":
                rules.countries[cols[1]] = cols[2]
            elif kind == "techhead":
                rules.techheads.append(cols[1])
            elif kind == "generic":
                rules.generic.add(cols[1])
            elif kind == "stopmod":
                rules.stopmods.add(cols[1])
            elif kind == "title":
                rules.titles.add(cols[1])
            elif kind == "notech":
                rules.notech.add(cols[1])
            elif kind == "generichead":
                rules.generic_heads.add(cols[1])
            elif kind == "umbrella":
                rules.umbrella.add(fold(cols[1]))
            else:
                raise UsageError(f"{source}:{lineno}: unknown rule kind {kind!r}")
        except IndexError:
            raise UsageError(f"{source}:{lineno}: missing column in {raw.strip()!r}") from None
    rules.suffixes.sort(key=lambda x: -len(x[0]))
    rules.techheads.sort(key=len, reverse=True)
    return rules


@functools.lru_cache(maxsize=1)
def builtin_rules() -> NameRules:
    """kg's own word-form rules (for steps that run without the full Resources, like resolution)."""
    return parse_rules((DATA / "name_rules.tsv").read_text(encoding="utf-8"), "kg/data/name_rules.tsv")


@dataclass(slots=True)
class Resources:
    """Everything extraction reads besides the text. Build with :meth:`load`."""

    ene_map: dict[str, str]
    entries: list[DictEntry]
    digest: str
    rules: NameRules = field(default_factory=NameRules)
    #: digest of the dictionaries alone: the span_ruler's patterns (part of the analysis fingerprint)
    patterns_digest: str = ""
    #: folded surface -> entry, for every canonical name and alias
    by_surface: dict[str, DictEntry] = field(default_factory=dict)
    #: first character -> (surface, entry), longest first: for matching on the text (see text_matches)
    by_first_char: dict[str, list[tuple[str, DictEntry]]] = field(default_factory=dict)

    @classmethod
    def load(cls, extra_dictionaries: tuple[str | Path, ...] = ()) -> Resources:
        h = hashlib.sha256()
        ene_text = (DATA / "ene_types.tsv").read_text(encoding="utf-8")
        h.update(ene_text.encode())
        entries: list[DictEntry] = []
        dict_dir = DATA / "dict"
        files = sorted((p for p in dict_dir.iterdir() if p.name.endswith(".tsv")), key=lambda p: p.name) \
            if dict_dir.is_dir() else []
        for p in files:
            text = p.read_text(encoding="utf-8")
            h.update(p.name.encode() + text.encode())
            entries.extend(parse_dictionary(text, f"kg/data/dict/{p.name}"))
        for extra in extra_dictionaries:
            path = Path(extra)
            try:
                text = path.read_text(encoding="utf-8-sig")
            except OSError as exc:
                raise UsageError(f"cannot read dictionary {path}: {exc.strerror or exc}") from exc
            except UnicodeDecodeError as exc:
                raise UsageError(f"dictionary {path} is not UTF-8 text") from exc
            h.update(str(path).encode() + text.encode())
            # a user's entries come last and win over kg's own
            entries.extend(parse_dictionary(text, str(path)))
        dict_digest = h.hexdigest()[:16]
        rules_text = (DATA / "name_rules.tsv").read_text(encoding="utf-8")
        h.update(rules_text.encode())
        rules = parse_rules(rules_text, "kg/data/name_rules.tsv")
        res = cls(load_ene_map(ene_text), entries, h.hexdigest()[:16], rules, dict_digest)
        for e in entries:
            for s in (e.canonical, *e.aliases):
                res.by_surface[fold(s)] = e
        forms = {form: e for form, e in res.surface_forms() if len(form) >= 2}  # (a later entry wins)
        for form, e in sorted(forms.items(), key=lambda x: -len(x[0])):
            res.by_first_char.setdefault(form[0], []).append((form, e))
        return res

    def text_matches(self, text: str, starts: set[int]) -> list[tuple[int, int, DictEntry]]:
        """Dictionary surfaces written in ``text`` from one of ``starts`` (offsets in ``text``), longest first at
        each start. The span_ruler matches the tokens a phrase has on its own; in a sentence Sudachi may cut it
        otherwise (でもフォト|レジスト), and this finds it all the same."""
        out = []
        for a in sorted(starts):
            for form, e in self.by_first_char.get(text[a:a + 1], ()):
                if text.startswith(form, a):
                    out.append((a, a + len(form), e))
        return out

    def surface_forms(self):
        """(surface form, entry) for every canonical name and alias of every entry, as written and in NFKC."""
        for e in self.entries:
            for s in (e.canonical, *e.aliases):
                for form in dict.fromkeys((s, nfkc(s))):
                    yield form, e

    def span_ruler_patterns(self) -> tuple[dict, ...]:
        """Phrase patterns for spaCy's span_ruler: one per surface form (and its NFKC form)."""
        seen = {(form, e.type): {"label": e.type, "pattern": form, "id": e.canonical} for form, e in self.surface_forms()}
        return tuple(seen[k] for k in sorted(seen))
