"""GraphML for Gephi, yEd, igraph and networkx.

The document follows the GraphML schema and the project's contract:

* well-formed XML 1.0 in UTF-8: characters XML 1.0 forbids (C0 controls, lone surrogates,
  U+FFFE/U+FFFF) are replaced by U+FFFD, a carriage return is written as ``&#13;`` so that
  it survives parsing;
* one ``<key>`` per attribute, its id equal to the attribute name (Gephi reads ``label``,
  ``r``/``g``/``b``, ``size``, ``x``/``y`` on nodes and ``edgelabel``/``weight`` on edges by
  those names), ``for`` is ``node`` or ``edge`` and ``attr.type`` one of ``boolean int long
  float double string``; node and edge attributes never share a name, so every key id is
  unique; attribute names must be XML name tokens (``attr.name`` is an ``xs:NMTOKEN``);
* the attributes of the contract always get the contract's type (:data:`NODE_TYPES`,
  :data:`EDGE_TYPES`): an int where a float is due is written as a float, anything else
  that does not fit is refused; other attributes are typed from their values;
* every value is a string, an int, a float or a bool, never a list, a dict, null, NaN or an
  infinity (refused with :class:`GraphMLError`);
* node ids and edge ids are unique and every edge joins two nodes of the document;
  ``edgedefault="directed"``.
"""

from __future__ import annotations

import math
import numbers
import re
from xml.sax.saxutils import escape, quoteattr

import networkx as nx

from kg.export.xmltext import xml_safe

#: Carriage returns survive XML parsing only as character references.
_CR = {"\r": "&#13;"}
#: GraphML attr.type of each Python value type.
GRAPHML_TYPES = {bool: "boolean", int: "int", float: "float", str: "string"}
#: attr.type values the GraphML schema allows.
ATTR_TYPES = ("boolean", "int", "long", "float", "double", "string")
#: Node attributes of the contract and their GraphML types.
NODE_TYPES = {"label": "string", "type": "string", "aliases": "string", "mentions": "int", "articles": "int",
              "r": "int", "g": "int", "b": "int", "size": "float", "x": "float", "y": "float",
              "community": "int", "pagerank": "float", "degree": "int"}
#: Edge attributes of the contract and their GraphML types.
EDGE_TYPES = {"kind": "string", "edgelabel": "string", "relation": "string", "weight": "int",
              "evidence": "string", "sources": "string"}
# XML 1.0 NameChar, the characters of an xs:NMTOKEN
_NMTOKEN = re.compile(
    "^[-.0-9:A-Z_a-z\u00b7\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u037d\u037f-\u1fff\u200c\u200d\u203f\u2040"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff]+$"
)


class GraphMLError(ValueError):
    """An attribute value GraphML (and the contract) cannot hold."""


def value_type(name: str, value: object) -> str:
    """The GraphML type of one attribute value; :class:`GraphMLError` when it has none."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, numbers.Integral):
        return "int"
    if isinstance(value, numbers.Real):
        if not math.isfinite(float(value)):
            raise GraphMLError(f"attribute {name!r} is {value!r}; GraphML values must be finite numbers")
        return "float"
    if isinstance(value, str):
        return "string"
    what = "None" if value is None else type(value).__name__
    raise GraphMLError(f"attribute {name!r} has a {what} value; only str, int, float and bool can be "
                       "written to GraphML")


def _fits(declared: str, found: str) -> bool:
    return declared == found or (declared == "float" and found == "int")


def attribute_types(items, scope: str, contract: dict[str, str] | None = None) -> dict[str, str]:
    """Attribute name -> GraphML type over ``items`` (dicts), in order of first appearance.

    Names of ``contract`` get the contract's type; values that cannot be written with it raise.
    Other names mixing ints and floats become floats; any other mix raises.
    """
    contract = contract or {}
    types: dict[str, str] = {}
    for data in items:
        for k, v in data.items():
            if not isinstance(k, str) or not _NMTOKEN.match(k):
                raise GraphMLError(f"{scope} attribute name {k!r} is not an XML name token (letters, digits, "
                                   "'_', '-', '.', ':'), so it cannot be a GraphML key")
            t = value_type(k, v)
            want = contract.get(k)
            if want is not None:
                if not _fits(want, t):
                    raise GraphMLError(f"{scope} attribute {k!r} must be {want} (the contract), got {t} {v!r}")
                types.setdefault(k, want)
                continue
            old = types.get(k)
            if old is None:
                types[k] = t
            elif old != t:
                if {old, t} == {"int", "float"}:
                    types[k] = "float"
                else:
                    raise GraphMLError(f"{scope} attribute {k!r} mixes {old} and {t} values")
    return types


def format_value(value: object, t: str) -> str:
    """The text of one value of GraphML type ``t`` (XML-safe, not yet escaped)."""
    if t == "boolean":
        return "true" if value else "false"
    if t in ("float", "double"):
        return repr(float(value))  # type: ignore[arg-type]
    if t in ("int", "long"):
        return str(int(value))  # type: ignore[call-overload]
    return xml_safe(str(value))


def _unique(ids: list[str], what: str) -> None:
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            raise GraphMLError(f"two {what}s would both have the id {i!r} in GraphML")
        seen.add(i)


def graphml_bytes(g: nx.MultiDiGraph) -> bytes:
    """The graph as a GraphML document (UTF-8), deterministic for a given graph."""
    node_keys = attribute_types((d for _, d in g.nodes(data=True)), "node", NODE_TYPES)
    edge_keys = attribute_types((d for _, _, d in g.edges(data=True)), "edge", EDGE_TYPES)
    shared = set(node_keys) & set(edge_keys)
    if shared:
        raise GraphMLError(f"node and edge attributes share names {sorted(shared)}: key ids would collide")
    node_id = {n: xml_safe(str(n)) for n in g.nodes}
    _unique(list(node_id.values()), "node")
    edges = list(g.edges(keys=True, data=True))
    edge_ids = [xml_safe(str(k)) for _, _, k, _ in edges]
    _unique(edge_ids, "edge")
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
        out.append(f"    <node id={quoteattr(node_id[node])}>")
        for k, v in data.items():
            out.append(f"      <data key={quoteattr(k)}>{escape(format_value(v, node_keys[k]), _CR)}</data>")
        out.append("    </node>")
    for (u, v, _key, data), eid in zip(edges, edge_ids, strict=True):
        out.append(f"    <edge id={quoteattr(eid)} source={quoteattr(node_id[u])} target={quoteattr(node_id[v])}>")
        for k, val in data.items():
            out.append(f"      <data key={quoteattr(k)}>{escape(format_value(val, edge_keys[k]), _CR)}</data>")
        out.append("    </edge>")
    out.append("  </graph>")
    out.append("</graphml>")
    return ("\n".join(out) + "\n").encode("utf-8")
