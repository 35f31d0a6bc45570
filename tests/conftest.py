"""Shared fixtures. The GiNZA model is loaded once per session (kg.nlp caches it per process)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
DATA = Path(__file__).resolve().parent / "data"


def tok(i: int, text: str, lemma: str, pos: str, tag: str, dep: str, head: int, start: int):
    """A hand-made analysed token (tests of the rules without the model)."""
    from kg.model import Token

    return Token(i, start, start + len(text), text, lemma, lemma, pos, tag, dep, head, "O", "", True, "", "")


def with_known_gaps(cases: list[dict], gaps: dict[str, str]) -> list:
    """Table cases as pytest params; the ones kg does not get right yet are strict xfails with the reason."""
    return [pytest.param(c, id=c["id"], marks=pytest.mark.xfail(reason=gaps[c["id"]], strict=True))
            if c["id"] in gaps else pytest.param(c, id=c["id"]) for c in cases]


@pytest.fixture(scope="session")
def resources():
    from kg.extract import Resources

    return Resources.load()


@pytest.fixture(scope="session")
def nlp_config(resources):
    from kg.nlp import NlpConfig

    return NlpConfig(patterns=resources.span_ruler_patterns(), patterns_digest=resources.patterns_digest)


@pytest.fixture(scope="session")
def analyse(nlp_config):
    """text -> (Article, sentences), analysed in this process with the session's model."""
    from kg.corpus import markdown_chunks
    from kg.model import Article
    from kg.nlp import analyse_texts, article_sentences, fit_chunks

    def run(text: str, article_id: str = "t"):
        chunks = fit_chunks(markdown_chunks(text, 0, markdown=False))
        art = Article(article_id, text, chunks=tuple(chunks))
        analyses = analyse_texts([c.text for c in chunks], nlp_config)
        return art, article_sentences(art, chunks, analyses)

    return run


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    """The sample corpus built once (in process, one job): (corpus copy, outdir, summary)."""
    from kg.build import run_build
    from kg.settings import Settings

    base = tmp_path_factory.mktemp("sample")
    corpus = base / "corpus"
    shutil.copytree(CORPUS, corpus)
    out = base / "out"
    summary = run_build(Settings(inputs=(str(corpus),), outdir=out, jobs=1))
    return corpus, out, summary


@pytest.fixture
def sample_copy(sample_build, tmp_path):
    """A private copy of the sample corpus and of its built OUTDIR, free to modify."""
    corpus, out, _ = sample_build
    c2, o2 = tmp_path / "corpus", tmp_path / "out"
    shutil.copytree(corpus, c2)
    shutil.copytree(out, o2)
    return c2, o2


# ---------- a hand-made first article shared by the page tests (no model) ----------

A1_TEXT = "グーグルはカイロス・パワーを支援する。マイクロソフトは140億ドルを投じる計画だ。"


def first_article():
    """Article a1 of the small hand-made graphs: its info, mentions, relations and sentence spans."""
    from kg.graph import ArticleInfo
    from kg.model import Mention, Relation

    info = ArticleInfo("a1", "記事1", "2025-01-02", "https://example.com/1", A1_TEXT)
    mentions = [
        Mention("a1", 0, 4, "グーグル", "company", "グーグル", "dict", 0),
        Mention("a1", 5, 13, "カイロス・パワー", "company", "カイロス・パワー", "dict", 0),
        Mention("a1", 19, 26, "マイクロソフト", "company", "マイクロソフト", "dict", 1),
        Mention("a1", 27, 33, "140億ドル", "amount", "140億ドル", "rule", 1, (("value", "14000000000.0"), ("unit", "USD"))),
    ]
    relations = [
        Relation("a1", (0, 4), (5, 13), "支援する", 0, 19, "frame", 0.9, "object"),
        Relation("a1", (19, 26), (27, 33), "投じる", 19, 41, "frame", 0.8, "object",
                 (("amount_value", "1.4e10"), ("amount_unit", "USD"), ("modality", "plan"))),
    ]
    spans = {("a1", 0): (0, 19), ("a1", 1): (19, 41)}
    return info, mentions, relations, spans
