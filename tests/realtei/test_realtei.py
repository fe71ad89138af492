"""Real TEI from twelve projects (README.md beside this file): every document builds in every
format without an internal error, keeps at least 99 % of its words in each edition, its HTML
passes the Nu HTML checker and its EPUB EPUBCheck (no error, no warning; with the files of
shared/wild-minimal, in one Java run each), and it validates with jing's findings on its
project's schema (or TEI All).

Failures that work under way will remove are listed here, each with its reason, and marked
xfail(strict=True): when the work lands the test passes, strict xfail turns that into a
failure, and the entry must go. Nothing is skipped silently and no threshold is lowered.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner

from tests.conftest import require_shared
from tests.formats.epub_support import describe, epubcheck
from tests.formats.html_support import nu_errors
from tests.realtei.corpus import TEI_ALL, Document, documents
from tests.realtei.test_wild_minimal import ROWS, WILD
from toolkit import coverage, source
from toolkit.cli import main
from toolkit.validation import UNIVERSAL_SCH, jing

DOCS = documents()
FORMATS = ("html", "epub", "text")
THRESHOLD = 0.99
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

#: Documents teikit refuses today for a reason work under way removes (none since the loader
#: reads XInclude fallbacks, shorthand xpointers and unused DOCTYPEs).
REFUSED: dict[str, str] = {}


def _all(doc: str, reason: str, formats=FORMATS) -> dict[tuple[str, str], str]:
    return {(doc, fmt): reason for fmt in formats}


#: (document, format): words lost today, and why. Expected to fail until the work lands.
EXPECTED_LOSS: dict[tuple[str, str], str] = {}

#: Documents whose <text> holds no words: what they say is in their header.
TEXTLESS = {"betamasaheft/ESap021": "a manuscript catalogue record (msDesc in the header)"}


def _params(formats=FORMATS):
    out = []
    for doc in DOCS:
        for fmt in formats:
            reason = REFUSED.get(doc.id) or EXPECTED_LOSS.get((doc.id, fmt))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            out.append(pytest.param(doc, fmt, id=f"{doc.id}-{fmt}", marks=marks))
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, tuple[int, str, Path]]:
    """Every document built in every format: exit status, output and folder, by id."""
    root = tmp_path_factory.mktemp("realtei")
    runner = CliRunner()
    out = {}
    for doc in DOCS:
        folder = root / doc.id.replace("/", "--")
        result = runner.invoke(main, ["build", str(doc.path), "--out", str(folder), "--jobs", "1"])
        out[doc.id] = (result.exit_code, result.output, folder)
    return out


@pytest.mark.parametrize(
    "doc",
    [
        pytest.param(d, id=d.id, marks=[pytest.mark.xfail(strict=True, reason=REFUSED[d.id])])
        if d.id in REFUSED
        else pytest.param(d, id=d.id)
        for d in DOCS
    ],
)
def test_build_exits_0_or_1(doc: Document, built):
    code, output, _ = built[doc.id]
    assert code in (0, 1), output[-2000:]
    assert "Traceback" not in output and "internal error" not in output, output[-2000:]


def _edition(folder: Path, stem: str, fmt: str) -> Path:
    return {
        "html": folder / "html",
        "epub": folder / "epub" / f"{stem}.epub",
        "text": folder / "text" / f"{stem}.txt",
    }[fmt]


@pytest.mark.parametrize(("doc", "fmt"), _params())
def test_every_edition_keeps_the_words_of_the_text(doc: Document, fmt: str, built):
    code, output, folder = built[doc.id]
    assert code in (0, 1), output[-2000:]
    words = coverage.source_tokens(source.load(doc.path).root)
    if doc.id in TEXTLESS:
        assert words == [], f"{doc.id}: {TEXTLESS[doc.id]}, yet its text has words now"
        return
    assert len(words) > 50, f"{doc.id}: too few words to measure"
    found = coverage.measure(
        words, coverage.output_words(_edition(folder, doc.path.stem, fmt), fmt)
    )
    assert found.share >= THRESHOLD, f"{doc.id} {fmt}: {found.report()}"


@pytest.fixture(scope="module")
def wild_built(tmp_path_factory) -> list[Path]:
    """The output folders of shared/wild-minimal's files (those the loader reads today)."""
    root = tmp_path_factory.mktemp("wild")
    runner = CliRunner()
    folders = []
    for name in ROWS:
        folder = root / name.replace("/", "--")
        args = ["build", str(require_shared(WILD / name)), "--out", str(folder), "--jobs", "1"]
        if runner.invoke(main, args).exit_code in (0, 1):
            folders.append(folder)
    return folders


def _folders(built, wild_built) -> list[Path]:
    return [folder for code, _, folder in built.values() if code in (0, 1)] + wild_built


def test_nu_html_checker_finds_no_errors(built, wild_built):
    files = [str(p) for f in _folders(built, wild_built) for p in sorted(f.glob("html/*.html"))]
    assert len(files) > 100
    errors = nu_errors(files)
    assert not errors, errors[:6000]


def test_epubcheck_finds_no_errors_and_no_warnings(built, wild_built, tmp_path):
    books = [b for f in _folders(built, wild_built) for b in sorted(f.glob("epub/*.epub"))]
    assert len(books) > 25
    report = epubcheck(books, tmp_path / "reports")
    failing = {book: messages for book, messages in report.items() if messages}
    assert not failing, "\n".join(f"{b}:\n{describe(m)}" for b, m in failing.items())


def test_a_parliamentary_corpus_shows_each_sitting_under_its_own_title_and_speakers(built):
    """ParlaMint's teiCorpus: each sitting keeps its title, summary and id, and every speech
    names its speaker as the corpus' list of persons does (forenames, then surnames)."""
    (doc,) = [d for d in DOCS if d.id == "parlamint-es-ga/ParlaMint-ES-GA"]
    code, output, folder = built[doc.id]
    assert code in (0, 1), output[-2000:]
    root = source.load(doc.path).root
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    persons = {p.get(XML_ID): p for p in root.iterfind(".//t:listPerson//t:person", ns)}

    def name(who: str) -> str:
        pn = persons[who.removeprefix("#")].find("t:persName", ns)
        parts = pn.findall("t:forename", ns) + pn.findall("t:surname", ns)
        return " ".join(" ".join(p.text.split()) for p in parts)

    components = root.findall("t:TEI", ns)
    assert len(components) == 3
    page = lxml.html.parse(str(folder / "html" / "index.html"))
    articles = page.xpath("//main/article")
    assert [a.get("id") for a in articles] == [c.get(XML_ID) for c in components]
    for article, tei in zip(articles, components, strict=True):
        title = tei.find("t:teiHeader/t:fileDesc/t:titleStmt/t:title[@type='main']", ns)
        assert article.xpath("string(.//h1)") == " ".join(title.text.split())
        summary = article.xpath(".//dl[@class='header-summary']/dd/text()")
        assert tei.get(XML_ID) in summary
        expected = [name(u.get("who")) for u in tei.iterfind(".//t:u", ns)]
        assert article.xpath(".//div[@class='u']/span[@class='speaker']//text()") == expected


Found = dict[Path, set[tuple[int, int, str]]]


def _jing_findings(docs: list[Document], schema: Path, tmp: Path) -> Found:
    """jing's own findings on each document as teikit's loader reads it, in one Java run."""
    targets = {}
    for i, doc in enumerate(docs):
        loaded = source.load(doc.path)
        raw = doc.path.read_bytes()
        if b"XInclude" in raw or b"<!DOCTYPE" in raw[:65536]:
            target = tmp / f"expanded-{i}.xml"
            target.write_text(loaded.xml_text(), encoding="utf-8")
            targets[str(target)] = (doc.path, (loaded.root.sourceline or 1) - 1)
        else:
            targets[str(doc.path)] = (doc.path, 0)
    cmd = [*jing.reference_command(), str(schema), *targets]
    run = subprocess.run(cmd, capture_output=True, text=True)
    found: Found = {doc.path: set() for doc in docs}
    for line in run.stdout.splitlines():
        m = jing._LINE.match(line)
        assert m and m["path"] in targets, line
        path, offset = targets[m["path"]]
        # the same types a value may take, listed in one order (see jing.canonical)
        found[path].add((int(m["line"]) + offset, int(m["col"]), jing.canonical(m["msg"])))
    return found


@pytest.fixture(scope="module")
def relaxng_findings(tmp_path_factory) -> tuple[Found, Found]:
    """teikit's RELAX NG findings and jing's on every document, one run of each per schema
    (teikit's own run gives its files to jing at once)."""
    if jing.command() is None:
        require_shared(Path("/nonexistent/jing"))  # skip locally, fail in CI
    by_schema: dict[Path, list[Document]] = {}
    for doc in DOCS:
        if doc.id not in REFUSED:
            by_schema.setdefault(doc.schema or require_shared(TEI_ALL), []).append(doc)
    ours: Found = {}
    theirs: Found = {}
    for schema, docs in by_schema.items():
        # --schematron replaces the Schematron files the documents declare (not all are here)
        args = ["--schema", str(schema), "--schematron", str(UNIVERSAL_SCH), "--format", "json"]
        result = CliRunner().invoke(main, ["validate", *(str(d.path) for d in docs), *args])
        assert result.exit_code in (0, 1), result.output[-2000:]
        for doc in docs:
            ours[doc.path] = set()
        for f in json.loads(result.stdout)["findings"]:
            if f["rule"] == "relaxng":
                ours[Path(f["path"])].add((f["line"], f["column"], f["message"]))
        theirs.update(_jing_findings(docs, schema, tmp_path_factory.mktemp("jing")))
    return ours, theirs


@pytest.mark.parametrize(
    "doc",
    [
        pytest.param(d, id=d.id, marks=[pytest.mark.xfail(strict=True, reason=REFUSED[d.id])])
        if d.id in REFUSED
        else pytest.param(d, id=d.id)
        for d in DOCS
    ],
)
def test_validate_finds_what_jing_finds(doc: Document, relaxng_findings):
    ours, theirs = relaxng_findings
    assert ours[doc.path] == theirs[doc.path]
