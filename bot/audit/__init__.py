"""Audits: the brief's own citations, and whether each footnote's source says what the brief cites it for."""
