"""Extraction: analysed sentences -> plain Mention and Relation values.

``extract_article`` is a pure function of an article, its analysed sentences and the loaded
resources (dictionaries, label maps). Bump :data:`EXTRACTION_VERSION` whenever its output
can change: the store then re-extracts every article from the cached analyses.
"""

from __future__ import annotations

from kg.extract.entities import extract_mentions
from kg.extract.relations import extract_relations
from kg.extract.resources import Resources
from kg.model import Article, Mention, Relation, Sentence

EXTRACTION_VERSION = 2


def extraction_digest() -> str:
    """Version and a digest of the extraction code, and of the readers that cut articles into chunks and
    sentences (kg/corpus.py, kg/nlp.py): any change re-reads and re-extracts, from cached analyses where the
    chunks are the same."""
    import hashlib
    from pathlib import Path

    h = hashlib.sha256(str(EXTRACTION_VERSION).encode())
    here = Path(__file__).parent
    for p in [*sorted(here.glob("*.py")), here.parent / "corpus.py", here.parent / "nlp.py"]:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]

__all__ = ["EXTRACTION_VERSION", "Resources", "extract_article", "extraction_digest"]


def extract_article(article: Article, sentences: list[Sentence], resources: Resources
                    ) -> tuple[list[Mention], list[Relation]]:
    """Mentions and relations of one article, sorted by position."""
    mentions = extract_mentions(article, sentences, resources)
    relations = extract_relations(article, sentences, mentions, resources)
    return mentions, relations
