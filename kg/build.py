"""``kg build``: read the corpus, analyse what changed, extract, store, and write the outputs."""

from __future__ import annotations

import sqlite3
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg import __version__
from kg.corpus import printable, read_inputs
from kg.errors import StoreError, UsageError
from kg.extract import Resources, extract_article, extraction_digest
from kg.fsutil import remove_stale_temporaries
from kg.lock import OutdirLock
from kg.model import Article, Chunk, Skipped
from kg.nlp import Analyzer, NlpConfig, article_sentences, fit_chunks
from kg.outputs import OUTPUT_FILES, write_outputs
from kg.settings import Settings, default_jobs
from kg.store import Store


class Reporter:
    """What a build tells its user; the CLI's implementation draws a progress bar."""

    def start(self, articles: int, chars: int) -> None: ...

    def advance(self, articles: int = 0, chars: int = 0) -> None: ...

    def skipped(self, path: str, reason: str) -> None: ...

    def warning(self, message: str) -> None: ...

    def stage(self, message: str) -> None: ...

    def finish(self) -> None: ...


@dataclass(slots=True)
class Summary:
    analysed: int = 0
    reused: int = 0
    skipped: int = 0
    #: articles read but not analysed because of an error (counted in ``skipped`` too)
    failed: int = 0
    removed: int = 0
    chunks_analysed: int = 0
    chars_analysed: int = 0
    entities: int = 0
    relations: int = 0
    edges: int = 0
    seconds: float = 0.0
    model_loaded: bool = False
    outputs: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (f"{self.analysed} analysed, {self.reused} reused, {self.skipped} skipped, "
                f"{self.removed} removed; {self.entities} entities, {self.relations} relations; "
                f"{self.seconds:.1f} s")


@dataclass(frozen=True, slots=True)
class _Plan:
    article: Article
    chunks: tuple[Chunk, ...]


def _plan(article: Article) -> _Plan:
    return _Plan(article, tuple(fit_chunks(article.chunks)))


def run_build(settings: Settings, reporter: Reporter | None = None) -> Summary:
    """Build the graph of ``settings.inputs`` into ``settings.outdir``.

    Every article is committed to the store as soon as it is analysed and the outputs are
    replaced atomically, so a build killed at any moment loses nothing done and breaks nothing
    written; the next build picks up where it stopped.
    """
    try:
        return _run_build(settings, reporter)
    except sqlite3.Error as exc:
        store = Path(settings.outdir) / "kg.sqlite"
        raise StoreError(f"the store {store} failed ({exc}); the articles stored before are kept: run the "
                         "build again, or delete the store to start afresh") from None


def _run_build(settings: Settings, reporter: Reporter | None) -> Summary:
    rep = reporter or Reporter()
    t0 = time.perf_counter()
    out = Path(settings.outdir)
    if out.exists() and not out.is_dir():
        raise UsageError(f"output path {out} exists and is not a directory")
    out.mkdir(parents=True, exist_ok=True)
    summary = Summary()
    resources = Resources.load(settings.dictionaries)
    patterns = resources.span_ruler_patterns()
    config = NlpConfig(model=settings.model, patterns=patterns, patterns_digest=resources.patterns_digest,
                       batch_size=settings.batch_size)
    fingerprint = config.fingerprint
    extraction = f"{fingerprint}|extraction={extraction_digest()}|resources={resources.digest}"

    with OutdirLock(out, wait=settings.wait_for_lock, on_wait=rep.warning), Store(out / "kg.sqlite") as store:
        # only one writer gets here: temporaries beside the outputs are a killed build's leftovers
        if stale := remove_stale_temporaries(out, OUTPUT_FILES):
            rep.stage(f"removed {len(stale)} temporary file(s) left by an interrupted build")
        run_id = store.begin_run(__version__, extraction)
        states = store.article_states()

        # pass 1: what is new, changed or gone; which chunks need the model
        seen: set[str] = set()
        pending: set[str] = set()
        missing_chars = 0
        queued: set[str] = set()
        n_articles = 0
        for item in read_inputs(settings.inputs):
            if isinstance(item, Skipped):
                summary.skipped += 1
                rep.skipped(item.path, item.reason)
                key = item.article_id or item.path
                seen.add(key)
                store.save_skipped(item)
                continue
            n_articles += 1
            seen.add(item.id)
            for w in item.warnings:
                rep.warning(f"{item.path}: {w}")
            state = states.get(item.id)
            if state and state == (item.sha256, "ok", extraction):
                summary.reused += 1
                continue
            pending.add(item.id)
            for chunk in _plan(item).chunks:
                if chunk.key not in queued and not store.has_chunk(chunk.key, fingerprint):
                    queued.add(chunk.key)
                    missing_chars += len(chunk.text)
        if n_articles == 0:
            what = "no input could be read" if summary.skipped else "no articles found in the inputs"
            raise UsageError(f"{what}; nothing was built (kg reads .md, .markdown, .txt, .html, .htm, .jsonl)")
        gone = [aid for aid in states if aid not in seen]
        summary.removed = store.delete_articles(gone)

        # pass 2: analyse missing chunks (in order, streamed) and extract each pending article
        rep.start(len(pending), missing_chars)
        if pending:
            summary.model_loaded = bool(queued)
            _analyse_and_extract(settings, store, config, fingerprint, extraction, pending, resources, rep,
                                 summary, use_model=bool(queued))
        rep.finish()
        store.prune_chunks(fingerprint)
        rep.stage("writing outputs")
        kg = write_outputs(store, out, settings)
        summary.entities = kg.graph.number_of_nodes()
        summary.relations = sum(1 for *_, d in kg.graph.edges(data=True) if d.get("kind") == "relation")
        summary.edges = kg.graph.number_of_edges()
        summary.seconds = time.perf_counter() - t0
        store.end_run(run_id, analysed=summary.analysed, reused=summary.reused, skipped=summary.skipped,
                      removed=summary.removed, seconds=summary.seconds)
    return summary


def _analyse_and_extract(settings: Settings, store: Store, config: NlpConfig, fingerprint: str, extraction: str,
                         pending: set[str], resources: Resources, rep: Reporter, summary: Summary,
                         use_model: bool) -> None:
    waiting: deque[_Plan] = deque()
    queued: set[str] = set()
    available: set[str] = set()

    def finish_ready() -> None:
        while waiting:
            plan = waiting[0]
            if any(c.key not in available for c in plan.chunks):
                return
            waiting.popleft()
            art = plan.article
            try:
                analyses = store.get_chunks([c.key for c in plan.chunks], fingerprint)
                sentences = article_sentences(art, plan.chunks, [analyses[c.key] for c in plan.chunks])
                mentions, relations = extract_article(art, sentences, resources)
                store.save_article(art, chunk_keys=[c.key for c in plan.chunks], fingerprint=fingerprint,
                                   extraction=extraction, sentences=sentences, mentions=mentions,
                                   relations=relations)
            except (sqlite3.OperationalError, MemoryError):
                raise  # the store or the machine is failing, not this article
            except Exception as exc:  # one bad article never stops the build: record it, go on
                reason = (f"analysis failed ({type(exc).__name__}: {printable(str(exc))[:200]}); "
                          "recorded as an error, the next build tries it again")
                store.save_failed(art.id, art.path, reason)
                summary.failed += 1
                summary.skipped += 1
                rep.skipped(art.path, reason)
            else:
                summary.analysed += 1
            rep.advance(articles=1)

    def texts() -> Iterator[tuple[str, str]]:
        for item in read_inputs(settings.inputs):
            if isinstance(item, Skipped) or item.id not in pending:
                continue
            plan = _plan(item)
            waiting.append(plan)
            for chunk in plan.chunks:
                if chunk.key in queued or chunk.key in available:
                    continue
                if store.has_chunk(chunk.key, fingerprint):
                    available.add(chunk.key)
                    continue
                queued.add(chunk.key)
                yield chunk.key, chunk.text
            finish_ready()

    if not use_model:
        for _ in texts():  # pragma: no cover - every chunk is cached when the model is not needed
            pass
        finish_ready()
        return

    jobs = max(1, settings.jobs or default_jobs())
    with Analyzer(config, jobs=jobs, scheduler=settings.scheduler) as analyzer:
        for key, analysis in analyzer.analyse(texts(), on_batch=lambda n: rep.advance(chars=n)):
            store.put_chunk(key, fingerprint, analysis)
            available.add(key)
            summary.chunks_analysed += 1
            finish_ready()
    finish_ready()
