"""Tables for reading quantities: units with their factor to a canonical unit, and ordinals (read from
``bot/claims/wordlists/``). Number words are the text toolkit's (``corpus.text.numbers``)."""

from __future__ import annotations

from bot.claims.lexicon import fields, groups

# Canonical unit and the factor to it.
UNITS: dict[str, tuple[str, float]] = {form: (unit, float(factor)) for form, unit, factor in fields("units.txt")}
ORDINALS: dict[str, int] = {word: int(value) for word, value in groups("ordinals.txt")}
