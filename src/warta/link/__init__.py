"""Entity linking: the knowledge base of actors and places, and the gazetteer."""
