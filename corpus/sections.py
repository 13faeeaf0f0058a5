"""Section paths: which headings a passage sits under ("Methods > Wet bulb globe temperature").

Heading passages carry their depth as the label ``"h1"`` .. ``"h6"``; the path of every passage is derived from
them in reading order, so nothing beyond the passages themselves has to be stored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from corpus.models import Passage

# A heading longer than this is a paragraph a front-end took for a heading (a large-type pull quote, a cover
# blurb): its sentences stay citable.
MAX_HEADING_WORDS = 30


def looks_like_heading(text: str) -> bool:
    """Whether text a front-end marked as a heading can be one: short, and not the lower-case tail of a sentence
    set in large type ("more fulfilled nation.")."""
    if re.fullmatch(r"\s*(?:\S+@\S+\.\w+|https?://\S+|www\.\S+)(?:[,;]\s*\S+@\S+\.\w+)*\s*", text):
        return False  # a title page's e-mail address or web address names no section
    return len(text.split()) <= MAX_HEADING_WORDS and not text[:1].islower()


def heading_level(label: str | None) -> int:
    """The depth stored in a heading passage's label; 1 when the format did not say."""
    if label and label[:1] == "h" and label[1:].isdigit():
        return max(1, int(label[1:]))
    return 1


def heading_label(level: int) -> str:
    return f"h{max(1, level)}"


def section_paths(passages: Iterable[Passage]) -> dict[str, tuple[str, ...]]:
    """Passage id -> the texts of the headings above it, outermost first. A heading's own path ends with itself;
    footnote entries and the front matter belong to no section."""
    stack: list[tuple[int, str]] = []
    out: dict[str, tuple[str, ...]] = {}
    for p in sorted(passages, key=lambda p: p.seq):
        if p.kind == "heading":
            level = heading_level(p.label)
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, p.text))
        if p.kind in ("metadata", "footnote"):
            out[p.id] = ()
        else:
            out[p.id] = tuple(text for _, text in stack)
    return out


def section_text(path: tuple[str, ...]) -> str:
    """A path as people write it: "Methods > Wet bulb globe temperature"."""
    return " > ".join(path)


def is_question(heading: str) -> bool:
    """A question-shaped heading ("Is this supposed to replace X?"): the paragraph under it is its answer."""
    return heading.rstrip().endswith("?")
