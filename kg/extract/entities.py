"""Typed entity mentions from GiNZA's NER labels and kg's dictionaries."""

from __future__ import annotations

from dataclasses import dataclass

from kg.extract.resources import Resources, nfkc
from kg.model import Article, Mention, Sentence

#: Priority of a candidate's source when candidates overlap (higher wins).
SOURCE_PRIORITY = {"dict": 3, "rule": 2, "ginza": 1}


@dataclass(slots=True)
class Candidate:
    sentence: int
    start: int  # token index, inclusive
    end: int  # token index, exclusive
    type: str
    name: str
    source: str
    detail: str = ""

    @property
    def length(self) -> int:
        return self.end - self.start


def ginza_candidates(sent: Sentence, res: Resources) -> list[Candidate]:
    """Spans of GiNZA's NER, typed through the ENE map (labels mapped to '-' are dropped)."""
    out = []
    start = None
    label = ""
    toks = sent.tokens
    for t in (*toks, None):
        if start is not None and (t is None or t.ent_iob != "I"):
            etype = res.ene_map.get(label, "-")
            if etype not in ("-", "date", ""):
                text = "".join(x.text for x in toks[start : t.i if t else len(toks)])
                out.append(Candidate(sent.index, start, t.i if t else len(toks), etype, nfkc(text).strip(),
                                     "ginza", label))
            start = None
        if t is not None and t.ent_iob == "B":
            start, label = t.i, t.ent_type
    return out


def dictionary_candidates(sent: Sentence, res: Resources) -> list[Candidate]:
    return [Candidate(sent.index, sp.start, sp.end, sp.label, sp.id, "dict") for sp in sent.spans]


def select(cands: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: higher source priority first, then longer spans."""
    order = sorted(cands, key=lambda c: (-SOURCE_PRIORITY.get(c.source, 0), -c.length, c.start))
    taken: list[Candidate] = []
    used: set[int] = set()
    for c in order:
        span = set(range(c.start, c.end))
        if span & used:
            continue
        taken.append(c)
        used |= span
    return sorted(taken, key=lambda c: c.start)


def extract_mentions(article: Article, sentences: list[Sentence], res: Resources) -> list[Mention]:
    out: list[Mention] = []
    for sent in sentences:
        cands = ginza_candidates(sent, res) + dictionary_candidates(sent, res)
        for c in select(cands):
            a, b = sent.tokens[c.start].start, sent.tokens[c.end - 1].end
            text = article.text[a:b]
            if not text.strip():
                continue
            source = f"{c.source}:{c.detail}" if c.detail else c.source
            out.append(Mention(article.id, a, b, text, c.type, c.name or nfkc(text), source, sent.index))
    return out
