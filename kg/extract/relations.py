"""Relations from a predicate-argument reading of GiNZA's dependency parse."""

from __future__ import annotations

from kg.extract.resources import Resources
from kg.model import Article, Mention, Relation, Sentence, Token

#: case particle -> role of the argument it marks
CASE_ROLES = {"が": "subject", "は": "topic", "も": "topic", "を": "object", "に": "target", "へ": "target",
              "と": "partner", "から": "source", "で": "place"}
ARG_DEPS = {"nsubj", "obj", "obl", "iobj", "nmod", "dislocated", "csubj"}


def case_particle(sent: Sentence, tok: Token) -> str:
    """The case particle attached to an argument token ('' if none)."""
    for t in sent.tokens:
        if t.head == tok.i and t.i > tok.i and t.dep == "case" and t.pos == "ADP":
            return t.text
    return ""


def predicate_label(sent: Sentence, tok: Token) -> str:
    """The predicate in dictionary form: 開発 + する -> 開発する."""
    if tok.pos == "VERB" and tok.tag.startswith("名詞") or tok.pos == "NOUN":
        return tok.lemma + "する"
    return tok.lemma


def extract_relations(article: Article, sentences: list[Sentence], mentions: list[Mention],
                      res: Resources) -> list[Relation]:
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    out: list[Relation] = []
    for sent in sentences:
        ms = by_sentence.get(sent.index, [])
        if len(ms) < 2:
            continue

        def mention_of(tok: Token, ms: list[Mention] = ms) -> Mention | None:
            for m in ms:
                if m.start <= tok.start and tok.end <= m.end:
                    return m
            return None

        for pred in sent.tokens:
            if pred.pos not in ("VERB",):
                continue
            args = []
            for t in sent.tokens:
                if t.head != pred.i or t.i == pred.i or t.dep not in ARG_DEPS:
                    continue
                m = mention_of(t)
                if m is None:
                    continue
                args.append((CASE_ROLES.get(case_particle(sent, t), ""), m))
            subjects = [m for role, m in args if role in ("subject", "topic")]
            others = [(role, m) for role, m in args if role not in ("subject", "topic", "")]
            label = predicate_label(sent, pred)
            for s in subjects:
                for role, o in others:
                    if o is s:
                        continue
                    out.append(Relation(article.id, s.span, o.span, label, sent.start, sent.end,
                                        "frame:v1", 0.5, role))
    return out
