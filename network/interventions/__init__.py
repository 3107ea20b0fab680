"""The handelingskader: interventions partners offer, practice examples, situation guidance and
the knowledge base. Part of the social map, so it imports no other app."""
