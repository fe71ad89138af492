"""The genre editions in headless Chromium: axe-core (WCAG 2.1 AA) at desktop and phone
sizes on every page a genre makes and on the text page of every real-TEI document, and the
scripts: the witness switch (kept in the URL), apparatus entries as popovers, zones lit up
with their text, the diplomatic view, the page-image panel folded on a phone."""

from __future__ import annotations

import functools
import http.server
import re
import threading

import pytest
from click.testing import CliRunner

from tests.formats.test_html_browser import Watch, axe_violations, browser  # noqa: F401 (fixture)
from tests.genres.support import FIXTURES, GENRE_FIXTURES
from tests.realtei.corpus import documents
from toolkit.cli import main

DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
#: axe findings whose cause is not genre rendering: (edition, rule) -> cause. They must still
#: occur (as a strict xfail would): when one is fixed, its line goes.
GENERIC: dict[tuple[str, str], str] = {
}  # fmt: skip
#: Documents whose HTML edition is not built today, and why (their pages cannot be checked).
#: Documents that do not build yet, with the reason (none since the labels read any language).
NOT_BUILT: dict[str, str] = {}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Every genre fixture and corpus document built as HTML and served from loopback."""
    root = tmp_path_factory.mktemp("genre-site")
    runner = CliRunner()
    sources = {f"fixture-{s}": FIXTURES / f"{s}.xml" for s in GENRE_FIXTURES}
    sources |= {"realtei-" + re.sub(r"[^A-Za-z0-9_.-]", "-", d.id): d.path for d in documents()}
    for name, path in sources.items():
        result = runner.invoke(
            main, ["build", str(path), "--format", "html", "--out", str(root / name), "--jobs", "1"]
        )
        # (a known failure must still fail: when it is fixed, its line in NOT_BUILT goes)
        assert (result.exit_code in (0, 1)) == (name not in NOT_BUILT), result.output[-2000:]
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", root, sources
    server.shutdown()
    server.server_close()


#: Pages made by the templates the essay's edition shares (registers, bibliography, timeline,
#: downloads, search, about): tests/formats/test_reading.py runs axe on each of them in light,
#: dark and forced colours. Here: the text and the pages a genre adds (speakers, headwords).
SHARED_PAGES = {
    "search.html", "about.html", "downloads.html", "bibliography.html", "persons.html",
    "places.html", "organisations.html", "timeline.html", "events.html", "map.html",
}  # fmt: skip


def _pages(root, name):
    html = root / name / "html"
    if name.startswith("fixture-"):
        return sorted(p.name for p in html.glob("*.html") if p.name not in SHARED_PAGES)
    return ["index.html"]


def _open(browser, url, context):  # noqa: F811
    ctx = browser.new_context(**context)
    page = ctx.new_page()
    watch = Watch(page, url.rsplit("/html/", 1)[0] + "/")
    page.goto(url)
    page.wait_for_load_state("load")
    return ctx, page, watch


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_axe_no_violations_no_console_errors(site, browser, size):  # noqa: F811
    from axe_playwright_python.sync_playwright import Axe

    base, root, sources = site
    axe = Axe()
    report, known = [], set()
    for name in [s for s in sources if s not in NOT_BUILT]:
        for page_name in _pages(root, name):
            url = f"{base}{name}/html/{page_name}"
            ctx, page, watch = _open(browser, url, DESKTOP if size == "desktop" else PHONE)
            for v in axe_violations(axe, page):
                if (name, v["id"]) in GENERIC:
                    known.add((name, v["id"]))
                    continue
                report.append(f"{name}/{page_name}: {v['id']} ({len(v['nodes'])}): {v['help']}")
            report += [f"{name}/{page_name}: console: {e}" for e in watch.errors]
            report += [f"{name}/{page_name}: request outside: {u}" for u in watch.outside]
            ctx.close()
    assert report == [], "\n".join(report)
    assert known == set(GENERIC), f"no longer found (remove from GENERIC): {set(GENERIC) - known}"


def test_witness_switch_shows_a_witness_and_keeps_it_in_the_url(site, browser):  # noqa: F811
    base, _, _ = site
    ctx, page, _ = _open(browser, f"{base}fixture-apparatus/html/index.html", DESKTOP)
    page.click("#tools > summary")  # the settings menu holds the switch
    assert page.is_visible("#witness-select")
    assert page.inner_text("span.l >> nth=0").startswith("In principio erat")
    page.select_option("#witness-select", "C")
    assert "wit=C" in page.url
    first = page.inner_text("span.l >> nth=0")
    assert first.startswith("In principio fuit"), first
    assert "witness C" in page.inner_text("#witness-status")
    # The choice survives a reload from the URL.
    page.goto(page.url)
    page.wait_for_load_state("load")
    page.click("#tools > summary")
    assert page.input_value("#witness-select") == "C"
    assert page.inner_text("span.l >> nth=0").startswith("In principio fuit")
    ctx.close()


def test_apparatus_marker_opens_a_popover_with_the_entry(site, browser):  # noqa: F811
    base, _, _ = site
    ctx, page, _ = _open(browser, f"{base}fixture-apparatus/html/index.html", DESKTOP)
    page.click("sup.app-ref a >> nth=0")
    page.wait_for_selector(".note-popover")
    assert page.inner_text(".note-popover .dialog-title") == "Variant 1"
    body = " ".join(page.inner_text(".note-popover .dialog-body").split())
    assert "erat A B ] fuit C" in body
    ctx.close()


def test_zone_lights_up_with_its_text(site, browser):  # noqa: F811
    base, _, _ = site
    ctx, page, _ = _open(browser, f"{base}fixture-facsimile/html/index.html", DESKTOP)
    assert page.is_visible("details.facs-panel figure#facs-s1")
    page.hover("p[data-facs='facs-z2']")
    assert "active" in page.get_attribute("#facs-z2", "class")
    ctx.close()
    ctx, page, _ = _open(browser, f"{base}fixture-facsimile/html/index.html", PHONE)
    assert page.evaluate("document.querySelector('details.facs-panel').open") is False
    ctx.close()


def test_diplomatic_view_hides_expansions_and_restorations(site, browser):  # noqa: F811
    base, _, _ = site
    ctx, page, _ = _open(browser, f"{base}fixture-inscription/html/index.html", DESKTOP)
    ab = "section#edition p"
    assert "D(is) M(anibus)" in page.inner_text(ab)
    page.click("#tools > summary")
    page.check("input[name='reading'][value='source']")
    text = page.inner_text(ab)
    assert "D M" in text and "(is)" not in text and "[Mar]" not in text and "KARISSIMO" in text
    assert "reading=source" in page.url
    ctx.close()
