"""Make land.xml, the coastlines under the HTML edition's map, from Natural Earth's land.

    python3 xslt/html/data/make_land.py path/to/land-110m.json > xslt/html/data/land.xml

The input is `land-110m.json` of the npm package world-atlas 2.0.2 (Natural Earth 4.1.0
land, 1:110m, as TopoJSON; see README.md in this folder). Run by hand, only when the data is
to change; the output is committed. The same input gives the same bytes.

land.xml holds one <ring> per ring of the land polygons (outer rings and lakes alike: the map
fills them with the even-odd rule), cut into chunks <c> of "lon lat" pairs in degrees rounded to
0.01, each chunk beginning where the one before ends. Rings and chunks carry their bounding
boxes in w/e/s/n, so that a map passes quickly over what lies far from its window.
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
    for ring in rings(topology):
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


if __name__ == "__main__":
    main(sys.argv[1])
