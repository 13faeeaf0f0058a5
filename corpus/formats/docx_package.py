"""A Word document's container: the zip package whose parts are inflated within the document's limits, the
relationships that give links their addresses, the style names, and the core properties read as metadata."""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass, field

from lxml import etree

from corpus.errors import ParseError
from corpus.formats.common import Metadata, clean, is_placeholder_author, iso_date
from corpus.formats.docx_style import NS, _val, _w
from corpus.limits import InflationCounter, current_limits
from corpus.models import Author

_CHUNK = 1 << 20  # parts are inflated a megabyte at a time, each counted against the document's limit
_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)


@dataclass
class Package:
    zf: zipfile.ZipFile
    inflated: InflationCounter = field(default_factory=lambda: InflationCounter(current_limits().max_inflated_bytes))

    def _inflate(self, info: zipfile.ZipInfo) -> bytes:
        """A part's bytes, read in chunks and counted as they inflate: a zip bomb is refused at the limit, never
        inflated whole first (the size in the zip's header is the sender's claim, so it is not trusted alone)."""
        if info.file_size > self.inflated.limit - self.inflated.total:
            self.inflated.add(info.file_size)  # declared too large: refused before any of it is inflated
        chunks = []
        with self.zf.open(info) as part:
            while chunk := part.read(_CHUNK):
                self.inflated.add(len(chunk))
                chunks.append(chunk)
        return b"".join(chunks)

    def xml(self, name: str) -> etree._Element | None:
        try:
            info = self.zf.getinfo(name)
        except KeyError:
            return None
        try:
            return etree.fromstring(self._inflate(info), _XML)
        except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError, EOFError, zlib.error) as exc:
            raise ParseError(f"the Word document is damaged: {name} cannot be read") from exc

    def links(self, part: str) -> dict[str, str]:
        """Relationship id -> target URL of a part's external links."""
        folder, _, name = part.rpartition("/")
        rels = self.xml(f"{folder}/_rels/{name}.rels")
        if rels is None:
            return {}
        return {
            str(r.get("Id")): str(r.get("Target"))
            for r in rels.iter(f"{{{NS['rel']}}}Relationship")
            if r.get("TargetMode") == "External"
        }


def style_names(pkg: Package) -> dict[str, str]:
    """Style id -> lower-case style name ("title", "heading 1", "caption")."""
    root = pkg.xml("word/styles.xml")
    if root is None:
        return {}
    out = {}
    for style in root.iter(_w("style")):
        name = _val(style.find("w:name", NS))
        sid = style.get(_w("styleId"))
        if sid and name:
            out[sid] = name.lower()
    return out


def core_metadata(pkg: Package, stated: dict[str, list[str]]) -> Metadata:
    core = pkg.xml("docProps/core.xml")
    app = pkg.xml("docProps/app.xml")

    def find(root: etree._Element | None, path: str) -> str | None:
        el = root.find(path, NS) if root is not None else None
        return clean(el.text) if el is not None and el.text and el.text.strip() else None

    creators = find(core, "dc:creator")
    names = stated["author"] or re.split(r";|\band\b", creators or "")
    # The date the text states beats the file's: "created" is when this file was made, often an export or
    # build date long after the document was written.
    written = next((d for d in (iso_date(t) for t in stated["date"]) if d), None)
    return Metadata(
        title=find(core, "dc:title"),
        authors=tuple(Author(n.strip()) for n in names if n.strip() and not is_placeholder_author(n)),
        organisation=find(app, "ep:Company"),
        date=written or iso_date(find(core, "dcterms:created")),
    )
