"""Quantities in claims and evidence: numbers with units, ranges, bounds, dates, counts and ordinals.

"10,400 km", "10400 km" and "10,400 kms" are the same quantity; "250 kilotons" and "250 kt" too; "ten tests" is
"10 tests". "8,500-13,000 km" is a range that "up to 13,000 km" agrees with. "February 2019" is a date that "held
in 2020" contradicts. Each quantity keeps its span so the words around it (its *role*) can be compared.
"""
