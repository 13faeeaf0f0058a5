"""Finding a ruled page's tables as pdfplumber does, for less: its ``Page.dedupe_chars`` with the same result in
n log n, and a first look for tables among the page's rules alone.

A ruled page is searched for tables on a copy without the doubled glyphs of fake bold. pdfplumber puts the kept
characters back in page order with ``sorted(kept, key=chars.index)``: one linear search per character, so a page
of 2,500 characters costs millions of dict comparisons (a 55-page book chapter ruled on every page: about two
thirds of its parse). Here each character's place is looked up instead. The kept characters are the same: of the
characters a cluster holds, the first in page order at the smallest (doctop, x0), as pdfplumber's stable sorts
pick it; that one is also the first character equal to it, so its place is the one ``chars.index`` finds.

Ruled tables are found from the page's lines, rectangles and curves only (pdfplumber's "lines" strategy reads no
text), yet ``page.objects`` first turns every character of the page into a dict. ``rules_page`` holds the drawn
objects alone, as pdfplumber reads them and in its order, so a page whose rules make no table (a header rule, a
box around a note) is passed over without converting its characters.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby
from operator import itemgetter
from typing import Any

from pdfminer.layout import LTContainer, LTCurve
from pdfplumber.page import FilteredPage
from pdfplumber.utils.clustering import cluster_objects

Obj = dict[str, Any]


def dedupe_chars(
    chars: list[Obj], tolerance: float = 1, extra_attrs: tuple[str, ...] = ("fontname", "size")
) -> list[Obj]:
    """``pdfplumber.utils.dedupe_chars``: one of each run of chars with the same text and attributes within
    ``tolerance`` of each other, in page order."""
    key = itemgetter("upright", "text", *extra_attrs)
    pos_key = itemgetter("doctop", "x0")
    place: dict[int, int] = {}
    for i, c in enumerate(chars):
        place.setdefault(id(c), i)
    kept: list[Obj] = []
    for _, group in groupby(sorted(chars, key=key), key=key):
        for row in cluster_objects(list(group), itemgetter("doctop"), tolerance):
            for cluster in cluster_objects(row, itemgetter("x0"), tolerance):
                kept.append(min(cluster, key=pos_key))  # the first of the smallest, as sorted(...)[0]
    kept.sort(key=lambda c: place[id(c)])
    return kept


def deduped_page(page: Any) -> Any:
    """``page.dedupe_chars()``: the page with its characters deduplicated, every other object as it was."""
    derived = FilteredPage(page, lambda _obj: True)
    derived._objects = dict(page.objects)
    derived._objects["char"] = dedupe_chars(page.chars)
    return derived


def rules_page(page: Any) -> Any:
    """The page with only its drawn lines, rectangles and curves, each as ``page.objects`` holds it, in its order:
    enough for ``find_tables`` to find the ruled tables ``page.find_tables()`` finds (not to extract their text)."""
    objects: dict[str, list[Obj]] = {}
    for item in _drawn(page.layout._objs):
        obj = page.process_object(item)
        objects.setdefault(obj["object_type"], []).append(obj)
    derived = FilteredPage(page, lambda _obj: True)
    derived._objects = objects
    return derived


def _drawn(items: Any) -> Iterator[Any]:
    """The drawn objects of a layout tree, in the order pdfplumber's ``iter_layout_objects`` walks it."""
    for item in items:
        if isinstance(item, LTContainer):
            yield from _drawn(item._objs)
        elif isinstance(item, LTCurve):  # LTLine and LTRect are curves
            yield item
