"""GEXF 1.3 for Gephi: colours, sizes and positions (viz) and a timeline (spells).

Each node and edge carries one spell per date of the articles behind it, so Gephi's
Timeline plays the corpus. Elements whose articles have no date carry no spell: Gephi shows
them at every time (they are timeless).
"""

from __future__ import annotations

import datetime as _dt
from xml.sax.saxutils import escape, quoteattr

import networkx as nx

from kg.export.graphml import GRAPHML_TYPES
from kg.export.xmltext import xml_safe

_GEXF_TYPES = {"boolean": "boolean", "int": "integer", "float": "double", "string": "string"}
#: Attributes written as viz or as the element's own fields, not as attvalues.
_NODE_BUILTIN = {"label", "r", "g", "b", "size", "x", "y"}
_EDGE_BUILTIN = {"weight"}


def _attr_types(items, skip: set[str]) -> dict[str, str]:
    types: dict[str, str] = {}
    for data in items:
        for k, v in data.items():
            if k in skip:
                continue
            t = _GEXF_TYPES[GRAPHML_TYPES.get(type(v), "string")]
            if types.get(k) not in (None, t):
                t = "double" if {types[k], t} <= {"integer", "double"} else "string"
            types[k] = t
    return types


def _value(v: object) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return repr(v)
    return xml_safe(str(v))


def _attvalues(data: dict, types: dict[str, str]) -> list[str]:
    lines = ["        <attvalues>"]
    for k in types:
        if k in data:
            lines.append(f"          <attvalue for={quoteattr(k)} value={quoteattr(_value(data[k]))}/>")
    lines.append("        </attvalues>")
    return lines


def _spells(dates: list[str]) -> list[str]:
    if not dates:
        return []
    lines = ["        <spells>"]
    for d in dates:
        lines.append(f'          <spell start="{d}" end="{d}"/>')
    lines.append("        </spells>")
    return lines


def gexf_bytes(g: nx.MultiDiGraph, dates_of_node: dict[str, list[str]], dates_of_edge: dict[str, list[str]],
               *, description: str = "") -> bytes:
    """The graph as GEXF 1.3 with viz data and spells."""
    node_types = _attr_types((d for _, d in g.nodes(data=True)), _NODE_BUILTIN)
    edge_types = _attr_types((d for _, _, d in g.edges(data=True)), _EDGE_BUILTIN)
    today = _dt.date(2000, 1, 1).isoformat()  # fixed: the same input gives the same bytes
    all_dates = sorted({d for ds in dates_of_node.values() for d in ds})
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">',
        f'  <meta lastmodifieddate="{today}">',
        "    <creator>kg</creator>",
        f"    <description>{escape(xml_safe(description))}</description>",
        "  </meta>",
    ]
    mode = "dynamic" if all_dates else "static"
    out.append(f'  <graph defaultedgetype="directed" mode="{mode}" timeformat="date" timerepresentation="interval">')
    for cls, types in (("node", node_types), ("edge", edge_types)):
        out.append(f'    <attributes class="{cls}" mode="static">')
        for name, t in types.items():
            out.append(f"      <attribute id={quoteattr(name)} title={quoteattr(name)} type=\"{t}\"/>")
        out.append("    </attributes>")
    out.append("    <nodes>")
    for node, d in g.nodes(data=True):
        label = xml_safe(str(d.get("label", node)))
        out.append(f"      <node id={quoteattr(xml_safe(str(node)))} label={quoteattr(label)}>")
        out.extend(_attvalues(d, node_types))
        out.extend(_spells(dates_of_node.get(node, [])))
        r, gg, b = d.get("r", 150), d.get("g", 150), d.get("b", 150)
        out.append(f'        <viz:color r="{int(r)}" g="{int(gg)}" b="{int(b)}" a="1.0"/>')
        out.append(f'        <viz:size value="{float(d.get("size", 10.0))!r}"/>')
        out.append(f'        <viz:position x="{float(d.get("x", 0.0))!r}" y="{float(d.get("y", 0.0))!r}" z="0.0"/>')
        out.append("      </node>")
    out.append("    </nodes>")
    out.append("    <edges>")
    for u, v, key, d in g.edges(keys=True, data=True):
        label = xml_safe(str(d.get("edgelabel", "")))
        out.append(
            f"      <edge id={quoteattr(xml_safe(str(key)))} source={quoteattr(xml_safe(str(u)))} "
            f"target={quoteattr(xml_safe(str(v)))} label={quoteattr(label)} "
            f'weight="{float(d.get("weight", 1))!r}">'
        )
        out.extend(_attvalues(d, edge_types))
        out.extend(_spells(dates_of_edge.get(key, [])))
        out.append("      </edge>")
    out.append("    </edges>")
    out.append("  </graph>")
    out.append("</gexf>")
    return ("\n".join(out) + "\n").encode("utf-8")
