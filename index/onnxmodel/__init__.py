"""The sentence model on ONNX Runtime: where its export lives (``files``), how it is made once (``export``, the
only torch user) and how serving embeds with it (``embedder``)."""
