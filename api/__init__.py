"""The FastAPI app: JSON, SSE and the web UI."""
