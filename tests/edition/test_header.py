"""The edition's header tells the truth about the file: corrections listed, witness, dates."""

from __future__ import annotations

import re

from tests.conftest import EDITION, ROOT
from toolkit.source import load

T = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
WITNESS = ROOT / "tei" / "source" / "chimes-at-midnight.txt"


def text_of(el) -> str:
    return "".join(el.itertext()) if el is not None else ""


def corrections_in_text(root) -> list[tuple[str, str, str]]:
    """(id of the nearest identified ancestor, source reading, correction), in text order."""
    found = []
    for choice in root.find(T + "text").iter(T + "choice"):
        sic, corr = choice.find(T + "sic"), choice.find(T + "corr")
        if sic is None or corr is None:
            continue
        where = next(a.get(XML_ID) for a in choice.iterancestors() if a.get(XML_ID))
        found.append((where, text_of(sic), text_of(corr)))
    return found


def corrections_listed(root) -> list[tuple[str, str, str]]:
    listed = []
    for item in root.iter(T + "list"):
        if item.get("type") != "corrections":
            continue
        for entry in item.iter(T + "item"):
            target = entry.find(T + "ref").get("target").lstrip("#")
            mentioned = [text_of(m) for m in entry.iter(T + "mentioned")]
            listed.append((target, mentioned[0], mentioned[1] if len(mentioned) > 1 else ""))
    return listed


def test_the_list_of_corrections_is_the_text_s():
    root = load(EDITION).root
    in_text = corrections_in_text(root)
    assert corrections_listed(root) == in_text
    statement = root.find(f".//{T}correction").xpath("string(.)")
    stated = re.search(r"The (\d+) corrections, in text order", statement)
    assert stated and int(stated.group(1)) == len(in_text)


def test_the_witness_is_described_as_it_is():
    lines = WITNESS.read_text(encoding="utf-8").split("\n")
    source = load(EDITION).root.find(f".//{T}sourceDesc").xpath("string(.)")
    assert f"{len(lines)} lines" in " ".join(source.split())


def test_the_edition_is_dated_by_its_last_revision():
    root = load(EDITION).root
    changes = [c.get("when") for c in root.iter(T + "change")]
    latest = max(changes)
    assert changes[-1] == latest, "revisions are listed oldest first"
    assert root.find(f".//{T}edition/{T}date").get("when") == latest
    assert root.find(f".//{T}publicationStmt/{T}date").get("when") == latest
    numbers = [c.get("n") for c in root.iter(T + "change")]
    assert root.find(f".//{T}edition").get("n") == numbers[-1]
