"""GEXF 1.3 for Gephi: colours, sizes and positions (viz) and a timeline (spells).

What Gephi gets:

* every node's ``viz:color`` (the colour of its type, the palette of the HTML legend),
  ``viz:size`` (grows with its mentions) and ``viz:position`` (the layout kg computed), so
  the graph opens already drawn; its other attributes (``type``, ``aliases``, ``mentions``,
  ``community``, ``pagerank``, ...) as typed ``attvalues`` to colour, size and filter by;
* every edge's ``label`` (the relation, or ``共起`` for co-occurrence), ``weight`` and
  ``kind``: GEXF 1.3 keeps parallel edges apart by their kind, so the relations between
  two entities are not merged into one edge on import;
* a timeline. Each node and each edge carries one spell per date of the articles behind it
  (``<spell start="2025-01-02" end="2025-01-02"/>``; the graph is ``mode="dynamic"``,
  ``timeformat="date"``), so Gephi's Timeline plays the corpus day by day, and a wider
  Timeline window shows everything said within it.

Articles without a date stay timeless: they add no spell. An element known only from
undated articles has no spell at all, and Gephi shows it at every time; an element also
named by dated articles appears at those dates only. No date is invented from a file's
modification time (it changes on every copy or checkout, so the same corpus would not give
the same timeline). Dates that are not ``YYYY-MM-DD`` are left out the same way.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from xml.sax.saxutils import escape, quoteattr

import networkx as nx

from kg.export.graphml import attribute_types, format_value
from kg.export.xmltext import xml_safe

GEXF_TYPES = {"boolean": "boolean", "int": "integer", "long": "long", "float": "double", "double": "double",
              "string": "string"}
#: Attributes written as viz or as the element's own XML attributes, not as attvalues.
NODE_BUILTIN = frozenset({"label", "r", "g", "b", "size", "x", "y"})
EDGE_BUILTIN = frozenset({"weight"})
_DEFAULT_COLOR = (150, 150, 150)


class GEXFError(ValueError):
    """A graph or a date GEXF cannot hold."""


def iso_date(text: str) -> bool:
    """Whether ``text`` is a real calendar date written ``YYYY-MM-DD``."""
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        return False
    try:
        _dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _attr_types(items: Iterable[dict], skip: frozenset[str], scope: str) -> dict[str, str]:
    items = ({k: v for k, v in d.items() if k not in skip} for d in items)
    return {k: GEXF_TYPES[t] for k, t in attribute_types(items, scope).items()}


def _value(v: object, t: str) -> str:
    if t == "double":
        return format_value(v, "float")
    if t in ("integer", "long"):
        return format_value(v, "int")
    if t == "boolean":
        return format_value(v, "boolean")
    return format_value(v, "string")


def _number(v: object, default: float) -> float:
    try:
        return float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default


def _attvalues(data: Mapping, types: dict[str, str]) -> list[str]:
    rows = [f"          <attvalue for={quoteattr(k)} value={quoteattr(_value(data[k], t))}/>"
            for k, t in types.items() if k in data]
    return ["        <attvalues>", *rows, "        </attvalues>"] if rows else []


def _spells(dates: Iterable[str]) -> list[str]:
    good = sorted({d for d in dates if iso_date(d)})
    if not good:
        return []
    return ["        <spells>", *(f'          <spell start="{d}" end="{d}"/>' for d in good), "        </spells>"]


def _color(d: Mapping) -> tuple[int, int, int]:
    rgb = []
    for k, default in zip("rgb", _DEFAULT_COLOR, strict=True):
        c = int(_number(d.get(k, default), default))
        rgb.append(min(255, max(0, c)))
    return rgb[0], rgb[1], rgb[2]


def gexf_bytes(g: nx.MultiDiGraph, dates_of_node: Mapping[str, Iterable[str]],
               dates_of_edge: Mapping[str, Iterable[str]], *, description: str = "") -> bytes:
    """The graph as GEXF 1.3 with viz data and spells, deterministic for a given input.

    Args:
        g: the graph (node attributes ``label``, ``r``/``g``/``b``, ``size``, ``x``/``y``
            become the node's label and viz; edge ``edgelabel`` and ``weight`` the edge's).
        dates_of_node: node id -> dates (``YYYY-MM-DD``) of the articles that mention it.
        dates_of_edge: edge key -> dates of the articles behind it.
        description: the file's description (Gephi shows it in the import report).
    """
    node_types = _attr_types((d for _, d in g.nodes(data=True)), NODE_BUILTIN, "node")
    edge_types = _attr_types((d for _, _, d in g.edges(data=True)), EDGE_BUILTIN, "edge")
    node_spells = {n: _spells(dates_of_node.get(n, ())) for n in g.nodes}
    edge_spells = {k: _spells(dates_of_edge.get(k, ())) for _, _, k in g.edges(keys=True)}
    dated = sorted({d for ds in dates_of_node.values() for d in ds if iso_date(d)})
    node_id = {n: xml_safe(str(n)) for n in g.nodes}
    if len(set(node_id.values())) != len(node_id):
        raise GEXFError("two nodes would have the same id in GEXF")
    # the latest article date, not the clock: the same input gives the same bytes
    modified = f' lastmodifieddate="{dated[-1]}"' if dated else ""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">',
        f"  <meta{modified}>",
        "    <creator>kg</creator>",
        f"    <description>{escape(xml_safe(description), {chr(13): '&#13;'})}</description>",
        "  </meta>",
    ]
    if any(node_spells.values()) or any(edge_spells.values()):
        out.append('  <graph defaultedgetype="directed" mode="dynamic" timeformat="date" '
                   'timerepresentation="interval">')
    else:
        out.append('  <graph defaultedgetype="directed" mode="static">')
    for cls, types in (("node", node_types), ("edge", edge_types)):
        if not types:
            continue
        out.append(f'    <attributes class="{cls}">')
        for name, t in types.items():
            out.append(f"      <attribute id={quoteattr(name)} title={quoteattr(name)} type=\"{t}\"/>")
        out.append("    </attributes>")
    out.append("    <nodes>")
    for node, d in g.nodes(data=True):
        label = xml_safe(str(d.get("label", node)))
        out.append(f"      <node id={quoteattr(node_id[node])} label={quoteattr(label)}>")
        out.extend(_attvalues(d, node_types))
        out.extend(node_spells[node])
        r, gg, b = _color(d)
        out.append(f'        <viz:color r="{r}" g="{gg}" b="{b}" a="1.0"/>')
        out.append(f'        <viz:size value="{_number(d.get("size"), 10.0)!r}"/>')
        out.append(f'        <viz:position x="{_number(d.get("x"), 0.0)!r}" y="{_number(d.get("y"), 0.0)!r}" z="0.0"/>')
        out.append("      </node>")
    out.append("    </nodes>")
    out.append("    <edges>")
    seen: set[str] = set()
    for u, v, key, d in g.edges(keys=True, data=True):
        eid = xml_safe(str(key))
        if eid in seen:
            raise GEXFError(f"two edges would have the id {eid!r} in GEXF")
        seen.add(eid)
        label = xml_safe(str(d.get("edgelabel", "")))
        kind = f" kind={quoteattr(label)}" if label.strip() else ""
        out.append(
            f"      <edge id={quoteattr(eid)} source={quoteattr(node_id[u])} target={quoteattr(node_id[v])} "
            f'label={quoteattr(label)}{kind} weight="{_number(d.get("weight", 1), 1.0)!r}">'
        )
        out.extend(_attvalues(d, edge_types))
        out.extend(edge_spells[key])
        out.append("      </edge>")
    out.append("    </edges>")
    out.append("  </graph>")
    out.append("</gexf>")
    return ("\n".join(out) + "\n").encode("utf-8")
