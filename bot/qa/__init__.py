"""Question answering: retrieval, ranking and selection of the passages that answer, and their rendering."""
