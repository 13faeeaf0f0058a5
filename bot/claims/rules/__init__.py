"""The comparison's rules: each reads the ``Facts`` of a claim and one piece of evidence and decides, or passes
to the next; their order is ``bot.claims.compare.RULES``."""
