"""The sentence embedder as citebot uses it: LangChain's two ``Embeddings`` methods as a structural Protocol.

Every LangChain embedder (``HuggingFaceEmbeddings`` on the torch path, a test's subclass) satisfies it as it is,
and citebot's ONNX embedder does without subclassing LangChain's class. Importing that class imports LangChain's
runnable, callback and message modules with ``requests`` (~0.15 s of CPU, a tenth of a server's restart), which
only the write path (langchain-chroma, imported on the first write) needs.
"""

from __future__ import annotations

from typing import Protocol


class Embeddings(Protocol):
    """Text in, unit vectors out: many documents at once, or one query."""

    def embed_documents(self, texts: list[str]) -> list[list[float]]: ...

    def embed_query(self, text: str) -> list[float]: ...
