"""The SQLite store: migrations, round trips, chunk cache, errors (no model)."""

from __future__ import annotations

import sqlite3

import pytest

from kg.errors import StoreError
from kg.model import Article, Mention, Relation, Sentence, Skipped
from kg.store import SCHEMA_VERSION, Store

ART = Article("a.md", "グーグルはカイロス・パワーを支援する。", title="T", date="2025-01-01")
SENT = Sentence(0, 0, len(ART.text), ART.text, ())
M1 = Mention("a.md", 0, 4, "グーグル", "company", "グーグル", "dict", 0)
M2 = Mention("a.md", 5, 13, "カイロス・パワー", "company", "カイロス・パワー", "ginza:Company", 0, (("country", "米国"),))
REL = Relation("a.md", (0, 4), (5, 13), "支援する", 0, len(ART.text), "frame", 0.9, "object", (("modality", "plan"),))


def test_new_store_is_migrated_to_the_current_schema(tmp_path):
    with Store(tmp_path / "kg.sqlite") as s:
        assert s.schema_version == SCHEMA_VERSION
        tables = {r[0] for r in s.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"articles", "chunks", "mentions", "relations", "sentences", "runs", "meta"} <= tables
        assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_article_round_trip_and_replacement(tmp_path):
    with Store(tmp_path / "kg.sqlite") as s:
        s.save_article(ART, chunk_keys=["k1"], fingerprint="fp", extraction="x1", sentences=[SENT],
                       mentions=[M1, M2], relations=[REL])
        assert s.article_states() == {"a.md": (ART.sha256, "ok", "x1")}
        assert list(s.mentions()) == [M1, M2]
        assert list(s.relations()) == [REL]
        assert s.sentence_spans() == {("a.md", 0): (0, len(ART.text))}
        (stored,) = s.articles()
        assert (stored.title, stored.date, stored.text) == ("T", "2025-01-01", ART.text)
        # saving again replaces, never duplicates
        s.save_article(ART, chunk_keys=["k1"], fingerprint="fp", extraction="x2", sentences=[SENT],
                       mentions=[M1], relations=[])
        assert list(s.mentions()) == [M1] and list(s.relations()) == []


def test_deleting_an_article_deletes_its_rows(tmp_path):
    with Store(tmp_path / "kg.sqlite") as s:
        s.save_article(ART, chunk_keys=[], fingerprint="fp", extraction="x", sentences=[SENT],
                       mentions=[M1, M2], relations=[REL])
        assert s.delete_articles(["a.md"]) == 1
        assert not list(s.mentions()) and not list(s.relations()) and not s.sentence_spans()


def test_skipped_inputs_are_recorded_with_their_reason(tmp_path):
    with Store(tmp_path / "kg.sqlite") as s:
        s.save_skipped(Skipped("corpus/bad.txt", "binary file (contains NUL bytes), not text", "bad.txt"))
        assert s.skipped() == [("bad.txt", "corpus/bad.txt", "binary file (contains NUL bytes), not text")]
        assert s.articles() == []


def test_chunk_cache_is_keyed_by_fingerprint_and_pruned(tmp_path):
    with Store(tmp_path / "kg.sqlite") as s:
        s.put_chunk("k1", "fp1", {"sents": [1]})
        s.put_chunk("k2", "fp1", {"sents": [2]})
        s.put_chunk("k1", "fp0", {"sents": [0]})
        assert s.get_chunks(["k1", "k2", "k3"], "fp1") == {"k1": {"sents": [1]}, "k2": {"sents": [2]}}
        s.save_article(ART, chunk_keys=["k1"], fingerprint="fp1", extraction="x", sentences=[], mentions=[],
                       relations=[])
        assert s.prune_chunks("fp1") == 2  # k2 is unused, k1/fp0 belongs to another model
        assert s.has_chunk("k1", "fp1") and not s.has_chunk("k2", "fp1") and not s.has_chunk("k1", "fp0")


def test_store_written_by_a_newer_kg_is_refused(tmp_path):
    path = tmp_path / "kg.sqlite"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    db.close()
    with pytest.raises(StoreError, match="newer kg"):
        Store(path)


def test_a_file_that_is_not_a_store_gives_a_clear_error(tmp_path):
    path = tmp_path / "kg.sqlite"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="not a kg store"):
        Store(path)


def test_runs_are_recorded(tmp_path):
    with Store(tmp_path / "kg.sqlite") as s:
        rid = s.begin_run("0.1.0", "fp")
        s.end_run(rid, analysed=2, reused=3, skipped=1, removed=0, seconds=1.25)
        row = s.db.execute("SELECT analysed, reused, skipped, removed, seconds FROM runs WHERE id = ?", (rid,)).fetchone()
        assert row == (2, 3, 1, 0, 1.25)
