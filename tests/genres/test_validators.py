"""The reference validators on every genre fixture: the Nu HTML checker finds no error in any
page, EPUBCheck 5.3 no error and no warning in any publication. (axe, in Chromium, is in
test_browser.py; the documents of the real-TEI corpus are held to the same validators by
tests/realtei/test_realtei.py.) Each validator runs once over all editions; each edition is
then a test of its own.
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
from toolkit.cli import main

SOURCES = {f"fixture/{s}": FIXTURES / f"{s}.xml" for s in GENRE_FIXTURES}


@pytest.fixture(scope="module")
def editions(tmp_path_factory) -> dict[str, tuple]:
    """Every genre fixture built in every format, by name."""
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
    assert len(owner) > 2 * len(SOURCES)
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


@pytest.mark.parametrize("name", list(SOURCES))
def test_nu_html_checker_finds_no_errors(name, nu_errors, editions):
    _built(editions, name)
    assert "?" not in nu_errors, nu_errors["?"][:5]
    assert nu_errors.get(name, []) == []


@pytest.mark.parametrize("name", list(SOURCES))
def test_epubcheck_finds_no_errors_or_warnings(name, epubcheck_messages, editions):
    _built(editions, name)
    messages = epubcheck_messages[name]
    assert messages == [], describe(messages)
