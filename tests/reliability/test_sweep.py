"""The sweep: valid TEI never ends a build or an export with an internal error.

Stylesheets and toolkit modules read identifiers, numbers, pointers, titles, dates and header
parts that the TEI Guidelines let a document leave out, leave empty, repeat or fill with
anything. Each case here takes a real document (the essay, cut to a few divisions with all
its registers; fixtures; files of shared/wild-minimal and the real-TEI corpus: a letter with
its registers, a drama, a speech, a journal volume's groups, a corpus) and changes every one
of those parts at once the same way:

    none      each part absent: no xml:id, @n, pointer, title, heading or date attribute;
              the header cut to a title statement, a publication statement and a source
    empty     each part present and empty (xml:id="", n="", ref="", <title/>, when="")
    repeated  each part twice or more: every xml:id the same, every @n "1", every pointer
              twice, titles and header statements repeated
    odd       each part strange: ids and numbers in other scripts, with spaces or
              punctuation, pointers to nowhere, prefixed, relative, several; dates out of
              range, in other digits, reversed; odd language tags and header texts
    wrong     pointers to elements of the wrong kind (a name to a paragraph, a note to a
              title), spans from a later date to an earlier one

and then builds every format and runs every export (and `check`): each ends with 0 or 1,
never 3, never a traceback. A Hypothesis test mixes the states part by part
(TEIKIT_SWEEP_EXAMPLES, default 25, draws mixes; TEIKIT_SWEEP_SECONDS bounds them).
"""

from __future__ import annotations

import copy
import itertools
import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from tests.conftest import EDITION, FIXTURES, SHARED, require_shared
from tests.realtei.corpus import DATA
from tests.reliability.support import ALL_FORMATS, run
from toolkit.source import load

TEI = "http://www.tei-c.org/ns/1.0"
XML = "http://www.w3.org/XML/1998/namespace"
XML_ID = f"{{{XML}}}id"
XML_LANG = f"{{{XML}}}lang"
NS = {"t": TEI}

#: Attributes TEI types as pointers (as schema/universal.sch lists them), and @url, @key.
POINTERS = """active adj adjFrom adjTo ana calendar change children copyOf corresp
    datingMethod datingPoint decls domains edRef end exclude fVal facs feats follow from hand
    inst lemmaRef location mergedIn mutual new next nymRef origin parent parts passive perf
    period prev ref rendition replyTo resp sameAs scheme scribeRef scriptRef select since
    source spanTo start synch target targetEnd to toWhom unitRef uri url where who wit
    key""".split()  # noqa: SIM905 - a list of names to read
DATES = ["when", "notBefore", "notAfter", "from", "to"]
DATES += [f"{name}-iso" for name in DATES]
#: Elements whose @from/@to are not dates (ranges of pages, pointers of a span).
NOT_DATES = {"biblScope", "citedRange", "locus", "span", "arc", "app", "rt", "relation"}

ODD_IDS = ["ΑΒΓ", "x y", "1x", "a:b", "ሀ-ለ", "‮r", "é.é", "-", "_", "a" * 300]
ODD_NS = [" ", "IV.2", "١٢", "-3", "0", "x" * 200, "1 2", "<b>", "[1]", "§ 4"]
ODD_POINTERS = ["#nowhere", "pmb:123", "https://example.org/a b", "../other.xml#x", "#a #b #",
                "#ΑΒΓ", "javascript:alert(1)", "x", "#" * 3, "urn:x:y"]  # fmt: skip
ODD_DATES = ["1926-13-45", "abc", "-0500", "١٩٢٦", "0000", "99999-01-01", "1926-02-30",
             "1926-W05", "--12-25", "2026-12-07T25:61:00"]  # fmt: skip
ODD_LANGS = ["", "x", "EN_us", "123", "zh-Hant-TW-x-private", "und", "he-Latn", "ar", "-"]
ODD_TEXTS = ["‮reversed", "<&>\"'", "w" * 2000, "  ", "١٢٣", "\u200b", "𝔘𝔫𝔦"]

PARTS = ("ids", "ns", "pointers", "titles", "dates", "header")
STATES = ("keep", "none", "empty", "repeated", "odd", "wrong")


def _odd(values: list[str], i: int) -> str:
    return values[i % len(values)]


def _elements(root: etree._Element) -> list[etree._Element]:
    return [el for el in root.iter() if isinstance(el.tag, str)]


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _change(el, name: str, state: str, odd: str, twice: str) -> None:
    """One attribute in a state: gone, empty, repeated (`twice`) or strange (`odd`)."""
    if state == "none":
        el.attrib.pop(name, None)
    elif state in ("empty", "repeated", "odd"):
        el.set(name, {"empty": "", "repeated": twice, "odd": odd}[state])


def mutate_ids(root, state: str) -> None:
    for i, el in enumerate(_elements(root)):
        if el.get(XML_ID) is not None:
            odd = _odd(ODD_IDS, i) + ("" if i % 3 else el.get(XML_ID))
            _change(el, XML_ID, state, odd, "x")


def mutate_ns(root, state: str) -> None:
    for i, el in enumerate(_elements(root)):
        if el.get("n") is not None or (state in ("repeated", "odd") and i % 4 == 0):
            _change(el, "n", state, _odd(ODD_NS, i), "1")


def mutate_pointers(root, state: str) -> None:
    ids = [el.get(XML_ID) for el in _elements(root) if el.get(XML_ID)]
    for i, el in enumerate(_elements(root)):
        for name in POINTERS:
            value = el.get(name)
            if value is None or (name in ("from", "to") and _local(el) not in NOT_DATES):
                continue
            if state == "wrong" and ids:
                el.set(name, "#" + ids[(i * 7) % len(ids)])
            else:
                _change(el, name, state, _odd(ODD_POINTERS, i), f"{value} {value}")


def _titles(root) -> list[etree._Element]:
    return root.xpath(
        "//t:titleStmt/t:title | //t:text//t:head | //t:text//t:title | //t:titlePart"
        " | //t:docTitle",
        namespaces=NS,
    )


def mutate_titles(root, state: str) -> None:
    for i, el in enumerate(_titles(root)):
        parent = el.getparent()
        if parent is None:
            continue
        if state == "none":
            _remove(el)
        elif state == "empty":
            for child in list(el):
                el.remove(child)
            el.text = None
        elif state == "repeated":
            twin = copy.deepcopy(el)
            twin.tail = None
            if _local(el) == "title" and _local(parent) == "titleStmt":
                twin.set("type", "main")
            el.addnext(twin)
        elif state == "odd":
            for child in list(el):
                el.remove(child)
            el.text = _odd(ODD_TEXTS, i)
            if i % 2:
                note = etree.SubElement(el, f"{{{TEI}}}note")
                note.text = "a note in a title"
                etree.SubElement(el, f"{{{TEI}}}lb")


def mutate_dates(root, state: str) -> None:
    for i, el in enumerate(_elements(root)):
        if _local(el) in NOT_DATES:
            continue
        present = [a for a in DATES if el.get(a) is not None]
        if state == "wrong" and el.get("from") is not None:
            el.set("from", "2000")
            el.set("to", "1000")
        for name in present:
            value = el.get(name)
            _change(el, name, state, _odd(ODD_DATES, i), f"{value} {value}")
        if _local(el) == "date":
            if state == "none":
                el.text = None
            elif state == "odd":
                el.set("when", _odd(ODD_DATES, i + 1))
            elif state == "wrong":
                el.set("notBefore", "1999")
                el.set("notAfter", "1001")
        if el.get(XML_LANG) is not None and state == "odd":
            el.set(XML_LANG, _odd(ODD_LANGS, i))


def _remove(el) -> None:
    parent = el.getparent()
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def mutate_header(root, state: str) -> None:
    for header in root.iterfind(".//t:teiHeader", NS):
        if state == "none":
            for child in list(header):
                if _local(child) != "fileDesc":
                    header.remove(child)
            for fd in header.iterfind("t:fileDesc", NS):
                for child in list(fd):
                    if _local(child) not in ("titleStmt", "publicationStmt", "sourceDesc"):
                        fd.remove(child)
                for stmt in fd:
                    for child in list(stmt):
                        if _local(child) != "title":
                            stmt.remove(child)
                    if _local(stmt) != "titleStmt":
                        etree.SubElement(stmt, f"{{{TEI}}}p")
        elif state == "empty":
            for el in header.iter():
                if isinstance(el.tag, str):
                    el.text = None if len(el) else ""
                    el.tail = None
        elif state == "repeated":
            for stmt in header.iter():
                if not isinstance(stmt.tag, str) or _local(stmt) not in (
                    "titleStmt", "publicationStmt", "sourceDesc", "editionStmt", "profileDesc",
                    "respStmt", "availability", "revisionDesc", "langUsage", "encodingDesc",
                ):  # fmt: skip
                    continue
                for child in list(stmt):
                    if isinstance(child.tag, str):
                        child.addnext(copy.deepcopy(child))
        elif state == "odd":
            leaves = [e for e in header.iter() if isinstance(e.tag, str) and len(e) == 0]
            for i, el in enumerate(leaves):
                el.text = _odd(ODD_TEXTS, i)
        elif state == "wrong":  # languages declared by a tag that is none
            for lang in header.iterfind(".//t:language", NS):
                lang.set("ident", _odd(ODD_LANGS, 3))


MUTATE = {
    "ids": mutate_ids,
    "ns": mutate_ns,
    "pointers": mutate_pointers,
    "titles": mutate_titles,
    "dates": mutate_dates,
    "header": mutate_header,
}


def mutated(root: etree._Element, states: dict[str, str]) -> bytes:
    tree = copy.deepcopy(root)
    # Pointers first: "wrong" points them at ids that the id mutation then changes.
    for part in ("pointers", "ids", "ns", "titles", "dates", "header"):
        if states.get(part, "keep") != "keep":
            MUTATE[part](tree, states[part])
    return etree.tostring(tree, encoding="utf-8", xml_declaration=True)


# ---- the documents ------------------------------------------------------------------------


def _essay_cut() -> etree._Element:
    """The essay with its first two divisions of the body (all registers, the back matter,
    notes, dates and header kept): every rendering path in a tenth of the time."""
    root = copy.deepcopy(load(EDITION).root)
    (body,) = root.iterfind("t:text/t:body", NS)
    for div in body.findall("t:div", NS)[2:]:
        body.remove(div)
    return root


DOCUMENTS = {
    "essay": _essay_cut,
    "canonical": lambda: load(FIXTURES / "canonical.xml").root,
    "registers-notes": lambda: load(FIXTURES / "registers-notes.xml").root,
    "text-features": lambda: load(FIXTURES / "text-features.xml").root,
    "letter": lambda: load(DATA / "schnitzler-briefe" / "L03096.xml").root,
    "drama": lambda: load(DATA / "gerdracor" / "goethe-satyros.xml").root,
    "corpus": lambda: load(DATA / "parlamint-es-ga" / "ParlaMint-ES-GA.xml").root,
    "groups": lambda: load(require_shared(SHARED / "wild-minimal" / "01-group.xml")).root,
}
_loaded: dict[str, etree._Element] = {}


def document(name: str) -> etree._Element:
    if name not in _loaded:
        _loaded[name] = DOCUMENTS[name]()
    return _loaded[name]


def assert_clean(tmp: Path, data: bytes, what: str) -> None:
    path = tmp / "doc.xml"
    path.write_bytes(data)
    for args in (
        ["build", path, "--format", ALL_FORMATS, "--out", tmp / "out", "--jobs", "1"],
        ["export", path, "--all", "--out", tmp / "export"],
        ["check", path],
    ):
        result = run(*args)
        assert result.exit_code in (0, 1), (
            f"{what}: {args[0]} exit {result.exit_code}\n" + (result.output[-3000:])
        )
        assert "Traceback" not in result.output and "internal error" not in result.output, (
            f"{what}: {args[0]}\n{result.output[-3000:]}"
        )


CASES = [
    *((doc, {part: state for part in PARTS}) for doc in DOCUMENTS for state in STATES[1:]),
]


@pytest.mark.parametrize(
    ("doc", "states"), [pytest.param(d, s, id=f"{d}-{s['ids']}") for d, s in CASES]
)
def test_every_part_missing_empty_repeated_odd_or_wrong(tmp_path, doc, states):
    assert_clean(tmp_path, mutated(document(doc), states), f"{doc} {states}")


EXAMPLES = int(os.environ.get("TEIKIT_SWEEP_EXAMPLES", "25"))
SECONDS = float(os.environ.get("TEIKIT_SWEEP_SECONDS", "60"))
_started: list[float] = []


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    doc=st.sampled_from(sorted(DOCUMENTS)),
    states=st.fixed_dictionaries({part: st.sampled_from(STATES) for part in PARTS}),
)
def test_mixed_states(tmp_path_factory, doc, states):
    """Parts in different states at once (ids gone while pointers point at them, titles
    repeated while headings are empty ...), drawn the same way on every run."""
    _started[:] = _started or [time.monotonic()]
    if time.monotonic() - _started[0] > SECONDS:
        return
    assert_clean(
        tmp_path_factory.mktemp("sweep"), mutated(document(doc), states), f"{doc} {states}"
    )


def test_the_cases_cover_every_part_in_every_state():
    seen = {(part, s[part]) for _, s in CASES for part in PARTS}
    assert seen == set(itertools.product(PARTS, STATES[1:]))
