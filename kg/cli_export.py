"""``kg export``: re-export a built graph from ``OUTDIR/kg.sqlite``, filtered, without the model.

Registered on the ``kg`` group by :mod:`kg.cli` (``main.add_command(export)``); this module
imports nothing from :mod:`kg.cli`, so either can be imported first.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.errors import KgError
from kg.model import ENTITY_TYPES

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
FORMATS = ("graphml", "gexf", "json", "csv", "html")
KINDS = ("relation", "cooccurrence")


def _types(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> frozenset[str]:
    chosen: set[str] = set()
    for value in values:
        for t in value.split(","):
            t = t.strip().lower()
            if not t:
                continue
            if t not in ENTITY_TYPES:
                raise click.BadParameter(f"unknown entity type {t!r}; valid types: {', '.join(ENTITY_TYPES)}",
                                         ctx=ctx, param=param)
            chosen.add(t)
    if values and not chosen:
        raise click.BadParameter(f"no type given; valid types: {', '.join(ENTITY_TYPES)}", ctx=ctx, param=param)
    return frozenset(chosen)


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from kg.export.gexf import iso_date

    if not iso_date(value):
        raise click.BadParameter(f"{value!r} is not a date written YYYY-MM-DD (e.g. 2025-01-31)", ctx=ctx, param=param)
    return value


@click.command("export", context_settings=CONTEXT)
@click.option("--from", "outdir", required=True, metavar="OUTDIR",
              type=click.Path(file_okay=False, path_type=Path),
              help="Output directory of a `kg build` (reads its kg.sqlite).")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="graphml, gexf (Gephi, with a timeline), json (networkx node-link), csv (nodes.csv + "
                   "edges.csv for pandas and neo4j-admin import) or html (the explorer). "
                   "Default: from the extension of -o.")
@click.option("-o", "--output", required=True, metavar="PATH",
              help="File to write ('-' for standard output); a directory for --format csv.")
@click.option("--types", "types", multiple=True, callback=_types, metavar="TYPE[,TYPE...]",
              help=f"Keep only nodes of these types ({', '.join(ENTITY_TYPES)}); repeatable.")
@click.option("--kind", type=click.Choice(KINDS), default=None,
              help="Keep only relation edges or only co-occurrence edges.")
@click.option("--min-weight", type=click.IntRange(min=1), default=1, show_default=True, metavar="N",
              help="Keep only edges supported by at least N mentions.")
@click.option("--since", callback=_date, metavar="YYYY-MM-DD",
              help="Keep only mentions and evidence from articles dated on or after this day.")
@click.option("--until", callback=_date, metavar="YYYY-MM-DD",
              help="Keep only mentions and evidence from articles dated on or before this day.")
@click.option("--include-undated", is_flag=True,
              help="With --since/--until, keep articles without a date too (dropped by default).")
@click.option("--articles", "article_globs", multiple=True, metavar="GLOB",
              help="Keep only articles whose id matches GLOB (fnmatch: * ? [..]; * matches / too); repeatable.")
@click.option("--drop-isolated", is_flag=True, help="Drop nodes left without any edge by the filters.")
@click.option("--aliases", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Alias file, as for `kg build`: 'canonical<TAB>alias|alias' merges, '!name' keeps apart.")
@click.option("--max-nodes", type=click.IntRange(min=1), default=None, metavar="N",
              help="html: draw only the N most mentioned nodes.")
@click.option("--title", default="", help="Title of the html page and description of the GEXF.")
@click.option("-q", "--quiet", is_flag=True, help="No summary on stderr; problems are still reported.")
def export(outdir: Path, fmt: str | None, output: str, types: frozenset[str], kind: str | None, min_weight: int,
           since: str | None, until: str | None, include_undated: bool, article_globs: tuple[str, ...],
           drop_isolated: bool, aliases: Path | None, max_nodes: int | None, title: str, quiet: bool) -> None:
    """Re-export the graph of a build from OUTDIR/kg.sqlite, filtered, without re-analysis.

    The GiNZA model is not loaded: the graph, its layout and communities are rebuilt from
    the stored results in a second or two. Filters keep the layout of the full graph, so a
    filtered export lines up with the full one.

    \b
    Examples:
      kg export --from out/ -o out/companies.graphml --types company,agency
      kg export --from out/ -o out/2025.gexf --since 2025-01-01 --until 2025-12-31
      kg export --from out/ -f json -o - --kind relation | jq '.edges | length'
      kg export --from out/ -f csv -o out/neo4j --min-weight 2
      kg export --from out/ -o out/ai.html --articles 'ai/*'
    """
    from kg.export.filters import GraphFilter
    from kg.outputs import FORMAT_OF_SUFFIX, STORE_FILE, ExportSettings, run_export

    if not (outdir / STORE_FILE).is_file():
        raise click.BadParameter(
            f"{outdir} holds no {STORE_FILE}: run `kg build INPUT... -o {outdir}` first; "
            "kg export re-exports what a build stored", param_hint="'--from'")
    target = None if output == "-" else Path(output)
    if fmt is None:
        fmt = FORMAT_OF_SUFFIX.get(target.suffix.lower()) if target is not None else None
        if fmt is None:
            raise click.BadParameter(f"cannot tell the format from {output!r}; give --format "
                                     f"({', '.join(FORMATS)})", param_hint="'-o' / '--output'")
    if since and until and since > until:
        raise click.BadParameter(f"--since {since} is after --until {until}", param_hint="'--since'")
    flt = GraphFilter(types=types, kind=kind, min_weight=min_weight, since=since, until=until,
                      include_undated=include_undated, articles=tuple(article_globs), drop_isolated=drop_isolated)
    settings = ExportSettings(outdir=outdir, fmt=fmt, output=target, filter=flt, aliases=aliases, title=title,
                              max_nodes=max_nodes)
    try:
        if target is None:
            with click.open_file("-", "wb") as stdout:
                summary = run_export(settings, stream=stdout)
        else:
            summary = run_export(settings)
    except KgError as exc:
        click.echo(f"kg: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    for w in summary.warnings:
        click.echo(f"kg: warning: {w}", err=True)
    if not quiet:
        click.echo(f"kg: {summary.line()}", err=True)


__all__ = ["export"]
