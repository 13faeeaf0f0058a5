"""Embeddings, the Chroma passage store and the lexical index."""
