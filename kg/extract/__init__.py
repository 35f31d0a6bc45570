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

EXTRACTION_VERSION = 1

__all__ = ["EXTRACTION_VERSION", "Resources", "extract_article"]


def extract_article(article: Article, sentences: list[Sentence], resources: Resources
                    ) -> tuple[list[Mention], list[Relation]]:
    """Mentions and relations of one article, sorted by position."""
    mentions = extract_mentions(article, sentences, resources)
    relations = extract_relations(article, sentences, mentions, resources)
    return mentions, relations
