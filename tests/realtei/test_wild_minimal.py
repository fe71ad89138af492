"""shared/wild-minimal: one small file for each kind of markup real editions use (its README's
table). Every file builds in every format and keeps its words; where the table names a fault
of this toolkit's generic handling, the fault is gone. Rows whose fix is genre rendering are
expected to fail until that lands (strict xfail)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner
from lxml import etree

from tests.conftest import SHARED, require_shared
from toolkit import coverage, source
from toolkit.cli import main

WILD = SHARED / "wild-minimal"

#: The README's rows: file, and why it still fails, if it does.
ROWS = {
    "01-group.xml": None,
    "02-app.xml": None,
    "03-epidoc-app-note.xml": None,
    "05-xinclude/inner/doc.xml": None,
    "06-xpointer.xml": None,
    "07-doctype.xml": None,
    "08-rtl.xml": None,
    "09-dict.xml": None,
    "10-drama.xml": None,
    "11-facs.xml": None,
    "12-leiden.xml": None,
    "13-emptyref.xml": None,
    "14-teicorpus.xml": None,
}


def test_the_table_names_every_file():
    readme = require_shared(WILD / "README.md").read_text(encoding="utf-8")
    named = re.findall(r"^\| (\d\d)-", readme, re.M)
    assert sorted(named) == sorted(r[:2] for r in ROWS)


def _build(path: Path, out: Path):
    return CliRunner().invoke(main, ["build", str(path), "--out", str(out), "--jobs", "1"])


def _rows():
    return [
        pytest.param(
            name, id=name, marks=[pytest.mark.xfail(strict=True, reason=why)] if why else []
        )
        for name, why in ROWS.items()
    ]


@pytest.mark.parametrize("name", _rows())
def test_every_file_builds_and_keeps_its_words(name, tmp_path):
    path = require_shared(WILD / name)
    result = _build(path, tmp_path)
    assert result.exit_code in (0, 1), result.output[-2000:]
    words = coverage.source_tokens(source.load(path).root)
    stem = path.stem
    for fmt, out in (
        ("html", tmp_path / "html"),
        ("epub", tmp_path / "epub" / f"{stem}.epub"),
        ("text", tmp_path / "text" / f"{stem}.txt"),
    ):
        found = coverage.measure(words, coverage.output_words(out, fmt))
        assert found.share >= 0.99, f"{name} {fmt}: {found.report()}"


def test_arabic_and_hebrew_are_right_to_left(tmp_path):
    path = require_shared(WILD / "08-rtl.xml")
    assert _build(path, tmp_path).exit_code == 0
    page = (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'lang="ar" dir="rtl"', page) and re.search(r'lang="he" dir="rtl"', page)


def test_an_empty_reference_target_is_not_printed(tmp_path):
    path = require_shared(WILD / "13-emptyref.xml")
    assert _build(path, tmp_path).exit_code in (0, 1)
    text = (tmp_path / "text" / "13-emptyref.txt").read_text(encoding="utf-8")
    assert "<>" not in text and "[]" not in text and "()" not in text


def test_a_corpus_keeps_each_components_title_summary_identity_and_speakers(tmp_path):
    """Row 14: each TEI of a teiCorpus is shown under its own title with its header summary
    and its identity, never under the corpus title; every utterance names who speaks."""
    path = require_shared(WILD / "14-teicorpus.xml")
    assert _build(path, tmp_path).exit_code in (0, 1)
    page = lxml.html.parse(str(tmp_path / "html" / "index.html"))
    articles = page.xpath("//main/article")
    assert [a.xpath("string(.//h1)") for a in articles] == ["Session one", "Session two"]
    assert [a.get("id") for a in articles] == ["TEI-2", "TEI-3"]  # no xml:id: their positions
    for a in articles:
        assert a.xpath("string(.//dl[@class='header-summary']/dt[1])") == "Source"
    speeches = [
        [" ".join(u.text_content().split()) for u in a.xpath(".//div[@class='u']")]
        for a in articles
    ]
    assert speeches == [["A: Speech by A.", "B: Reply by B."], ["A: Second speech."]]
    assert page.xpath("string(//main//h1[.='T'])") == ""  # the corpus title heads no text

    text = (tmp_path / "text" / "14-teicorpus.txt").read_text(encoding="utf-8")
    assert re.search(r"\nSession one\n=+\n\nSource: s\n\nA: Speech by A\.\n\nB: Reply by B\.", text)
    assert re.search(r"\nSession two\n=+\n\nSource: s\n\nA: Second speech\.", text)

    with zipfile.ZipFile(tmp_path / "epub" / "14-teicorpus.epub") as z:
        nav = etree.fromstring(z.read("EPUB/nav.xhtml"))
        docs = {n: etree.fromstring(z.read(n)) for n in z.namelist() if "-text" in n}
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    labels = nav.xpath("//h:nav[@id='toc']//h:a/text()", namespaces=ns)
    assert labels == ["Title page", "Session one", "Session two"]
    heads = [d.xpath("string(//h:header/h:h1)", namespaces=ns) for _, d in sorted(docs.items())]
    assert heads == ["Session one", "Session two"]
    ids = [d.xpath("string(//h:header/@id)", namespaces=ns) for _, d in sorted(docs.items())]
    assert ids == ["TEI-2", "TEI-3"]
    speakers = [
        d.xpath("//h:div[@class='u']/h:span[@class='speaker']/text()", namespaces=ns)
        for _, d in sorted(docs.items())
    ]
    assert speakers == [["A", "B"], ["A"]]
