"""Plain values that cross module lines: articles, chunks, tokens, mentions, relations.

Nothing here imports spaCy: results can be stored, sent between processes and tested
without a model. Every offset is a code-point index into ``Article.text``, end exclusive.
"""

from __future__ import annotations

import hashlib
import json
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import NamedTuple

#: The entity types of the contract, in legend order.
ENTITY_TYPES: tuple[str, ...] = (
    "company",
    "agency",
    "organization",
    "person",
    "place",
    "facility",
    "product",
    "technology",
    "event",
    "amount",
)


class Piece(NamedTuple):
    """One run of a chunk's cleaned text and where it comes from in the article text.

    ``clean_len == orig_len`` for copied text; a decoded character reference (``&amp;``)
    is one clean character standing for several original ones.
    """

    clean_start: int
    clean_len: int
    orig_start: int
    orig_len: int


@dataclass(frozen=True, slots=True)
class Chunk:
    """A run of prose (usually one paragraph) cleaned of markup, as handed to the analyser."""

    text: str
    pieces: tuple[Piece, ...]

    def to_article(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of ``self.text`` to article offsets."""
        if end <= start:
            raise ValueError(f"empty span {start}:{end}")
        starts = [p.clean_start for p in self.pieces]
        p = self.pieces[bisect_right(starts, start) - 1]
        if p.clean_len == p.orig_len:
            a = p.orig_start + (start - p.clean_start)
        else:
            a = p.orig_start
        q = self.pieces[bisect_right(starts, end - 1) - 1]
        if q.clean_len == q.orig_len:
            b = q.orig_start + (end - 1 - q.clean_start) + 1
        else:
            b = q.orig_start + q.orig_len
        return a, b

    @property
    def key(self) -> str:
        """Content key of the cleaned text: equal texts are analysed once."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Article:
    """One article: its whole decoded text, its metadata and the prose chunks to analyse."""

    id: str
    text: str
    title: str = ""
    date: str = ""
    url: str = ""
    source: str = ""
    author: str = ""
    tags: tuple[str, ...] = ()
    format: str = "txt"
    chunks: tuple[Chunk, ...] = ()
    warnings: tuple[str, ...] = ()
    #: where the article was read (file, or file:line for JSON Lines); not part of its identity
    path: str = ""

    @property
    def sha256(self) -> str:
        """Hash of the text and the metadata: any change makes the article new (moving it does not)."""
        meta = json.dumps(
            [self.title, self.date, self.url, self.source, self.author, list(self.tags)],
            ensure_ascii=False,
        )
        h = hashlib.sha256()
        h.update(self.text.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
        h.update(meta.encode("utf-8", "surrogatepass"))
        return h.hexdigest()


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that could not be read, with the reason shown to the user."""

    path: str
    reason: str
    article_id: str = ""


class Token(NamedTuple):
    """One analysed token; ``i`` and ``head`` index the sentence's token list."""

    i: int
    start: int
    end: int
    text: str
    lemma: str
    norm: str
    pos: str
    tag: str
    dep: str
    head: int
    ent_iob: str
    ent_type: str
    bunsetu_begin: bool
    bunsetu_role: str
    inflection: str
    #: Sudachi does not know the word (a new name: ラピダス, ゾコーバ, tsuzumi)
    oov: bool = False


class SpanTag(NamedTuple):
    """A span found by a dictionary (spaCy span_ruler): token range, label and entity id."""

    start: int
    end: int
    label: str
    id: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article with its tokens (article offsets)."""

    index: int
    start: int
    end: int
    text: str
    tokens: tuple[Token, ...]
    #: dictionary matches (span_ruler)
    spans: tuple[SpanTag, ...] = ()
    #: entities of kg's trained NER head
    ner: tuple[SpanTag, ...] = ()


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity mention found in an article.

    ``name`` is the name extraction proposes for the entity (prefixes stripped, a
    dictionary's canonical name); resolution decides the final node.
    """

    article: str
    start: int
    end: int
    text: str
    type: str
    name: str
    source: str
    sentence: int
    attrs: tuple[tuple[str, str], ...] = ()

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    def attr(self, key: str, default: str = "") -> str:
        for k, v in self.attrs:
            if k == key:
                return v
        return default


@dataclass(frozen=True, slots=True)
class Relation:
    """A relation mention: head and tail are mention spans of the same article."""

    article: str
    head: tuple[int, int]
    tail: tuple[int, int]
    relation: str
    start: int
    end: int
    rule: str
    confidence: float = 1.0
    role: str = ""
    attrs: tuple[tuple[str, str], ...] = field(default=())

    def attr(self, key: str, default: str = "") -> str:
        for k, v in self.attrs:
            if k == key:
                return v
        return default
