"""``--format csv``: ``nodes.csv`` and ``edges.csv`` for pandas and Neo4j's bulk importer.

Both files are UTF-8 (no byte-order mark), comma-separated, ``"``-quoted where needed with
``""`` for a quote inside a field (RFC 4180, the quoting Neo4j and pandas expect), one
header line, ``\\n`` line ends. Headers follow ``neo4j-admin database import``:

``nodes.csv``
    ``id:ID`` (the node id, also stored as property ``id``), ``:LABEL`` (``Entity`` and the
    entity type as a label, ``Entity;Company``), then one column per node attribute; numbers
    carry their type (``mentions:int``, ``pagerank:float``), strings have none.
``edges.csv``
    ``:START_ID``, ``:END_ID``, ``:TYPE`` (``RELATION`` or ``COOCCURRENCE``, the edge kind in
    capitals; the predicate itself is the ``relation`` property), ``key`` (the edge key of
    the GraphML/JSON exports), then one column per edge attribute.

A value that is missing for an element (an attribute only amounts have) is an empty field.
Line breaks inside a value are written as spaces, so every record is one line and
``neo4j-admin`` needs no ``--multiline-fields``; characters XML forbids are replaced as in
the GraphML. With pandas, ``pd.read_csv("nodes.csv")`` reads the columns under their header
names (``"mentions:int"``); ``.rename(columns=lambda c: c.split(":")[0] or c)`` strips the
types.
"""

from __future__ import annotations

import csv
import io

import networkx as nx

from kg.export.graphml import EDGE_TYPES, NODE_TYPES, GraphMLError, attribute_types, format_value

#: Neo4j type suffix of each GraphML type ("" for strings, Neo4j's default).
_NEO4J_TYPES = {"boolean": ":boolean", "int": ":int", "long": ":long", "float": ":float", "double": ":double",
                "string": ""}
NODE_LABEL = "Entity"


def _field(value: object, t: str) -> str:
    text = format_value(value, t)  # XML-safe: no NUL or other C0 controls
    return text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ").replace("\u2028", " ").replace("\u2029", " ")


def node_label(etype: str) -> str:
    """The ``:LABEL`` field of a node of type ``etype``."""
    t = "".join(ch for ch in str(etype) if ch.isalnum() or ch == "_")
    return f"{NODE_LABEL};{t[:1].upper()}{t[1:]}" if t else NODE_LABEL


def relationship_type(kind: str) -> str:
    """The ``:TYPE`` field of an edge of kind ``kind``."""
    t = "".join(ch if ch.isalnum() else "_" for ch in str(kind)).upper()
    return t or "EDGE"


def _table(header: list[str], rows: list[list[str]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=",", quotechar='"', doublequote=True, quoting=csv.QUOTE_MINIMAL,
                   lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def csv_tables(g: nx.MultiDiGraph) -> tuple[str, str]:
    """(nodes.csv, edges.csv) of the graph, deterministic for a given graph."""
    node_keys = attribute_types((d for _, d in g.nodes(data=True)), "node", NODE_TYPES)
    edge_keys = attribute_types((d for _, _, d in g.edges(data=True)), "edge", EDGE_TYPES)
    if "id" in node_keys or "key" in edge_keys:
        raise GraphMLError("a node attribute 'id' or an edge attribute 'key' would collide with the CSV's own columns")
    nodes_header = ["id:ID", ":LABEL", *(f"{k}{_NEO4J_TYPES[t]}" for k, t in node_keys.items())]
    node_rows = []
    for node, d in g.nodes(data=True):
        row = [_field(node, "string"), node_label(d.get("type", ""))]
        row += [_field(d[k], t) if k in d else "" for k, t in node_keys.items()]
        node_rows.append(row)
    edges_header = [":START_ID", ":END_ID", ":TYPE", "key", *(f"{k}{_NEO4J_TYPES[t]}" for k, t in edge_keys.items())]
    edge_rows = []
    for u, v, key, d in g.edges(keys=True, data=True):
        row = [_field(u, "string"), _field(v, "string"), relationship_type(d.get("kind", "")), _field(key, "string")]
        row += [_field(d[k], t) if k in d else "" for k, t in edge_keys.items()]
        edge_rows.append(row)
    return _table(nodes_header, node_rows), _table(edges_header, edge_rows)
