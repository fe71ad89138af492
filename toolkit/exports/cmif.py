"""cmif.xml: the letters' metadata in the Correspondence Metadata Interchange Format (CMIF
1.1 of the TEI Correspondence SIG), which correspSearch harvests to connect editions of
letters.

Each correspDesc of the edition's headers becomes one CMIF correspDesc: its sent and
received actions with their persons or organisations, places and dates. A name's @ref
that points at a register entry becomes the entry's authority URI (Wikidata, VIAF, GND,
GeoNames ...); a name with a URI of its own keeps it; a name with neither is given without
@ref, as CMIF allows. The file describes itself as CMIF requires: the edition's title and
editors, its publisher, date and licence, and a bibl (with a stable UUID) of the edition
that every correspDesc cites through @source. The CMIF file's own address is the edition's
idno of type URI or URL followed by "/cmif.xml" (relative "cmif.xml" when it has none).
"""

from __future__ import annotations

import time
import uuid

from lxml import etree

from toolkit.errors import InputError
from toolkit.exports import Export, register
from toolkit.exports.data import Edition, uris
from toolkit.isodate import parse as parse_date
from toolkit.output import build_epoch
from toolkit.source import TEI_NS

NS = {"t": TEI_NS}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
ACTIONS = ("sent", "received")
DATE_ATTRS = ("when", "from", "to", "notBefore", "notAfter")
NAMES = ("persName", "orgName")
CMIF_SCHEMA = "https://raw.githubusercontent.com/TEI-Correspondence-SIG/CMIF/master/schema/cmi-customization.rng"


def _t(tag: str) -> str:
    return f"{{{TEI_NS}}}{tag}"


def _text(el: etree._Element | None) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


def corresp_descs(edition: Edition) -> list[etree._Element]:
    return edition.source.root.xpath("//t:teiHeader//t:correspDesc[t:correspAction]", namespaces=NS)


def _licence(edition: Edition) -> etree._Element | None:
    found = edition.source.root.xpath(
        "(//t:teiHeader/t:fileDesc/t:publicationStmt/t:availability//t:licence[@target])[1]",
        namespaces=NS,
    )
    return found[0] if found else None


def applies(edition: Edition) -> bool:
    return bool(corresp_descs(edition)) and _licence(edition) is not None


def _authority(edition: Edition, ref: str | None) -> str | None:
    """The URI a name's @ref stands for: a URI itself, or a register entry's first URI."""
    entries = {e.id: e for e in edition.registers.entries if e.id}
    for token in (ref or "").split():
        if token.startswith(("http://", "https://")):
            return token
        entry = entries.get(token.removeprefix("#"))
        if entry is not None:
            found = uris(entry)
            if found:
                return found[0]
    return None


def _iso(value: str) -> bool:
    try:
        parse_date(value)
    except ValueError:
        return False
    return True


def _action(edition: Edition, action: etree._Element) -> etree._Element:
    out = etree.Element(_t("correspAction"), type=action.get("type"))
    for name in action.xpath("t:persName | t:orgName | t:name", namespaces=NS):
        tag = "orgName" if etree.QName(name).localname == "orgName" else "persName"
        el = etree.SubElement(out, _t(tag))
        el.text = _text(name)
        uri = _authority(edition, name.get("ref") or name.get("key"))
        if uri:
            el.set("ref", uri)
    for place in action.xpath("t:placeName | t:settlement", namespaces=NS)[:1]:
        el = etree.SubElement(out, _t("placeName"))
        el.text = _text(place)
        uri = _authority(edition, place.get("ref"))
        if uri:
            el.set("ref", uri)
    for date in action.xpath("t:date", namespaces=NS)[:1]:
        attrs = {a: date.get(a) for a in DATE_ATTRS if date.get(a) and _iso(date.get(a))}
        if attrs:
            el = etree.SubElement(out, _t("date"), **attrs)
            if _text(date):
                el.text = _text(date)
    return out


def cmif_xml(edition: Edition) -> bytes:
    root = edition.source.root
    descs = corresp_descs(edition)
    if not descs:
        raise InputError(
            "cmif.xml: the edition has no correspDesc with a correspAction", edition.source.path
        )
    licence = _licence(edition)
    if licence is None:
        raise InputError(
            "cmif.xml: CMIF requires a licence for the letters' metadata, and the edition "
            "states none (publicationStmt/availability/licence with @target)",
            edition.source.path,
        )

    def first(xpath: str) -> str:
        return _text(next(iter(root.xpath(xpath, namespaces=NS)), None))

    title = first("t:teiHeader/t:fileDesc/t:titleStmt/t:title") or edition.name
    stmt = "t:teiHeader/t:fileDesc/t:titleStmt/"
    editors = [
        _text(e)
        for e in root.xpath(
            " | ".join(
                stmt + p
                for p in ("t:editor", "t:author", "t:respStmt/t:name", "t:respStmt/t:persName")
            ),
            namespaces=NS,
        )
        if _text(e)
    ]
    publisher = first("t:teiHeader/t:fileDesc/t:publicationStmt/t:publisher") or title
    url = first(
        "t:teiHeader/t:fileDesc/t:publicationStmt/t:idno"
        "[translate(@type, 'URIL', 'uril') = 'uri' or translate(@type, 'URIL', 'uril') = 'url']"
    )
    dates = root.xpath("t:teiHeader/t:fileDesc/t:publicationStmt/t:date/@when", namespaces=NS)
    date = next((d for d in dates if _iso(d)), None)
    bibl_id = str(uuid.uuid5(uuid.NAMESPACE_URL, "teikit:cmif:" + (url or title)))

    tei = etree.Element(_t("TEI"), nsmap={None: TEI_NS})
    header = etree.SubElement(tei, _t("teiHeader"))
    file_desc = etree.SubElement(header, _t("fileDesc"))
    title_stmt = etree.SubElement(file_desc, _t("titleStmt"))
    etree.SubElement(title_stmt, _t("title")).text = f"Correspondence metadata of {title}"
    for name in editors or [publisher]:
        etree.SubElement(title_stmt, _t("editor")).text = name
    pub = etree.SubElement(file_desc, _t("publicationStmt"))
    etree.SubElement(pub, _t("publisher")).text = publisher
    etree.SubElement(pub, _t("idno"), type="url").text = (
        url.rstrip("/") + "/cmif.xml" if url else "cmif.xml"
    )
    # The date of the metadata: the edition's, else the build's (SOURCE_DATE_EPOCH).
    etree.SubElement(
        pub, _t("date"), when=date or time.strftime("%Y-%m-%d", time.gmtime(build_epoch()))
    )
    availability = etree.SubElement(pub, _t("availability"))
    etree.SubElement(availability, _t("licence"), target=licence.get("target")).text = _text(
        licence
    ) or licence.get("target")
    source_desc = etree.SubElement(file_desc, _t("sourceDesc"))
    bibl = etree.SubElement(source_desc, _t("bibl"), type="online")
    bibl.set(XML_ID, bibl_id)
    bibl.text = title + (". " if url else "")
    if url:
        etree.SubElement(bibl, _t("ref"), target=url).text = url
    profile = etree.SubElement(header, _t("profileDesc"))
    for desc in descs:
        out = etree.SubElement(profile, _t("correspDesc"), source=f"#{bibl_id}")
        ref = desc.get("ref") or url
        if ref and ref.startswith(("http://", "https://")):
            out.set("ref", ref)
        for action in desc.xpath("t:correspAction", namespaces=NS):
            if action.get("type") in ACTIONS:
                out.append(_action(edition, action))
    body = etree.SubElement(etree.SubElement(tei, _t("text")), _t("body"))
    etree.SubElement(body, _t("p"))
    etree.indent(tei, space="  ")
    model = etree.ProcessingInstruction(
        "xml-model",
        f'href="{CMIF_SCHEMA}" type="application/xml" '
        'schematypens="http://relaxng.org/ns/structure/1.0"',
    )
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        + etree.tostring(model)
        + b"\n"
        + etree.tostring(tei, encoding="UTF-8")
        + b"\n"
    )


register(
    Export(
        "cmif.xml",
        "the letters' sender, addressee, places and dates in the Correspondence Metadata "
        "Interchange Format (CMIF 1.1)",
        "correspSearch, the CMIF Creator, any TEI tool",
        cmif_xml,
        (
            ("correspDesc/@ref", "the letter's address"),
            ("correspAction/@type", "sent or received"),
            ("persName/@ref, placeName/@ref", "authority URIs (Wikidata, VIAF, GND, GeoNames)"),
            ("date/@when ...", "ISO 8601 dates of sending or receipt"),
        ),
        lambda edition: f"{len(corresp_descs(edition))} letters",
        applies,
    )
)
