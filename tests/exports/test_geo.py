"""places.geojson: valid GeoJSON (a JSON Schema check, offline), [lon, lat] in range."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from toolkit.source import TEI_NS

SCHEMA = json.loads((Path(__file__).parent / "geojson.schema.json").read_text(encoding="utf-8"))
NS = {"tei": TEI_NS}


def validator() -> jsonschema.Draft7Validator:
    jsonschema.Draft7Validator.check_schema(SCHEMA)
    return jsonschema.Draft7Validator(SCHEMA)


def test_geojson_passes_the_schema(both):
    data = json.loads(both["places.geojson"])
    errors = sorted(validator().iter_errors(data), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    assert data["type"] == "FeatureCollection"


@pytest.mark.parametrize(
    "broken",
    [
        {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}}]},
        {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [1]}},
        {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": "1 2"}},
        {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [0, 0]]]},
        {"type": "FeatureCollection", "features": {}},
        {"type": "Place", "features": []},
    ],
)
def test_schema_rejects_what_is_not_geojson(broken):
    assert list(validator().iter_errors(broken)), broken


def test_every_coordinate_in_range_and_lon_lat_order(both):
    data = json.loads(both["places.geojson"])
    root = both.edition.source.root
    ids = sorted(root.xpath("//tei:listPlace//tei:place/@xml:id", namespaces=NS))
    assert [f["id"] for f in data["features"]] == ids
    for feature in data["features"]:
        place = root.xpath(f"//tei:place[@xml:id='{feature['id']}']", namespaces=NS)[0]
        geo = place.xpath("tei:location/tei:geo/text()", namespaces=NS)
        if not geo:
            assert feature["geometry"] is None
            continue
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert [lat, lon] == [float(v) for v in geo[0].split()], "TEI is 'lat long'"


def test_linked_places_names_links_and_mentions(back):
    data = json.loads(back["places.geojson"])
    assert data["@context"].endswith("linkedplaces-context-v1.1.jsonld")
    leningrad = next(f for f in data["features"] if f["id"] == "leningrad")
    assert leningrad["properties"]["title"] == "Saint Petersburg"
    assert leningrad["properties"]["mentions"] == 1
    assert {"toponym": "Leningrad", "type": "historical",
            "when": {"timespans": [{"start": {"in": "1924"}, "end": {"in": "1991"}}]}} in (
        leningrad["names"]
    )  # fmt: skip
    assert leningrad["links"] == [
        {"type": "exactMatch", "identifier": "https://www.wikidata.org/wiki/Q656"}
    ]
    utopia = next(f for f in data["features"] if f["id"] == "nowhere")
    assert utopia["geometry"] is None and utopia["links"] == []


def test_a_place_named_only_as_an_imprint_can_be_filtered_out(back):
    features = {f["id"]: f["properties"] for f in json.loads(back["places.geojson"])["features"]}
    assert {k: (p["role"], p["subject_mentions"], p["imprint_mentions"])
            for k, p in features.items()} == {
        "leningrad": ("subject", 1, 0), "moscow": ("both", 1, 1),
        "nowhere": ("subject", 1, 0), "oxford": ("imprint", 0, 1),
    }  # fmt: skip
