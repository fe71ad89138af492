"""Letters: the correspondence description as the letter's head in every format, the
letter's parts laid out as a letter, previous and next letters, and cmif.xml read back by
the CMIF schemas (RELAX NG and Schematron, vendored in schemas/cmif/)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from tests.genres.support import FIXTURES, NS, build, words
from toolkit.cli import main

CMIF = Path(__file__).resolve().parent / "schemas" / "cmif"


@pytest.fixture(scope="module")
def letter(tmp_path_factory):
    return build("letter", tmp_path_factory.mktemp("letter"))


def test_letter_head_in_every_format(letter):
    head = letter.index.xpath("//section[@class='letter-head']")[0]
    pairs = [
        (words(dt.text_content()), words(dd.text_content()))
        for dt, dd in zip(head.xpath(".//dt"), head.xpath(".//dd"), strict=True)
    ]
    assert pairs == [
        ("From", "Ada Lovelace (Ockham Park, 9 July 1843)"),
        ("To", "Charles Babbage (London)"),
    ]
    # Names and places link to their register entries.
    assert head.xpath(".//a[@href='persons.html#ada']") and head.xpath(
        ".//a[@href='places.html#london']"
    )
    assert head.xpath(".//time[@datetime='1843-07-09']")
    nav = {a.get("rel"): a.get("href") for a in head.xpath(".//nav[@class='letter-nav']//a")}
    assert nav == {
        "prev": "https://example.org/letters/L001",
        "next": "https://example.org/letters/L003",
    }
    assert "From: Ada Lovelace (Ockham Park, 9 July 1843)\nTo:   Charles Babbage (London)" in (
        letter.text
    )
    title = next(d for n, d in letter.epub_docs.items() if "titlepage" in n)
    assert "Charles Babbage (London)" in words("".join(title.itertext()))


def test_letter_parts_laid_out(letter):
    index = letter.index
    for cls in ("opener", "dateline", "salute", "closer", "signed", "postscript"):
        assert index.xpath(f"//div[@class='{cls}']"), cls
    assert index.xpath("//head/link[@href='assets/genres.css']")
    lines = letter.text.splitlines()
    signed = next(x for x in lines if x.strip() == "A. A. L.")
    assert len(signed) == 72  # set to the right
    assert next(x for x in lines if "Ockham Park, Sunday" in x).endswith("Sunday, 9 July")


def export(source: Path, out: Path) -> Path:
    result = CliRunner().invoke(
        main, ["export", str(source), "--format", "cmif.xml", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    return out


def validate(path: Path) -> tuple[int, str]:
    result = CliRunner().invoke(
        main,
        [
            "validate",
            str(path),
            "--schema",
            str(CMIF / "cmi-customization.rng"),
            "--schematron",
            str(CMIF / "cmif.sch"),
        ],
    )
    return result.exit_code, result.output


def test_cmif_is_valid_cmif_and_says_what_the_letter_says(tmp_path):
    path = export(FIXTURES / "letter.xml", tmp_path / "cmif.xml")
    status, output = validate(path)
    assert status == 0 and "0 error(s), 0 warning(s)" in output, output
    tree = etree.parse(str(path))
    (desc,) = tree.xpath("//t:correspDesc", namespaces=NS)
    assert desc.get("ref") == "https://example.org/letters/L002"
    bibl_id = tree.xpath("string(//t:sourceDesc/t:bibl/@xml:id)", namespaces=NS)
    assert desc.get("source") == "#" + bibl_id
    sent, received = desc.xpath("t:correspAction", namespaces=NS)
    assert sent.get("type") == "sent" and received.get("type") == "received"
    assert (
        sent.xpath("string(t:persName/@ref)", namespaces=NS)
        == "https://www.wikidata.org/wiki/Q7259"
    )
    assert sent.xpath("string(t:date/@when)", namespaces=NS) == "1843-07-09"
    assert not sent.xpath("t:placeName/@ref", namespaces=NS)  # no authority in the register
    assert (
        received.xpath("string(t:placeName/@ref)", namespaces=NS)
        == "https://www.geonames.org/2643743"
    )
    # The same edition gives the same bytes.
    again = export(FIXTURES / "letter.xml", tmp_path / "again.xml")
    assert again.read_bytes() == path.read_bytes()


def test_the_cmif_referee_can_fail(tmp_path):
    path = export(FIXTURES / "letter.xml", tmp_path / "cmif.xml")
    broken = path.read_text(encoding="utf-8").replace('type="received"', 'type="read"')
    (tmp_path / "broken.xml").write_text(broken, encoding="utf-8")
    status, output = validate(tmp_path / "broken.xml")
    assert status == 1, output


def test_cmif_only_for_letters_with_a_licence(tmp_path):
    result = CliRunner().invoke(
        main, ["export", str(FIXTURES / "verse.xml"), "--format", "cmif.xml"]
    )
    assert result.exit_code == 2 and "correspDesc" in result.output
    result = CliRunner().invoke(
        main, ["export", str(FIXTURES / "letter.xml"), "--all", "--out", str(tmp_path / "all")]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "all" / "cmif.xml").is_file()
    assert "cmif.xml" in (tmp_path / "all" / "README.md").read_text(encoding="utf-8")
    result = CliRunner().invoke(
        main, ["export", str(FIXTURES / "verse.xml"), "--all", "--out", str(tmp_path / "verse")]
    )
    assert result.exit_code == 0 and not (tmp_path / "verse" / "cmif.xml").exists()
