"""iiif-manifest.json: the document's page images as a IIIF Presentation 3 manifest, which
IIIF viewers (Mirador, Universal Viewer, OpenSeadragon with a IIIF source) open beside one
another or alongside other collections.

Each surface of the facsimile (and of a sourceDoc) with an image is a Canvas, its size the
surface's coordinate box (else the image's); its image painted on it, with the IIIF Image
service the image address belongs to when it is one. A zone that text of the edition points
at (@facs) becomes a supplementing annotation on its part of the canvas (#xywh=...), its body
that text, so a viewer shows the transcription on the page.

IIIF identifiers are web addresses. They start from the edition's own address (its idno of
type URI or URL); the images the builder copies (the document's local files) are at
"<address>/html/facsimile/<name>", where `teikit build` puts them. An edition without an
address gets "https://teikit.invalid/<file name>/" (the reserved .invalid domain): the
manifest is well formed and says plainly that it is not yet published anywhere.
"""

from __future__ import annotations

import json
import re

from lxml import etree

from toolkit import facsimile
from toolkit.exports import Export, register
from toolkit.exports.data import Edition
from toolkit.formats.html import FACSIMILE_FOLDER
from toolkit.source import TEI_NS

NS = {"t": TEI_NS}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
CONTEXT = "http://iiif.io/api/presentation/3/context.json"
_IIIF_IMAGE = re.compile(
    r"^(?P<service>https?://.+?)/(full|square|\d+,\d+,\d+,\d+|pct:[^/]+)/"
    r"(full|max|\d*,\d*|!?\d+,\d+|pct:[\d.]+)/!?\d+(\.\d+)?/(default|color|gray|bitonal|native)\.\w+$"
)
_FORMATS = {
    "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif",
    "webp": "image/webp", "tif": "image/tiff", "tiff": "image/tiff", "jp2": "image/jp2",
}  # fmt: skip


def _text(el) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


def surfaces(edition: Edition) -> list[etree._Element]:
    """Surfaces (not inside another) that have an image."""
    return [
        s
        for s in edition.source.root.xpath(
            "//t:facsimile//t:surface[not(ancestor::t:surface)][.//t:graphic/@url]"
            " | //t:sourceDoc//t:surface[not(ancestor::t:surface)][.//t:graphic/@url]",
            namespaces=NS,
        )
    ]


def applies(edition: Edition) -> bool:
    return bool(surfaces(edition))


def base_address(edition: Edition) -> str:
    for idno in edition.source.root.xpath(
        "t:teiHeader/t:fileDesc/t:publicationStmt/t:idno", namespaces=NS
    ):
        value = _text(idno)
        if (idno.get("type") or "").lower() in ("uri", "url") and re.match(r"^https?://", value):
            return value.rstrip("/")
    stem = re.sub(r"[^A-Za-z0-9_.-]", "_", edition.source.stem)
    return f"https://teikit.invalid/{stem}"


def _number(value: str | None) -> float | None:
    try:
        return float(re.sub(r"px$", "", (value or "").strip()))
    except ValueError:
        return None


def _box(el) -> tuple[float, float, float, float] | None:
    v = [_number(el.get(a)) for a in ("ulx", "uly", "lrx", "lry")]
    if None in v or v[2] <= v[0] or v[3] <= v[1]:
        return None
    return v[0], v[1], v[2] - v[0], v[3] - v[1]


def _points_box(el) -> tuple[float, float, float, float] | None:
    pairs = re.findall(r"(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)", el.get("points") or "")
    if len(pairs) < 3:
        return None
    xs, ys = [float(x) for x, _ in pairs], [float(y) for _, y in pairs]
    return min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)


def _int(v: float) -> int:
    return int(round(v))


def iiif_manifest(edition: Edition) -> bytes:
    found = surfaces(edition)
    if not found:
        from toolkit.errors import InputError

        raise InputError(
            "iiif-manifest.json: the document has no surface with an image "
            "(facsimile/surface/graphic)",
            edition.source.path,
        )
    root = edition.source.root
    base = base_address(edition)
    local = {i.url: i for i in facsimile.local_images(edition.source)[0]}
    title = (
        _text(
            next(
                iter(root.xpath("t:teiHeader/t:fileDesc/t:titleStmt/t:title", namespaces=NS)), None
            )
        )
        or edition.name
    )
    lang = root.get("{http://www.w3.org/XML/1998/namespace}lang") or "none"
    manifest: dict = {
        "@context": CONTEXT,
        "id": f"{base}/iiif-manifest.json",
        "type": "Manifest",
        "label": {lang: [title]},
    }
    metadata = []
    for label, xpath in (
        ("Author", "t:teiHeader/t:fileDesc/t:titleStmt/t:author"),
        ("Editor", "t:teiHeader/t:fileDesc/t:titleStmt/t:editor"),
        ("Publisher", "t:teiHeader/t:fileDesc/t:publicationStmt/t:publisher"),
    ):
        values = [_text(e) for e in root.xpath(xpath, namespaces=NS) if _text(e)]
        if values:
            metadata.append({"label": {"en": [label]}, "value": {"none": values}})
    if metadata:
        manifest["metadata"] = metadata
    licence = root.xpath("string((//t:publicationStmt//t:licence/@target)[1])", namespaces=NS)
    if re.match(r"^https?://(creativecommons\.org|rightsstatements\.org)/", licence):
        manifest["rights"] = licence.replace("https://", "http://", 1)
    by_zone: dict[str, list[etree._Element]] = {}
    for el in root.xpath("//t:text//*[@facs]", namespaces=NS):
        for token in el.get("facs").split():
            if token.startswith("#"):
                by_zone.setdefault(token[1:], []).append(el)
    canvases = []
    for n, surface in enumerate(found, start=1):
        graphic = surface.xpath(".//t:graphic[@url][1]", namespaces=NS)[0]
        url = graphic.get("url").strip()
        image = local.get(url)
        box = _box(surface)
        width = _number(graphic.get("width"))
        height = _number(graphic.get("height"))
        if box is None:
            if width and height:
                box = (0, 0, width, height)
            elif image is not None:
                box = (0, 0, image.width, image.height)
        if box is None:
            continue  # a canvas needs a size: an external image of unknown size is left out
        canvas_id = f"{base}/canvas/{surface.get(XML_ID) or f'p{n}'}"
        label = (surface.get("n") or "").strip() or str(n)
        if image is not None:
            body = {
                "id": f"{base}/html/{FACSIMILE_FOLDER}/{image.name}",
                "type": "Image",
                "format": image.media_type,
                "width": image.width,
                "height": image.height,
            }
        elif re.match(r"^https?://", url):
            ext = url.rsplit(".", 1)[-1].lower()
            body = {"id": url, "type": "Image", "format": _FORMATS.get(ext, "image/jpeg")}
            service = _IIIF_IMAGE.match(url)
            if service or url.endswith("/info.json"):
                service_id = service["service"] if service else url[: -len("/info.json")]
                v3 = "/iiif/3/" in service_id
                body["service"] = [
                    {
                        "id": service_id,
                        "type": "ImageService3" if v3 else "ImageService2",
                        "profile": "level1" if v3 else "http://iiif.io/api/image/2/level1.json",
                    }
                ]
        else:
            continue  # a local file that was not copied (see the build's warnings)
        canvas: dict = {
            "id": canvas_id,
            "type": "Canvas",
            "label": {"none": [label]},
            "width": _int(box[2]),
            "height": _int(box[3]),
            "items": [
                {
                    "id": f"{canvas_id}/page",
                    "type": "AnnotationPage",
                    "items": [
                        {
                            "id": f"{canvas_id}/page/image",
                            "type": "Annotation",
                            "motivation": "painting",
                            "body": body,
                            "target": canvas_id,
                        }
                    ],
                }
            ],
        }
        notes = []
        for zone in surface.xpath(".//t:zone", namespaces=NS):
            zid = zone.get(XML_ID)
            texts = by_zone.get(zid or "", []) + zone.xpath(".//t:line", namespaces=NS)
            zbox = _box(zone) or _points_box(zone)
            words = " ".join(_text(t) for t in texts if _text(t))
            if not zbox or not words:
                continue
            x, y = _int(zbox[0] - box[0]), _int(zbox[1] - box[1])
            region = f"{x},{y},{_int(zbox[2])},{_int(zbox[3])}"
            notes.append(
                {
                    "id": f"{canvas_id}/annotation/{zid or len(notes) + 1}",
                    "type": "Annotation",
                    "motivation": "supplementing",
                    "body": {"type": "TextualBody", "value": words, "format": "text/plain"},
                    "target": f"{canvas_id}#xywh={region}",
                }
            )
        if notes:
            canvas["annotations"] = [
                {"id": f"{canvas_id}/annotations", "type": "AnnotationPage", "items": notes}
            ]
        canvases.append(canvas)
    manifest["items"] = canvases
    return (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


register(
    Export(
        "iiif-manifest.json",
        "the page images as a IIIF Presentation 3 manifest, the text of each zone as an "
        "annotation on its page",
        "Mirador, Universal Viewer, any IIIF viewer",
        iiif_manifest,
        (
            (
                "items",
                "one Canvas per page (surface) with its image and, for a IIIF image, its service",
            ),
            ("annotations", "the text of each zone, on its region of the page (#xywh=x,y,w,h)"),
            (
                "id",
                "addresses under the edition's idno (type URI or URL), else https://teikit.invalid/",
            ),
        ),
        lambda edition: f"{len(surfaces(edition))} pages",
        applies,
    )
)
