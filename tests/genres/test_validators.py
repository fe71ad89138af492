"""The reference validators on every genre fixture and every document of the real-TEI corpus
(tests/realtei): the Nu HTML checker finds no error in any page, EPUBCheck 5.3 no error and
no warning in any publication. (axe, in Chromium, is in test_browser.py.) Each validator runs
once over all editions; each edition is then a test of its own.

A failure whose cause is not genre rendering (generic handling that the "any TEI" work owns)
is listed with its cause and marked xfail(strict=True): when it is fixed the mark must go.
"""

from __future__ import annotations

import re
import subprocess
from collections import defaultdict

import pytest
from click.testing import CliRunner

from tests.formats.epub_support import describe, epubcheck
from tests.formats.test_html import vnu_jar
from tests.genres.support import FIXTURES, GENRE_FIXTURES
from tests.realtei.corpus import documents
from toolkit.cli import main

SOURCES = {f"fixture/{s}": FIXTURES / f"{s}.xml" for s in GENRE_FIXTURES} | {
    f"realtei/{d.id}": d.path for d in documents()
}

REGISTER_IN_P = "a register list standing in back matter is rendered inside a paragraph"
NOTE_IN_LINK = "a note reference inside a link (ref) makes a link inside a link"
CR = "header text with carriage returns is written as character references Nu refuses"
UI_LANG = "the interface-language lookup fails on the document's language (labels.xsl): no HTML"
#: Known failures that are not genre rendering: (edition, validator) -> cause.
GENERIC: dict[tuple[str, str], str] = {
    ("realtei/pta/pta0200.pta001.pta-syc2", "nu"):
        "a header link whose address holds a quotation mark is written as it stands",
    ("realtei/schnitzler-briefe/L02905", "nu"): REGISTER_IN_P,
    ("realtei/schnitzler-briefe/L02905", "epubcheck"): REGISTER_IN_P,
    ("realtei/schnitzler-interviews/I112", "nu"): NOTE_IN_LINK,
    ("realtei/schnitzler-interviews/I112", "epubcheck"): NOTE_IN_LINK,
    ("realtei/betamasaheft/ESap021", "nu"): CR,
    ("realtei/betamasaheft/ESap028", "nu"): CR,
    ("realtei/dingler/pj246", "epubcheck"):
        "a pointer to a passage of another content document has no target there",
    ("realtei/muqtabas/oclc_4770057679-i_13.TEIP5", "nu"): UI_LANG,
    ("realtei/muqtabas/oclc_4770057679-i_13.TEIP5", "epubcheck"): UI_LANG,
}  # fmt: skip


@pytest.fixture(scope="module")
def editions(tmp_path_factory) -> dict[str, tuple]:
    """Every genre fixture and every corpus document built in every format, by name."""
    root = tmp_path_factory.mktemp("genre-editions")
    runner = CliRunner()
    built = {}
    for name, path in SOURCES.items():
        out = root / re.sub(r"[^A-Za-z0-9_.-]", "-", name)
        result = runner.invoke(main, ["build", str(path), "--out", str(out), "--jobs", "1"])
        built[name] = (out, path.stem, result)
    return built


def _built(editions, name):
    """An edition's folder and stem, once its build is known to have worked."""
    out, stem, result = editions[name]
    assert result.exit_code in (0, 1), f"{name}: {result.output[-2000:]}"
    return out, stem


@pytest.fixture(scope="module")
def nu_errors(editions) -> dict[str, list[str]]:
    """The Nu HTML checker's errors, by edition (one Java run for every page)."""
    jar = vnu_jar()
    owner = {}
    for name, (out, _, _) in editions.items():
        for page in sorted((out / "html").glob("*.html")):
            owner[str(page)] = name
    assert len(owner) > 100
    result = subprocess.run(
        ["java", "-jar", str(jar), "--errors-only", "--format", "gnu", *owner],
        capture_output=True,
        text=True,
        timeout=900,
    )
    found = defaultdict(list)
    for line in result.stderr.splitlines():
        m = re.match(r'^"file:(?P<path>[^"]+)":', line)
        found[owner.get(m["path"], "?") if m else "?"].append(line)
    return found


@pytest.fixture(scope="module")
def epubcheck_messages(editions, tmp_path_factory) -> dict[str, list[dict]]:
    books = {
        out / "epub" / f"{stem}.epub": name
        for name, (out, stem, _) in editions.items()
        if (out / "epub" / f"{stem}.epub").is_file()
    }
    report = epubcheck(list(books), tmp_path_factory.mktemp("epubcheck"))
    return {books[path]: messages for path, messages in report.items()}


def _params(validator: str):
    return [
        pytest.param(
            name,
            id=name,
            marks=[pytest.mark.xfail(strict=True, reason=GENERIC[(name, validator)])]
            if (name, validator) in GENERIC
            else [],
        )
        for name in SOURCES
    ]


@pytest.mark.parametrize("name", _params("nu"))
def test_nu_html_checker_finds_no_errors(name, nu_errors, editions):
    _built(editions, name)
    assert "?" not in nu_errors, nu_errors["?"][:5]
    assert nu_errors.get(name, []) == []


@pytest.mark.parametrize("name", _params("epubcheck"))
def test_epubcheck_finds_no_errors_or_warnings(name, epubcheck_messages, editions):
    _built(editions, name)
    messages = epubcheck_messages[name]
    assert messages == [], describe(messages)
