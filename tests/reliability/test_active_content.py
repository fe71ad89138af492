"""HTML output never carries a script, an event handler or an active URL from the content.

The scanner (tests/reliability/active.py) is proved on pages that do carry each of these,
then run over editions built from every hostile fixture together with the canonical input
and the essay; the fuzz test runs it over every page it builds.
"""

from __future__ import annotations

import shutil
import zipfile

import pytest

from tests.conftest import EDITION, FIXTURES, HOSTILE
from tests.reliability.active import (
    active_scheme,
    html_page_problems,
    output_problems,
    search_index_problems,
)
from tests.reliability.support import ALL_FORMATS, OWN_HOSTILE, run

CSP = (
    '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; '
    "script-src 'self'\">"
)


def page(tmp_path, body: str, head: str = CSP):
    path = tmp_path / "html" / "index.html"
    path.parent.mkdir(exist_ok=True)
    path.write_text(f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>")
    return path


@pytest.mark.parametrize(
    "body, found",
    [
        ("<script>alert(1)</script>", "inline <script>"),
        ('<script src="https://evil.example/x.js"></script>', "not one of teikit's scripts"),
        ('<script src="assets/other.js"></script>', "not one of teikit's scripts"),
        ('<p title="x" onclick="alert(1)">x</p>', "event handler"),
        ('<svg><a href="#"><circle onload="alert(1)"/></a></svg>', "event handler"),
        ('<a href="javascript:alert(1)">x</a>', "javascript: URL"),
        ('<a href=" JaVa&#9;ScRiPt:alert(1)">x</a>', "javascript: URL"),
        ('<a href="&#1;javascript:alert(1)">x</a>', "javascript: URL"),
        ('<img src="data:image/svg+xml;base64,PHN2Zy8+">', "data: URL"),
        (
            '<form action="vbscript:x"><button formaction="javascript:x">b</button></form>',
            "vbscript",
        ),
        ('<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', "javascript: URL"),
        ('<svg><animate attributeName="href" to="javascript:alert(1)"/></svg>', "<animate>"),
        ('<iframe src="x.html"></iframe>', "<iframe>"),
        ('<object data="x.swf"></object>', "<object>"),
        ('<base href="https://evil.example/">', "<base>"),
        ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', "refresh"),
        ('<p style="background:url(javascript:alert(1))">x</p>', "active style"),
        ("<style>p { behavior: url(x.htc) }</style>", "active <style>"),
        ('<p title="</p><script>alert(1)</script>">inert</p>', None),
        ("<p>&lt;script&gt;alert(1)&lt;/script&gt; as text</p>", None),
        ('<a href="https://example.org/?q=javascript:x">fine</a>', None),
        ('<a href="#javascript:x">fine</a> <a href="notes.html">fine</a>', None),
    ],
)
def test_the_scanner_finds_active_content(tmp_path, body, found):
    problems = html_page_problems(page(tmp_path, body))
    if found is None:
        assert problems == []
    else:
        assert any(found in p for p in problems), problems


def test_the_scanner_requires_the_content_security_policy(tmp_path):
    problems = html_page_problems(page(tmp_path, "<p>x</p>", head=""))
    assert any("Content-Security-Policy" in p for p in problems)


def test_the_scanner_accepts_only_teikits_own_scripts(tmp_path):
    from tests.conftest import ROOT

    assets = tmp_path / "html" / "assets"
    assets.mkdir(parents=True)
    shutil.copy(ROOT / "xslt" / "html" / "assets" / "edition.js", assets / "edition.js")
    body = '<script src="assets/edition.js" defer></script>'
    assert html_page_problems(page(tmp_path, body)) == []
    (assets / "edition.js").write_text("alert(1)")
    assert html_page_problems(page(tmp_path, body))
    index = tmp_path / "html" / "search-index.js"
    index.write_text('/* index */\nwindow.teikitSearchIndex = [["a","b","<\\/script>"]];\n')
    assert search_index_problems(index) == []
    index.write_text('/* index */\nwindow.teikitSearchIndex = [["a"]]; alert(1);\n')
    assert any("JSON literal" in p for p in search_index_problems(index))
    index.write_text("/* index */\nalert(1);\n")
    assert any("shape" in p for p in search_index_problems(index))


def test_the_scanner_reads_epubs(tmp_path):
    epub = tmp_path / "x.epub"
    with zipfile.ZipFile(epub, "w") as zf:
        zf.writestr(
            "EPUB/a.xhtml",
            '<html xmlns="http://www.w3.org/1999/xhtml"><body>'
            '<a href="javascript:alert(1)">x</a><script>alert(2)</script></body></html>',
        )
    problems = output_problems(tmp_path)
    assert any("javascript: URL" in p for p in problems)
    assert any("inline <script>" in p for p in problems)


def test_the_scanner_reads_pdfs(tmp_path):
    pypdf = pytest.importorskip("pypdf")
    from pypdf.annotations import Link
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer = pypdf.PdfWriter()
    writer.add_blank_page(100, 100)
    actions = [
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("1")},
        {NameObject("/S"): NameObject("/URI"), NameObject("/URI"): TextStringObject("file:///x")},
    ]
    for action in actions:
        link = Link(rect=(0, 0, 10, 10), url="https://example.org/")
        link[NameObject("/A")] = DictionaryObject(action)
        writer.add_annotation(0, link)
    with open(tmp_path / "x.pdf", "wb") as f:
        writer.write(f)
    problems = output_problems(tmp_path)
    assert any("/JavaScript" in p for p in problems), problems
    assert any("a link to file:///x" in p for p in problems), problems


@pytest.mark.parametrize(
    "url, scheme",
    [("javascript:x", "javascript"), ("\tjava\nscript:x", "javascript"), ("DATA:x", "data"),
     ("https://x", None), ("mailto:a@b", None), ("notes.html#n1", None), ("#x", None)],
)  # fmt: skip
def test_urls_are_read_as_a_browser_reads_them(url, scheme):
    assert active_scheme(url) == scheme


def test_no_built_page_carries_active_content(tmp_path):
    """Every hostile fixture that builds, the canonical input and the essay: one corpus."""
    folder = tmp_path / "in"
    folder.mkdir()
    for path in [*OWN_HOSTILE.glob("*.xml"), *HOSTILE.glob("*.xml")]:
        if "xinclude" not in path.name:
            shutil.copy(path, folder / path.name)
    shutil.copy(FIXTURES / "canonical.xml", folder / "canonical.xml")
    shutil.copy(EDITION, folder / EDITION.name)
    out = tmp_path / "out"
    result = run("build", folder, "--format", ALL_FORMATS, "--out", out, "--jobs", "2")
    assert "Traceback" not in result.output
    pages = list(out.rglob("*.html"))
    assert len(pages) > 50, "too few pages were built to mean anything"
    assert len(list(out.rglob("*.epub"))) >= 10
    assert output_problems(out) == []
