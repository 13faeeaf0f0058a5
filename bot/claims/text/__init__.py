"""Text analysis for claim checking, every function pure over strings: tokens, names, negation, comparatives.

Country names are normalised through a general table (the US is "U.S.", "United States" or "Washington"); a
document's own acronyms come from the document (``bot.claims.names``); designations stay whole tokens so
"Model-17" never matches "Model-12".
"""
