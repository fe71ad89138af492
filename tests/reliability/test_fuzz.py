"""Fuzzing: TEI-like documents, well-formed and broken, through every command.

Documents are drawn by Hypothesis: headers, front and back matter, nested divisions,
notes, corrections, lists, tables, verse, registers in standOff with names pointing into
them (and past them), dates good and bad, links of every scheme, hostile attribute values,
odd characters (controls, bidi marks, combining marks, astral planes, line separators),
comments, processing instructions and CDATA; then some are broken (cut, spliced, a byte
corrupted, a DOCTYPE or encoding declaration added, re-encoded in UTF-16).

Whatever the input: `validate`, `build` (every format), `check` and `export` end with a
clean status (0, 1 or 2), never a traceback or an internal error (3), nothing printed
behind the CLI's back; a failed build leaves no output; a successful one has every format,
pages without active content, an EPUB that is a zip of well-formed XHTML and UTF-8 text.

TEIKIT_FUZZ_EXAMPLES (default 300) and TEIKIT_FUZZ_SECONDS (default 45) bound a run of the
commands; the loader alone sees TEIKIT_FUZZ_LOADER_EXAMPLES (default 5,000) real files with
bytes cut, inserted or changed.
Hypothesis keeps what it found in .hypothesis/, so runs add up. A long run:
    TEIKIT_FUZZ_EXAMPLES=3000 TEIKIT_FUZZ_SECONDS=3600 \
        python3 -m pytest tests/reliability/test_fuzz.py
"""

from __future__ import annotations

import os
import re
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import FIXTURES, HOSTILE
from tests.reliability.active import output_problems
from tests.reliability.support import ALL_FORMATS, OWN_HOSTILE, run
from toolkit.errors import InputError
from toolkit.source import parse_bytes

TEI = "http://www.tei-c.org/ns/1.0"
EXAMPLES = int(os.environ.get("TEIKIT_FUZZ_EXAMPLES", "300"))
SECONDS = float(os.environ.get("TEIKIT_FUZZ_SECONDS", "45"))
LOADER_EXAMPLES = int(os.environ.get("TEIKIT_FUZZ_LOADER_EXAMPLES", "5000"))

INLINE = [
    "hi", "emph", "foreign", "title", "persName", "placeName", "orgName", "name", "rs", "date",
    "ref", "ptr", "note", "choice", "sic", "corr", "orig", "reg", "abbr", "expan", "seg", "q",
    "quote", "lb", "pb", "gap", "unclear", "supplied", "del", "add", "num", "term", "mentioned",
    "soCalled", "unknownThing", "bibl", "figure", "graphic", "milestone", "anchor", "said",
]  # fmt: skip
BLOCK = [
    "p", "ab", "lg", "list", "table", "quote", "cit", "figure", "listBibl", "div", "head",
    "note", "floatingText", "sp", "stage", "epigraph", "closer", "opener", "trailer",
]  # fmt: skip
ODD_CHARS = (
    "\t\n\r \u00a0\u00ad\u200b\u200d\u200e\u200f\u202a\u202e\u2028\u2029\u0301\u0308"
    "\ufeff\ufffd\U0001f600\U00010000\ue000\u0085&<>\"'`=/\\[]{}*#|~^%$;:,.!?-_"
)
TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(ODD_CHARS),
        st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufffe\uffff"),
    ),
    max_size=24,
)
IDS = ["a", "p1", "n1", "x-1", "_b", "pl1", "o1", "b1", "é", "bad id", "1num", 'q"x']
VALUES = st.one_of(
    TEXT,
    st.sampled_from(
        [
            "#a", "#p1", "#nowhere", "#pl1 #o1", "javascript:alert(1)", " JAVASCRIPT:alert(1)",
            "data:text/html,<script>alert(1)</script>", "https://example.org/x?y=1&z=2",
            "mailto:a@example.org", "file:///etc/passwd", "../../etc/passwd", "img.png",
            "1936-02-30", "1936", "1936-02", "-0044-03-15", "2024-13-01", "1936-02-14T10:00:00Z",
            "bold italic", "sup", 'x" onmouseover="alert(1)', "</style><script>alert(1)</script>",
            "color:red;background:url(javascript:alert(1))", "end", "foot", "margin", "1", "a",
            "*", "", "   ", "en", "de-1901", "x-unknown", "he", "ar", "zh-Hant",
        ]
    ),
)  # fmt: skip
ATTRS = ["n", "rend", "xml:id", "ref", "target", "when", "from", "to", "notBefore", "notAfter",
         "type", "xml:lang", "style", "place", "url", "corresp", "key", "facs", "rendition",
         "cols", "rows", "role", "unit", "reason", "cert", "resp", "source"]  # fmt: skip


_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def escape(text: str, quote: bool = False) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace("]]>", "]]&gt;")
    # Characters XML 1.0 forbids are dropped (the broken variants add their own); others
    # that do not print are written as character references, half the time.
    text = "".join(
        "" if _ILLEGAL.match(c) else c if c.isprintable() or ord(c) % 2 else f"&#x{ord(c):x};"
        for c in text
    )
    return text.replace('"', "&quot;") if quote else text


@st.composite
def attributes(draw):
    chosen = draw(st.dictionaries(st.sampled_from(ATTRS), VALUES, max_size=3))
    if "xml:id" in chosen and draw(st.booleans()):
        chosen["xml:id"] = draw(st.sampled_from(IDS))
    return "".join(f' {k}="{escape(v, quote=True)}"' for k, v in chosen.items())


@st.composite
def extra(draw):
    """Comments, processing instructions, CDATA and character references among the text."""
    kind = draw(st.sampled_from(["comment", "pi", "cdata", "charref", "entity"]))
    if kind == "comment":
        return "<!--" + _ILLEGAL.sub("", draw(TEXT)).replace("--", "- -").rstrip("-") + "-->"
    if kind == "pi":
        return (
            "<?" + draw(st.sampled_from(["xml-stylesheet href='x.xsl'", "teikit x", "php"])) + "?>"
        )
    if kind == "cdata":
        return "<![CDATA[" + _ILLEGAL.sub("", draw(TEXT)).replace("]]>", "") + "]]>"
    if kind == "charref":
        return f"&#{draw(st.sampled_from([9, 10, 13, 32, 160, 173, 8232, 65279, 128512]))};"
    return draw(st.sampled_from(["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"]))


def element(names, depth):
    @st.composite
    def build(draw):
        name = draw(st.sampled_from(names))
        children = []
        if depth > 0:
            children = draw(
                st.lists(
                    st.one_of(
                        TEXT.map(escape), extra(), element(INLINE, depth - 1),
                        element(BLOCK, depth - 1) if name in ("div", "note", "quote", "cit",
                                                              "floatingText", "item", "cell")
                        else TEXT.map(escape),
                    ),
                    max_size=4,
                )
            )  # fmt: skip
        attrs = draw(attributes())
        if name in ("list",):
            children = [f"<item{draw(attributes())}>{c}</item>" for c in children or ["x"]]
        elif name == "table":
            children = [f"<row><cell{draw(attributes())}>{c}</cell></row>" for c in children]
        elif name == "lg":
            children = [f"<l>{c}</l>" for c in children]
        elif name == "choice":
            children = [f"<sic>{''.join(children[:1])}</sic><corr>{''.join(children[1:2])}</corr>"]
        elif name == "listBibl":
            children = [f"<bibl>{c}</bibl>" for c in children]
        elif name == "sp":
            children = [f"<speaker>{escape(draw(TEXT))}</speaker><p>{''.join(children)}</p>"]
        return f"<{name}{attrs}>{''.join(children)}</{name}>"

    return build()


IDNOS = ["", '<idno type="wikidata">Q1</idno>', "<idno>javascript:x</idno>"]
GEOS = ["52.5 13.4", "91 200", "x", "-33.9 18.4"]
AUTHORS = [
    "",
    "<author>A. Author</author>",
    "<author><persName><forename>F</forename><surname>S</surname></persName></author>",
]
PUBLICATION = [
    "<p>p</p>",
    '<date when="2020">2020</date>',
    '<idno type="DOI">10.1/x</idno>',
    "<publisher>P</publisher>",
]
FRONT = ["", "<front><div><head>Preface</head><p>f</p></div></front>"]
BACK = [
    "",
    '<back><div type="bibliography"><listBibl><bibl xml:id="b1">B</bibl></listBibl></div></back>',
]
JUNK = ["<", "&", "]]>", "<!--", "&x;", "</p>", "<p", '"', "\x00", "\x0c", "<![CDATA[", "<?",
        "&#0;", "&#xD800;"]  # fmt: skip
PROLOGS = [
    '<?xml version="1.0" encoding="latin-1"?>',
    '<?xml version="1.1"?>',
    "<!DOCTYPE TEI>",
    '<?xml version="1.0" encoding="x-unknown"?>',
    "<!DOCTYPE TEI [<!ELEMENT TEI ANY>]>",
    '<!DOCTYPE TEI [<!ENTITY e "x">]>',
    '<!DOCTYPE TEI SYSTEM "tei.dtd">',
    "\ufeff",
    '<?xml version="1.0" encoding="UTF-16"?>',
    "  \n",
    '<?xml-model href="x.rng"?>',
]
NAMESPACES = ["", "http://www.tei-c.org/ns/2.0", "urn:x"]


@st.composite
def registers(draw):
    """standOff with persons, places and organisations, some pointed at, some not."""
    people = "".join(
        f'<person xml:id="{i}"><persName>{escape(draw(TEXT))}</persName>'
        + draw(st.sampled_from(IDNOS))
        + "</person>"
        for i in draw(st.lists(st.sampled_from(["a", "p1", "x-1", "_b"]), unique=True, max_size=3))
    )
    places = "".join(
        f'<place xml:id="{i}"><placeName>{escape(draw(TEXT))}</placeName>'
        f"<location><geo>{draw(st.sampled_from(GEOS))}</geo></location></place>"
        for i in draw(st.lists(st.sampled_from(["pl1", "pl2"]), unique=True, max_size=2))
    )
    orgs = '<listOrg><org xml:id="o1"><orgName>O</orgName></org></listOrg>'
    orgs = orgs if draw(st.booleans()) else ""
    lists = (f"<listPerson>{people}</listPerson>" if people else "") + (
        f"<listPlace>{places}</listPlace>" if places else ""
    )
    return f"<standOff>{lists}{orgs}</standOff>" if lists or orgs else ""


@st.composite
def well_formed(draw):
    root = draw(st.sampled_from(["TEI", "TEI", "TEI", "teiCorpus"]))
    header = (
        f"<teiHeader><fileDesc><titleStmt><title{draw(attributes())}>{escape(draw(TEXT))}"
        f"</title>{draw(st.sampled_from(AUTHORS))}</titleStmt><publicationStmt>"
        f"{draw(st.sampled_from(PUBLICATION))}</publicationStmt><sourceDesc><p>s</p>"
        "</sourceDesc></fileDesc></teiHeader>"
    )
    depth = draw(st.integers(1, 5))
    body = "".join(draw(st.lists(element(BLOCK, depth), min_size=0, max_size=4)))
    front, back = draw(st.sampled_from(FRONT)), draw(st.sampled_from(BACK))
    text = f"<text{draw(attributes())}>{front}<body>{body}</body>{back}</text>"
    tei = f'<TEI xmlns="{TEI}"{draw(attributes())}>{header}{draw(registers())}{text}</TEI>'
    if root == "teiCorpus":
        inner = tei.replace(f' xmlns="{TEI}"', "", 1)
        return f'<teiCorpus xmlns="{TEI}">{header}{tei}{inner}</teiCorpus>'
    return tei


def at(draw, length: int) -> int:
    """A position past the prolog, anywhere in the rest (Hypothesis favours small integers,
    which would put nearly every cut and splice in the first few bytes)."""
    return max(1, length // 10 + (length - length // 10) * draw(st.integers(0, 999)) // 1000)


@st.composite
def document(draw) -> bytes:
    doc = draw(well_formed())
    if draw(st.integers(0, 99)) >= 35:  # about a third broken
        return doc.encode("utf-8")
    how = draw(st.sampled_from(["cut", "splice", "byte", "prolog", "utf16", "namespace", "dup"]))
    if how == "cut":
        return doc[: at(draw, len(doc))].encode("utf-8")
    if how == "splice":
        i = at(draw, len(doc))
        return (doc[:i] + draw(st.sampled_from(JUNK)) + doc[i:]).encode("utf-8")
    if how == "byte":
        raw = bytearray(doc.encode("utf-8"))
        raw[at(draw, len(raw))] = draw(st.integers(0, 255))
        return bytes(raw)
    if how == "prolog":
        return (draw(st.sampled_from(PROLOGS)) + doc).encode("utf-8")
    if how == "utf16":
        return ('<?xml version="1.0" encoding="UTF-16"?>' + doc).encode("utf-16")
    if how == "namespace":
        return doc.replace(TEI, draw(st.sampled_from(NAMESPACES))).encode("utf-8")
    return doc.replace("<body>", '<body xml:lang="en" xml:lang="de">', 1).encode("utf-8")


_started: dict[str, float] = {}


def within_budget(test: str) -> bool:
    """Each test stops doing work SECONDS after its first example (Hypothesis has no time
    limit of its own); the remaining examples are only drawn."""
    return time.monotonic() - _started.setdefault(test, time.monotonic()) < SECONDS


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                           HealthCheck.data_too_large, HealthCheck.large_base_example],
    print_blob=True,
)  # fmt: skip
@given(data=document())
def test_every_command_ends_cleanly(tmp_path_factory, capfd, data):
    if not within_budget("commands"):
        return
    tmp = tmp_path_factory.mktemp("fuzz")
    path = tmp / "doc.xml"
    path.write_bytes(data)
    out = tmp / "out"
    capfd.readouterr()
    statuses = {}
    for name, args in {
        "validate": ["validate", path],
        "build": ["build", path, "--format", ALL_FORMATS, "--out", out],
        "check": ["check", path],
        "export": ["export", path, "--all", "--out", tmp / "export"],
    }.items():
        result = run(*args)
        statuses[name] = result.exit_code
        assert result.exit_code in (0, 1, 2), (name, result.output, data[:400])
        assert "Traceback" not in result.output, (name, result.output)
        assert "internal error" not in result.output, (name, result.output, data[:400])
    native = capfd.readouterr()
    assert not native.out and not native.err, f"printed outside the CLI: {native}"
    # Unreadable for one command, unreadable for all (validate may also fail with 2 for a
    # schema the document declares and that cannot be used).
    unreadable = {name for name, status in statuses.items() if status == 2}
    assert unreadable in (set(), {"validate"}, set(statuses)), statuses
    if statuses["build"] != 0:
        assert not out.exists() or not any(out.rglob("*")), "a failed build left output"
        return
    assert (out / "html" / "index.html").is_file()
    assert (out / "text" / "doc.txt").is_file() and (out / "text" / "doc.clean.txt").is_file()
    for text in (out / "text").iterdir():
        content = text.read_bytes().decode("utf-8")
        assert "\r" not in content
    with zipfile.ZipFile(out / "epub" / "doc.epub") as zf:
        assert zf.namelist()[0] == "mimetype" and zf.testzip() is None
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    assert output_problems(out) == []  # also parses every EPUB content document as XML


SEEDS = [
    p.read_bytes()
    for p in sorted([*FIXTURES.glob("*.xml"), *OWN_HOSTILE.glob("*.xml"), *HOSTILE.glob("*.xml")])
    if p.stat().st_size < 200_000
]
INSERTS = [j.encode() for j in JUNK + PROLOGS] + [b"\xef\xbb\xbf", b"\xff\xfe", b"\x00", b"\xc3"]


@st.composite
def mutated(draw) -> bytes:
    """A real document (fixture or hostile file) with a few bytes cut, inserted or changed:
    cheap to draw, so the loader sees many."""
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 4))):
        i = at(draw, len(data) or 1)
        op = draw(st.sampled_from(["cut", "insert", "byte", "truncate", "prefix"]))
        if op == "cut":
            del data[i : i + draw(st.integers(1, 40))]
        elif op == "insert":
            data[i:i] = draw(st.sampled_from(INSERTS))
        elif op == "byte" and data:
            data[min(i, len(data) - 1)] = draw(st.integers(0, 255))
        elif op == "truncate":
            del data[i:]
        else:
            data[0:0] = draw(st.sampled_from(INSERTS))
    return bytes(data)


@settings(max_examples=LOADER_EXAMPLES, deadline=None, print_blob=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.large_base_example])  # fmt: skip
@given(data=mutated())
def test_the_loader_accepts_or_refuses_with_a_location(data):
    """Many more documents through the safe parser alone: a tree or an InputError, nothing
    else, and a refusal names the file."""
    if not within_budget("loader"):
        return
    path = Path("/fuzz/doc.xml")
    try:
        parse_bytes(data, path)
    except InputError as err:
        assert err.path == str(path) and err.message


#: What the fuzzer found, shrunk, kept as fixed cases so that they stay found.
HEAD = (
    f'<TEI xmlns="{TEI}"><teiHeader><fileDesc><titleStmt><title>{{title}}</title></titleStmt>'
    "<publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc>"
    "</teiHeader><text><body>{body}</body></text></TEI>"
)
FOUND = [
    pytest.param(
        HEAD.format(
            title="t", body="<head>a</head><head>b</head><div><head>x</head><head>y</head></div>"
        ),
        id="two-heads-epub-chunks",  # XPTY0004 in xslt/epub/chunks.xsl; fixed there
    ),
    *(
        pytest.param(
            HEAD.format(title=title, body=""),
            id=f"blank-title-text-layout-{name}",  # was XPTY0004 in xslt/text/text.xsl tk:layout
        )
        for name, title in (("nbsp", "&#xa0;"), ("nel", "\x85"))
    ),
]


@pytest.mark.parametrize("doc", FOUND)
def test_what_the_fuzzer_found(tmp_path, doc):
    path = tmp_path / "doc.xml"
    path.write_text(doc, encoding="utf-8")
    result = run("build", path, "--format", ALL_FORMATS, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
