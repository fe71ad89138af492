"""The places as GeoJSON (RFC 7946), shaped after the Linked Places Format.

Every place of the register is a Feature: a Point at [longitude, latitude] (RFC 7946
order, the reverse of TEI's "lat long"), or a null geometry when the register gives no
coordinates, so the file still lists every place for a gazetteer. Names with their periods,
authority links and mention counts follow the Linked Places Format (LPF) keys; QGIS, Leaflet,
geojson.io and the World Historical Gazetteer all read it.
"""

from __future__ import annotations

from toolkit.exports import Export, register
from toolkit.exports.data import Edition, uris
from toolkit.exports.registers_json import dumps
from toolkit.registers import Entry, Name

LPF_CONTEXT = (
    "https://raw.githubusercontent.com/LinkedPasts/linked-places/master/"
    "linkedplaces-context-v1.1.jsonld"
)


def _when(start: str | None, end: str | None) -> dict | None:
    if not start and not end:
        return None
    span: dict = {"start": {"in": start or end}}
    if end and end != start:
        span["end"] = {"in": end}
    return {"timespans": [span]}


def _name(name: Name) -> dict:
    attrs = {k.removesuffix("-iso"): v for k, v in name.dates}
    data: dict = {"toponym": name.text}
    if name.lang:
        data["lang"] = name.lang
    if name.type:
        data["type"] = name.type
    when = _when(attrs.get("from") or attrs.get("when"), attrs.get("to") or attrs.get("when"))
    if when:
        data["when"] = when
    return data


def feature(edition: Edition, entry: Entry) -> dict:
    geometry = None
    if entry.coordinates is not None:
        lat, lon = entry.coordinates
        geometry = {"type": "Point", "coordinates": [lon, lat]}
    properties: dict = {
        "id": entry.id,
        "title": entry.label,
        "type": entry.type,
        "part_of": entry.parent,
        "description": entry.description,
        "mentions": edition.mention_counts.get(entry.id, 0),
    }
    subject, imprint, role = edition.roles(entry)
    properties |= {"subject_mentions": subject, "imprint_mentions": imprint, "role": role}
    data: dict = {
        "type": "Feature",
        "id": entry.id,
        "@id": f"{edition.name}#{entry.id}",
        "properties": properties,
        "geometry": geometry,
        "names": [_name(n) for n in entry.names if not n.derived],
        "links": [{"type": "exactMatch", "identifier": link} for link in uris(entry)],
    }
    if entry.type:
        data["types"] = [{"label": entry.type}]
    if entry.description:
        data["descriptions"] = [{"value": entry.description}]
    return data


def places_geojson(edition: Edition) -> bytes:
    return dumps(
        {
            "type": "FeatureCollection",
            "@context": LPF_CONTEXT,
            "features": [feature(edition, e) for e in edition.entries("place")],
        }
    )


FIELDS = (
    ("geometry", "a Point [longitude, latitude] in WGS 84, or null when not located"),
    ("id, @id", "the place's xml:id; @id adds the source file (file.xml#id)"),
    ("properties", "id, title (main name), type, part_of, description, mentions"),
    (
        "properties.role",
        "subject, imprint (named only as a place of publication, inside pubPlace) or both, "
        "with subject_mentions and imprint_mentions: filter on it to map what the text is about",
    ),  # fmt: skip
    ("names", "LPF names: toponym, type, and when (the period the name was in use)"),
    ("links", "LPF links: exactMatch to each authority URI (Wikidata, GeoNames ...)"),
)

register(
    Export(
        "places.geojson",
        "the places as a GeoJSON FeatureCollection in the Linked Places Format spirit",
        "QGIS, Leaflet, geojson.io, World Historical Gazetteer",
        places_geojson,
        FIELDS,
        lambda edition: (
            f"{len(edition.entries('place'))} features, "
            f"{sum(1 for e in edition.entries('place') if e.coordinates)} with coordinates"
        ),
    )
)
