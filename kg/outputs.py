"""From the store to output files: the files of a build and ``kg export`` (no model needed).

Both read ``OUTDIR/kg.sqlite`` in one read transaction (a build writing at the same time is
seen before or after, never half), rebuild the graph with its analytics
(:func:`kg.graph.build_graph`, deterministic) and write it with the writers of
:mod:`kg.export`. ``kg export`` first narrows the graph with a
:class:`~kg.export.filters.GraphFilter`. Nothing here imports spaCy.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import UsageError
from kg.export.csvfiles import csv_tables
from kg.export.filters import GraphFilter, apply_filter
from kg.export.gexf import gexf_bytes, iso_date
from kg.export.graphml import graphml_bytes
from kg.export.html import html_page
from kg.export.nodelink import node_link_bytes
from kg.export.tables import mentions_jsonl, relations_jsonl
from kg.fsutil import write_all_atomic, write_atomic
from kg.graph import ArticleInfo, KnowledgeGraph, build_graph
from kg.model import Mention, Relation
from kg.resolve import AliasRules, resolve
from kg.settings import Settings
from kg.store import Store

OUTPUT_FILES = ("graph.graphml", "graph.gexf", "graph.html", "mentions.jsonl", "relations.jsonl")
STORE_FILE = "kg.sqlite"
#: Formats of ``kg export``.
FORMATS = ("graphml", "gexf", "json", "csv", "html")
#: The format an output file name implies.
FORMAT_OF_SUFFIX = {".graphml": "graphml", ".gexf": "gexf", ".json": "json", ".html": "html", ".htm": "html"}
#: What ``--format csv`` writes into its directory.
CSV_FILES = ("nodes.csv", "edges.csv")


@contextmanager
def _snapshot(store: Store) -> Iterator[None]:
    """One read transaction: every query inside sees the same state of the store."""
    if store.db.in_transaction:
        yield
        return
    store.db.execute("BEGIN")
    try:
        yield
    finally:
        store.db.execute("COMMIT")


def graph_from_store(store: Store, aliases: AliasRules | None = None
                     ) -> tuple[KnowledgeGraph, list[Mention], list[Relation]]:
    """The knowledge graph of everything stored, with the mentions and relations behind it."""
    with _snapshot(store):
        arts = [ArticleInfo(a.id, a.title, a.date, a.url, a.text) for a in store.articles()]
        mentions = list(store.mentions())
        relations = list(store.relations())
        spans = store.sentence_spans()
    kg = build_graph(arts, mentions, relations, spans, resolve(mentions, aliases))
    return kg, mentions, relations


def timeline(kg: KnowledgeGraph) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Dates of the articles behind each node and each edge (for GEXF spells).

    Only articles dated ``YYYY-MM-DD`` count: undated articles add no date (see
    :mod:`kg.export.gexf`). An edge's dates are those of the articles of its evidence
    sentences, a subset of the dates of both its ends.
    """
    dated = {aid: a.date for aid, a in kg.articles.items() if iso_date(a.date)}
    node_dates: dict[str, set[str]] = {}
    for (article, _s, _e), eid in kg.resolution.of_mention.items():
        if article in dated and eid in kg.graph:
            node_dates.setdefault(eid, set()).add(dated[article])
    edge_dates = {key: sorted({dated[e.article] for e in evs if e.article in dated})
                  for key, evs in kg.evidence.items()}
    return {k: sorted(v) for k, v in node_dates.items()}, edge_dates


def default_title(kg: KnowledgeGraph) -> str:
    return f"kg — {len(kg.articles)} articles"


def render(kg: KnowledgeGraph, fmt: str, *, title: str = "", max_nodes: int | None = None) -> dict[str, bytes]:
    """The files of one export format: file name -> bytes ("" names the single file of a format)."""
    title = title or default_title(kg)
    if fmt == "graphml":
        return {"": graphml_bytes(kg.graph)}
    if fmt == "gexf":
        return {"": gexf_bytes(kg.graph, *timeline(kg), description=title)}
    if fmt == "json":
        return {"": node_link_bytes(kg.graph, title=title)}
    if fmt == "html":
        return {"": html_page(kg, max_nodes=max_nodes, title=title).encode("utf-8")}
    if fmt == "csv":
        nodes, edges = csv_tables(kg.graph)
        return {CSV_FILES[0]: nodes.encode("utf-8"), CSV_FILES[1]: edges.encode("utf-8")}
    raise UsageError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")


def write_outputs(store: Store, out: Path, settings: Settings) -> KnowledgeGraph:
    """Write every file of a build into ``out`` (each replaced atomically)."""
    kg, mentions, relations = graph_from_store(store, AliasRules.load(settings.aliases))
    title = settings.title or default_title(kg)
    # all five are written first, then renamed in a row: a killed build leaves no mix of old and new
    write_all_atomic({
        out / "mentions.jsonl": mentions_jsonl(kg, mentions),
        out / "relations.jsonl": relations_jsonl(kg, relations),
        out / "graph.graphml": render(kg, "graphml")[""],
        out / "graph.gexf": render(kg, "gexf", title=title)[""],
        out / "graph.html": html_page(kg, max_nodes=settings.max_nodes, title=title),
    })
    return kg


# --------------------------------------------------------------------------- kg export


@dataclass(frozen=True, slots=True)
class ExportSettings:
    """Everything ``kg export`` was asked to do."""

    outdir: Path
    fmt: str
    #: the file (the directory for ``csv``); None writes to ``stream``
    output: Path | None
    filter: GraphFilter = field(default_factory=GraphFilter)
    aliases: Path | None = None
    title: str = ""
    max_nodes: int | None = None


@dataclass(slots=True)
class ExportSummary:
    fmt: str = ""
    nodes: int = 0
    edges: int = 0
    total_nodes: int = 0
    total_edges: int = 0
    articles: int = 0
    total_articles: int = 0
    files: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def line(self) -> str:
        what = f"{self.nodes} nodes, {self.edges} edges"
        if (self.nodes, self.edges, self.articles) != (self.total_nodes, self.total_edges, self.total_articles):
            what += (f" (of {self.total_nodes} nodes, {self.total_edges} edges; "
                     f"{self.articles} of {self.total_articles} articles)")
        where = ", ".join(self.files) or "stdout"
        return f"exported {what} as {self.fmt} -> {where} in {self.seconds:.2f} s"


def _same_file(a: Path, b: Path) -> bool:
    return a.resolve() == b.resolve()


def _check_output(settings: ExportSettings, store_path: Path) -> None:
    out = settings.output
    if out is None:
        if settings.fmt == "csv":
            raise UsageError("--format csv writes two files (nodes.csv, edges.csv) into a directory: "
                             "give -o a directory, e.g. -o out/csv")
        return
    targets = [out / name for name in CSV_FILES] if settings.fmt == "csv" else [out]
    for t in targets:
        for protected in (store_path, store_path.with_name(STORE_FILE + "-wal"),
                          store_path.with_name(STORE_FILE + "-shm")):
            if _same_file(t, protected):
                raise UsageError(f"refusing to overwrite the store {protected} with the export: choose another -o")
    if settings.fmt == "csv":
        if out.suffix.lower() == ".csv":
            raise UsageError(f"--format csv writes nodes.csv and edges.csv into a directory, not into one file "
                             f"{out}: give -o a directory, e.g. -o {out.with_suffix('')}")
        if out.exists() and not out.is_dir():
            raise UsageError(f"{out} exists and is not a directory; --format csv writes a directory")
    elif out.is_dir():
        raise UsageError(f"{out} is a directory; --format {settings.fmt} writes one file, e.g. -o {out / ('graph.' + settings.fmt)}")


def run_export(settings: ExportSettings, stream=None) -> ExportSummary:
    """Export the graph stored in ``settings.outdir`` (no model is loaded).

    Args:
        settings: what to export, filtered how, to where.
        stream: a binary stream for ``settings.output is None`` (standard output).
    """
    t0 = time.perf_counter()
    if settings.fmt not in FORMATS:
        raise UsageError(f"unknown export format {settings.fmt!r}; choose one of {', '.join(FORMATS)}")
    store_path = Path(settings.outdir) / STORE_FILE
    if not store_path.is_file():
        raise UsageError(f"{settings.outdir} holds no {STORE_FILE}: run `kg build INPUT... -o {settings.outdir}` "
                         "first; kg export re-exports what a build stored")
    _check_output(settings, store_path)
    aliases = AliasRules.load(settings.aliases)
    with Store(store_path) as store:
        kg, mentions, _relations = graph_from_store(store, aliases)

    flt = settings.filter
    summary = ExportSummary(fmt=settings.fmt, total_nodes=kg.graph.number_of_nodes(),
                            total_edges=kg.graph.number_of_edges(), total_articles=len(kg.articles))
    if flt.articles and not any(flt.matches_id(a) for a in kg.articles):
        sample = ", ".join(sorted(kg.articles)[:5]) or "(the store holds no article)"
        raise UsageError(f"no article id matches --articles {' '.join(flt.articles)}; "
                         f"article ids look like: {sample}")
    view = apply_filter(kg, mentions, flt)
    if flt.time_window and not any(iso_date(a.date) for a in view.articles.values()):
        dates = sorted(a.date for a in kg.articles.values() if iso_date(a.date))
        span = f"{dates[0]} to {dates[-1]}" if dates else "no article has a date"
        summary.warnings.append(f"no dated article falls within the time window (the corpus: {span})")
    if view.graph.number_of_nodes() == 0:
        summary.warnings.append("the filters leave an empty graph")

    files = render(view, settings.fmt, title=settings.title, max_nodes=settings.max_nodes)
    if settings.output is None:
        if stream is None:  # pragma: no cover - the CLI always passes its stdout
            raise UsageError("no output given")
        stream.write(files[""])
        stream.flush()
    elif settings.fmt == "csv":
        settings.output.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            write_atomic(settings.output / name, data)
            summary.files.append(str(settings.output / name))
    else:
        settings.output.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(settings.output, files[""])
        summary.files.append(str(settings.output))
    summary.nodes = view.graph.number_of_nodes()
    summary.edges = view.graph.number_of_edges()
    summary.articles = len(view.articles)
    summary.seconds = time.perf_counter() - t0
    return summary
