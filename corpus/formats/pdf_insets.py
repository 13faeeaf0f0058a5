"""A figure's or box's display lines printed inside a paragraph: the paragraph breaks off mid-sentence, the
figure's labels (set bold or large, so read as headings) follow, and the paragraph goes on in lower case after
them. The halves are one paragraph; the labels follow it as ordinary text, never as section headings."""

from __future__ import annotations

from collections.abc import Callable

from corpus.formats.common import Block, Para, clean
from corpus.formats.pdf_headings import TERMINAL, section_number

# How many display lines a figure may print between the two halves of a paragraph.
_MAX_LABELS = 6


def _open(block: Block) -> bool:
    return isinstance(block, Para) and not block.heading and not TERMINAL.search(clean(block.text))


def _label(block: Block) -> bool:
    return isinstance(block, Para) and block.heading and not section_number(clean(block.text))


def _resumes(block: Block) -> bool:
    text = clean(block.text) if isinstance(block, Para) and not block.heading else ""
    return text[:1].islower()


def rejoin_around_insets(blocks: list[Block], join: Callable[[str, str], str]) -> list[Block]:
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        k = i + 1
        while k < len(blocks) and k - i - 1 < _MAX_LABELS and _label(blocks[k]):
            k += 1
        if _open(block) and k > i + 1 and k < len(blocks) and _resumes(blocks[k]):
            first, rest = block, blocks[k]
            assert isinstance(first, Para) and isinstance(rest, Para)
            head, tail = list(first.pieces), list(rest.pieces)
            if head and tail and isinstance(head[-1], str) and isinstance(tail[0], str):
                head, tail = [*head[:-1], join(head[-1], tail[0])], tail[1:]
            out.append(Para((*head, *tail), False, first.list_number))
            out.extend(Para(b.pieces) for b in blocks[i + 1 : k] if isinstance(b, Para))
            i = k + 1
            continue
        out.append(block)
        i += 1
    return out
