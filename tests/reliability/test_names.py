"""Property tests for names: file names, the stems made from them and output paths, drawn by
Hypothesis from an alphabet that holds what breaks tools (dots, spaces, newlines and other
controls, bidirectional controls, combining marks, full-width and astral characters, names
as long as a file system allows).

Whatever the names: a corpus member's folder is a plain, distinct name inside OUT; nothing is
written outside OUT; a report line names a file on one line. TEIKIT_FUZZ_NAME_EXAMPLES
(default 15) bounds the builds; the pure properties see 500 names.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.reliability.support import run, tei
from toolkit import corpus
from toolkit.errors import InputError, shown
from toolkit.validation.report import Finding

BUILDS = int(os.environ.get("TEIKIT_FUZZ_NAME_EXAMPLES", "15"))

#: Characters that make names hard: separators and dots, controls (a newline forges a report
#: line), bidirectional controls, combining marks, full-width and astral characters.
HARD = (
    ".. -_~'\"$&;|*?[]{}#%\t\n\r\x1b\x7f\x85\u00a0\u200e\u202e\u2028\u2066\u0301\uff11\U0001f600é東"
)
CHAR = st.one_of(
    st.sampled_from(HARD),
    st.characters(blacklist_categories=("Cs",), blacklist_characters="/\x00"),
)


def fits(name: str) -> bool:
    """A name a POSIX file system can hold: no separator or NUL, at most 255 bytes."""
    raw = name.encode("utf-8", "surrogateescape")
    return bool(name) and name not in (".", "..") and len(raw) <= 255 and "/" not in name


stems = st.text(CHAR, min_size=0, max_size=60).filter(lambda s: fits(s + ".xml"))
long_stems = st.text(st.sampled_from("aé東."), min_size=100, max_size=251).filter(
    lambda s: fits(s + ".xml")
)
file_names = st.one_of(stems, long_stems).map(lambda s: s + ".xml")
components = st.text(CHAR, min_size=1, max_size=20).filter(
    lambda s: fits(s) and s not in (".", "..")
)
output_paths = st.lists(components, min_size=1, max_size=3).map(lambda parts: Path(*parts))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(stems, long_stems), min_size=1, max_size=6))
def test_member_folders_are_plain_and_distinct(names):
    paths = [Path(f"folder{i}") / f"{name}.xml" for i, name in enumerate(names)]
    folders = corpus.member_folders(paths)
    assert len(folders) == len(paths)
    seen = {unicodedata.normalize("NFC", f).casefold() for f in folders.values()}
    assert len(seen) == len(paths)  # distinct, even on a case-folding file system
    for folder in folders.values():
        assert folder and folder not in (".", "..") and not folder.startswith(".")
        assert "/" not in folder and not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in folder)
        assert folder.casefold() not in {r.casefold() for r in corpus.RESERVED}
        assert len(folder.encode("utf-8", "surrogateescape")) <= corpus.MAX_NAME_BYTES


@settings(max_examples=500, deadline=None)
@given(st.text(CHAR, max_size=80), st.integers(1, 10**6))
def test_a_report_line_is_one_line_whatever_the_name(name, line):
    for text in (
        Finding(name, line, 3, "error", "message\nwith a break", "rule").text(),
        str(InputError("bad", name, line)),
    ):
        assert len(text.splitlines()) == 1, text
        assert "\u202e" not in text and "\u2066" not in text
    assert shown(name) == name or "\\" in shown(name)


@settings(
    max_examples=BUILDS,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(names=st.lists(file_names, min_size=1, max_size=3, unique=True), out=output_paths)
def test_builds_write_only_under_out_whatever_the_names(tmp_path_factory, names, out):
    sandbox = tmp_path_factory.mktemp("names")
    inputs = sandbox / "in"
    inputs.mkdir()
    for i, name in enumerate(names):
        (inputs / name).write_text(tei(f"<p>Document {i}.</p>"), encoding="utf-8")
    cwd = sandbox / "cwd"
    cwd.mkdir()
    before = {p for p in sandbox.rglob("*")}
    from toolkit import output

    assert output._pending is None
    old = os.getcwd()
    os.chdir(cwd)
    try:
        result = run("build", inputs, "--format", "text", "--out", out, "--jobs", "1")
    finally:
        os.chdir(old)
    assert output._pending is None, result.output
    assert result.exit_code in (0, 2), result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    root = (cwd / out).resolve()
    made = {p for p in sandbox.rglob("*")} - before
    strays = [p for p in made if p.resolve() != root and root not in p.resolve().parents
              and p not in root.parents]  # fmt: skip
    assert not strays, strays
    if result.exit_code == 0 and len(names) > 1:
        texts = sorted(root.glob("*/text/*.txt"))
        assert len(texts) == len(names)
        assert {t.parent.parent.parent for t in texts} == {root}
