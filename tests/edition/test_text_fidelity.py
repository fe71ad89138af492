"""The edition against its witness, word by word (notes out, editorial readings out).

The witness (tei/source/chimes-at-midnight.txt) is plain text: lines 1-5 are the front matter,
then headings and paragraphs, with [n] note markers; the last line holds the 189 notes.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from lxml import etree

from tests.conftest import EDITION, ROOT
from toolkit.source import load

T = "{http://www.tei-c.org/ns/1.0}"
WITNESS = ROOT / "tei" / "source" / "chimes-at-midnight.txt"
WORD = re.compile(r"\w+(?:[’'\-.]\w+)*|\[\[\d+\]\]")
EDITORIAL = {T + "corr", T + "reg", T + "expan", T + "supplied"}
BLOCK = {
    T + n
    for n in (
        "p", "quote", "list", "item", "label", "head", "div", "opener", "dateline", "figure",
        "figDesc", "titlePart", "titlePage", "byline", "docAuthor", "docTitle", "front", "body",
    )
}  # fmt: skip
NOTES = 189
#: The witness lost the layout of the hunger strikers' list (sec-5b-q3): each item's number
#: runs into its first word ("1.Abrogation"). The edition encodes the numbers as list labels,
#: so the witness is read with the number and the word apart; exactly those five runs.
LIST_NUMBER = re.compile(r"(?<![\w.])([1-5])\.(?=[A-Z])")
LIST_NUMBERS = 5


def words(text: str) -> list[str]:
    return WORD.findall(text)


def witness() -> tuple[list[str], list[str], dict[int, list[str]]]:
    """(front-matter words, body words with [[n]] markers, note words by number)."""
    lines = WITNESS.read_text(encoding="utf-8").split("\n")
    notes_line = next(line for line in reversed(lines) if line.startswith("[1] "))
    parts = re.split(r"(?:^| )\[(\d+)\] ", notes_line)
    notes = {int(parts[i]): words(parts[i + 1]) for i in range(1, len(parts), 2)}
    body_lines = lines[5 : lines.index(notes_line)]
    body, runs = LIST_NUMBER.subn(r"\1. ", "\n".join(body_lines))
    assert runs == LIST_NUMBERS, f"{runs} list numbers run into a word, not {LIST_NUMBERS}"
    body = re.sub(r"\[(\d+)\]", r" [[\1]] ", body)
    return words("\n".join(lines[:5])), words(body), notes


def edition_text(el: etree._Element, notes: dict[int, list[str]] | None) -> str:
    """The element's text in the source reading; notes become [[n]] (their words go to `notes`)."""
    out: list[str] = []

    def walk(e: etree._Element) -> None:
        if not isinstance(e.tag, str):
            return
        if e.tag in EDITORIAL and e.getparent() is not None and e.getparent().tag == T + "choice":
            return
        if e.tag == T + "note" and e.get("type") == "editorial":
            return
        if e.tag == T + "note" and notes is not None:
            n = int(e.get("n"))
            notes[n] = words(edition_text(e, None))
            out.append(f" [[{n}]] ")
            return
        if e.tag in BLOCK:
            out.append(" ")
        out.append(e.text or "")
        for child in e:
            walk(child)
            out.append(child.tail or "")
        if e.tag in BLOCK:
            out.append(" ")

    walk(el)  # the element's own tail is not its text; spaces around blocks split no word
    return "".join(out)


@pytest.fixture(scope="module")
def edition():
    source = load(EDITION)
    text = source.root.find(T + "text")
    notes: dict[int, list[str]] = {}
    front = words(edition_text(text.find(T + "front"), notes))
    body = words(edition_text(text.find(T + "body"), notes))
    return front, body, notes


def diff(expected: list[str], actual: list[str]) -> str:
    import difflib

    out = []
    sm = difflib.SequenceMatcher(a=expected, b=actual, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op != "equal":
            out.append(f"{op}: witness {expected[i1:i2][:12]} / edition {actual[j1:j2][:12]}")
    return "\n".join(out[:20])


def test_body_words_and_note_positions_match_the_witness(edition):
    _, body, _ = edition
    _, expected, _ = witness()
    assert body == expected, diff(expected, body)


def test_front_matter_keeps_every_word(edition):
    front, _, _ = edition
    expected, _, _ = witness()
    assert Counter(front) == Counter(expected)


def test_all_notes_present_in_order_with_their_words(edition):
    _, body, notes = edition
    _, _, expected = witness()
    assert len(expected) == NOTES
    assert sorted(notes) == list(range(1, NOTES + 1))
    markers = [int(w[2:-2]) for w in body if w.startswith("[[")]
    assert markers == list(range(1, NOTES + 1))
    for n in range(1, NOTES + 1):
        assert notes[n] == expected[n], f"note {n}: {diff(expected[n], notes[n])}"


def test_notes_have_stable_ids_and_numbers():
    root = load(EDITION).root
    notes = root.findall(f".//{T}text//{T}note[@n]")
    ids = [n.get("{http://www.w3.org/XML/1998/namespace}id") for n in notes if n.get("place")]
    assert ids == [f"note-{i}" for i in range(1, NOTES + 1)]


def test_every_correction_keeps_the_source_reading():
    root = load(EDITION).root
    for choice in root.iter(T + "choice"):
        kids = {c.tag for c in choice}
        assert (T + "sic" in kids) == (T + "corr" in kids), etree.tostring(choice)[:200]
        assert (T + "orig" in kids) == (T + "reg" in kids), etree.tostring(choice)[:200]


def test_the_witness_is_kept_verbatim():
    """The witness is the seed text, unchanged (so the comparisons above mean something)."""
    text = WITNESS.read_text(encoding="utf-8")
    assert text.startswith("The Chimes at Midnight: Trotskyism in the USSR 1926-1938\n")
    assert len(re.findall(r"\[\d+\]", text)) == 2 * NOTES
