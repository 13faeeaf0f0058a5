"""The text toolkit below ``index`` and ``bot``: words and stems, dates and month names, number words, and
cosine similarity. General English only; nothing here knows a document.
"""
