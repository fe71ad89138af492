"""Same input, same bytes: every format, built twice in separate processes whose environment
differs in everything that should not matter (hash seed, time zone, locale, umask, working
folder, output folder name, parallel or not), with and without SOURCE_DATE_EPOCH.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import time
import zipfile

import pytest

from tests.conftest import EDITION, ELTEC, FIXTURES, ROOT, SHARED, require_shared
from tests.reliability.support import ALL_FORMATS, OWN_HOSTILE, guarded_env, run, snapshot

ENVIRONMENTS = [
    {"PYTHONHASHSEED": "1", "TZ": "UTC", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"},
    {"PYTHONHASHSEED": "4242", "TZ": "Pacific/Kiritimati", "LC_ALL": "C", "LANG": "C"},
]
EPOCH = 1700000000


def build(source, out, env_index, epoch=None, extra=(), cwd=None, formats=ALL_FORMATS):
    env = guarded_env(**ENVIRONMENTS[env_index])
    env.pop("SOURCE_DATE_EPOCH", None)
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = str(epoch)
    umask = ("umask 022; ", "umask 077; ")[env_index]
    cmd = [sys.executable, "-m", "toolkit", "build", str(source), "--format", formats,
           "--out", str(out), "--no-cache", *extra]  # fmt: skip
    shell = umask + shlex.join(cmd)
    proc = subprocess.run(["sh", "-c", shell], cwd=cwd or ROOT, env=env, capture_output=True)
    assert proc.returncode == 0, proc.stderr.decode()
    files = snapshot(out)
    files.pop(".teikit-cache.json", None)
    return files


def assert_identical(first, second, leaks=()):
    assert first.keys() == second.keys()
    assert first, "nothing was built"
    for name in first:
        assert first[name] == second[name], f"{name} differs between two builds"
        for leak in leaks:
            assert str(leak).encode() not in first[name], f"{name} contains the path {leak}"


def sources():
    return {
        "canonical": FIXTURES / "canonical.xml",
        "edition": EDITION,
        "utf16": OWN_HOSTILE / "utf16.xml",
        "eltec": ELTEC / "ENG18872_Lyall.xml",
    }


CASES = [(name, None) for name in sources()] + [("canonical", EPOCH), ("edition", EPOCH)]


@pytest.mark.parametrize("name, epoch", CASES, ids=[f"{n}-{e or 'no-epoch'}" for n, e in CASES])
def test_two_builds_in_different_environments_are_byte_identical(tmp_path, name, epoch):
    source = sources()[name]
    if name == "eltec":
        require_shared(source)
    work = tmp_path / "work"
    work.mkdir()
    first = build(source, tmp_path / "first-build", 0, epoch)
    second = build(source, tmp_path / "another" / "out", 1, epoch, cwd=work)
    assert_identical(first, second, leaks=[tmp_path, ROOT])


#: The print edition (opt-in, and seconds per document: built here apart from the other
#: formats): a document with notes, registers and corrections; one set right to left.
PDF_CASES = [
    ("canonical", FIXTURES / "canonical.xml", EPOCH),
    ("canonical", FIXTURES / "canonical.xml", None),
    ("rtl", SHARED / "wild-minimal" / "08-rtl.xml", EPOCH),
]


@pytest.mark.parametrize(
    "source, epoch",
    [c[1:] for c in PDF_CASES],
    ids=[f"{n}-{e or 'no-epoch'}" for n, _, e in PDF_CASES],
)
def test_the_print_edition_is_byte_identical_twice(tmp_path, source, epoch):
    require_shared(source)
    work = tmp_path / "work"
    work.mkdir()
    first = build(source, tmp_path / "first-build", 0, epoch, formats="pdf")
    second = build(source, tmp_path / "another" / "out", 1, epoch, cwd=work, formats="pdf")
    assert list(first) == [f"pdf/{source.stem}.pdf"]
    assert_identical(first, second, leaks=[tmp_path, ROOT])


def test_source_date_epoch_sets_the_epub_dates(tmp_path):
    files = build(FIXTURES / "canonical.xml", tmp_path / "out", 0, EPOCH)
    epub = tmp_path / "out" / "epub" / "canonical.epub"
    assert files["epub/canonical.epub"] == epub.read_bytes()
    with zipfile.ZipFile(epub) as zf:
        stamps = {info.date_time for info in zf.infolist()}
        opf = zf.read("EPUB/package.opf").decode()
    assert stamps == {time.gmtime(EPOCH)[:6]}
    assert time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(EPOCH)) in opf


@pytest.mark.parametrize(
    "source, stamp",
    [(FIXTURES / "canonical.xml", (2024, 5, 1, 0, 0, 0)), (OWN_HOSTILE / "utf16.xml", None)],
    ids=["dated", "undated"],
)
def test_without_an_epoch_the_date_is_the_editions_never_the_clock(tmp_path, source, stamp):
    """The edition's publication date; without one, a fixed date (2000-01-01)."""
    build(source, tmp_path / "out", 0)
    with zipfile.ZipFile(tmp_path / "out" / "epub" / f"{source.stem}.epub") as zf:
        stamps = {info.date_time for info in zf.infolist()}
    assert stamps == {stamp or (2000, 1, 1, 0, 0, 0)}


def test_source_date_epoch_changes_only_the_epub(tmp_path, monkeypatch):
    def in_process(out, epoch):
        if epoch is None:
            monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
        else:
            monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
        result = run("build", FIXTURES / "canonical.xml", "--format", ALL_FORMATS, "--out", out)
        assert result.exit_code == 0, result.output
        files = snapshot(out)
        files.pop(".teikit-cache.json", None)
        return files

    plain, dated = in_process(tmp_path / "a", None), in_process(tmp_path / "b", EPOCH)
    assert plain["epub/canonical.epub"] != dated["epub/canonical.epub"]
    assert {k: v for k, v in plain.items() if not k.endswith(".epub")} == {
        k: v for k, v in dated.items() if not k.endswith(".epub")
    }


def test_a_corpus_builds_the_same_in_parallel_and_in_one_process(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in (FIXTURES / "canonical.xml", OWN_HOSTILE / "utf8-bom.xml", EDITION):
        shutil.copy(path, folder / path.name)
    serial = build(folder, tmp_path / "serial", 0, extra=["--jobs", "1"])
    parallel = build(folder, tmp_path / "parallel", 1, extra=["--jobs", "3"])
    assert "index.html" in serial
    assert_identical(serial, parallel, leaks=[tmp_path])
