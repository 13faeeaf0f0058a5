"""Write a brief ``Spec`` as a Word document: the XML parts written directly, with real footnotes (or endnotes) in
``word/footnotes.xml``, hyperlinks through the relationships part, core properties and a Title/Heading/Caption style
sheet. Note ids are deliberately not the displayed numbers (Word numbers notes by reference order)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from xml.sax.saxutils import escape

from tests.corpus.brief_writers import H, P, Spec, Table, _Break, _numbers

_W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
_R_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _para(inner: str, style: str | None = None) -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{ppr}{inner}</w:p>"


def _lines(lines: Sequence[str], style: str | None = None) -> str:
    inner = "<w:r><w:br/></w:r>".join(_run(x) for x in lines)
    return _para(inner, style)


def _note_runs(text: str, links: list[str]) -> str:
    out, rest = [], text
    while "<http" in rest:
        before, _, after = rest.partition("<http")
        url, _, rest = ("http" + after).partition(">")
        links.append(url)
        out.append(_run(before))
        out.append(f'<w:hyperlink r:id="rIdLink{len(links)}">{_run(url)}</w:hyperlink>')
    out.append(_run(rest))
    return "".join(out)


def to_docx(spec: Spec, *, endnotes: bool = False, header: bool = True, extra_body: str = "") -> bytes:
    """``header=False`` leaves the title block out (metadata then comes from the core properties only);
    ``extra_body`` is raw WordprocessingML appended to the body."""
    kind = "endnote" if endnotes else "footnote"
    ids: dict[int, int] = {}
    body = (
        [
            _para(_run(spec.title), "Title"),
            _lines(["By", *(x for a in spec.authors for x in a)]),
            _para(_run(spec.organisation)),
            _lines(["Edited by", *spec.editors]),
            _para(_run(spec.date_text)),
            _para(_run(f"({spec.disclaimer})")),
        ]
        if header
        else []
    )
    for b in spec.blocks:
        if isinstance(b, P):
            runs = []
            for x in b.pieces:
                if isinstance(x, str):
                    runs.append(_run(x))
                elif isinstance(x, _Break):
                    continue
                else:
                    for n in _numbers(x):
                        ids[n] = n + 1  # ids are keys only: Word numbers notes by reference order
                        runs.append(
                            f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/><w:vertAlign w:val="superscript"/>'
                            f'</w:rPr><w:{kind}Reference w:id="{ids[n]}"/></w:r>'
                        )
            body.append(_para("".join(runs)))
        elif isinstance(b, H):
            body.append(_para(_run(b.text), "Heading1"))
        elif isinstance(b, Table):
            body.append(_para(_run(b.caption), "Caption"))
            rows = [b.columns, *b.rows]
            trs = "".join("<w:tr>" + "".join(f"<w:tc><w:p>{_run(c)}</w:p></w:tc>" for c in r) + "</w:tr>" for r in rows)
            body.append(f"<w:tbl><w:tblPr/>{trs}</w:tbl>")
            body.append(_para(_run(b.sources)))
        else:
            body.append(_para(_run(b.text)))
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_W_NS}{_R_NS}><w:body>'
        + "".join(body)
        + extra_body
        + "<w:sectPr/></w:body></w:document>"
    )
    links: list[str] = []
    notes = [
        f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>',
        f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
        f"</w:{kind}>",
    ]
    for n, t in sorted(spec.notes.items()):
        notes.append(
            f'<w:{kind} w:id="{ids.get(n, n + 1)}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
            f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:{kind}Ref/></w:r>'
            f"{_run(' ')}{_note_runs(t, links)}</w:p></w:{kind}>"
        )
    notes_xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{kind}s {_W_NS}{_R_NS}>'
        + "".join(notes)
        + f"</w:{kind}s>"
    )
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    note_rels = "".join(
        f'<Relationship Id="rIdLink{i}" Type="{rel}/hyperlink" Target="{escape(u)}" TargetMode="External"/>'
        for i, u in enumerate(links, 1)
    )
    pkg_rels = "http://schemas.openxmlformats.org/package/2006/relationships"
    styles = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:styles {_W_NS.strip()}>'
        '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="caption"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/></w:style>'
        "</w:styles>"
    )
    authors = "; ".join(n for n, _ in spec.authors)
    core = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(spec.title)}</dc:title><dc:creator>{escape(authors)}</dc:creator>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{spec.date_iso}T09:00:00Z</dcterms:created>'
        "</cp:coreProperties>"
    )
    app = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        f"<Company>{escape(spec.organisation)}</Company></Properties>"
    )
    ct = "application/vnd.openxmlformats-officedocument"
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/word/document.xml" ContentType="{ct}.wordprocessingml.document.main+xml"/>'
        f'<Override PartName="/word/{kind}s.xml" ContentType="{ct}.wordprocessingml.{kind}s+xml"/>'
        f'<Override PartName="/word/styles.xml" ContentType="{ct}.wordprocessingml.styles+xml"/>'
        '<Override PartName="/docProps/core.xml" '
        'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        f'<Override PartName="/docProps/app.xml" ContentType="{ct}.extended-properties+xml"/>'
        "</Types>"
    )
    root_rels = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{pkg_rels}">'
        f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="word/document.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
        'core-properties" Target="docProps/core.xml"/>'
        f'<Relationship Id="rId3" Type="{rel}/extended-properties" Target="docProps/app.xml"/></Relationships>'
    )
    doc_rels = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{pkg_rels}">'
        f'<Relationship Id="rId1" Type="{rel}/{kind}s" Target="{kind}s.xml"/>'
        f'<Relationship Id="rId2" Type="{rel}/styles" Target="styles.xml"/></Relationships>'
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", content_types)
        z.writestr("_rels/.rels", root_rels)
        z.writestr("word/document.xml", document)
        z.writestr("word/_rels/document.xml.rels", doc_rels)
        z.writestr(f"word/{kind}s.xml", notes_xml)
        z.writestr(
            f"word/_rels/{kind}s.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{pkg_rels}">{note_rels}</Relationships>',
        )
        z.writestr("word/styles.xml", styles)
        z.writestr("docProps/core.xml", core)
        z.writestr("docProps/app.xml", app)
    return buf.getvalue()
