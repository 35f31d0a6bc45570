"""``graph.html``: one self-contained, offline page to explore the graph.

pyvis assembles the vis-network nodes, edges and options; the page itself is our own
template (``static/explorer.html`` with ``explorer.js``/``explorer.css``), because pyvis's
template links CDNs (bootstrap, tom-select) and writes article text into the page as HTML.
vis-network's script and style are inlined from the pyvis package, so the page makes no
network request. All data goes into the page as JSON inside a ``<script
type="application/json">`` element (``<`` escaped) and is inserted into the DOM as text.
"""

from __future__ import annotations

import json
import re
from importlib import resources as _res
from pathlib import Path

import networkx as nx

from kg.graph import TYPE_COLORS, TYPE_NAMES_JA, Evidence, KnowledgeGraph, hex_color

STATIC = _res.files("kg") / "export" / "static"
#: Evidence sentences kept per edge in the page.
MAX_EVIDENCE = 5


def _vis_assets() -> tuple[str, str]:
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    return ((lib / "vis-network.min.js").read_text(encoding="utf-8"),
            (lib / "vis-network.css").read_text(encoding="utf-8"))


def safe_json(obj: object) -> str:
    """JSON that can sit inside a <script> element: no '<', '>' or '&' characters."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _evidence_json(evs: list[Evidence], kg: KnowledgeGraph) -> list[dict]:
    out = []
    for e in evs[:MAX_EVIDENCE]:
        art = kg.articles.get(e.article)
        out.append({"article": e.article, "title": art.title if art else "", "date": e.date,
                    "url": art.url if art else "", "text": e.text})
    return out


def page_data(kg: KnowledgeGraph, *, max_nodes: int | None = None, title: str = "kg") -> dict:
    """The data the page draws: nodes, edges, types and what was left out."""
    from pyvis.network import Network

    g: nx.MultiDiGraph = kg.graph
    keep = list(g.nodes)
    if max_nodes is not None and len(keep) > max_nodes:
        keep = sorted(keep, key=lambda n: (-int(g.nodes[n].get("mentions", 0)), str(n)))[:max_nodes]
    kept = set(keep)

    net = Network(directed=True, cdn_resources="in_line")
    for node in g.nodes:
        if node not in kept:
            continue
        d = g.nodes[node]
        net.add_node(
            str(node),
            label=str(d.get("label", node)),
            color=hex_color(str(d.get("type", ""))),
            size=float(d.get("size", 10.0)),
            x=float(d.get("x", 0.0)),
            y=float(d.get("y", 0.0)),
            type=str(d.get("type", "")),
            aliases=str(d.get("aliases", "")),
            mentions=int(d.get("mentions", 0)),
            articles=int(d.get("articles", 0)),
            first_seen=str(d.get("first_seen", "")),
            last_seen=str(d.get("last_seen", "")),
            community=int(d.get("community", 0)),
        )
    n_edges = 0
    for u, v, key, d in g.edges(keys=True, data=True):
        if u not in kept or v not in kept:
            continue
        n_edges += 1
        rel = d.get("kind") == "relation"
        net.add_edge(
            str(u),
            str(v),
            id=str(key),
            label=str(d.get("edgelabel", "")) if rel else "",
            kind=str(d.get("kind", "")),
            relation=str(d.get("relation", "")),
            weight=int(d.get("weight", 1)),
            value=int(d.get("weight", 1)),
            date=str(d.get("date", "")),
            latest=str(d.get("latest", "")),
            amount_value=str(d.get("amount_value", "")),
            amount_unit=str(d.get("amount_unit", "")),
            modality=str(d.get("modality", "")),
            evidence=_evidence_json(kg.evidence.get(str(key), []), kg) or (
                [{"article": d.get("sources", ""), "title": "", "date": d.get("date", ""), "url": "",
                  "text": d.get("evidence", "")}] if d.get("evidence") else []),
            sources=str(d.get("sources", "")),
            arrows="to" if rel else "",
            dashes=not rel,
        )
    nodes, edges, *_ = net.get_network_data()
    types = [{"type": t, "name": TYPE_NAMES_JA[t], "color": hex_color(t)} for t in TYPE_COLORS]
    return {
        "title": title,
        "nodes": nodes,
        "edges": edges,
        "types": types,
        "total_nodes": g.number_of_nodes(),
        "total_edges": g.number_of_edges(),
        "shown_nodes": len(nodes),
        "shown_edges": n_edges,
        "omitted_nodes": g.number_of_nodes() - len(nodes),
    }


def html_page(kg: KnowledgeGraph, *, max_nodes: int | None = None, title: str = "kg") -> str:
    """The whole page as a string (UTF-8 when written)."""
    data = page_data(kg, max_nodes=max_nodes, title=title)
    vis_js, vis_css = _vis_assets()
    template = (STATIC / "explorer.html").read_text(encoding="utf-8")
    js = (STATIC / "explorer.js").read_text(encoding="utf-8")
    css = (STATIC / "explorer.css").read_text(encoding="utf-8")
    from html import escape

    parts = {
        "{{TITLE}}": escape(title),
        "{{VIS_CSS}}": vis_css.replace("</style", "<\\/style"),
        "{{KG_CSS}}": css,
        "{{VIS_JS}}": vis_js.replace("</script", "<\\/script"),
        "{{KG_DATA}}": safe_json(data),
        "{{KG_JS}}": js,
    }
    # one pass over the template: text from articles is never scanned for placeholders
    return re.sub(r"\{\{[A-Z_]+\}\}", lambda m: parts.get(m.group(0), m.group(0)), template)
