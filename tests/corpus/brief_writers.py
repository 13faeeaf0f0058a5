"""Write one brief's content as plain text, Markdown, HTML, PDF (reportlab) and DOCX (XML parts), so format tests
and the cross-format test need no binary fixtures. ``SAMPLE`` is the brief they share; bench/ builds larger ones.

The PDF is laid out line by line on a reportlab canvas: footnote markers are raised, smaller text; each page's
notes sit at its foot under a short rule; a running header and page numbers repeat on every page; ``BREAK``
inside a paragraph forces a page break there (a sentence split across pages).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


class _Break:
    """Force a page break at this point of a paragraph (PDF only; other formats ignore it)."""


BREAK = _Break()
Piece = str | int | tuple[int, ...] | _Break


@dataclass(frozen=True)
class P:
    pieces: tuple[Piece, ...]


@dataclass(frozen=True)
class H:
    text: str


@dataclass(frozen=True)
class Table:
    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    sources: str


@dataclass(frozen=True)
class SourceNote:
    text: str


Block = P | H | Table | SourceNote


@dataclass(frozen=True)
class Spec:
    title: str
    authors: tuple[tuple[str, str], ...]
    organisation: str
    editors: tuple[str, ...]
    date_text: str  # as printed, e.g. "April 29, 2022"
    date_iso: str
    disclaimer: str
    blocks: tuple[Block, ...]
    notes: dict[int, str] = field(default_factory=dict)
    running_header: str = "ISSI Issue Brief"


def p(*pieces: Piece) -> P:
    return P(tuple(pieces))


def _numbers(piece: int | tuple[int, ...]) -> tuple[int, ...]:
    return piece if isinstance(piece, tuple) else (piece,)


SAMPLE = Spec(
    title="PROSPECTS OF RENEWED NUCLEAR TALKS",
    authors=(("Jane Doe", "Senior Fellow"),),
    organisation="Arms Control Centre, ISSI",
    editors=("John Roe",),
    date_text="April 29, 2022",
    date_iso="2022-04-29",
    disclaimer="Views expressed in the brief are those of the author",
    blocks=(
        p(
            "North Korea is building up its military capabilities. It conducted a series of missile tests that "
            "caught international attention. Sanctions are deepening the economic crisis in the country.",
            1,
        ),
        p(
            "The research programme is funded by a grant that ends in 2026.",
            2,
            " The grant pays for field work in Seoul and Tokyo.",
        ),
        H("Missile tests"),
        p(
            "It fired two short-range ballistic missiles into the sea and flight-tested a pair of long-range "
            "cruise missiles.",
            (3, 4),
            " Another test was a ballistic missile that flew around 270 km at a top altitude of 560 km. It flew "
            "for 1,090 km to a maximum altitude of 6,248.5 kms.",
        ),
        Table(
            caption="NORTH KOREA MISSILE TESTING 2022",
            columns=("DATE", "MISSILE TESTED", "NUMBER OF MISSILES"),
            rows=(
                ("January 30, 2022", "Hwasong-12", "1"),
                ("January 27, 2022", "KN-23", "2"),
            ),
            sources='Sources: "Missile Testing Reaches Monthly Apogee," IISS, February 17, 2022, '
            "<https://www.iiss.org/blogs/analysis-missile-testing>",
        ),
        p(
            "During the Trump era, Kim Jong-un and Trump met for two summits. The summits emphasised "
            "denuclearising the Korean Peninsula and re-establishing relations between the two countries, "
            "and both sides spoke of",
            BREAK,
            " releasing the prisoners of war who went missing in action. According to Trump, the talks came to "
            "a halt because Pyongyang wanted sanctions to be lifted completely but the US could not accept the "
            "demand.",
            5,
            " Nothing has changed since then.",
        ),
        SourceNote(
            'Source: "January 2022: Missile Tests of the DPRK," One Earth Future, February 01, 2022, '
            "<https://oneearthfuture.org/research-analysis/january-2022-missile-tests-dprk>"
        ),
        p("Pyongyang claims that its missile programme is defensive. No source is given for this claim."),
    ),
    notes={
        1: '"North Korea says Kim Oversaw Third Hypersonic Missile Test," BBC, January 12, 2022, '
        "<https://www.bbc.com/news/world-asia-59958664>",
        2: '"Funding Nuclear Diplomacy Research," Stanley Center, June 2021, <https://stanleycenter.org/funding-2021>',
        3: '"North Korea Tests Longest-range Missile since 2017," NPR, January 29, 2022, '
        "<https://www.npr.org/2022/01/29/1076751251/north-korea-missile-launch>",
        4: '"North Korea Conducts its Ninth Missile Test of 2022," The Japan Times, March 05, 2022, '
        "<https://www.japantimes.co.jp/news/2022/03/05/north-korea-ninth-missile-launch/>",
        5: '"Failure of the Hanoi Summit: What Lies Ahead?" Observer Research Foundation, March 13, 2019, '
        "<https://www.orfonline.org/expert-speak/the-failure-of-the-hanoi-summit-48949/>",
    },
)


# ---- plain text -------------------------------------------------------------------------------------------


def to_text(spec: Spec) -> bytes:
    blocks = [spec.title, "By\n" + "\n".join(f"{n}\n{r}" for n, r in spec.authors), spec.organisation]
    blocks += ["Edited by\n" + "\n".join(spec.editors), spec.date_text, f"({spec.disclaimer})"]
    for b in spec.blocks:
        if isinstance(b, P):
            blocks.append(
                "".join(
                    x
                    if isinstance(x, str)
                    else ""
                    if isinstance(x, _Break)
                    else "".join(str(n) for n in _numbers(x)).translate(SUPERSCRIPT)
                    for x in b.pieces
                )
            )
        elif isinstance(b, H):
            blocks.append(b.text)
        elif isinstance(b, Table):
            width = len(b.columns)
            lines = [b.caption + "\t" * (width - 1), "\t".join(b.columns), *("\t".join(r) for r in b.rows)]
            blocks += ["\n".join(lines), b.sources]
        else:
            blocks.append(b.text)
    blocks += [f"{str(n).translate(SUPERSCRIPT)} {t}" for n, t in sorted(spec.notes.items())]
    return ("\n\n".join(blocks) + "\n").encode()


# ---- Markdown ---------------------------------------------------------------------------------------------


def to_markdown(spec: Spec) -> bytes:
    front = [
        "---",
        f'title: "{spec.title}"',
        "author:",
        *(f"  - name: {n}\n    role: {r}" for n, r in spec.authors),
        f"organisation: {spec.organisation}",
        "editors: [" + ", ".join(spec.editors) + "]",
        f"date: {spec.date_iso}",
        f'disclaimer: "{spec.disclaimer}"',
        "---",
        "",
        f"# {spec.title}",
        "",
    ]
    out = list(front)
    for b in spec.blocks:
        if isinstance(b, P):
            out.append(
                "".join(
                    x
                    if isinstance(x, str)
                    else ""
                    if isinstance(x, _Break)
                    else "".join(f"[^{n}]" for n in _numbers(x))
                    for x in b.pieces
                )
            )
        elif isinstance(b, H):
            out.append(f"## {b.text}")
        elif isinstance(b, Table):
            out.append("| " + " | ".join(b.columns) + " |")
            out[-1] += "\n|" + "---|" * len(b.columns)
            out[-1] += "".join("\n| " + " | ".join(r) + " |" for r in b.rows)
            out.append(f"\nTable: {b.caption}\n")
            out.append(b.sources)
        else:
            out.append(b.text)
        out.append("")
    out += [f"[^{n}]: {t}" for n, t in sorted(spec.notes.items())]
    return ("\n".join(out) + "\n").encode()


# ---- HTML (pandoc's footnote markup) ----------------------------------------------------------------------


def _linkify(text: str) -> str:
    """Escape a note and turn "<https://…>" into a link showing the URL, as pandoc renders autolinks."""
    out, rest = [], text
    while "<http" in rest:
        before, _, after = rest.partition("<http")
        url, _, rest = ("http" + after).partition(">")
        out.append(html.escape(before) + f'<a href="{html.escape(url)}" class="uri">{html.escape(url)}</a>')
    out.append(html.escape(rest))
    return "".join(out)


def to_html(spec: Spec, style: str = "pandoc") -> bytes:
    """``style``: "pandoc" (section.footnotes, ol/li#fnN) or "word" (Word's "Save as Web Page" footnotes)."""
    authors = "".join(f"<br>{html.escape(n)}<br>{html.escape(r)}" for n, r in spec.authors)
    body = [
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/briefs'>Briefs</a></li></ul></nav>",
        f"<header><h1>{html.escape(spec.title)}</h1>",
        f'<p class="byline">By{authors}</p>',
        f"<p>{html.escape(spec.organisation)}</p>",
        "<p>Edited by<br>" + "<br>".join(html.escape(e) for e in spec.editors) + "</p>",
        f"<p>{html.escape(spec.date_text)}</p>",
        f"<p>({html.escape(spec.disclaimer)})</p></header>",
        "<main>",
    ]

    def ref(n: int) -> str:
        if style == "word":
            return (
                f'<a style="mso-footnote-id:ftn{n}" href="#_ftn{n}" name="_ftnref{n}" title="">'
                f'<span class="MsoFootnoteReference"><span style="vertical-align:super">[{n}]</span></span></a>'
            )
        return f'<a href="#fn{n}" class="footnote-ref" id="fnref{n}" role="doc-noteref"><sup>{n}</sup></a>'

    for b in spec.blocks:
        if isinstance(b, P):
            inner = "".join(
                html.escape(x)
                if isinstance(x, str)
                else ""
                if isinstance(x, _Break)
                else "".join(ref(n) for n in _numbers(x))
                for x in b.pieces
            )
            body.append(f"<p>{inner}</p>")
        elif isinstance(b, H):
            body.append(f"<h2>{html.escape(b.text)}</h2>")
        elif isinstance(b, Table):
            head = "".join(f"<th>{html.escape(c)}</th>" for c in b.columns)
            rows = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in b.rows)
            body.append(f"<table><caption>{html.escape(b.caption)}</caption><thead><tr>{head}</tr></thead>")
            body.append(f"<tbody>{rows}</tbody></table><p>{_linkify(b.sources)}</p>")
        else:
            body.append(f"<figure><img src='chart.png' alt=''><figcaption>{_linkify(b.text)}</figcaption></figure>")
    body.append("</main>")
    if style == "word":
        body.append("<div style='mso-element:footnote-list'><br clear=all><hr align=left size=1 width='33%'>")
        for n, t in sorted(spec.notes.items()):
            body.append(
                f"<div style='mso-element:footnote' id=ftn{n}><p class=MsoFootnoteText>"
                f"<a style='mso-footnote-id:ftn{n}' href='#_ftnref{n}' name='_ftn{n}' title=''>"
                f"<span class=MsoFootnoteReference><span style='vertical-align:super'>[{n}]</span></span></a> "
                f"{_linkify(t)}</p></div>"
            )
        body.append("</div>")
    else:
        body.append('<section class="footnotes footnotes-end-of-document" role="doc-endnotes"><hr><ol>')
        for n, t in sorted(spec.notes.items()):
            back = f'<a href="#fnref{n}" class="footnote-back" role="doc-backlink">↩︎</a>'
            body.append(f'<li id="fn{n}"><p>{_linkify(t)}{back}</p></li>')
        body.append("</ol></section>")
    body.append("<footer class='site-footer'><p>Copyright ISSI. All rights reserved.</p></footer>")
    names = "".join(f'<meta name="author" content="{html.escape(n)}">' for n, _ in spec.authors)
    head = (
        f"<head><meta charset='utf-8'><title>{html.escape(spec.title)} | ISSI</title>{names}"
        f'<meta name="citation_publication_date" content="{spec.date_iso}">'
        f'<meta property="og:site_name" content="ISSI"><style>p {{ color: #222 }}</style>'
        f"<script>window.analytics = 'North Korea tracking script';</script></head>"
    )
    return f"<!DOCTYPE html><html lang='en'>{head}<body>{''.join(body)}</body></html>".encode()


# A second brief whose footnote numbers overlap SAMPLE's (1-3), for library tests: a quote from one brief must
# never carry the other's sources.
OTHER = Spec(
    title="WATER SHARING IN THE INDUS BASIN",
    authors=(("Omar Khan", "Research Fellow"),),
    organisation="Centre for Water Studies",
    editors=("Sara Ali",),
    date_text="June 3, 2023",
    date_iso="2023-06-03",
    disclaimer="Views expressed are the author's own",
    blocks=(
        p(
            "The Indus Waters Treaty was signed in 1960 and has survived three wars.",
            1,
            " Glaciers in the upper basin are losing mass every decade.",
        ),
        p("Downstream farmers depend on the river for ninety percent of their irrigation water.", 2),
        p("The treaty's dispute mechanism was invoked by Pakistan in 2016 over the Kishanganga dam.", 3),
    ),
    notes={
        1: '"The Indus Waters Treaty at Sixty," Dawn, September 19, 2020, <https://www.dawn.com/news/indus-sixty>',
        2: '"Irrigation and the Indus," World Bank, March 2019, <https://www.worldbank.org/indus-irrigation>',
        3: '"Kishanganga Dispute Explained," The Diplomat, August 10, 2016, <https://thediplomat.com/kishanganga>',
    },
)
