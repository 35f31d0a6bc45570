"""Writers of the output files: GraphML, GEXF, the HTML explorer and the JSON Lines tables."""
