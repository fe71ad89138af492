"""Make land.xml, the coastlines under the HTML edition's map, from Natural Earth's land.

    python3 xslt/html/data/make_land.py path/to/land-110m.json > xslt/html/data/land.xml
    python3 xslt/html/data/make_land.py --js xslt/html/data/land.xml > xslt/html/assets/land.js

The input is `land-110m.json` of the npm package world-atlas 2.0.2 (Natural Earth 4.1.0
land, 1:110m, as TopoJSON; see README.md in this folder). Run by hand, only when the data is
to change; the output is committed. The same input gives the same bytes.

land.xml holds one <ring> per ring of the land polygons, cut at the 180th meridian (outer
rings and lakes alike: the map fills them with the even-odd rule), cut into chunks <c> of
"lon lat" pairs in degrees rounded to 0.01, each chunk beginning where the one before ends.
Rings and chunks carry their bounding boxes in w/e/s/n, so that a map passes quickly over
what lies far from its window.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from xml.sax.saxutils import quoteattr

Ring = list[tuple[float, float]]


#: Points in a chunk of a ring (see main).
CHUNK = 32


def decode_arcs(topology: dict) -> list[Ring]:
    """The arcs of a quantized TopoJSON topology, in degrees."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(indexes: list[int], arcs: list[Ring]) -> Ring:
    """A ring from its arcs: ~i is arc i reversed; consecutive arcs share an end point."""
    points: Ring = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def rings(topology: dict) -> list[Ring]:
    arcs = decode_arcs(topology)
    out = []
    for geometry in topology["objects"]["land"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            out.extend(ring_points(ring, arcs) for ring in polygon)
    return out


def split_antimeridian(ring: Ring) -> list[Ring]:
    """A ring that crosses the 180th meridian (a step of more than 180 degrees of longitude
    between neighbours) as rings that do not: drawn on a flat map, the step would be a line
    across the whole width. Two crossings: the two stretches between them, each closed along
    the meridian. One crossing (a ring around a pole): the ring, led round by the pole."""
    steps = [i for i in range(len(ring) - 1) if abs(ring[i][0] - ring[i + 1][0]) > 180]
    if not steps:
        return [ring]
    if len(steps) == 1:
        i = steps[0]
        pole = -90.0 if ring[i][1] < 0 else 90.0
        a, b = ring[i], ring[i + 1]
        return [ring[: i + 1] + [(a[0], pole), (b[0], pole)] + ring[i + 1 :]]
    # rotate to begin after the first crossing, then cut at each crossing
    open_ring = ring[:-1]
    start = steps[0] + 1
    turned = open_ring[start:] + open_ring[:start]
    pieces: list[Ring] = [[turned[0]]]
    for prev, point in zip(turned, turned[1:], strict=False):
        if abs(prev[0] - point[0]) > 180:
            pieces.append([])
        pieces[-1].append(point)
    return [piece + [piece[0]] for piece in pieces if len(piece) >= 3]


def fmt(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def box(points: list[tuple[str, str]]) -> str:
    """w/e/s/n attributes: the bounding box of the points (as written)."""
    lons, lats = [float(p[0]) for p in points], [float(p[1]) for p in points]
    sides = {"w": min(lons), "e": max(lons), "s": min(lats), "n": max(lats)}
    return " ".join(f"{k}={quoteattr(fmt(v))}" for k, v in sides.items())


def main(path: str) -> None:
    topology = json.loads(Path(path).read_text(encoding="utf-8"))
    print('<?xml version="1.0" encoding="UTF-8"?>')
    print(
        "<!-- Made by make_land.py from world-atlas 2.0.2 land-110m.json: Natural Earth 4.1.0 "
        "land, 1:110m (public domain). Do not edit by hand. -->"
    )
    print("<land>")
    for ring in (piece for whole in rings(topology) for piece in split_antimeridian(whole)):
        points: list[tuple[str, str]] = []
        for lon, lat in ring:
            point = (fmt(lon), fmt(lat))
            if not points or points[-1] != point:  # rounding can make neighbours equal
                points.append(point)
        if len(points) < 4:
            continue
        # Chunks of CHUNK points, each ending where the next begins, so that a map can pass
        # over a chunk far outside its window by its first point alone.
        starts = range(0, len(points) - 1, CHUNK)
        chunks = [points[i : i + CHUNK + 1] for i in starts]
        body = "".join(
            f"<c {box(chunk)}>{' '.join(f'{lon} {lat}' for lon, lat in chunk)}</c>"
            for chunk in chunks
        )
        print(f"  <ring {box(points)}>{body}</ring>")
    print("</land>")


def land_js(path: str) -> None:
    """assets/land.js, the same rings for the zoomable map (map.js): one flat array of
    latitude, longitude, latitude ... per ring."""
    from xml.etree import ElementTree

    print("/* Made by xslt/html/data/make_land.py --js from land.xml: Natural Earth 4.1.0 land,")
    print("   1:110m (public domain), for the zoomable map. Do not edit by hand. */")
    rings_out = []
    for ring in ElementTree.parse(path).getroot():
        values = " ".join(c.text for c in ring).split()
        pairs = list(zip(values[0::2], values[1::2], strict=True))
        rings_out.append("[" + ",".join(f"{lat},{lon}" for lon, lat in pairs) + "]")
    print("window.teikitLand = [\n" + ",\n".join(rings_out) + "\n];")


if __name__ == "__main__":
    if sys.argv[1] == "--js":
        land_js(sys.argv[2])
    else:
        main(sys.argv[1])
