"""schema/chimes.sch: each rule, and a fixture in tests/fixtures/rules/ that breaks it.

A fixture marks each line that must be reported with a comment at the end of that line:
`<!-- expect: RULE-ID words of the message -->`. The fixture must give exactly those
findings (rule, line, message), nothing else.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import FIXTURES
from toolkit import SCHEMA_DIR
from toolkit.source import load
from toolkit.validation import validate

RULES = FIXTURES / "rules"
CHIMES_SCH = SCHEMA_DIR / "chimes.sch"
CHIMES_RNG = SCHEMA_DIR / "chimes.rng"
EXPECT = re.compile(r"<!-- expect: (\S+) (.*?) -->")
SCH = "{http://purl.oclc.org/dsdl/schematron}"


def expectations(path: Path) -> list[tuple[int, str, str]]:
    out = []
    for number, line in enumerate(path.read_text().splitlines(), 1):
        out.extend((number, rule, words) for rule, words in EXPECT.findall(line))
    return out


def rule_ids() -> set[str]:
    """The assertion ids of chimes.sch, with those of the patterns it includes."""
    ids = set()
    root = etree.parse(str(CHIMES_SCH)).getroot()
    for el in root.iter(f"{SCH}assert", f"{SCH}report"):
        ids.add(el.get("id"))
    universal = etree.parse(str(SCHEMA_DIR / "universal.sch")).getroot()
    included = {inc.get("href").split("#")[1] for inc in root.iter(f"{SCH}include")}
    for pattern in universal.iter(f"{SCH}pattern"):
        if pattern.get("id") in included:
            ids.update(el.get("id") for el in pattern.iter(f"{SCH}assert", f"{SCH}report"))
    return ids


FIXTURE_FILES = sorted(p for p in RULES.glob("*.xml") if p.name != "valid.xml")


def test_every_rule_has_an_id_and_a_fixture_that_breaks_it():
    ids = rule_ids()
    assert None not in ids
    broken = {rule for path in FIXTURE_FILES for _line, rule, _words in expectations(path)}
    assert ids <= broken, f"rules without a fixture: {sorted(ids - broken)}"
    assert broken <= ids, f"fixtures expect unknown rules: {sorted(broken - ids)}"


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.stem)
def test_fixture_is_reported_with_the_rule_message_and_line(path):
    expected = expectations(path)
    assert expected, f"{path.name} expects nothing"
    found = validate(load(path), schematrons=(CHIMES_SCH,))
    got = [(f.line, f.rule, f.message, f.severity) for f in found]
    assert len(got) == len(expected), "\n".join(f.text() for f in found)
    for (line, rule, words), (gline, grule, message, severity) in zip(
        sorted(expected), sorted(got), strict=True
    ):
        assert (gline, grule, severity) == (line, rule, "error")
        assert words in message, f"{path.name}:{line}: {message!r} lacks {words!r}"
    assert all(f.column for f in found), "every finding has a column"


def test_the_valid_sample_keeps_every_rule_and_the_grammar():
    path = RULES / "valid.xml"
    found = validate(load(path), schemas=(CHIMES_RNG,), schematrons=(CHIMES_SCH,))
    assert found == [], "\n".join(f.text() for f in found)
