"""kg: a knowledge graph from a corpus of Japanese articles."""

__version__ = "0.1.0"
