"""SQLite store of per-article results at ``OUTDIR/kg.sqlite``.

Tables: ``articles`` (id, content hash, metadata, text, status, error, extraction
fingerprint), ``chunks`` (cached analyses of prose chunks, keyed by content hash and model
fingerprint, so identical paragraphs are analysed once), ``sentences``, ``mentions``,
``relations`` and ``runs``. The schema evolves by numbered migrations; each article is
committed in its own transaction (WAL mode), so a killed build loses nothing already stored.
"""

from __future__ import annotations

import datetime as _dt
import json
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.errors import StoreError
from kg.model import Article, Mention, Relation, Sentence, Skipped

_M1 = (
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            sha256 TEXT NOT NULL,
            status TEXT NOT NULL,
            error TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL DEFAULT '',
            date TEXT NOT NULL DEFAULT '',
            url TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT '',
            path TEXT NOT NULL DEFAULT '',
            author TEXT NOT NULL DEFAULT '',
            tags TEXT NOT NULL DEFAULT '[]',
            format TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL DEFAULT '',
            chunk_keys TEXT NOT NULL DEFAULT '[]',
            fingerprint TEXT NOT NULL DEFAULT '',
            extraction TEXT NOT NULL DEFAULT '',
            warnings TEXT NOT NULL DEFAULT '[]',
            updated TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE chunks (
            key TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            data BLOB NOT NULL,
            PRIMARY KEY (key, fingerprint)
        );
        CREATE TABLE sentences (
            article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            PRIMARY KEY (article, idx)
        );
        CREATE TABLE mentions (
            article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            type TEXT NOT NULL,
            name TEXT NOT NULL,
            source TEXT NOT NULL,
            sentence INTEGER NOT NULL,
            attrs TEXT NOT NULL DEFAULT '[]'
        );
        CREATE INDEX mentions_article ON mentions(article, start);
        CREATE TABLE relations (
            article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            head_start INTEGER NOT NULL,
            head_end INTEGER NOT NULL,
            tail_start INTEGER NOT NULL,
            tail_end INTEGER NOT NULL,
            relation TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            rule TEXT NOT NULL,
            confidence REAL NOT NULL,
            role TEXT NOT NULL DEFAULT '',
            attrs TEXT NOT NULL DEFAULT '[]'
        );
        CREATE INDEX relations_article ON relations(article, start);
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started TEXT NOT NULL,
            finished TEXT,
            kg_version TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            analysed INTEGER,
            reused INTEGER,
            skipped INTEGER,
            removed INTEGER,
            seconds REAL
        );
        """
)


#: Numbered migrations (SQL scripts): MIGRATIONS[i] brings the schema from version i to i + 1.
MIGRATIONS = [_M1]
SCHEMA_VERSION = len(MIGRATIONS)


@dataclass(frozen=True, slots=True)
class StoredArticle:
    id: str
    sha256: str
    status: str
    error: str
    title: str
    date: str
    url: str
    source: str
    author: str
    tags: tuple[str, ...]
    format: str
    text: str
    fingerprint: str
    extraction: str


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


def _attrs(pairs: Iterable[tuple[str, str]]) -> str:
    return json.dumps([list(p) for p in pairs], ensure_ascii=False)


def _pairs(text: str) -> tuple[tuple[str, str], ...]:
    return tuple((k, v) for k, v in json.loads(text))


class Store:
    """The SQLite store; use as a context manager."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.db = sqlite3.connect(str(self.path), timeout=60, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the store {self.path}: {exc}") from exc
        self.db.execute("PRAGMA foreign_keys = ON")
        try:
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            self.db.close()
            raise StoreError(
                f"{self.path} is not a kg store or is damaged ({exc}); delete it to rebuild from scratch"
            ) from exc

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def _rollback(self) -> None:
        """Undo the open transaction, if any, without hiding the error that led here."""
        if self.db.in_transaction:
            try:
                self.db.execute("ROLLBACK")
            except sqlite3.Error:
                pass

    # ------------------------------------------------------------------ schema
    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} was written by a newer kg (schema {version} > {SCHEMA_VERSION}); "
                "upgrade kg or delete the store"
            )
        for i in range(version, SCHEMA_VERSION):
            # one transaction per migration: the schema is never half-changed
            try:
                self.db.executescript(f"BEGIN IMMEDIATE;\n{MIGRATIONS[i]}\nPRAGMA user_version = {i + 1};\nCOMMIT;")
            except BaseException:
                if self.db.in_transaction:
                    self._rollback()
                raise

    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    # ------------------------------------------------------------------ articles
    def article_states(self) -> dict[str, tuple[str, str, str]]:
        """id -> (sha256, status, extraction fingerprint) of every stored article."""
        return {r[0]: (r[1], r[2], r[3]) for r in self.db.execute("SELECT id, sha256, status, extraction FROM articles")}

    def chunk_keys(self, article_id: str) -> list[str]:
        row = self.db.execute("SELECT chunk_keys FROM articles WHERE id = ?", (article_id,)).fetchone()
        return json.loads(row[0]) if row else []

    def save_article(self, article: Article, *, chunk_keys: Sequence[str], fingerprint: str, extraction: str,
                     sentences: Sequence[Sentence], mentions: Sequence[Mention],
                     relations: Sequence[Relation]) -> None:
        """Replace everything stored for one article, in one transaction."""
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute("DELETE FROM articles WHERE id = ?", (article.id,))
            db.execute(
                "INSERT INTO articles (id, sha256, status, error, title, date, url, source, path, author, tags,"
                " format, text, chunk_keys, fingerprint, extraction, warnings, updated)"
                " VALUES (?, ?, 'ok', '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (article.id, article.sha256, article.title, article.date, article.url, article.source,
                 article.path, article.author, json.dumps(list(article.tags), ensure_ascii=False), article.format,
                 article.text, json.dumps(list(chunk_keys)), fingerprint, extraction,
                 json.dumps(list(article.warnings), ensure_ascii=False), _now()),
            )
            db.executemany(
                'INSERT INTO sentences (article, idx, start, "end") VALUES (?, ?, ?, ?)',
                [(article.id, s.index, s.start, s.end) for s in sentences],
            )
            db.executemany(
                'INSERT INTO mentions (article, start, "end", text, type, name, source, sentence, attrs)'
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(m.article, m.start, m.end, m.text, m.type, m.name, m.source, m.sentence, _attrs(m.attrs))
                 for m in mentions],
            )
            db.executemany(
                "INSERT INTO relations (article, head_start, head_end, tail_start, tail_end, relation, start,"
                ' "end", rule, confidence, role, attrs) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
                [(r.article, r.head[0], r.head[1], r.tail[0], r.tail[1], r.relation, r.start, r.end, r.rule,
                  r.confidence, r.role, _attrs(r.attrs)) for r in relations],
            )
            db.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise

    def save_skipped(self, skipped: Skipped) -> None:
        """Record an input that could not be read (replacing what it held before)."""
        self._save_problem(skipped.article_id or skipped.path, skipped.path, "skipped", skipped.reason)

    def save_failed(self, article_id: str, path: str, reason: str) -> None:
        """Record an article that was read but could not be analysed (status ``error``).

        Its earlier results are dropped; the next build tries it again.
        """
        self._save_problem(article_id, path, "error", reason)

    def _save_problem(self, key: str, path: str, status: str, reason: str) -> None:
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute("DELETE FROM articles WHERE id = ?", (key,))
            db.execute(
                "INSERT INTO articles (id, sha256, status, error, path, updated) VALUES (?, '', ?, ?, ?, ?)",
                (key, status, reason, path, _now()),
            )
            db.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise

    def delete_articles(self, ids: Iterable[str]) -> int:
        ids = list(ids)
        if not ids:
            return 0
        self.db.execute("BEGIN IMMEDIATE")
        try:
            for aid in ids:
                self.db.execute("DELETE FROM articles WHERE id = ?", (aid,))
            self.db.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise
        return len(ids)

    # ------------------------------------------------------------------ chunk cache
    def get_chunks(self, keys: Iterable[str], fingerprint: str) -> dict[str, dict]:
        out = {}
        for key in set(keys):
            row = self.db.execute("SELECT data FROM chunks WHERE key = ? AND fingerprint = ?",
                                  (key, fingerprint)).fetchone()
            if row:
                out[key] = json.loads(zlib.decompress(row[0]))
        return out

    def has_chunk(self, key: str, fingerprint: str) -> bool:
        return self.db.execute("SELECT 1 FROM chunks WHERE key = ? AND fingerprint = ?",
                               (key, fingerprint)).fetchone() is not None

    def put_chunk(self, key: str, fingerprint: str, analysis: dict) -> None:
        data = zlib.compress(json.dumps(analysis, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 6)
        self.db.execute("INSERT OR REPLACE INTO chunks (key, fingerprint, data) VALUES (?, ?, ?)",
                        (key, fingerprint, data))

    def prune_chunks(self, fingerprint: str) -> int:
        """Drop analyses of another model and of chunks no stored article uses any more."""
        used: set[str] = set()
        for (keys,) in self.db.execute("SELECT chunk_keys FROM articles WHERE status = 'ok'"):
            used.update(json.loads(keys))
        stale = [(k, f) for k, f in self.db.execute("SELECT key, fingerprint FROM chunks")
                 if f != fingerprint or k not in used]
        if stale:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                self.db.executemany("DELETE FROM chunks WHERE key = ? AND fingerprint = ?", stale)
                self.db.execute("COMMIT")
            except BaseException:
                self._rollback()
                raise
        return len(stale)

    # ------------------------------------------------------------------ reading back
    def articles(self, status: str = "ok") -> list[StoredArticle]:
        rows = self.db.execute(
            "SELECT id, sha256, status, error, title, date, url, source, author, tags, format, text, fingerprint,"
            " extraction FROM articles WHERE status = ? ORDER BY id", (status,))
        return [StoredArticle(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], tuple(json.loads(r[9])),
                              r[10], r[11], r[12], r[13]) for r in rows]

    def skipped(self) -> list[tuple[str, str, str]]:
        return list(self.db.execute("SELECT id, path, error FROM articles WHERE status = 'skipped' ORDER BY id"))

    def problems(self) -> list[tuple[str, str, str, str]]:
        """(id, path, status, reason) of every input skipped or failed, by id."""
        return list(self.db.execute(
            "SELECT id, path, status, error FROM articles WHERE status != 'ok' ORDER BY id"))

    def mentions(self) -> Iterator[Mention]:
        for r in self.db.execute(
            'SELECT m.article, m.start, m."end", m.text, m.type, m.name, m.source, m.sentence, m.attrs'
            " FROM mentions m JOIN articles a ON a.id = m.article WHERE a.status = 'ok'"
            " ORDER BY m.article, m.start, m.\"end\""
        ):
            yield Mention(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], _pairs(r[8]))

    def relations(self) -> Iterator[Relation]:
        for r in self.db.execute(
            'SELECT r.article, r.head_start, r.head_end, r.tail_start, r.tail_end, r.relation, r.start, r."end",'
            " r.rule, r.confidence, r.role, r.attrs FROM relations r JOIN articles a ON a.id = r.article"
            " WHERE a.status = 'ok' ORDER BY r.article, r.start, r.head_start, r.tail_start, r.relation"
        ):
            yield Relation(r[0], (r[1], r[2]), (r[3], r[4]), r[5], r[6], r[7], r[8], r[9], r[10], _pairs(r[11]))

    def sentence_spans(self) -> dict[tuple[str, int], tuple[int, int]]:
        return {(r[0], r[1]): (r[2], r[3]) for r in self.db.execute('SELECT article, idx, start, "end" FROM sentences')}

    # ------------------------------------------------------------------ runs
    def begin_run(self, kg_version: str, fingerprint: str) -> int:
        cur = self.db.execute("INSERT INTO runs (started, kg_version, fingerprint) VALUES (?, ?, ?)",
                              (_now(), kg_version, fingerprint))
        return int(cur.lastrowid)

    def end_run(self, run_id: int, *, analysed: int, reused: int, skipped: int, removed: int,
                seconds: float) -> None:
        self.db.execute(
            "UPDATE runs SET finished = ?, analysed = ?, reused = ?, skipped = ?, removed = ?, seconds = ?"
            " WHERE id = ?", (_now(), analysed, reused, skipped, removed, round(seconds, 3), run_id))
