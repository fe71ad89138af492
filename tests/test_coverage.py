"""The coverage measure and the editions read a break inside a word (`break="no"`) alike: the
white space around it is layout of the XML, and the word is whole."""

from __future__ import annotations

import zipfile

from click.testing import CliRunner
from lxml import etree

from toolkit import coverage
from toolkit.cli import main

DOC = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title>
</titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc>
</fileDesc></teiHeader><text><body><p>alpha <hi>be</hi>
    <lb break="no"/>   ta gamma<lb/>delta epsi<cb n="b"/>
    <lb break="no"/>lon zeta</p></body></text></TEI>"""

WORDS = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta"]


def test_the_measure_joins_a_word_broken_across_a_line_or_a_column():
    root = etree.fromstring(DOC.encode())
    assert [w for w, _ in coverage.source_tokens(root)] == WORDS


def test_every_edition_keeps_the_broken_words_whole(tmp_path):
    (tmp_path / "doc.xml").write_text(DOC, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(tmp_path / "doc.xml"), "--out", str(out)])
    assert result.exit_code in (0, 1), result.output
    text = (out / "text" / "doc.txt").read_text(encoding="utf-8")
    assert "beta" in text and "epsilon" in text
    html = (out / "html" / "index.html").read_bytes()
    assert (
        coverage.measure(
            coverage.source_tokens(etree.fromstring(DOC.encode())), coverage.html_words(html)
        ).share
        == 1.0
    )
    with zipfile.ZipFile(out / "epub" / "doc.epub") as z:
        pages = [z.read(n) for n in z.namelist() if n.endswith(".xhtml")]
    words = [w for page in pages for w in coverage.html_words(page)]
    assert "beta" in words and "epsilon" in words and "be" not in words
