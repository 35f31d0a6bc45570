"""``graph.html``: one self-contained, offline page to explore the graph.

pyvis assembles the vis-network nodes and edges; the page itself is our own template
(``static/explorer.html`` with ``explorer.js``/``explorer.css``), because pyvis's template
links CDNs (bootstrap, tom-select) and writes article text into the page as HTML.
vis-network's script and style are inlined from the pyvis package, so the page makes no
network request. All data goes into the page as JSON inside a ``<script
type="application/json">`` element (``<``, ``>`` and ``&`` escaped) and the page's script
inserts every string into the DOM as text.

The page draws any graph that follows the contract: a :class:`~kg.graph.KnowledgeGraph` from
a build (evidence sentences, article titles, dates and links from the store) or a bare
networkx graph read from GraphML (evidence from the edges' ``evidence``/``sources``).
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from html import escape
from importlib import resources as _res
from pathlib import Path

import networkx as nx

from kg.graph import TYPE_COLORS, TYPE_NAMES_JA, Evidence, KnowledgeGraph, hex_color

STATIC = _res.files("kg") / "export" / "static"
#: Evidence sentences kept per edge in the page (the edge says how many there are in all),
#: and fewer on pages with more edges than BIG_EDGES, to keep those pages light.
MAX_EVIDENCE = 10
MAX_EVIDENCE_BIG = 3
BIG_EDGES = 2500
#: Articles listed per node in the details panel.
MAX_NODE_ARTICLES = 30
#: Most mentioned nodes named in the "left out by --max-nodes" notice.
MAX_OMITTED_NAMED = 15
#: Colour of a node whose type is not in the palette.
OTHER_COLOR = hex_color("")
_URL_OK = re.compile(r"^https?://", re.IGNORECASE)


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


def safe_url(url: object) -> str:
    """``url`` when it is an http(s) URL, else "" (no ``javascript:``, ``data:`` or relative links)."""
    text = str(url or "").strip()
    return text if _URL_OK.match(text) and not any(c.isspace() for c in text) else ""


def _num(value: object, default: float) -> float:
    try:
        out = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default
    return out if math.isfinite(out) else default


def _int(value: object, default: int = 0) -> int:
    return int(_num(value, default))


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _split(joined: object) -> list[str]:
    return [s for s in (p.strip() for p in _text(joined).split(" | ")) if s]


def _node_color(d: dict) -> str:
    etype = _text(d.get("type"))
    if etype in TYPE_COLORS:
        return hex_color(etype)
    try:
        r, g, b = (max(0, min(255, int(d[k]))) for k in ("r", "g", "b"))
    except (KeyError, TypeError, ValueError):
        return OTHER_COLOR
    return f"#{r:02x}{g:02x}{b:02x}"


def _has_layout(g: nx.Graph, nodes: list) -> bool:
    """True when the nodes carry a precomputed layout (x, y not all missing or zero)."""
    return any(_num(g.nodes[n].get("x"), 0.0) or _num(g.nodes[n].get("y"), 0.0) for n in nodes)


def _evidence_items(evs: list[Evidence]) -> list[dict]:
    out, seen = [], set()
    for e in evs:
        key = (e.article, e.start, e.end)
        if key in seen:
            continue
        seen.add(key)
        out.append({"article": e.article, "date": e.date, "text": e.text})
    return out


def page_data(source: KnowledgeGraph | nx.Graph, *, max_nodes: int | None = None, title: str = "kg") -> dict:
    """The data the page draws: nodes, edges, articles, legend entries and what was left out.

    Args:
        source: a built knowledge graph (evidence and articles from the store) or a bare
            networkx graph that follows the contract (evidence from the edge attributes).
        max_nodes: draw only this many nodes, the most mentioned first.
        title: the page's title.
    """
    from pyvis.network import Network

    if isinstance(source, KnowledgeGraph):
        g: nx.Graph = source.graph
        evidence, articles = source.evidence, source.articles
        entities = source.resolution.entities if source.resolution is not None else {}
    else:
        g, evidence, articles, entities = source, {}, {}, {}
    directed = g.is_directed()

    keep = list(g.nodes)
    if max_nodes is not None and len(keep) > max_nodes:
        keep = sorted(keep, key=lambda n: (-_int(g.nodes[n].get("mentions")), str(n)))[:max_nodes]
    kept = set(keep)
    layout = _has_layout(g, keep)

    # always "directed" for pyvis: an undirected Network drops parallel edges (and checks each new
    # edge against all others); the arrows are ours to set
    net = Network(directed=True, cdn_resources="in_line")
    used_articles: set[str] = set()
    for node in g.nodes:
        if node not in kept:
            continue
        d = g.nodes[node]
        extra: dict = {}
        if layout:
            extra = {"x": _num(d.get("x"), 0.0), "y": _num(d.get("y"), 0.0)}
        for k in ("value", "unit"):  # the normalised quantity of an amount node ("value" means size to vis)
            if _text(d.get(k)):
                extra[f"amount_{k}"] = _text(d.get(k))
        ent = entities.get(node)
        node_articles = sorted(ent.articles, key=lambda a: (articles[a].date if a in articles else "", a),
                               reverse=True)[:MAX_NODE_ARTICLES] if ent else []
        used_articles.update(node_articles)
        net.add_node(
            str(node),
            label=_text(d.get("label", node)) or str(node),
            color=_node_color(d),
            size=_num(d.get("size"), 10.0),
            type=_text(d.get("type")),
            aliases=_text(d.get("aliases")),
            mentions=_int(d.get("mentions")),
            articles=_int(d.get("articles")),
            article_ids=node_articles,
            first_seen=_text(d.get("first_seen")),
            last_seen=_text(d.get("last_seen")),
            degree=_int(d.get("degree"), g.degree(node)),
            **extra,
        )

    edge_rows = [(u, v, k, d) for u, v, k, d in g.edges(keys=True, data=True) if u in kept and v in kept]
    max_evidence = MAX_EVIDENCE if len(edge_rows) <= BIG_EDGES else MAX_EVIDENCE_BIG
    ids = [str(k) for _, _, k, _ in edge_rows]
    unique_ids = len(set(ids)) == len(ids)
    for n, (u, v, key, d) in enumerate(edge_rows):
        kind = _text(d.get("kind")) or "relation"
        rel = kind == "relation"
        relation = _text(d.get("relation")) or (_text(d.get("edgelabel")) if rel else "")
        sources = _split(d.get("sources"))
        stored = _evidence_items(evidence.get(str(key), []))
        if stored:
            items = stored[:max_evidence]
        elif _text(d.get("evidence")):
            items = [{"article": sources[0] if len(sources) == 1 else "", "date": _text(d.get("date")),
                      "text": _text(d.get("evidence"))}]
        else:
            items = []
        used_articles.update(i["article"] for i in items if i["article"])
        used_articles.update(sources)
        weight = max(1, _int(d.get("weight"), 1))
        net.add_edge(
            str(u),
            str(v),
            id=ids[n] if unique_ids else f"e{n}",
            label=relation if rel else "",
            kind=kind,
            relation=relation,
            weight=weight,
            value=weight,
            date=_text(d.get("date")),
            latest=_text(d.get("latest")),
            amount_value=_text(d.get("amount_value")),
            amount_unit=_text(d.get("amount_unit")),
            modality=_text(d.get("modality")),
            evidence=items,
            evidence_total=max(len(stored), len(items)),
            sources=sources,
            arrows="to" if rel and directed else "",
        )
    nodes, edges, *_ = net.get_network_data()

    counts = Counter(n["type"] for n in nodes)
    types = [{"type": t, "name": TYPE_NAMES_JA[t], "color": hex_color(t), "count": counts.get(t, 0)}
             for t in TYPE_COLORS]
    first_color = {}
    for n in nodes:
        first_color.setdefault(n["type"], n["color"])
    types += [{"type": t, "name": t or "(none)", "color": first_color[t], "count": counts[t]}
              for t in sorted(counts) if t not in TYPE_COLORS]

    omitted = [n for n in g.nodes if n not in kept]
    omitted.sort(key=lambda n: (-_int(g.nodes[n].get("mentions")), str(n)))
    return {
        "title": title,
        "directed": directed,
        "layout": layout,
        "nodes": nodes,
        "edges": edges,
        "types": types,
        "articles": {
            a: {"title": articles[a].title, "date": articles[a].date, "url": safe_url(articles[a].url)}
            for a in sorted(used_articles) if a in articles
        },
        "max_nodes": max_nodes,
        "total_nodes": g.number_of_nodes(),
        "total_edges": g.number_of_edges(),
        "shown_nodes": len(nodes),
        "shown_edges": len(edges),
        "omitted_nodes": len(omitted),
        "omitted_edges": g.number_of_edges() - len(edges),
        "omitted_types": dict(sorted(Counter(_text(g.nodes[n].get("type")) for n in omitted).items(),
                                     key=lambda kv: (-kv[1], kv[0]))),
        "omitted_top": [{"label": _text(g.nodes[n].get("label", n)) or str(n),
                         "mentions": _int(g.nodes[n].get("mentions"))} for n in omitted[:MAX_OMITTED_NAMED]],
    }


def html_page(source: KnowledgeGraph | nx.Graph, *, max_nodes: int | None = None, title: str = "kg") -> str:
    """The whole page as a string (write it as UTF-8)."""
    return render_page(page_data(source, max_nodes=max_nodes, title=title))


def render_page(data: dict) -> str:
    """The page that draws ``data`` (from :func:`page_data`)."""
    title = str(data.get("title", "kg"))
    vis_js, vis_css = _vis_assets()
    template = (STATIC / "explorer.html").read_text(encoding="utf-8")
    js = (STATIC / "explorer.js").read_text(encoding="utf-8")
    css = (STATIC / "explorer.css").read_text(encoding="utf-8")
    parts = {
        "{{TITLE}}": escape(title),
        "{{VIS_CSS}}": re.sub("</style", "<\\\\/style", vis_css, flags=re.IGNORECASE),
        "{{KG_CSS}}": css,
        "{{VIS_JS}}": re.sub("</script", "<\\\\/script", vis_js, flags=re.IGNORECASE),
        "{{KG_DATA}}": safe_json(data),
        "{{KG_JS}}": js,
    }
    # one pass over the template: text from articles is never scanned for placeholders
    return re.sub(r"\{\{[A-Z_]+\}\}", lambda m: parts.get(m.group(0), m.group(0)), template)
