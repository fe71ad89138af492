"""Inscriptions and diplomatic transcription: the Leiden signs in the edited view, the
diplomatic view without expansions and restorations, line numbers, and the switch that
names the two views."""

from __future__ import annotations

import pytest

from tests.genres.support import build, visible_text, words


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    return build("inscription", tmp_path_factory.mktemp("edited"))


@pytest.fixture(scope="module")
def diplomatic(tmp_path_factory):
    return build("inscription", tmp_path_factory.mktemp("diplomatic"), "--reading", "sic")


EDITED_LINES = [
    "D(is) M(anibus)",
    "L(ucio) Corn\u0323elio",
    "[Mar]cello ⟨f⟩ilio",
    "vixit",
    "annis [...]",
    "⟦imperatori⟧ `pio´ {e}t",
    "[hand 2] fecit [- - -]",
    # the other reading of a choice reaches the text edition too (orig beside reg)
    "carissimo [orig.: KARISSIMO] [patri?]",
]
DIPLOMATIC_LINES = [
    "D M",
    "L Cornelio",
    "cello ilio",
    "vixit",
    "annis [...]",
    "imperatori pio et",
    "[hand 2] fecit [- - -]",
    "KARISSIMO [reg.: carissimo]",
]


def text_lines(built) -> list[str]:
    body = built.text.split("=" * 72)[1]
    return [words(x) for x in body.strip().split("\n\n")[0].splitlines()]


def test_text_edition_in_both_views(edited, diplomatic):
    assert [x.removeprefix("5 ") for x in text_lines(edited)] == EDITED_LINES
    assert text_lines(edited)[4] == "5 annis [...]"
    assert text_lines(diplomatic)[4] == "5 annis [...]"
    got = [x.removeprefix("5 ") for x in text_lines(diplomatic)]
    assert got == DIPLOMATIC_LINES


def test_html_holds_both_views_and_names_them(edited):
    index = edited.index
    ab = index.xpath("//section[@id='edition']//p")[0]
    shown = visible_text(ab)
    for line in ("D(is) M(anibus)", "[Mar]cello ⟨f⟩ilio", "⟦imperatori⟧ `pio´ {e}t", "[patri?]"):
        assert line in shown, line
    # Each part of one view only is marked so that the switch can hide it.
    assert index.xpath("//span[@class='ex'][@data-reading='edited']")
    assert index.xpath("//span[@class='supplied lost'][@data-reading='edited']")
    assert index.xpath("//span[@class='unclear'][.='n']")
    legend = index.xpath("string(//fieldset[@class='reading']/legend)")
    labels = [words(x.text_content()) for x in index.xpath("//fieldset[@class='reading']/label")]
    assert legend == "View" and labels == ["edited", "diplomatic"]
    (broken,) = index.xpath("//span[@class='lb break-no']")
    assert broken.xpath("span[@class='lineno']/@data-n") == ["5"]


def test_html_diplomatic_build_hides_the_edited_parts(diplomatic):
    ab = diplomatic.index.xpath("//section[@id='edition']//p")[0]
    shown = visible_text(ab)
    assert "Mar" not in shown and "(is)" not in shown and "KARISSIMO" in shown


def test_epub_holds_one_view(edited, diplomatic):
    def chunk(built):
        return " ".join(
            "".join(d.itertext()) for n, d in built.epub_docs.items() if n.startswith("00")
        )

    assert "Corn\u0323elio" in chunk(edited) and "[Mar]cello" in chunk(edited)
    # the original spelling only as the other reading of the choice, marked as such
    assert chunk(edited).count("KARISSIMO") == chunk(edited).count("[orig.: KARISSIMO]") == 1
    assert "Cornelio" in chunk(diplomatic) and "Marcello" not in chunk(diplomatic)
