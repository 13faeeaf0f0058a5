"""Countries and their other names: the one country table of citebot, and how "US" is told from the word "us".

The table is general English (``corpus/data/countries.txt``: ``key: form | form``, a line without ``:`` lists
countries with no other forms). Claim checking reads it to tell one country from another, quiz grading to accept
another name of the same country; retrieval reads :data:`US_NAME`, which rewrites the country's written names
before text is lowercased, because lowercased "US" is the stop word "us".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

_DATA = Path(__file__).resolve().parent.parent / "data" / "countries.txt"


def named_forms(lines: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """``key: form | form`` lines, comments already dropped (a line without ``:`` lists keys with no other forms)."""
    out: dict[str, tuple[str, ...]] = {}
    for line in lines:
        if ":" in line:
            key, rest = line.split(":", 1)
            out[key.strip()] = tuple(f.strip() for f in rest.split("|") if f.strip())
        else:
            out.update(dict.fromkeys(line.split(), ()))
    return out


def _data_lines(text: str) -> Iterator[str]:
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            yield line


# Canonical key ("usa", "sri_lanka") -> the other forms a text may use ("u.s.", "united states", "washington").
COUNTRY_FORMS: dict[str, tuple[str, ...]] = named_forms(_data_lines(_DATA.read_text(encoding="utf-8")))
# Every form of a country with other names, the key included (underscores as spaces).
COUNTRY_GROUPS: tuple[frozenset[str], ...] = tuple(
    frozenset((key.replace("_", " "), *forms)) for key, forms in COUNTRY_FORMS.items() if forms
)

# The United States as its name is written, case-sensitively: "U.S.", "U.S.A.", "US", "USA", "United States (of
# America)". Only these forms: "America" or "Washington" are left to the table above, whose users decide when
# another name counts as the same country.
US_NAME = re.compile(r"\bU\.S\.(?:A\.)?|\bUSA?\b|\b[Uu]nited [Ss]tates(?: of [Aa]merica)?\b")
