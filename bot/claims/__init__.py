"""Claim checking: evidence for a claim, the comparison rules that judge it, and the word lists they read."""
