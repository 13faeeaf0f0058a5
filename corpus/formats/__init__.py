"""Front-ends for structured formats; ``corpus.loader`` picks one by the detected format.

Each takes the file's bytes and returns a ``RawDocument``. The heavy parsers (pdfplumber, lxml, markdown-it) are
imported only when a file of that format is read.
"""

from __future__ import annotations

from collections.abc import Callable

from corpus.raw import RawDocument


def parse_markdown(data: bytes) -> RawDocument:
    from corpus.formats.markdown import parse_markdown as parse

    return parse(data)


def parse_html(data: bytes) -> RawDocument:
    from corpus.formats.html import parse_html as parse

    return parse(data)


def parse_pdf(data: bytes) -> RawDocument:
    from corpus.formats.pdf import parse_pdf as parse

    return parse(data)


def parse_docx(data: bytes) -> RawDocument:
    from corpus.formats.docx import parse_docx as parse

    return parse(data)


FRONT_ENDS: dict[str, Callable[[bytes], RawDocument]] = {
    "markdown": parse_markdown,
    "html": parse_html,
    "pdf": parse_pdf,
    "docx": parse_docx,
}
