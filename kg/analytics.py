"""Graph analytics stored as node attributes: layout, communities, PageRank, degree.

Everything is seeded and computed on a graph built in sorted order, so the same input gives
the same numbers (and the same bytes in the exports).
"""

from __future__ import annotations

import networkx as nx

SEED = 42
#: Half-width of the layout box, in the units Gephi and vis-network use.
LAYOUT_SCALE = 1000.0


def undirected(g: nx.MultiDiGraph) -> nx.Graph:
    """A simple weighted undirected view: parallel edges summed, relations counted double."""
    u = nx.Graph()
    u.add_nodes_from(sorted(g.nodes))
    for a, b, d in sorted(g.edges(data=True), key=lambda e: (e[0], e[1], e[2].get("kind", ""))):
        if a == b:
            continue
        w = float(d.get("weight", 1)) * (2.0 if d.get("kind") == "relation" else 1.0)
        if u.has_edge(a, b):
            u[a][b]["weight"] += w
        else:
            u.add_edge(a, b, weight=w)
    return u


def layout(u: nx.Graph) -> dict[str, tuple[float, float]]:
    """Deterministic force-directed positions scaled to the layout box."""
    n = u.number_of_nodes()
    if n == 0:
        return {}
    if n == 1:
        return {next(iter(u.nodes)): (0.0, 0.0)}
    k = 1.5 / (n ** 0.5)
    iterations = 100 if n <= 2000 else 40
    pos = nx.spring_layout(u, seed=SEED, k=k, iterations=iterations, weight="weight", scale=LAYOUT_SCALE)
    return {node: (round(float(x), 2), round(float(y), 2)) for node, (x, y) in pos.items()}


def communities(u: nx.Graph) -> dict[str, int]:
    """Louvain communities numbered by size (0 = largest)."""
    if u.number_of_nodes() == 0:
        return {}
    parts = nx.community.louvain_communities(u, weight="weight", seed=SEED)
    parts = sorted((sorted(p) for p in parts), key=lambda p: (-len(p), p[0]))
    return {node: i for i, p in enumerate(parts) for node in p}


def pagerank(u: nx.Graph) -> dict[str, float]:
    if u.number_of_nodes() == 0:
        return {}
    if u.number_of_edges() == 0:
        return {node: round(1.0 / u.number_of_nodes(), 6) for node in u.nodes}
    pr = nx.pagerank(u, weight="weight")
    return {node: round(float(v), 6) for node, v in pr.items()}


def annotate(g: nx.MultiDiGraph) -> None:
    """Set x, y, community, pagerank and degree on every node of ``g``."""
    u = undirected(g)
    pos = layout(u)
    comm = communities(u)
    pr = pagerank(u)
    for node in g.nodes:
        d = g.nodes[node]
        d["x"], d["y"] = pos.get(node, (0.0, 0.0))
        d["community"] = int(comm.get(node, 0))
        d["pagerank"] = float(pr.get(node, 0.0))
        d["degree"] = int(g.degree(node))
