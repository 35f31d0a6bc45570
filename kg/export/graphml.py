"""GraphML for Gephi, yEd, igraph and networkx.

Key ids equal the attribute names (Gephi reads ``label``, ``r``/``g``/``b``, ``size``,
``x``/``y`` on nodes and ``edgelabel``/``weight`` on edges by those names), node and edge
attributes never share a name, every value is a string, int or float (never a list, a dict
or null) and characters XML 1.0 forbids are replaced.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

import networkx as nx

from kg.export.xmltext import xml_safe

#: Carriage returns survive XML parsing only as character references.
_CR = {"\r": "&#13;"}
#: GraphML attr.type of each Python value type.
GRAPHML_TYPES = {bool: "boolean", int: "int", float: "float", str: "string"}


class GraphMLError(ValueError):
    """An attribute value GraphML (and the contract) cannot hold."""


def _type_of(name: str, value: object) -> str:
    t = GRAPHML_TYPES.get(type(value))
    if t is None:
        raise GraphMLError(f"attribute {name!r} has a {type(value).__name__} value; only str, int, float "
                           "and bool can be written to GraphML")
    return t


def _keys(items, scope: str) -> dict[str, str]:
    types: dict[str, str] = {}
    for data in items:
        for k, v in data.items():
            t = _type_of(k, v)
            old = types.get(k)
            if old is None:
                types[k] = t
            elif old != t:
                if {old, t} == {"int", "float"}:
                    types[k] = "float"
                else:
                    raise GraphMLError(f"{scope} attribute {k!r} mixes {old} and {t} values")
    return types


def _fmt(value: object, t: str) -> str:
    if t == "boolean":
        return "true" if value else "false"
    if t == "float":
        return repr(float(value))
    return xml_safe(str(value))


def graphml_bytes(g: nx.MultiDiGraph) -> bytes:
    """The graph as a GraphML document (UTF-8), deterministic for a given graph."""
    node_keys = _keys((d for _, d in g.nodes(data=True)), "node")
    edge_keys = _keys((d for _, _, d in g.edges(data=True)), "edge")
    shared = set(node_keys) & set(edge_keys)
    if shared:
        raise GraphMLError(f"node and edge attributes share names {sorted(shared)}: key ids would collide")
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
        'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ]
    for scope, keys in (("node", node_keys), ("edge", edge_keys)):
        for name, t in keys.items():
            out.append(f'  <key id={quoteattr(name)} for="{scope}" attr.name={quoteattr(name)} attr.type="{t}"/>')
    out.append('  <graph edgedefault="directed">')
    for node, data in g.nodes(data=True):
        out.append(f"    <node id={quoteattr(xml_safe(str(node)))}>")
        for k, v in data.items():
            out.append(f"      <data key={quoteattr(k)}>{escape(_fmt(v, node_keys[k]), _CR)}</data>")
        out.append("    </node>")
    for u, v, key, data in g.edges(keys=True, data=True):
        out.append(f"    <edge id={quoteattr(xml_safe(str(key)))} source={quoteattr(xml_safe(str(u)))} "
                   f"target={quoteattr(xml_safe(str(v)))}>")
        for k, val in data.items():
            out.append(f"      <data key={quoteattr(k)}>{escape(_fmt(val, edge_keys[k]), _CR)}</data>")
        out.append("    </edge>")
    out.append("  </graph>")
    out.append("</graphml>")
    return ("\n".join(out) + "\n").encode("utf-8")
