"""Every export counts the same mentions, and `teikit check` reports the same numbers.

mentions.csv has a row per mention in the text (notes and front matter included), as the
check report counts them; the rows with offsets are the mentions in the clean text, and
those are exactly the annotations and the tagged names of the CoNLL file (where a name
inside a longer name is part of it, and a name pointing at two entries is one span).
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter

import networkx as nx
from click.testing import CliRunner

from tests.exports.test_annotations import conll_spans
from toolkit.cli import main

KINDS = ("person", "place", "org", "event", "object")
TAG = {"person": "PER", "place": "LOC", "org": "ORG", "event": "EVENT", "object": "MISC"}


def table(rendered, name: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(rendered.text(name), newline="")))


def check_report(rendered) -> dict:
    """The mention counts `teikit check --format json` reports for the file."""
    result = CliRunner().invoke(
        main, ["check", "--format", "json", str(rendered.edition.source.path)]
    )
    assert result.exit_code in (0, 1), result.output
    (report,) = json.loads(result.stdout)["files"]
    return report["mentions"]


def test_all_mentions_agree_with_the_check_report(both, tmp_path):
    reported = check_report(both)
    rows = Counter(r["type"] for r in table(both, "mentions.csv"))
    assert {k: rows.get(k, 0) for k in KINDS} == {k: reported[k] for k in KINDS}
    assert sum(rows.values()) > 0
    # The registers' mention columns add up to the same numbers.
    for name, kind in (("persons.csv", "person"), ("places.csv", "place"), ("orgs.csv", "org"),
                       ("events.csv", "event")):  # fmt: skip
        assert sum(int(r["mentions"]) for r in table(both, name)) == reported[kind]
    registers = json.loads(both["registers.json"])
    for key, kind in (("persons", "person"), ("places", "place"), ("orgs", "org"),
                      ("events", "event"), ("objects", "object")):  # fmt: skip
        assert sum(e["mentions"] for e in registers[key]) == reported[kind]
    places = json.loads(both["places.geojson"])["features"]
    assert sum(f["properties"]["mentions"] for f in places) == reported["place"]
    path = tmp_path / "network.gexf"
    path.write_bytes(both["network.gexf"])
    graph = nx.read_gexf(path)
    assert sum(d["mentions"] for _n, d in graph.nodes(data=True)) == reported["person"]


def test_clean_text_mentions_agree_across_csv_annotations_and_conll(both):
    placed = [r for r in table(both, "mentions.csv") if r["start"]]
    items = json.loads(both["annotations.jsonld"])["first"]["items"]
    # One annotation per mention in the clean text, the same mention by id.
    assert [i["id"] for i in items] == [f"#{r['id']}" for r in placed]
    tagged = Counter(b["value"] for i in items for b in i["body"] if b["purpose"] == "tagging")
    assert tagged == Counter(r["type"] for r in placed)
    # CoNLL: one span per name; a name inside a longer tagged name cannot be tagged apart.
    spans = conll_spans(both)
    names = {(int(r["start"]), int(r["end"]), TAG[r["type"]]) for r in placed}
    nested = {
        n for n in names if any(s <= n[0] and n[1] <= e and (s, e) != n[:2] for s, e, _t in spans)
    }
    got = Counter(t for _s, _e, t in spans if t != "DATE")
    assert got == Counter(t for _s, _e, t in names - nested)
    two_targets = len(placed) - len({(r["start"], r["end"], r["type"]) for r in placed})
    assert sum(got.values()) == len(placed) - len(nested) - two_targets


def test_fixture_counts_by_hand(back):
    rows = table(back, "mentions.csv")
    assert Counter(r["type"] for r in rows) == {"person": 8, "place": 5, "org": 4, "event": 3}
    placed = [r for r in rows if r["start"]]
    assert Counter(r["type"] for r in placed) == {
        "person": 6, "place": 3, "org": 3, "event": 2
    }  # fmt: skip
    spans = Counter(t for _s, _e, t in conll_spans(back))
    # The Party is inside "the Central Committee of the Party": one ORG span.
    assert spans == {"PER": 6, "LOC": 3, "ORG": 2, "EVENT": 2, "DATE": 2}
