"""The decision stage: answers checked against the knowledge, the walk, candidate fit, the recommendation,
decision records built from it, and the differences between outcomes and record versions."""
