"""Verse and drama: line numbers every fifth line and wherever the numbering breaks, in
every format; indentation and split lines; speakers, stage directions, the cast list and
the speaker index."""

from __future__ import annotations

import re

import pytest

from tests.formats.html_support import unresolved_links
from tests.genres.support import NS, build, words


@pytest.fixture(scope="module")
def verse(tmp_path_factory):
    return build("verse", tmp_path_factory.mktemp("verse"))


@pytest.fixture(scope="module")
def drama(tmp_path_factory):
    return build("drama", tmp_path_factory.mktemp("drama"))


def last_number(n: str) -> int:
    return int(re.search(r"(\d+)\D*$", n).group(1))


def printed_numbers(page) -> dict[str, str]:
    """Line number (data-n) to the number printed beside it, for every numbered line."""
    out = {}
    for line in page.xpath("//span[contains(concat(' ', @class, ' '), ' l ')][@data-n]"):
        label = line.xpath("string(span[@class='lineno'])").replace("line", "").strip()
        out.setdefault(line.get("data-n"), label)
    return out


def expected_printed(ns: list[str]) -> set[str]:
    """The rule, computed from the TEI: multiples of five, and where the sequence breaks."""
    shown, prev = set(), None
    for n in ns:
        k = last_number(n)
        breaks = (prev is None and k != 1) or (prev is not None and k != last_number(prev) + 1)
        if k % 5 == 0 or breaks:
            shown.add(n)
        prev = n
    return shown


def test_every_fifth_and_every_break_is_printed(verse):
    ns = [x.get("n") for x in verse.tei_xpath("//t:div[@xml:id='tide']//t:l")]
    printed = printed_numbers(verse.index)
    want = expected_printed(ns)
    assert want == {"5", "12", "15"}
    assert {n for n, label in printed.items() if label} == want
    for n in want:
        assert printed[n] == n
    # Every l/@n divisible by 5 is printed, in the text edition too.
    for n in ns:
        if last_number(n) % 5 == 0:
            assert re.search(rf"^ *{n}  \S", verse.text, re.M), n


def test_unnumbered_poem_is_counted_and_prose_lines_keep_their_numbers(verse):
    ballad = verse.index.xpath("//section[@id='ballad']//span[@data-n]")
    assert [b.get("data-n") for b in ballad] == ["1", "2", "3", "4", "5", "6"]
    assert [b.xpath("string(span[@class='lineno'])") for b in ballad][4] == "line 5"
    prose = verse.index.xpath("//section[@id='letters-of-lines']//span[@class='lb']")
    # (a line break's number comes from the style sheet: no letters in the page's text)
    assert [p.xpath("string(span[@class='lineno']/@data-n)") for p in prose] == [
        "",
        "",
        "",
        "",
        "5",
    ]
    assert all(words(p.text_content()) == "" for p in prose)
    assert "   5  as every fifth line ought to be." in verse.text
    assert "   5  is the one with the number beside it." in verse.text


def test_indentation_from_rend(verse):
    lines = verse.index.xpath("//section[@id='tide']//span[@data-n]")
    classes = [x.get("class") for x in lines[:4]]
    assert classes == ["l", "l indent-1", "l", "l indent-2"]
    assert "        and takes the shells from off the strand;" in verse.text
    assert "          it leaves the gull to cry alone." in verse.text


def test_speakers_stage_directions_and_split_lines(drama):
    index = drama.index
    speeches = drama.tei_xpath("//t:sp")
    shown = index.xpath("//div[@class='sp']")
    assert len(shown) == len(speeches)
    for sp, div in zip(speeches, shown, strict=True):
        (speaker,) = div.xpath("*[1][self::p][@class='speaker']")
        assert words(speaker.text_content()) == words(sp.xpath("string(t:speaker)", namespaces=NS))
    stages = drama.tei_xpath("//t:stage")
    shown_stages = index.xpath("//*[contains(concat(' ', @class, ' '), ' stage ')]")
    assert len(shown_stages) == len(stages) == 4
    assert [s.tag for s in shown_stages] == ["p", "p", "p", "span"]
    # The final part of a split line starts after the initial part's text.
    (final,) = index.xpath("//span[contains(concat(' ', @class, ' '), ' part ')]")
    assert final.xpath("string(span[@class='part-spacer'])") == "Where the place?"
    assert final.xpath("span[@class='part-spacer']/@aria-hidden") == ["true"]
    text = drama.text
    first = next(x for x in text.splitlines() if x.endswith("Where the place?"))
    second = next(x for x in text.splitlines() if x.endswith("Upon the heath."))
    assert second.index("Upon") == first.index("Where") + len("Where the place? ")
    assert "\nFIRST WITCH\n" in text and "\n        They exit.\n" in text


def test_drama_line_numbers_print_their_last_number(drama):
    printed = {n: label for n, label in printed_numbers(drama.index).items() if label}
    assert printed == {"1.1.5": "5", "1.3.38": "38", "1.3.48": "48"}


def test_cast_list_and_speaker_index(drama):
    cast = drama.index.xpath("//section[@class='castList']")[0]
    roles = [words(r.text_content()) for r in cast.xpath(".//span[@class='role']")]
    assert roles == ["Duncan", "Macbeth", "First Witch", "Second Witch", "Third Witch"]
    assert cast.xpath(".//li[@class='castGroup']/ul[@class='castGroup']/li")
    page = drama.pages["speakers.html"]
    items = [words(li.text_content()) for li in page.xpath("//ul[@class='speakers']/li")]
    assert items[0] == "First Witch (3 speeches): 1.1 (2×), 1.3"
    assert len(items) == 5
    assert unresolved_links(drama.html_dir) == []
    (doc,) = [d for n, d in drama.epub_docs.items() if n == "speakers.xhtml"]
    assert doc.xpath("//h:section[@role='doc-index']//h:li", namespaces=NS)
    assert "* First Witch, 3 speeches: 1.1 (2×), 1.3" in drama.text
