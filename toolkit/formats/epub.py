"""EPUB 3: the HTML transforms (imported by xslt/epub/epub.xsl) plus packaging.

Packaging is deterministic: mimetype first and stored, then META-INF/container.xml, then the
package's files in sorted order, all with the same timestamp (SOURCE_DATE_EPOCH, else the
edition's own date).
"""

from __future__ import annotations

import calendar
import tempfile
import time
import uuid
from pathlib import Path

from lxml import etree

from toolkit import XSLT_DIR
from toolkit.formats import Built, Format, Options, register
from toolkit.output import build_epoch, write_bytes, zip_bytes
from toolkit.source import TEI_NS, Source
from toolkit.xslt import stylesheet

CSS = XSLT_DIR / "epub" / "assets" / "epub.css"
CONTAINER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">\n'
    "  <rootfiles>\n"
    '    <rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>\n'
    "  </rootfiles>\n"
    "</container>\n"
)
OPF_NS = "http://www.idpf.org/2007/opf"


def identifier(source: Source) -> str:
    """The edition's own identifier if it states one, else a UUID derived from its title."""
    ns = {"t": TEI_NS}
    idno = source.root.xpath(
        "string(t:teiHeader/t:fileDesc/t:publicationStmt/t:idno[normalize-space()][1])",
        namespaces=ns,
    ).strip()
    if idno:
        return idno if ":" in idno else f"urn:teikit:{idno}"
    seed = " ".join(
        source.root.xpath("string(t:teiHeader/t:fileDesc/t:titleStmt)", namespaces=ns).split()
    )
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'teikit:' + (seed or source.stem))}"


def modified_param() -> str:
    """dcterms:modified from SOURCE_DATE_EPOCH; empty lets the stylesheet use the edition date."""
    epoch = build_epoch(default=-1)
    if epoch < 0:
        return ""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))


def _epoch_of(opf: bytes) -> int:
    tree = etree.fromstring(opf, etree.XMLParser(resolve_entities=False, no_network=True))
    value = tree.xpath(
        "string(//o:meta[@property='dcterms:modified'])", namespaces={"o": OPF_NS}
    ).strip()
    try:
        return calendar.timegm(time.strptime(value, "%Y-%m-%dT%H:%M:%SZ"))
    except ValueError:
        return build_epoch()


def build(source: Source, out: Path, options: Options) -> Built:
    sheet = stylesheet("epub/epub.xsl")
    with tempfile.TemporaryDirectory(prefix="teikit-epub-") as tmpdir:
        root = Path(tmpdir)
        result = sheet.run(
            source.xml_text(),
            {
                "reading": options.reading,
                "identifier": identifier(source),
                "modified": modified_param(),
            },
            base_output=root,
            source_name=str(source.path),
        )
        files = {
            p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()
        }
    files["EPUB/text.xhtml"] = result.text.encode("utf-8")
    files["EPUB/css/epub.css"] = CSS.read_bytes()
    epoch = _epoch_of(files["EPUB/package.opf"])
    entries = [("mimetype", b"application/epub+zip", False)]
    entries.append(("META-INF/container.xml", CONTAINER.encode("utf-8"), True))
    entries += [(name, files[name], True) for name in sorted(files)]
    path = write_bytes(out / "epub" / f"{source.stem}.epub", zip_bytes(entries, epoch))
    return Built([path], result.warnings)


register(Format("epub", "EPUB 3 publication (epub/<stem>.epub)", build))
