"""The reading experience in headless Chromium, at a desktop's size (1366x900) and a phone's
(390x844): annotation popovers and margin notes, arrival on mentions and search hits, search in
any alphabet, the zoomable map, the timeline, the citation kit, highlighting that does not rest
on colour, reading settings (dark theme, text size, sticky bar), EPUB headings, permalinks made
from content, name cards and the interface in the document's language; and axe-core on every
page in light, dark and forced colours."""

from __future__ import annotations

import functools
import http.server
import re
import threading

import pytest

from tests.conftest import EDITION, ELTEC, FIXTURES, require_shared
from tests.formats.html_support import build_html, pages
from tests.formats.test_html_browser import _Quiet, axe_violations, open_page, run_search
from tests.genres.support import FIXTURES as GENRE_FIXTURES

READING = FIXTURES / "reading" / "reading.xml"
BASE_URL = "https://editions.example.org/three-cities/"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
SIZES = pytest.mark.parametrize("size", ["desktop", "phone"])


def viewport(size: str) -> dict:
    return DESKTOP if size == "desktop" else PHONE


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    """reading.xml built with --base-url, served from a loopback address under /fx/."""
    root = tmp_path_factory.mktemp("fixture-site")
    build_html(READING, root / "build", "--base-url", BASE_URL)
    (root / "build" / "html").rename(root / "fx")
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/fx/", root / "fx"
    server.shutdown()
    server.server_close()


def in_viewport(page, selector: str) -> dict:
    return page.evaluate(
        """(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
           return {top: r.top, bottom: r.bottom, left: r.left, right: r.right,
                   vw: document.documentElement.clientWidth, vh: window.innerHeight}; }""",
        selector,
    )


def inside(box: dict) -> bool:
    return (
        box["top"] >= 0
        and box["left"] >= 0
        and box["bottom"] <= box["vh"]
        and box["right"] <= box["vw"]
    )


# ---- 1. Note popover placed where it fits ----------------------------------------------------


@SIZES
def test_1_popover_opens_inside_the_viewport_near_the_bottom(site, browser, size):
    base, _ = site
    ctx, page, watch = open_page(browser, base, "index.html", viewport=viewport(size))
    for ref_id in ("ref-note-1", "ref-note-100", "ref-note-189"):
        ref = page.locator(f"a#{ref_id}")
        # put the marker 30 px above the bottom of the screen, then open its note
        page.evaluate(
            """(id) => { const r = document.getElementById(id).getBoundingClientRect();
               window.scrollBy(0, r.top - (window.innerHeight - 30)); }""",
            ref_id,
        )
        ref.click()
        page.wait_for_selector(".note-popover[role='dialog']")
        box = in_viewport(page, ".note-popover")
        assert inside(box), (ref_id, box)
        if size == "phone":  # a sheet at the bottom of the screen
            assert abs(box["bottom"] - box["vh"]) <= 1 and box["left"] == 0
        page.keyboard.press("Escape")
        assert page.locator(".note-popover").count() == 0
    assert watch.errors == []
    ctx.close()


# ---- 2. The popover keeps the focus -----------------------------------------------------------


@SIZES
def test_2_focus_stays_inside_an_open_popover(site, browser, size):
    base, _ = site
    ctx, page, watch = open_page(browser, base, "index.html", viewport=viewport(size))
    page.locator("a#ref-note-4").click()
    dialog = page.locator(".note-popover")
    assert dialog.get_attribute("aria-modal") == "true"
    inside_js = "document.querySelector('.note-popover').contains(document.activeElement)"
    for key in ["Tab"] * 12 + ["Shift+Tab"] * 12:
        page.keyboard.press(key)
        assert page.evaluate(inside_js), key
    # a link followed from the popover closes it
    page.locator(".note-popover a[href='#note-4']").click()
    assert page.locator(".note-popover").count() == 0
    assert page.url.endswith("#note-4")
    assert watch.errors == []
    ctx.close()


# ---- 3. Jumps land on the words, highlighted --------------------------------------------------


def highlighted(page, selector: str) -> bool:
    return page.evaluate(
        """(sel) => { const s = getComputedStyle(document.querySelector(sel));
           return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0; }""",
        selector,
    )


@SIZES
def test_3_register_timeline_and_search_links_land_on_the_words(site, browser, size):
    base, _ = site
    ctx, page, watch = open_page(browser, base, "persons.html", viewport=viewport(size))
    page.locator("#pers-serge ul.mentions a").first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("index.html#m-pers-serge-1")
    target = page.locator(":target")
    assert target.inner_text() == "Victor Serge" and "name" in target.get_attribute("class")
    assert highlighted(page, ":target")
    assert inside(in_viewport(page, ":target"))
    # the timeline: the date itself
    page.goto(base + "timeline.html")
    link = page.locator("ol.timeline a.where").nth(10)
    link.click()
    page.wait_for_load_state("load")
    assert page.evaluate("document.querySelector(':target').localName") == "time"
    assert highlighted(page, ":target") and inside(in_viewport(page, ":target"))
    # a search hit: the words, marked and focused
    page.goto(base + 'search.html?q="permanent revolution"')
    page.wait_for_selector("#search-results li")
    page.locator("#search-results li a").first.click()
    page.wait_for_selector("mark.find-hit")
    assert page.locator("mark.find-hit").first.inner_text().lower() == "permanent revolution"
    # (the hit is focused in the next animation frame, after it is scrolled into view)
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.classList.contains('find-hit')",
        polling=100,
        timeout=5000,
    )
    assert highlighted(page, "mark.find-hit") and inside(in_viewport(page, "mark.find-hit"))
    assert watch.errors == []
    ctx.close()


# ---- 4. Search in any alphabet; phrases are whole words ---------------------------------------


@SIZES
def test_4_search_finds_words_of_any_alphabet_and_whole_phrases(fixture_site, browser, size):
    base, _ = fixture_site
    ctx, page, watch = open_page(browser, base, "search.html", viewport=viewport(size))
    for query, word in (
        ("троцкий", "Троцкий"),
        ("ТРОЦКИЙ", "Троцкий"),
        ("αθηναι", "Ἀθῆναι"),
        ("Ἀθῆναι", "Ἀθῆναι"),
        ("lodz", "Łódź"),
        ("Łódź", "Łódź"),
    ):
        run_search(page, query)
        assert page.locator("#search-results mark").first.inner_text() == word, query
    # "Left Opposition" as a phrase: not the beginning of "left oppositionists"
    run_search(page, '"Left Opposition"')
    assert page.locator("#search-results li").count() == 1
    marks = page.locator("#search-results mark").all_inner_texts()
    assert marks == ["Left Opposition"]
    # the same words as words: both passages
    run_search(page, "left opposition")
    assert page.locator("#search-results li").count() == 2
    assert watch.errors == []
    ctx.close()


# ---- 5. The map ------------------------------------------------------------------------------


@SIZES
def test_5_zoomable_map_opens_on_the_places_of_the_text(site, browser, size):
    base, _ = site
    ctx, page, watch = open_page(browser, base, "map.html", viewport=viewport(size))
    page.wait_for_selector("#map-live.leaflet-container path.map-point")
    assert not page.locator("figure.map-static").first.is_visible()
    # the places the text is about lie inside the map as it opens, on a phone as on a desktop
    # (places of publication, New York and London among them, are a layer of their own)
    box = page.evaluate(
        """() => { const map = document.getElementById('map-live').getBoundingClientRect();
           const pts = [...document.querySelectorAll('path.map-point-text')];
           return {map: [map.left, map.top, map.right, map.bottom],
                   inside: pts.filter(p => { const r = p.getBoundingClientRect();
                     return r.left >= map.left && r.right <= map.right; }).length,
                   all: pts.length}; }"""
    )
    assert box["all"] > 20 and box["inside"] >= box["all"] * 0.9, box
    assert page.locator("path.map-point-imprint").count() >= 5
    zoom = page.locator(".leaflet-control-zoom-in")
    zoom.click()
    assert watch.errors == [] and watch.outside == []
    ctx.close()


def test_5_places_of_publication_are_kept_apart(fixture_site, browser):
    base, folder = fixture_site
    built = pages(folder)
    register = built["places.html"]
    apart = register.xpath("//section[@class='imprint-places']//article/@id")
    assert apart == ["place-newyork"]
    assert "place-newyork" not in register.xpath(
        "//div[contains(@class, 'register')][not(ancestor::section)]//article/@id"
    )
    ctx, page, watch = open_page(browser, base, "map.html", viewport=PHONE)
    page.wait_for_selector("path.map-point-imprint", state="attached")
    assert page.locator("path.map-point-text").count() == 3
    assert page.locator("path.map-point-imprint").count() == 1
    page.uncheck("input[name='layer'][value='imprint']")
    assert page.locator("path.map-point-imprint").count() == 0
    assert watch.errors == []
    ctx.close()


def test_5_places_table_does_not_widen_the_page_at_320px(site, browser):
    base, _ = site
    ctx, page, _ = open_page(browser, base, "map.html", viewport={"width": 320, "height": 700})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    ctx.close()


# ---- 6. The timeline ------------------------------------------------------------------------


@SIZES
def test_6_timeline_rows_are_readable_targets_over_the_dense_years(site, browser, size):
    base, _ = site
    ctx, page, watch = open_page(browser, base, "timeline.html", viewport=viewport(size))
    rows = page.locator("figure.timeline-chart ol.year-rows > li > a")
    assert 10 <= rows.count() <= 24
    labels = rows.locator(".row-label").all_inner_texts()
    assert "1926" in labels and "1938" in labels and labels[0].startswith("before")
    for box in rows.evaluate_all("els => els.map(e => e.getBoundingClientRect().height)"):
        assert box >= 24
    size_px = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.row-label')).fontSize)"
    )
    assert size_px >= 12
    rows.nth(3).click()
    assert re.search(r"#year-\d{4}$", page.url)
    assert watch.errors == []
    ctx.close()


# ---- 7. The citation kit --------------------------------------------------------------------


@SIZES
def test_7_cite_a_passage_by_its_visible_number(fixture_site, browser, size):
    base, _ = fixture_site
    ctx, page, watch = open_page(
        browser, base, "index.html?reading=source", viewport=viewport(size)
    )
    number = page.locator("#p1 > a.pnum")
    assert number.is_visible() and number.inner_text() == "1"
    number.click()
    panel = page.locator(".cite-panel[role='dialog']")
    panel.wait_for()
    text = panel.locator(".cite-panel-text").inner_text()
    assert text.startswith("Kowalska, Anna. “Letters from Three Cities.” 1 ¶ 1.")
    assert "Originally published in The Quarterly Review of Letters, May 4, 1999." in text
    assert BASE_URL + "index.html?reading=source#p1" in text
    assert "Accessed " in text and "reading of the source" in text
    assert "Last modified June 15, 2024" in text  # the latest revision, not the first release
    panel.locator("input[value='bibtex']").check()
    bib = panel.locator(".cite-panel-text").inner_text()
    assert bib.startswith("@book{") and "title = {Letters from Three Cities, 1 ¶ 1}" in bib
    assert f"url = {{{BASE_URL}index.html?reading=source#p1}}" in bib
    panel.locator("input[value='csl']").check()
    import json

    csl = json.loads(panel.locator(".cite-panel-text").inner_text())
    assert csl[0]["URL"].endswith("#p1") and csl[0]["original-title"]
    assert watch.errors == []
    ctx.close()


def test_7_reference_managers_read_the_pages(fixture_site):
    """Zotero's translators: Highwire citation_*, Dublin Core, COinS, canonical address."""
    _, folder = fixture_site
    built = pages(folder)
    for name in ("index.html", "about.html", "persons.html"):
        tree = built[name]

        def meta(key, tree=tree):
            return tree.xpath(f"//meta[@name='{key}']/@content")

        assert meta("citation_title") == ["Letters from Three Cities"]
        assert meta("citation_author") == ["Kowalska, Anna"]
        assert meta("citation_publication_date") == ["2024/03/01"]
        assert meta("citation_online_date") == ["2024/06/15"]
        assert meta("citation_publisher") == ["Fixture Press"]
        assert meta("citation_language") == ["en"]
        assert meta("citation_public_url") == [BASE_URL + "index.html"]
        assert meta("DC.title") and meta("DC.creator")
        assert tree.xpath("//link[@rel='canonical']/@href") == [BASE_URL + name]
    coins = built["about.html"].xpath("//span[@class='Z3988']/@title")[0]
    assert "rft.btitle=Letters%20from%20Three%20Cities" in coins and "rft.aulast=Kowalska" in coins
    about = " ".join(built["about.html"].xpath("string(//section[@class='cite-kit'])").split())
    assert "The Quarterly Review of Letters" in about and "Fixture Press" in about
    assert "file:" not in (folder / "citation.bib").read_text(encoding="utf-8")
    assert (folder / "edition.jsonld").is_file() and (folder / "citation.ris").is_file()


# ---- 8. Highlighting by more than colour ------------------------------------------------------


@pytest.mark.parametrize("forced", [False, True])
def test_8_highlight_kinds_differ_in_line_style_as_in_the_legend(site, browser, forced):
    base, _ = site
    ctx, page, watch = open_page(browser, base, "index.html", viewport=DESKTOP)
    if forced:
        page.emulate_media(forced_colors="active")
    page.locator("details.settings > summary").click()
    styles = {}
    for kind, selector in (
        ("pers", ".name.pers"),
        ("place", ".name.place"),
        ("org", ".name.org"),
        ("date", "main .date"),
        ("corr", ".choice"),
    ):
        page.check(f"input[name='hl'][value='{kind}']")
        text_style = page.evaluate(
            "(s) => { const c = getComputedStyle(document.querySelector(s));"
            " return [c.textDecorationLine, c.textDecorationStyle]; }",
            selector,
        )
        legend_style = page.evaluate(
            "(k) => getComputedStyle(document.querySelector('label.hl-' + k + ' .mark-sample'))"
            ".textDecorationStyle",
            kind,
        )
        assert text_style[0] == "underline", kind
        assert text_style[1] == legend_style, kind
        styles[kind] = text_style[1]
    assert len(set(styles.values())) == 5, styles  # places and dates differ in shape, not hue
    assert watch.errors == []
    ctx.close()


# ---- 9. Reading comfort ---------------------------------------------------------------------


def background(page) -> str:
    return page.evaluate("getComputedStyle(document.documentElement).backgroundColor")


@SIZES
def test_9_dark_theme_text_size_and_sticky_bar(site, browser, size):
    base, _ = site
    ctx, page, watch = open_page(browser, base, "index.html", viewport=viewport(size))
    light = background(page)
    page.emulate_media(color_scheme="dark")
    dark = background(page)
    assert light == "rgb(255, 255, 255)" and dark != light
    page.emulate_media(color_scheme="light")
    page.locator("details.settings > summary").click()
    page.check("input[name='theme'][value='dark']")
    assert background(page) == dark
    size_before = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    page.locator("button.size-up").click()
    assert (
        page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
        > size_before
    )
    # the choice is kept for the next page
    page.goto(base + "persons.html")
    assert background(page) == dark
    page.keyboard.press("Escape")
    page.mouse.wheel(0, 5000)
    page.wait_for_timeout(200)
    assert page.evaluate("document.querySelector('.bar').getBoundingClientRect().top") == 0
    page.goto(base + "index.html")
    page.mouse.wheel(0, 20000)
    page.wait_for_timeout(200)
    page.locator("details.contents-menu > summary").click()
    page.locator("details.contents-menu a[href='#sec-4']").click()
    assert page.url.endswith("#sec-4")
    assert watch.errors == []
    ctx.close()


def test_9_fewer_tab_stops_and_quieter_markup(site, browser):
    base, folder = site
    ctx, page, _ = open_page(browser, base, "index.html", viewport=DESKTOP)
    count = page.evaluate(
        """() => [...document.querySelectorAll('a[href], button, input, summary, [tabindex]')]
           .filter(e => e.tabIndex >= 0 && !e.closest('[hidden]')).length"""
    )
    assert count < 800, count  # 2,240 before; names join the Tab order when highlighted
    presses = page.evaluate(
        """() => [...document.querySelectorAll('a[href], button, input, summary, [tabindex]')]
           .filter(e => e.tabIndex >= 0 && !e.closest('[hidden]'))
           .findIndex(e => e.id === 'ref-note-100')"""
    )
    assert 0 < presses < 200, presses  # about 800 before
    page.locator("details.settings > summary").click()
    page.check("input[name='hl'][value='pers']")
    after = page.evaluate(
        "[...document.querySelectorAll('main a.name.pers')].filter(e => e.tabIndex >= 0).length"
    )
    assert after > 300
    ctx.close()
    built = pages(folder)
    index = built["index.html"]
    # headings: no link is read aloud in them, names in them are not links
    for h in index.xpath("//main//h2 | //main//h3 | //main//h1"):
        for a in h.xpath(".//a[not(@role='doc-noteref')]"):
            assert a.get("aria-hidden") == "true" and a.get("tabindex") == "-1"
    # gaps: "[omitted]", not the encoder's code
    gaps = index.xpath("//span[@class='gap']/span[@class='visually-hidden']/text()")
    assert gaps and set(gaps) == {"[omitted]"}
    # the about page names passages, not raw ids
    links = [a.text_content() for a in built["about.html"].xpath("//main//a")]
    assert not [t for t in links if re.fullmatch(r"(sec|note)-[\w-]+", t)]
    assert "II.a ¶ 1" in links


def test_9_block_quotations_end_without_an_empty_line(site, browser):
    base, _ = site
    ctx, page, _ = open_page(browser, base, "index.html", viewport=DESKTOP)
    gaps = page.evaluate(
        """() => [...document.querySelectorAll('main blockquote')].map(b => {
             const last = [...b.children].filter(c => !c.classList.contains('pnum')).pop();
             return b.getBoundingClientRect().bottom - last.getBoundingClientRect().bottom; })"""
    )
    assert gaps and max(gaps) < 16, gaps  # the margin of the last paragraph, not a line
    ctx.close()


# ---- 10. Data and downloads ----------------------------------------------------------------


def test_10_downloads_page_offers_every_format_with_its_size(tmp_path):
    from tests.formats.html_support import unresolved_links

    html_dir, _ = build_html(READING, tmp_path, "--format", "html,epub,text,data")
    page = pages(html_dir)["downloads.html"]
    rows = page.xpath("//table[@class='downloads']//tr[td]")
    files = {r.xpath("string(td[2]/a/@href)"): r.xpath("string(td[3])") for r in rows}
    for name in (
        "reading.epub",
        "reading.txt",
        "reading.xml",
        "data/places.geojson",
        "data/persons.csv",
        "data/annotations.jsonld",
        "data/README.md",
    ):
        assert f"downloads/{name}" in files, name
    for href, size in files.items():
        assert (html_dir / href).is_file(), href
        assert re.fullmatch(r"\d+(\.\d)? (B|KB|MB)", size), (href, size)
    assert (html_dir / "downloads" / "reading.epub").read_bytes() == (
        tmp_path / "epub" / "reading.epub"
    ).read_bytes()
    assert pages(html_dir)["index.html"].xpath(
        "//nav[@class='site-nav']//a[@href='downloads.html']"
    )
    assert unresolved_links(html_dir) == []
    # the TEI source is offered with the HTML alone, the data only when built
    alone, _ = build_html(READING, tmp_path / "alone")
    hrefs = pages(alone)["downloads.html"].xpath("//table[@class='downloads']//td/a/@href")
    assert "downloads/reading.xml" in hrefs and not [h for h in hrefs if "/data/" in h]
    # exports that need letters or page images are offered only where the edition has them
    assert not {"downloads/data/cmif.xml", "downloads/data/iiif-manifest.json"} & set(files)
    letter = GENRE_FIXTURES / "letter.xml"
    letters, _ = build_html(letter, tmp_path / "letter", "--format", "html,data")
    hrefs = pages(letters)["downloads.html"].xpath("//table[@class='downloads']//td/a/@href")
    assert "downloads/data/cmif.xml" in hrefs
    assert (letters / "downloads" / "data" / "cmif.xml").read_bytes().startswith(b"<?xml")


# ---- 11. EPUB: headings, landmarks, back-links, contents of a novel ---------------------------


def test_11_epub_documents_have_headings_landmarks_and_named_contents(browser, tmp_path):
    import zipfile

    from axe_playwright_python.sync_playwright import Axe

    from tests.formats.epub_support import build_epub

    epub = build_epub(EDITION, tmp_path / "essay")
    folder = tmp_path / "unzipped"
    zipfile.ZipFile(epub).extractall(folder)
    docs = sorted((folder / "EPUB").glob("*.xhtml"))
    ctx = browser.new_context()
    page = ctx.new_page()
    axe = Axe()
    report = []
    for doc in docs:
        page.goto(doc.as_uri())
        if doc.name != "nav.xhtml":
            assert page.locator("main").count() == 1, doc.name
            assert page.locator("main h1").count() >= 1 or doc.name.startswith("001"), doc.name
        report += [f"{doc.name}: {v['id']} ({v['impact']})" for v in axe_violations(axe, page)]
    assert report == []
    ctx.close()
    novel = require_shared(ELTEC / "ENG18411_Tupper.xml")
    nav = zipfile.ZipFile(build_epub(novel, tmp_path / "novel")).read("EPUB/nav.xhtml").decode()
    labels = re.findall(r"<a href=\"[^\"]+\">([^<]+)</a>", nav)
    assert "Titlepage" not in labels and "Liminal" not in labels
    assert labels[0] == "Title page"


# ---- 12. Permalinks of documents without ids ------------------------------------------------


def test_12_ids_of_passages_without_xml_id_come_from_their_words(tmp_path):
    text = READING.read_text(encoding="utf-8")
    first, _ = build_html(READING, tmp_path / "a")
    ids_before = pages(first)["index.html"].xpath("//main//p[@id]/@id")
    assert "p-the-textile-city-of-9c16" in ids_before
    # a paragraph added before the others leaves their addresses as they were
    changed = tmp_path / "changed.xml"
    changed.write_text(
        text.replace(
            '<div xml:id="ch1" n="1">\n        <head>The first city</head>',
            '<div xml:id="ch1" n="1">\n        <head>The first city</head><p>A new opening.</p>',
        ),
        encoding="utf-8",
    )
    second, _ = build_html(changed, tmp_path / "b")
    ids_after = pages(second)["index.html"].xpath("//main//p[@id]/@id")
    assert set(ids_before) < set(ids_after)
    about = " ".join(pages(first)["about.html"].xpath("string(//main)").split())
    assert "made from their own words" in about


# ---- Features ------------------------------------------------------------------------------


def test_margin_notes_on_wide_screens_popovers_on_phones(site, browser):
    base, _ = site
    ctx, page, watch = open_page(browser, base, "index.html", viewport=DESKTOP)
    page.wait_for_selector(".margin-note")
    refs = page.locator("main article a[role='doc-noteref']").count()
    notes = page.locator(".margin-note")
    assert notes.count() == refs == 189
    tops = notes.evaluate_all(
        "els => els.map(e => [e.getBoundingClientRect().top, e.getBoundingClientRect().bottom])"
    )
    assert all(a[1] <= b[0] for a, b in zip(tops, tops[1:], strict=False)), "margin notes overlap"
    first = page.evaluate(
        """() => [document.querySelector('#ref-note-1').getBoundingClientRect().top,
                  document.querySelector('.margin-note').getBoundingClientRect().top,
                  document.querySelector('.margin-note').getBoundingClientRect().left,
                  document.querySelector('main').getBoundingClientRect().right]"""
    )
    assert abs(first[0] - first[1]) < 12 and first[2] > first[3]  # beside its marker, in the margin
    assert page.locator(".margin-notes").get_attribute("aria-hidden") == "true"
    ctx.close()
    ctx, page, _ = open_page(browser, base, "index.html", viewport=PHONE)
    assert page.locator(".margin-note").count() == 0
    ctx.close()
    assert watch.errors == []


def test_name_cards_on_pointing_and_focus(site, browser):
    base, _ = site
    ctx, page, watch = open_page(browser, base, "index.html#sec-1-p1", viewport=DESKTOP)
    page.locator("#m-pers-serge-1").hover()
    card = page.locator(".name-card[role='tooltip']")
    card.wait_for()
    text = card.inner_text()
    assert "Victor Serge" in text and "mentions in the text" in text
    assert page.locator("#m-pers-serge-1").get_attribute("aria-describedby") == "name-card"
    page.mouse.move(0, 0)
    page.wait_for_timeout(400)
    assert page.locator(".name-card").count() == 0
    page.locator("#m-pers-serge-1").focus()
    card.wait_for()
    assert watch.errors == []
    ctx.close()


@pytest.mark.parametrize(
    "lang, nav_text, direction",
    [
        ("de", "Personen", "ltr"),
        ("fr", "Personnes", "ltr"),
        ("ru", "Лица", "ltr"),
        ("ar", "الأشخاص", "rtl"),
    ],
)
def test_interface_in_the_language_asked_for(tmp_path, browser, lang, nav_text, direction):
    html_dir, _ = build_html(READING, tmp_path, "--ui-lang", lang)
    built = pages(html_dir)
    root = built["index.html"]
    assert root.get("lang") == lang and root.get("dir") == direction
    assert nav_text in built["index.html"].xpath("string(//nav[@class='site-nav'])")
    ctx = browser.new_context(viewport=PHONE)
    page = ctx.new_page()
    page.goto((html_dir / "index.html").as_uri())
    page.locator("a#ref-n1").click()
    close = page.locator(".note-popover .dialog-close").inner_text()
    assert close != "Close"
    ctx.close()


def test_the_document_language_chooses_the_interface(tmp_path):
    source = tmp_path / "de.xml"
    source.write_text(
        READING.read_text(encoding="utf-8").replace('xml:lang="en"', 'xml:lang="ger"'),
        encoding="utf-8",
    )
    html_dir, _ = build_html(source, tmp_path / "out")
    index = pages(html_dir)["index.html"]
    assert index.get("lang") == "de"
    assert index.xpath("string(//h2[@id='toc-title'])") == "Inhalt"


def test_options_that_reach_the_pages_are_checked(tmp_path):
    from click.testing import CliRunner

    from toolkit.cli import main

    for option, value in (
        ("--base-url", "javascript:alert(1)"),
        ("--base-url", 'https://example.org/"><script>'),
        ("--base-url", "data:text/html,x"),
        ("--ui-lang", "en<script>"),
        ("--ui-lang", "e n"),
    ):
        result = CliRunner().invoke(
            main, ["build", str(READING), "--format", "html", "--out", str(tmp_path), option, value]
        )
        assert result.exit_code == 2 and "Invalid value" in result.output, (option, value)
        assert not (tmp_path / "html").exists()


# ---- axe in light, dark and forced colours, desktop and phone ---------------------------------


@pytest.mark.parametrize("mode", ["light", "dark", "forced"])
def test_axe_no_violations_in_every_mode(site, fixture_site, browser, mode):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    report = []
    # the essay in every mode; the fixture (other scripts, places of publication) in light
    for base, folder in (site, fixture_site) if mode == "light" else (site,):
        names = sorted(p.name for p in folder.glob("*.html"))
        for size in ("desktop", "phone"):
            ctx = browser.new_context(
                viewport=viewport(size),
                color_scheme="dark" if mode == "dark" else "light",
                forced_colors="active" if mode == "forced" else "none",
            )
            page = ctx.new_page()
            for name in names:
                page.goto(base + name)
                page.wait_for_load_state("load")
                if name == "index.html":
                    page.locator("a[role='doc-noteref']").first.click()
                    page.wait_for_selector(".note-popover")
                for v in axe_violations(axe, page):
                    report.append(f"{folder.name}/{name} {size} {mode}: {v['id']}: {v['help']}")
            ctx.close()
    assert report == []


# ---- No label hard-coded -------------------------------------------------------------------


def test_no_label_is_hard_coded():
    """Every word the interface shows comes from the catalogue: no text in the stylesheets'
    literal result elements, no literal aria-label, title or alt, and no string of words set
    as text in the scripts; every key used exists in every language."""
    from lxml import etree

    from toolkit import XSLT_DIR

    xsl = "http://www.w3.org/1999/XSL/Transform"
    allowed_text = re.compile(r"^[\s\W\d]*$|^(BibTeX|RIS|CSL-JSON|schema\.org JSON-LD|A[−+])$")
    problems = []
    sheets = [*(XSLT_DIR / "html").glob("*.xsl"), *(XSLT_DIR / "epub").glob("*.xsl")]
    for sheet in sheets:
        tree = etree.parse(str(sheet))
        for el in tree.iter():
            if not isinstance(el.tag, str):
                continue
            ns = etree.QName(el).namespace
            texts = []
            if ns != xsl and ns is not None and ns.startswith("http://www.w3.org/1999/xhtml"):
                texts += [el.text or ""] + [c.tail or "" for c in el]
                for attr in ("aria-label", "title", "alt", "placeholder"):
                    value = el.get(attr)
                    if value and not value.startswith("{"):
                        texts.append(value)
            elif ns == xsl and etree.QName(el).localname == "text":
                texts.append(el.text or "")
            for t in texts:
                if t.strip() and not allowed_text.match(t.strip()):
                    problems.append(f"{sheet.name}:{el.sourceline}: {t.strip()[:60]!r}")
    for script in (XSLT_DIR / "html" / "assets").glob("*.js"):
        if script.name == "land.js":
            continue
        source = re.sub(r"/\*.*?\*/", "", script.read_text(encoding="utf-8"), flags=re.S)
        for m in re.finditer(
            r"(textContent|title|ariaLabel)\s*=\s*\"([^\"]*[A-Za-z]{2}[^\"]*)\"", source
        ):
            problems.append(f"{script.name}: {m.group(0)[:60]}")
    assert problems == []
    # every key used exists, in every language of the catalogue
    catalogue = etree.parse(str(XSLT_DIR / "common" / "labels.xml"))
    ns = {"l": "urn:teikit:labels"}
    langs = catalogue.xpath("//l:language/@tag", namespaces=ns)
    keys = {}
    for label in catalogue.xpath("//l:label", namespaces=ns):
        keys[label.get("key")] = set(label.xpath("l:t/@xml:lang", namespaces=ns))
    used = set()
    for sheet in XSLT_DIR.rglob("*.xsl"):
        used |= set(
            re.findall(r"tk:label(?:-n)?\('([a-z0-9.\-]+)'", sheet.read_text(encoding="utf-8"))
        )
    missing = sorted(
        k
        for k in used
        if k not in keys
        and k + ".other" not in keys
        and not (k.endswith(".") and any(key.startswith(k) for key in keys))  # a prefix
    )
    assert missing == []
    incomplete = sorted(
        k
        for k, have in keys.items()
        if not k.endswith((".few", ".many", ".two", ".zero")) and set(langs) - have
    )
    assert incomplete == []
    assert len(langs) >= 7 and {"en", "de", "fr", "it", "es", "ru", "ar"} <= set(langs)
