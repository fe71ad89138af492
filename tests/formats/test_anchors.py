"""Anchors with ids are rendered as points with those ids, so that pointers to them resolve."""

from __future__ import annotations

import lxml.html
from click.testing import CliRunner

from tests.conftest import FIXTURES
from tests.formats.epub_support import Epub
from tests.formats.html_support import unresolved_links
from toolkit.cli import main

SOURCE = FIXTURES / "anchors.xml"


def test_pointers_to_anchors_land_on_them(tmp_path):
    result = CliRunner().invoke(
        main, ["build", str(SOURCE), "--format", "html,epub", "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    index = lxml.html.parse(str(tmp_path / "html" / "index.html")).getroot()
    for aid, before, after in (("a-start", "the passage ", "begins"), ("a-end", "ends", " here")):
        (point,) = index.xpath(f"//*[@id='{aid}']")
        # an empty point between the words it stands between, in the paragraph
        assert point.tag == "span" and point.text_content() == ""
        assert point.xpath("string(preceding-sibling::text()[1])").endswith(before)
        assert (point.tail or "").startswith(after)
        assert point.xpath("ancestor::p[@id]")
    hrefs = index.xpath("//main//a[not(contains(@class, 'permalink'))]/@href")
    assert [h for h in hrefs if h.startswith("#a-")] == ["#a-start", "#a-end", "#a-start"]
    assert unresolved_links(tmp_path / "html") == []
    book = Epub.open(tmp_path / "epub" / "anchors.epub")
    targets = [href for _, _, href in book.links() if "#a-" in href]
    assert targets == ["002-d1.xhtml#a-start", "002-d1.xhtml#a-end", "002-d1.xhtml#a-start"]
    assert book.unresolved_links() == []
