"""EPUB 3: the HTML transforms (imported by xslt/epub/epub.xsl) plus packaging.

The stylesheet serialises every file of the publication (content documents, nav.xhtml,
package.opf) and hands them over as strings, never through the file system; this module
adds the style sheet and the OCF container and zips them deterministically: mimetype first
and stored, then META-INF/container.xml, then the package's files in sorted order, all with
one timestamp, that of the package's dcterms:modified (SOURCE_DATE_EPOCH when set, else the
edition's own date).
"""

from __future__ import annotations

import calendar
import time
import uuid
from pathlib import Path

from lxml import etree

from toolkit import XSLT_DIR, facsimile
from toolkit.errors import TransformError
from toolkit.formats import Built, Format, Options, register
from toolkit.output import build_epoch, write_bytes, zip_bytes
from toolkit.source import TEI_NS, Source
from toolkit.xslt import stylesheet

ASSETS = XSLT_DIR / "epub" / "assets"
ASSET_FOLDER = "css"  # where the assets go inside EPUB/
IMAGE_FOLDER = "images"  # where the page images of the document's folder go
CONTAINER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">\n'
    "  <rootfiles>\n"
    '    <rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>\n'
    "  </rootfiles>\n"
    "</container>\n"
)
OPF_NS = "http://www.idpf.org/2007/opf"
_SAFE = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def identifier(source: Source) -> str:
    """The publication's dc:identifier: stable, derived from the edition, never per build.

    An idno of the edition that is already a URN, URI or DOI is used as it stands; any other
    idno, else the title and authors, seeds a name-based (version 5) UUID, so that the same
    edition always gets the same identifier and different editions different ones.
    """
    ns = {"t": TEI_NS}
    header = source.root.find("t:teiHeader", ns)
    if header is None:
        return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'teikit:' + source.stem)}"

    def text(xpath: str) -> str:
        return " ".join(" ".join(header.xpath(xpath, namespaces=ns)).split())

    idno = header.xpath("t:fileDesc/t:publicationStmt/t:idno[normalize-space()][1]", namespaces=ns)
    if idno:
        value = " ".join("".join(idno[0].itertext()).split())
        kind = (idno[0].get("type") or "").lower()
        if value.lower().startswith(("urn:", "http://", "https://", "doi:")):
            return value
        if kind == "doi" or value.startswith("10."):
            return f"urn:doi:{value}"
        if kind == "isbn":
            return f"urn:isbn:{value.replace('-', '').replace(' ', '')}"
        seed = f"teikit:idno:{kind}:{value}"
    else:
        title = text("t:fileDesc/t:titleStmt/t:title//text()")
        authors = text("t:fileDesc/t:titleStmt/t:author//text()")
        seed = f"teikit:title:{title}|{authors}" if title else f"teikit:file:{source.stem}"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, seed)}"


def modified_param() -> str:
    """dcterms:modified from SOURCE_DATE_EPOCH; empty lets the stylesheet use the edition date."""
    epoch = build_epoch(default=-1)
    if epoch < 0:
        return ""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))


def _asset_files() -> dict[str, bytes]:
    return {
        f"EPUB/{ASSET_FOLDER}/{p.relative_to(ASSETS).as_posix()}": p.read_bytes()
        for p in sorted(ASSETS.rglob("*"))
        if p.is_file()
    }


def _check_manifest(opf: bytes, files: dict[str, bytes]) -> int:
    """The package's dcterms:modified as an epoch, after checking the manifest lists every
    file of the package and nothing else (a mismatch is a bug in the stylesheet)."""
    tree = etree.fromstring(opf, _SAFE)
    listed = {
        "EPUB/" + h for h in tree.xpath("//o:manifest/o:item/@href", namespaces={"o": OPF_NS})
    }
    present = {name for name in files if name != "EPUB/package.opf"}
    if listed != present:
        missing = sorted(listed - present)
        unlisted = sorted(present - listed)
        raise TransformError(
            f"EPUB manifest does not match the files written (missing: {missing}, "
            f"not listed: {unlisted})",
            XSLT_DIR / "epub" / "epub.xsl",
        )
    value = tree.xpath(
        "string(//o:meta[@property='dcterms:modified'])", namespaces={"o": OPF_NS}
    ).strip()
    try:
        return calendar.timegm(time.strptime(value, "%Y-%m-%dT%H:%M:%SZ"))
    except ValueError:
        return build_epoch()


def package(source: Source, options: Options) -> tuple[bytes, list[str]]:
    """The EPUB's bytes and the stylesheet's warnings."""
    assets = _asset_files()
    images, image_warnings = facsimile.local_images(source)
    for image in images:
        assets.setdefault(f"EPUB/{IMAGE_FOLDER}/{image.name}", image.path.read_bytes())
    params = {
        "reading": options.reading,
        "ui-lang": options.ui_lang,
        "identifier": identifier(source),
        "modified": modified_param(),
        "assets": ASSET_FOLDER,
        "asset-files": " ".join(name.removeprefix("EPUB/") for name in assets),
    }
    if images:
        params["facsimile-images"] = facsimile.stylesheet_param(images, IMAGE_FOLDER)
    result = stylesheet("epub/epub.xsl").apply(source, params, items=True)
    names, texts = result.items[0::2], result.items[1::2]
    if len(names) != len(texts) or len(set(names)) != len(names):  # a stylesheet bug
        raise TransformError(
            "EPUB stylesheet result is not a list of distinct (path, text) pairs",
            XSLT_DIR / "epub" / "epub.xsl",
        )
    files = {name: text.encode("utf-8") for name, text in zip(names, texts, strict=True)}
    files.update(assets)
    epoch = _check_manifest(files["EPUB/package.opf"], files)
    entries = [("mimetype", b"application/epub+zip", False)]
    entries.append(("META-INF/container.xml", CONTAINER.encode("utf-8"), True))
    entries += [(name, files[name], True) for name in sorted(files)]
    return zip_bytes(entries, epoch), image_warnings + result.warnings


def build(source: Source, out: Path, options: Options) -> Built:
    data, warnings = package(source, options)
    path = write_bytes(out / "epub" / f"{source.stem}.epub", data)
    return Built([path], warnings)


register(Format("epub", "EPUB 3 publication (epub/<stem>.epub)", build))
