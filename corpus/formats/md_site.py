"""Markup a static-site generator reads in a Markdown file, not the author's text: kramdown attribute lists
(``{: .no_toc}``, ``{:toc}``), heading attributes (``# Methods {#methods}``), Liquid tags and output
(``{% include figure.html %}``, ``{{ site.url }}``) and Hugo shortcodes (``{{< figure >}}``). Taken out before
the Markdown is parsed; code blocks and inline code are left as they are.

A source built both for print and for the web may wrap what each edition shows in a tag named for its output:
``<markdown>…</markdown>`` for the web, ``<latex>…</latex>`` for print. When a file has web blocks, the web edition
is the one read: the web tags are unwrapped and the print-only blocks (a note cited only in print) dropped."""

from __future__ import annotations

import re

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
# a block attribute list on its own line: "{: .class}", "{:#id}", "{:toc}", "{::options ... /}"
_BLOCK_IAL = re.compile(r"^\s{0,3}\{:[^{}\n]*\}\s*$")
# kramdown's table-of-contents placeholder: the list item above it stands for the generated contents
_TOC_IAL = re.compile(r"^\s{0,3}\{:\s*(?:\.?toc|\.no_toc\s+toc)\s*\}\s*$", re.IGNORECASE)
# pandoc's and kramdown's attributes after a heading: "# Methods {#sec:methods .unnumbered}"
_HEADING_ATTRIBUTES = re.compile(r"^(\s{0,3}#{1,6}\s.*?)\s*\{[#.][^{}\n]*\}\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")
# a span attribute list after inline text: "*word*{: .red}"
_SPAN_IAL = re.compile(r"\{:\s*[.#][^{}\n]*\}")
_LIQUID_TAG = re.compile(r"\{%-?.*?-?%\}", re.DOTALL)
_LIQUID_OUTPUT = re.compile(r"\{\{-?.*?-?\}\}", re.DOTALL)
_CODE_SPAN = re.compile(r"(`+[^`]*?`+)")
# output-conditional blocks: the web edition's tags, and those of outputs a reader of the web edition never sees
_WEB_OUTPUT = re.compile(r"</?markdown>", re.IGNORECASE)
_PRINT_OUTPUT = re.compile(r"<(latex|tex|pdf|print)>.*?</\1>", re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"\{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\}", re.DOTALL)


def strip_site_markup(source: str) -> str:
    """``source`` without the generator's markup outside code blocks; a line of only markup becomes blank."""
    out: list[str] = []
    fence: str | None = None
    chunk: list[str] = []

    web = bool(_WEB_OUTPUT.search(source))

    def flush() -> None:
        if chunk:
            text = "\n".join(chunk)
            if web:
                text = _WEB_OUTPUT.sub("", _PRINT_OUTPUT.sub(lambda m: "\n" * m.group(0).count("\n"), text))
            out.extend(_strip(text).split("\n"))
            chunk.clear()

    for line in source.split("\n"):
        m = _FENCE.match(line)
        if fence is None and m:
            flush()
            fence = m.group(1)
            out.append(line)
        elif fence is not None:
            out.append(line)
            if line.strip().startswith(fence):
                fence = None
        else:
            chunk.append(line)
    flush()
    return "\n".join(out)


def _strip(text: str) -> str:
    if "{" not in text:
        return text
    text = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if _TOC_IAL.match(line):
            j = i - 1
            while j >= 0 and _LIST_ITEM.match(lines[j]):  # the placeholder list generated contents replace
                lines[j] = ""
                j -= 1
        if _BLOCK_IAL.match(line):
            lines[i] = ""
        elif m := _HEADING_ATTRIBUTES.match(line):
            lines[i] = m.group(1)
    # inline code ("`{{ name }}`") shows the markup as an example: kept
    parts = _CODE_SPAN.split("\n".join(lines))
    for k in range(0, len(parts), 2):
        part = _LIQUID_TAG.sub(lambda m: "\n" * m.group(0).count("\n"), parts[k])
        part = _LIQUID_OUTPUT.sub(lambda m: "\n" * m.group(0).count("\n"), part)
        parts[k] = _SPAN_IAL.sub("", part)
    return "".join(parts)
