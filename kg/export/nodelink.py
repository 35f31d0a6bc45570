"""``--format json``: the graph as networkx node-link JSON.

``networkx.node_link_data(G, edges="edges")`` written as UTF-8 JSON: ``{"directed": true,
"multigraph": true, "graph": {"title": ...}, "nodes": [{...attributes, "id": node}],
"edges": [{...attributes, "source": u, "target": v, "key": edge key}]}``. Read it back with
``networkx.node_link_graph(data, edges="edges")``; d3 and most JavaScript graph libraries read
the same shape. Attribute values follow the GraphML rules (strings, ints, floats, bools; no
NaN) and strings are exactly those of the GraphML (characters XML 1.0 forbids, lone
surrogates among them, replaced by U+FFFD), so the file is plain UTF-8 JSON any parser
accepts and every format carries the same graph.
"""

from __future__ import annotations

import json

import networkx as nx

from kg.export.graphml import EDGE_TYPES, NODE_TYPES, GraphMLError, attribute_types
from kg.export.xmltext import xml_safe

_RESERVED_NODE = {"id"}
_RESERVED_EDGE = {"source", "target", "key"}


def _safe(obj):
    """``obj`` with every string as the GraphML has it (characters XML forbids replaced)."""
    if isinstance(obj, str):
        return xml_safe(obj)
    if isinstance(obj, dict):
        return {_safe(k): _safe(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_safe(v) for v in obj]
    return obj


def node_link_bytes(g: nx.MultiDiGraph, *, title: str = "") -> bytes:
    """The graph as node-link JSON (UTF-8, two-space indent), deterministic for a given graph."""
    node_keys = attribute_types((d for _, d in g.nodes(data=True)), "node", NODE_TYPES)
    edge_keys = attribute_types((d for _, _, d in g.edges(data=True)), "edge", EDGE_TYPES)
    clash = (_RESERVED_NODE & set(node_keys)) | (_RESERVED_EDGE & set(edge_keys))
    if clash:
        raise GraphMLError(f"attributes {sorted(clash)} would collide with node-link's own fields")
    data = _safe(nx.node_link_data(g, edges="edges"))
    data["graph"] = {"title": xml_safe(title)} if title else {}
    return (json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n").encode("utf-8")
