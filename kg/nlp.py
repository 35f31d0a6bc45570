"""The only place that loads GiNZA: analyse chunks of prose into plain token tables.

A chunk's analysis is a small JSON-able dict (sentences, tokens, dictionary spans) in the
chunk's own coordinates; :func:`article_sentences` maps it back to article offsets. spaCy is
imported lazily, so reading the store, building the graph and exporting never pay for it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from kg.corpus import slice_chunk
from kg.errors import ModelError
from kg.model import Article, Chunk, Sentence, SpanTag, Token
from kg.settings import default_jobs

#: Sudachi refuses a text longer than this many UTF-8 bytes.
SUDACHI_MAX_BYTES = 49149
#: Chunks are cut below the limit, with a margin.
CHUNK_MAX_BYTES = 40000
#: Bump when the shape of a chunk analysis changes: every chunk is analysed again.
ANALYSIS_FORMAT = 5
#: Texts handed to ``nlp.pipe`` at once; memory grows with it (the model's 1000 is far too many).
BATCH_SIZE = 8
#: Components of ja_ginza the extractor does not use.
EXCLUDED_COMPONENTS = ("compound_splitter",)
#: Name of the span_ruler that applies kg's dictionaries.
RULER_NAME = "kg_dictionary"
#: kg's own NER head (scripts/train_ner.py): spaCy's transition-based NER over its own copy of
#: ja_ginza's tok2vec, fine-tuned on the Stockmark dev split. GiNZA's tok2vec stays as it is for the
#: parser and GiNZA's NER; the copy's architecture is saved beside the weights (config.json).
KG_NER_NAME = "kg_ner"
KG_NER_HEAD = {
    "@architectures": "spacy.TransitionBasedParser.v2",
    "state_type": "ner",
    "extra_state_tokens": False,
    "hidden_width": 64,
    "maxout_pieces": 2,
    "use_upper": True,
    "nO": None,
}
#: Where the trained weights live (absent: the head is not used).
KG_NER_DIR = Path(__file__).parent / "data" / "ner"


@dataclass(frozen=True, slots=True)
class NlpConfig:
    """What the analysis depends on: its fingerprint keys the cache of analysed chunks."""

    model: str = "ja_ginza"
    patterns: tuple[dict, ...] = ()
    patterns_digest: str = ""
    batch_size: int = BATCH_SIZE

    @property
    def fingerprint(self) -> str:
        return "|".join(
            [
                f"{self.model}={_version(self.model)}",
                f"spacy={_version('spacy')}",
                f"ginza={_version('ginza')}",
                f"format={ANALYSIS_FORMAT}",
                f"patterns={self.patterns_digest}",
                f"kg_ner={kg_ner_digest()}",
            ]
        )


def _version(dist: str) -> str:
    try:
        return metadata.version(dist.replace("_", "-"))
    except metadata.PackageNotFoundError:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return "unknown"


def kg_ner_digest() -> str:
    """Digest of the trained NER head's files ('none' when it is not installed)."""
    if not (KG_NER_DIR / "cfg").exists():
        return "none"
    h = hashlib.sha256()
    for p in sorted(KG_NER_DIR.rglob("*")):
        if p.is_file() and p.name != "TRAINING.json":
            h.update(p.relative_to(KG_NER_DIR).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def kg_ner_config() -> dict:
    """The head's factory config as trained: KG_NER_HEAD with the tok2vec it was trained with."""
    return json.loads((KG_NER_DIR / "config.json").read_text(encoding="utf-8"))


def half_precision(model_bytes: bytes) -> bytes:
    """A thinc model's serialised weights with float32 arrays stored as float16 (half the size)."""
    return _cast_params(model_bytes, "float32", "float16")


def full_precision(model_bytes: bytes) -> bytes:
    """The inverse of half_precision: float16 arrays back to the float32 the model computes in."""
    return _cast_params(model_bytes, "float16", "float32")


def _cast_params(model_bytes: bytes, src: str, dst: str) -> bytes:
    import numpy
    import srsly

    msg = srsly.msgpack_loads(model_bytes)
    for node in msg["params"]:
        for name, value in node.items():
            if isinstance(value, numpy.ndarray) and value.dtype == src:
                node[name] = value.astype(dst)
    return srsly.msgpack_dumps(msg)


def patterns_digest(patterns: Sequence[dict]) -> str:
    h = hashlib.sha256()
    for p in patterns:
        h.update(repr(sorted(p.items())).encode("utf-8"))
    return h.hexdigest()[:16]


# --------------------------------------------------------------------------- splitting

_SENTENCE_END_RE = re.compile(r"[。．！？!?\n]+[」』）)]*")


def fit_chunks(chunks: Iterable[Chunk], max_bytes: int = CHUNK_MAX_BYTES) -> list[Chunk]:
    """Cut chunks longer than ``max_bytes`` (UTF-8) at sentence ends, else at a comma or anywhere."""
    out: list[Chunk] = []
    for chunk in chunks:
        if len(chunk.text.encode("utf-8", "surrogatepass")) <= max_bytes:
            out.append(chunk)
            continue
        out.extend(_split_long(chunk, max_bytes))
    return out


def _split_long(chunk: Chunk, max_bytes: int) -> Iterator[Chunk]:
    text = chunk.text
    ends = [m.end() for m in _SENTENCE_END_RE.finditer(text)]
    start = 0
    while start < len(text):
        # the furthest sentence end that keeps the piece under the limit
        budget = 0
        limit = start
        for i in range(start, len(text)):
            budget += len(text[i].encode("utf-8", "surrogatepass"))
            if budget > max_bytes:
                break
            limit = i + 1
        if limit >= len(text):
            cut = len(text)
        else:
            fitting = [e for e in ends if start < e <= limit]
            if fitting:
                cut = fitting[-1]
            else:
                comma = max(text.rfind("、", start, limit), text.rfind(",", start, limit),
                            text.rfind(" ", start, limit))
                cut = comma + 1 if comma > start else limit
        piece = slice_chunk(chunk, start, cut)
        if piece.text.strip():
            yield piece
        start = cut


# --------------------------------------------------------------------------- the pipeline

_PIPELINES: dict[tuple, object] = {}
#: Component that keeps GiNZA's entities in doc.spans and clears doc.ents for kg's head.
KEEP_ENTS_NAME = "kg_keep_ginza_ents"
GINZA_SPANS = "ginza_ents"


#: Component that fixes sentence boundaries at sentence-final punctuation before the parser runs.
SENTENCE_BOUNDS_NAME = "kg_sentence_bounds"
SENTENCE_ENDERS = frozenset("。！？!?．")
CLOSERS = frozenset("」』）)】")
OPENERS = frozenset("「『（(【")
#: a chunk this short with no sentence ender is a headline
HEADLINE_MAX = 100


def mark_sentence_starts(doc) -> None:
    """A sentence starts after 。！？ (and the brackets closing right after them), nowhere else.

    GiNZA's parser otherwise cuts long sentences in the middle (…の回収 | ・有効利用…), which
    breaks their predicate-argument structure. The parser respects preset boundaries.
    """
    headline = len(doc.text) <= HEADLINE_MAX and not any(c in SENTENCE_ENDERS for c in doc.text)
    depth = 0
    for i in range(1, len(doc)):
        prev = doc[i - 1]
        cur = doc[i]
        depth = max(0, depth + (prev.text in OPENERS) - (prev.text in CLOSERS))
        if cur.text in CLOSERS:
            cur.is_sent_start = False
            continue
        j = i - 1
        while j > 0 and doc[j].text in CLOSERS:
            j -= 1
        ended = doc[j].text in SENTENCE_ENDERS or prev.text.strip() == "" and "\n" in prev.text
        if headline and not ended and depth == 0:
            ended = headline_break(doc, i)
        cur.is_sent_start = bool(ended)


def headline_break(doc, i: int) -> bool:
    """A headline's clauses are set apart by a space: 「…を買収 知多工場に電気炉を新設」 is two. Not a name's
    space (マリオカート ワールド, Waymo Driver): kana or Latin on both sides stays together."""
    prev = doc[i - 1]
    if prev.whitespace_:
        left = prev.text[-1:]
    elif prev.text == "\u3000" and i >= 2:  # the ideographic space is a token of its own
        left = doc[i - 2].text[-1:]
    else:
        return False
    return not (_name_char(left) and _name_char(doc[i].text[:1]))


def _name_char(ch: str) -> bool:
    """Katakana, a long-vowel mark or Latin alphanumerics: what names written with spaces are made of."""
    return bool(ch) and ("\u30a0" <= ch <= "\u30ff" or (ch.isascii() and ch.isalnum())  # (ー is U+30FC)
                         or "\uff21" <= ch <= "\uff5a")


def _register_components() -> None:
    from spacy.language import Language

    if Language.has_factory(KEEP_ENTS_NAME):
        return

    @Language.component(SENTENCE_BOUNDS_NAME)
    def sentence_bounds(doc):
        mark_sentence_starts(doc)
        return doc

    @Language.component(KEEP_ENTS_NAME)
    def keep_ginza_ents(doc):
        doc.spans[GINZA_SPANS] = list(doc.ents)
        # "missing", not "outside": an NER respects preset O tokens
        doc.set_ents([], default="missing")
        return doc


def load_pipeline(config: NlpConfig):
    """Load ja_ginza (once per process) with kg's dictionary span_ruler added."""
    key = (config.model, config.patterns_digest)
    if key in _PIPELINES:
        return _PIPELINES[key]
    try:
        import spacy
        import srsly
    except ImportError as exc:  # pragma: no cover - dependency missing
        raise ModelError("spaCy is not installed; run `make install`") from exc
    try:
        nlp = spacy.load(config.model, exclude=list(EXCLUDED_COMPONENTS))
    except OSError as exc:
        raise ModelError(
            f"cannot load the GiNZA model {config.model!r}; install it with `make install` "
            f"(pip install ja-ginza)"
        ) from exc
    _register_components()
    nlp.add_pipe(SENTENCE_BOUNDS_NAME, before="parser")
    if (KG_NER_DIR / "cfg").exists():
        # GiNZA's entities move to doc.spans, then kg's head predicts doc.ents
        nlp.add_pipe(KEEP_ENTS_NAME, last=True)
        head = nlp.add_pipe("ner", name=KG_NER_NAME, config=kg_ner_config(), last=True)
        head.from_disk(KG_NER_DIR, exclude=["vocab", "model"])
        weights = full_precision((KG_NER_DIR / "model").read_bytes())
        head.from_bytes(srsly.msgpack_dumps({"model": weights}), exclude=["vocab", "moves", "cfg"])
    if config.patterns:
        # first in the pipeline: spaCy's add_patterns runs every component before the ruler on
        # each pattern text (the whole model, 20 s for kg's dictionaries); ORTH matching needs
        # only the tokenizer, and the ruler writes doc.spans, which nothing else reads
        ruler = nlp.add_pipe(
            "span_ruler",
            first=True,
            name=RULER_NAME,
            config={"spans_key": RULER_NAME, "phrase_matcher_attr": "ORTH", "overwrite": False},
        )
        ruler.add_patterns(list(config.patterns))
    _PIPELINES[key] = nlp
    return nlp


_NAMEISH = re.compile(r"^[\u30a0-\u30ffA-Za-zＡ-Ｚａ-ｚ0-9０-９ー・.&\-]+$")


_OOV_CHECKERS: dict[int, Callable[[str], bool]] = {}


def _oov_checker(nlp) -> Callable[[str], bool]:
    """Whether Sudachi's dictionary lacks a word (checked for katakana and Latin words only).

    One checker, and so one cache, per loaded pipeline: batches share what earlier ones looked up."""
    if id(nlp) in _OOV_CHECKERS:
        return _OOV_CHECKERS[id(nlp)]
    sudachi = getattr(nlp.tokenizer, "tokenizer", None)
    cache: dict[str, bool] = {}

    def oov(word: str) -> bool:
        if sudachi is None or not _NAMEISH.match(word):
            return False
        if word not in cache:
            try:
                ms = sudachi.tokenize(word)
                cache[word] = len(ms) == 1 and ms[0].is_oov()
            except Exception:  # noqa: BLE001 - a lookup failure only loses a hint
                cache[word] = False
            if len(cache) > 200_000:
                cache.clear()
        return cache[word]

    _OOV_CHECKERS[id(nlp)] = oov
    return oov


def doc_to_analysis(doc, oov: Callable[[str], bool] | None = None) -> dict:
    """A spaCy Doc as a plain dict: sentences of token rows in the doc's own coordinates."""
    bi = doc.user_data.get("bunsetu_bi_labels") or ["B"] * len(doc)
    roles = doc.user_data.get("bunsetu_position_types") or [""] * len(doc)
    spans = doc.spans.get(RULER_NAME, [])
    if GINZA_SPANS in doc.spans:
        ginza_ents, kg_ents = list(doc.spans[GINZA_SPANS]), list(doc.ents)
    else:
        ginza_ents, kg_ents = list(doc.ents), []
    iob = ["O"] * len(doc)
    ent_type = [""] * len(doc)
    for e in ginza_ents:
        for i in range(e.start, e.end):
            iob[i] = "B" if i == e.start else "I"
            ent_type[i] = e.label_
    sents = []
    for sent in doc.sents:
        if not sent.text.strip():
            continue
        s0 = sent.start
        rows = []
        for t in sent:
            infl = t.morph.get("Inflection")
            rows.append(
                [
                    t.idx,
                    t.idx + len(t.text),
                    t.lemma_,
                    t.norm_,
                    t.pos_,
                    t.tag_,
                    t.dep_,
                    t.head.i - s0 if sent.start <= t.head.i < sent.end else t.i - s0,
                    iob[t.i],
                    ent_type[t.i],
                    1 if bi[t.i] == "B" else 0,
                    roles[t.i] or "",
                    infl[0] if infl else "",
                    1 if oov is not None and oov(t.text) else 0,
                ]
            )
        tags = [
            [sp.start - s0, sp.end - s0, sp.label_, sp.id_ or ""]
            for sp in spans
            if sp.start >= sent.start and sp.end <= sent.end
        ]
        ner = [[e.start - s0, e.end - s0, e.label_] for e in kg_ents if e.start >= sent.start and e.end <= sent.end]
        sents.append({"start": sent.start_char, "end": sent.end_char, "tokens": rows, "spans": tags, "ner": ner})
    return {"format": ANALYSIS_FORMAT, "sents": sents}


def analyse_texts(texts: Sequence[str], config: NlpConfig) -> list[dict]:
    """Analyse texts in this process (the model is loaded once per process)."""
    nlp = load_pipeline(config)
    oov = _oov_checker(nlp)
    return [doc_to_analysis(doc, oov) for doc in nlp.pipe(texts, batch_size=config.batch_size)]


# --------------------------------------------------------------------------- processes

_WORKER_CONFIG: NlpConfig | None = None


def _init_worker(config: NlpConfig) -> None:
    global _WORKER_CONFIG
    _WORKER_CONFIG = config
    load_pipeline(config)


def _worker_batch(texts: list[str]) -> list[dict]:
    assert _WORKER_CONFIG is not None
    return analyse_texts(texts, _WORKER_CONFIG)


def batches(texts: Iterable[tuple[str, str]], max_chars: int = 6000, max_items: int = 32
            ) -> Iterator[list[tuple[str, str]]]:
    """Group (key, text) pairs into batches of bounded size."""
    batch: list[tuple[str, str]] = []
    size = 0
    for item in texts:
        batch.append(item)
        size += len(item[1])
        if size >= max_chars or len(batch) >= max_items:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


_REMOTE_LOCK = threading.Lock()


def analyse_batch_remote(texts: list[str], config: NlpConfig) -> list[dict]:
    """The task a Dask worker runs: the model is loaded once per worker process.

    spaCy's Japanese tokenizer is not thread-safe, so a worker with several threads analyses
    one batch at a time (run workers with ``--nthreads 1`` and several processes instead)."""
    with _REMOTE_LOCK:
        return analyse_texts(texts, config)


class Analyzer:
    """Analyses (key, text) pairs in this process, a pool of worker processes, or a Dask cluster.

    Results come back in input order; at most a small window of batches is in flight, so
    memory does not grow with the corpus.
    """

    def __init__(self, config: NlpConfig, jobs: int = 1, scheduler: str | None = None) -> None:
        self.config = config
        self.jobs = max(1, jobs)
        self.scheduler = scheduler
        self._pool = None
        self._client = None
        self._config_future = None

    def __enter__(self) -> Analyzer:
        if self.scheduler:
            self._connect()
        elif self.jobs > 1 or default_jobs() > 1:
            # GiNZA in worker processes (even one), so that the main process extracts and stores while
            # the model runs; only on a single core is everything done here
            import multiprocessing as mp

            ctx = mp.get_context("fork" if os.name == "posix" else "spawn")
            self._pool = ctx.Pool(self.jobs, initializer=_init_worker, initargs=(self.config,))
        else:
            load_pipeline(self.config)
        return self

    def _connect(self) -> None:
        try:
            from dask.distributed import Client
        except ImportError as exc:  # pragma: no cover - installed by make install
            raise ModelError("--scheduler needs dask.distributed; run `make install`") from exc
        try:
            self._client = Client(self.scheduler, timeout=30, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise ModelError(f"cannot reach the Dask scheduler at {self.scheduler} ({exc}); start it with "
                             "`dask scheduler` and workers with `dask worker SCHEDULER --nthreads 1`") from exc
        workers = len(self._client.scheduler_info().get("workers", {}))
        self.jobs = max(1, workers)
        # the dictionaries' patterns travel once to every worker, not with every batch
        self._config_future = self._client.scatter(self.config, broadcast=True)

    def __exit__(self, *exc) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._pool is not None:
            if exc[0] is None:
                self._pool.close()
            else:
                self._pool.terminate()
            self._pool.join()
            self._pool = None

    def analyse(self, items: Iterable[tuple[str, str]],
                on_batch: Callable[[int], None] | None = None) -> Iterator[tuple[str, dict]]:
        """Yield (key, analysis) for each (key, text), in order."""
        if self._client is not None:
            window: deque = deque()
            limit = self.jobs * 3
            for batch in batches(items):
                fut = self._client.submit(analyse_batch_remote, [t for _, t in batch], self._config_future, pure=False)
                window.append((batch, fut))
                while len(window) >= limit:
                    yield from self._collect_remote(window.popleft(), on_batch)
            while window:
                yield from self._collect_remote(window.popleft(), on_batch)
            return
        if self._pool is None:
            for batch in batches(items):
                results = analyse_texts([t for _, t in batch], self.config)
                if on_batch:
                    on_batch(sum(len(t) for _, t in batch))
                yield from zip((k for k, _ in batch), results, strict=True)
            return
        window: deque = deque()
        limit = self.jobs * 3
        for batch in batches(items):
            window.append((batch, self._pool.apply_async(_worker_batch, ([t for _, t in batch],))))
            while len(window) >= limit:
                yield from self._collect(window.popleft(), on_batch)
        while window:
            yield from self._collect(window.popleft(), on_batch)

    @staticmethod
    def _collect_remote(entry, on_batch) -> Iterator[tuple[str, dict]]:
        batch, fut = entry
        results = fut.result()
        fut.release()
        if on_batch:
            on_batch(sum(len(t) for _, t in batch))
        yield from zip((k for k, _ in batch), results, strict=True)

    @staticmethod
    def _collect(entry, on_batch) -> Iterator[tuple[str, dict]]:
        batch, result = entry
        results = result.get()
        if on_batch:
            on_batch(sum(len(t) for _, t in batch))
        yield from zip((k for k, _ in batch), results, strict=True)


# --------------------------------------------------------------------------- mapping back

def article_sentences(article: Article, chunks: Sequence[Chunk], analyses: Sequence[dict]) -> list[Sentence]:
    """The sentences of an article in article offsets, from its chunks' analyses."""
    out: list[Sentence] = []
    for chunk, analysis in zip(chunks, analyses, strict=True):
        for sent in analysis["sents"]:
            rows = sent["tokens"]
            if not rows:
                continue
            tokens = []
            for i, r in enumerate(rows):
                a, b = chunk.to_article(r[0], r[1])
                tokens.append(
                    Token(i, a, b, chunk.text[r[0]:r[1]], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9],
                          bool(r[10]), r[11], r[12], bool(r[13]))
                )
            s, e = chunk.to_article(sent["start"], sent["end"])
            spans = tuple(SpanTag(*sp) for sp in sent.get("spans", ()))
            ner = tuple(SpanTag(a, b, label, "") for a, b, label in sent.get("ner", ()))
            out.append(Sentence(len(out), s, e, article.text[s:e], tuple(tokens), spans, ner))
    return out
