"""Facsimiles: every @facs points at a page, zone or image the document has, and every zone
lies inside its page."""

from __future__ import annotations

import re

from lxml import etree

from toolkit.check.document import Document
from toolkit.check.registry import rule
from toolkit.registers import local

FACS_TARGETS = {"surface", "zone", "graphic", "surfaceGrp", "facsimile", "line"}


@rule("facs-unresolved", "error")
def facs_unresolved(doc: Document):
    """A @facs points at no page or zone of the facsimile.

    "#id" in @facs must be the xml:id of a surface, zone or graphic (of facsimile or
    sourceDoc): the HTML edition links a page break to its page's image and lights up a
    zone with its text through it. A pointer to nothing, or to an element of the text, is
    usually a typing error or a page left out of the facsimile. (An address of an image
    file in @facs is not a pointer and is not checked here.)"""
    for el, _entry in doc.attributed:
        for token in (el.get("facs") or "").split():
            if not token.startswith("#"):
                continue
            target = doc.elements_by_id.get(token[1:])
            if target is None:
                yield doc.at(
                    el,
                    f"@facs names {token}, which is no element of the document"
                    f"{doc.suggest(token[1:])}",
                )
            elif local(target) not in FACS_TARGETS:
                yield doc.at(el, f"@facs names {token}, a <{local(target)}>, not a surface or zone")


def _number(value: str | None) -> float | None:
    try:
        return float(re.sub(r"px$", "", (value or "").strip()))
    except ValueError:
        return None


def _box(el: etree._Element) -> tuple[float, float, float, float] | None:
    values = [_number(el.get(a)) for a in ("ulx", "uly", "lrx", "lry")]
    if None in values:
        points = re.findall(r"(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)", el.get("points") or "")
        if len(points) < 3:
            return None
        xs, ys = [float(x) for x, _ in points], [float(y) for _, y in points]
        return min(xs), min(ys), max(xs), max(ys)
    return values[0], values[1], values[2], values[3]


@rule("zone-outside-surface", "error")
def zone_outside_surface(doc: Document):
    """A zone lies (partly) outside the page it is a zone of.

    A zone's box (@ulx @uly @lrx @lry) or polygon (@points) is in the coordinates of its
    surface, and must lie within the surface's own box: the HTML edition draws zones over
    the page image, and a zone outside it marks nothing a reader can see. Usually the
    coordinates were taken from another image size (a thumbnail, a rescan), or x and y
    were swapped. A zone whose lower right corner lies above or left of its upper left is
    reported too."""
    for zone in doc.by_name["zone"]:
        box = _box(zone)
        if box is None:
            continue
        if box[2] < box[0] or box[3] < box[1]:
            yield doc.at(
                zone,
                f"<zone> ends before it starts ({box[0]:g},{box[1]:g} to {box[2]:g},{box[3]:g})",
            )
            continue
        surface = next((a for a in zone.iterancestors() if local(a) == "surface"), None)
        page = _box(surface) if surface is not None else None
        if page is None:
            continue
        if box[0] < page[0] or box[1] < page[1] or box[2] > page[2] or box[3] > page[3]:
            yield doc.at(
                zone,
                f"<zone> {box[0]:g},{box[1]:g} to {box[2]:g},{box[3]:g} is not inside its surface "
                f"{page[0]:g},{page[1]:g} to {page[2]:g},{page[3]:g} (line {surface.sourceline})",
            )
