"""``kg render GRAPH.graphml -o PAGE.html``: the explorer page of any GraphML that follows the contract.

Registered on the ``kg`` group in :mod:`kg.cli` with ``main.add_command(render)``. Without
the store of a build, the evidence shown for an edge is the ``evidence`` sentence and the
``sources`` article ids written on it in the GraphML.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import click
import networkx as nx

from kg.export.html import page_data, render_page
from kg.fsutil import write_atomic

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class RenderError(click.ClickException):
    """A GraphML file kg cannot draw: reported without a traceback, exit status 2."""

    exit_code = 2

    def show(self, file=None) -> None:
        click.echo(f"kg: error: {self.format_message()}", err=True, file=file)


def read_graph(path: Path) -> nx.Graph:
    """The graph of a GraphML file (parallel edges kept), or a :class:`RenderError` saying why not."""
    try:
        return nx.read_graphml(path, force_multigraph=True)
    except ET.ParseError as exc:
        raise RenderError(f"{path} is not GraphML: it is not well-formed XML ({exc}).") from None
    except nx.NetworkXError as exc:
        raise RenderError(f"{path} is not GraphML that kg can read: {exc}.") from None
    except (KeyError, ValueError, TypeError) as exc:
        raise RenderError(f"{path} is not GraphML that kg can read: a bad key or value ({exc}).") from None
    except OSError as exc:
        raise RenderError(f"cannot read {path}: {exc.strerror or exc}.") from None


@click.command(name="render", context_settings=CONTEXT)
@click.argument("graph", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="The HTML page to write (replaced atomically).")
@click.option("--max-nodes", type=click.IntRange(min=1), default=None,
              help="Draw only the N most mentioned nodes; the page says what was left out.")
@click.option("--title", default="", help="Title of the page (default: the GraphML file's name).")
def render(graph: Path, output: Path, max_nodes: int | None, title: str) -> None:
    """Draw GRAPH, a GraphML file such as the graph.graphml of `kg build`, as one offline
    HTML page: search by name or alias, legend, filters, details and evidence sentences.

    \b
    Examples:
      kg render out/graph.graphml -o page.html
      kg render big.graphml -o big.html --max-nodes 2000 --title "AI news"
    """
    if output.is_dir():
        raise RenderError(f"{output} is a folder; give the path of the page to write, e.g. {output / 'graph.html'}.")
    if not output.parent.is_dir():
        raise RenderError(f"the folder of {output} does not exist; create it first.")
    g = read_graph(graph)
    data = page_data(g, max_nodes=max_nodes, title=title or graph.stem)
    try:
        write_atomic(output, render_page(data))
    except OSError as exc:
        raise RenderError(f"cannot write {output}: {exc.strerror or exc}.") from None
    left_out = f"; {data['omitted_nodes']} nodes left out (--max-nodes)" if data["omitted_nodes"] else ""
    click.echo(f"kg: drew {data['shown_nodes']} nodes and {data['shown_edges']} edges{left_out} -> {output}", err=True)


__all__ = ["render", "read_graph", "RenderError"]
