"""Data the extractor uses, loaded once: the ENE label map and the entity dictionaries.

Dictionaries are TSV files (``canonical<TAB>type<TAB>alias|alias``) under ``kg/data/dict/``;
users add their own files in the same format with ``kg build --dictionary FILE``. See
``kg/data/dict/README.md``.
"""

from __future__ import annotations

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


@dataclass(slots=True)
class Resources:
    """Everything extraction reads besides the text. Build with :meth:`load`."""

    ene_map: dict[str, str]
    entries: list[DictEntry]
    digest: str
    #: folded surface -> entry, for every canonical name and alias
    by_surface: dict[str, DictEntry] = field(default_factory=dict)

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
        res = cls(load_ene_map(ene_text), entries, h.hexdigest()[:16])
        for e in entries:
            for s in (e.canonical, *e.aliases):
                res.by_surface[fold(s)] = e
        return res

    def span_ruler_patterns(self) -> tuple[dict, ...]:
        """Phrase patterns for spaCy's span_ruler: one per surface form (and its NFKC form)."""
        seen: dict[tuple[str, str], dict] = {}
        for e in self.entries:
            for s in (e.canonical, *e.aliases):
                for form in {s, nfkc(s)}:
                    seen[(form, e.type)] = {"label": e.type, "pattern": form, "id": e.canonical}
        return tuple(seen[k] for k in sorted(seen))
