"""The ``kg`` command line (click). Options become one :class:`~kg.settings.Settings` value."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from kg import __version__
from kg.errors import KgError, UsageError
from kg.settings import Settings, default_jobs

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class ProgressReporter:
    """Progress bar on stderr (articles done / total, characters per second)."""

    def __init__(self, quiet: bool = False, stream=None) -> None:
        self.quiet = quiet
        self.stream = stream or sys.stderr
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.total = 0
        self.done = 0
        self.chars_total = 0
        self.chars = 0
        self.t0 = time.perf_counter()
        self._last = 0.0
        self._drawn = False

    def _echo(self, text: str) -> None:
        if self._drawn:
            click.echo("\r\033[K", file=self.stream, nl=False)
            self._drawn = False
        click.echo(text, file=self.stream)

    def start(self, articles: int, chars: int) -> None:
        self.total, self.chars_total = articles, chars
        self.t0 = time.perf_counter()
        if not self.quiet and articles:
            if not self.tty:
                self._echo(f"kg: analysing {articles} article(s), {chars:,} new characters")
            self._draw(force=True)

    def advance(self, articles: int = 0, chars: int = 0) -> None:
        self.done += articles
        self.chars += chars
        self._draw()

    def _draw(self, force: bool = False) -> None:
        if self.quiet or not self.tty or not self.total:
            return
        now = time.perf_counter()
        if not force and now - self._last < 0.1 and self.done < self.total:
            return
        self._last = now
        elapsed = max(now - self.t0, 1e-6)
        rate = self.chars / elapsed
        width = 30
        filled = int(width * self.done / self.total) if self.total else width
        eta = ""
        if self.chars and self.chars_total > self.chars:
            eta = f" ETA {int((self.chars_total - self.chars) / max(rate, 1)):d}s"
        line = (f"\r\033[Karticles {self.done}/{self.total} [{'#' * filled}{'-' * (width - filled)}] "
                f"{rate:,.0f} chars/s{eta}")
        click.echo(line, file=self.stream, nl=False)
        self._drawn = True

    def skipped(self, path: str, reason: str) -> None:
        self._echo(f"kg: skipped {path}: {reason}")

    def warning(self, message: str) -> None:
        self._echo(f"kg: warning: {message}")

    def stage(self, message: str) -> None:
        pass

    def finish(self) -> None:
        if self._drawn:
            click.echo("", file=self.stream)
            self._drawn = False


def _fail(exc: KgError) -> None:
    click.echo(f"kg: error: {exc}", err=True)
    sys.exit(exc.exit_code)


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="kg")
def main() -> None:
    """kg — turn a corpus of Japanese articles into a knowledge graph.

    \b
    Examples:
      kg build corpus/ -o out/          analyse corpus/ and write out/graph.html, graph.graphml, ...
      kg build a.md feeds/news.jsonl -o out/ --jobs 2
    """


@main.command(context_settings=CONTEXT)
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("-o", "--output", "outdir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Output directory (created if missing).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help=f"Analysis processes (default: all cores, here {default_jobs()}).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary; problems are still reported.")
@click.option("--dictionary", "dictionaries", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Extra entity dictionary (TSV: canonical<TAB>type<TAB>alias|alias); repeatable.")
@click.option("--aliases", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Alias file: 'canonical<TAB>alias|alias' lines merge names, '!name' lines keep a name apart.")
@click.option("--max-nodes", type=click.IntRange(min=1), default=None,
              help="Draw only the N most mentioned nodes in graph.html (the GraphML keeps all).")
@click.option("--title", default="", help="Title of graph.html.")
@click.option("--no-wait", is_flag=True, help="Fail at once if another build is writing to OUTDIR.")
@click.option("--scheduler", metavar="tcp://HOST:PORT", default=None,
              help="Analyse on an existing Dask cluster (dask.distributed) instead of local processes.")
@click.option("--model", default="ja_ginza", show_default=True, help="spaCy/GiNZA model package to load.")
def build(inputs, outdir, jobs, quiet, dictionaries, aliases, max_nodes, title, no_wait, scheduler, model) -> None:
    """Build the knowledge graph of INPUTS (files or folders) into OUTDIR.

    Reads .md/.markdown (YAML front matter), .txt, .html/.htm and .jsonl articles; folders
    are searched recursively. A later build into the same OUTDIR re-analyses only new or
    changed articles. Writes graph.graphml, graph.gexf, graph.html, mentions.jsonl,
    relations.jsonl and the store kg.sqlite.
    """
    from kg.build import run_build

    settings = Settings(
        inputs=tuple(inputs), outdir=outdir, jobs=jobs or default_jobs(), model=model,
        dictionaries=tuple(dictionaries), aliases=aliases, max_nodes=max_nodes, title=title,
        wait_for_lock=not no_wait, scheduler=scheduler,
    )
    reporter = ProgressReporter(quiet=quiet)
    try:
        summary = run_build(settings, reporter)
    except KgError as exc:
        reporter.finish()
        _fail(exc)
    except KeyboardInterrupt:
        reporter.finish()
        click.echo("kg: interrupted; articles already analysed are kept in the store", err=True)
        sys.exit(130)
    if not quiet:
        click.echo(f"kg: {summary.line()} -> {outdir}")


def _register() -> None:
    from kg.cli_export import export
    from kg.cli_render import render

    main.add_command(export)
    main.add_command(render)


_register()


def run() -> None:  # pragma: no cover
    main()


__all__ = ["main", "UsageError"]
