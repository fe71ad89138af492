"""Where and how teikit writes: only under --out, under names derived safely, whole or not at
all across a document's formats, never over an input or the working folder, special files
written rather than replaced, a build cache that vouches only for outputs it wrote and names
nothing of the machine."""

from __future__ import annotations

import errno
import json
import os
import shutil
import stat
import threading
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.reliability.support import ALL_FORMATS, run, snapshot, tei
from toolkit import corpus, output

CANONICAL = FIXTURES / "canonical.xml"


def copy_as(folder: Path, name: str, title: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    text = CANONICAL.read_text(encoding="utf-8")
    path = folder / name
    path.write_text(text.replace("A Small Edition", title or name), encoding="utf-8")
    return path


def everything_under(folder: Path) -> dict[str, bytes]:
    return snapshot(folder)


def test_member_names_that_are_no_plain_folder_names_stay_inside_out(tmp_path):
    """`...xml` (stem `..`) wrote beside OUT and replaced a folder there; `..xml` mapped onto
    OUT itself; stems of teikit's own files gave a traceback."""
    names = ["...xml", "..xml", "index.html.xml", "corpus.css.xml", ".teikit-cache.json.xml",
             "plain.xml"]  # fmt: skip
    corpus_dir = tmp_path / "corpus"
    for name in names:
        copy_as(corpus_dir, name)
    beside = tmp_path / "html"  # what `site/../html` would have replaced
    beside.mkdir()
    (beside / "mine.html").write_text("keep")
    out = tmp_path / "site"
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    result = run("build", corpus_dir, "--format", ALL_FORMATS, "--out", out, "--jobs", "2")
    assert result.exit_code == 0, result.output
    after = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    outside = {p for p in after.keys() | before.keys() if before.get(p) != after.get(p)}
    assert all(out in p.parents for p in outside), sorted(map(str, outside))
    folders = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert folders == ["_", "_-2", "_teikit-cache.json", "corpus.css_", "index.html_", "plain"]
    for folder in folders:
        assert (out / folder / "html" / "index.html").is_file(), folder
    assert (out / "index.html").is_file() and (out / "corpus.css").is_file()
    json.loads((out / corpus.CACHE_NAME).read_text())  # teikit's own cache, not a member


def test_two_members_with_one_stem_get_two_folders_whatever_the_jobs(tmp_path):
    a = copy_as(tmp_path / "a", "doc.xml", "Document A")
    b = copy_as(tmp_path / "b", "doc.xml", "Document B")
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        result = run("build", a, b, "--format", "text", "--out", out, "--jobs", jobs)
        assert result.exit_code == 0, result.output
        assert f"{b} is built into {out / 'doc-2'} (its name is taken)" in result.output
        assert "Document A" in (out / "doc" / "text" / "doc.txt").read_text()
        assert "Document B" in (out / "doc-2" / "text" / "doc.txt").read_text()
        outs.append(snapshot(out / "doc") | snapshot(out / "doc-2"))
    assert outs[0] == outs[1]


def test_member_folders_are_distinct_and_plain():
    names = ["a/Doc", "b/doc", "c/doc-2", "d/do\u0301c", "e/d\u00f3c", "f/x\ny", "g/" + "é" * 120]
    paths = [Path(name + ".xml") for name in names]
    names = corpus.member_folders(paths)
    assert len({n.casefold() for n in names.values()}) == len(paths)
    for name in names.values():
        assert "\n" not in name and "/" not in name and not name.startswith(".")
        assert len(name.encode()) <= corpus.MAX_NAME_BYTES


def test_the_cache_checks_the_outputs_on_disk_are_its_own(tmp_path):
    """build a/doc.xml, b/doc.xml, a/doc.xml into one --out: the third is no 'up to date'
    with b's files in place."""
    a = copy_as(tmp_path / "a", "doc.xml", "Document A")
    b = copy_as(tmp_path / "b", "doc.xml", "Document B")
    out = tmp_path / "out"
    for path in (a, b):
        assert run("build", a if path is a else b, "--out", out).exit_code == 0
    result = run("build", a, "--out", out)
    assert result.exit_code == 0 and "up to date" not in result.output, result.output
    assert "Document A" in (out / "text" / "doc.txt").read_text()
    assert "up to date" in run("build", a, "--out", out).output
    # An output changed by hand is rebuilt, not vouched for.
    (out / "text" / "doc.txt").write_text("edited")
    result = run("build", a, "--format", "text", "--out", out)
    assert "up to date" not in result.output
    assert "Document A" in (out / "text" / "doc.txt").read_text()


def test_the_cache_names_nothing_of_the_machine(tmp_path):
    folder = tmp_path / "secret-home" / "corpus"
    copy_as(folder, "one.xml")
    copy_as(folder, "two.xml")
    out = tmp_path / "site"
    assert run("build", folder, "--out", out).exit_code == 0
    text = (out / corpus.CACHE_NAME).read_text()
    assert "secret-home" not in text and str(tmp_path) not in text and "/" + "tmp" not in text
    keys = json.loads(text)
    formats = ("epub", "html", "text")
    assert sorted(keys) == sorted(f"{m}|{f}" for m in ("one", "two") for f in formats)


@pytest.mark.parametrize(
    "content",
    ["[]", '"x"', "1", "null", "[" * 100_000 + "]" * 100_000, '{"k": 1}',
     '{".|text": {"fingerprint": 1, "stamps": "x"}}', '{".|text": {"fingerprint": "f", '
     '"stamps": {"text/canonical.txt": [1, 2]}, "metadata": []}}', "\x00\xff", "{" * 50],
)  # fmt: skip
def test_a_cache_file_of_any_shape_is_ignored(tmp_path, content):
    out = tmp_path / "out"
    out.mkdir()
    (out / corpus.CACHE_NAME).write_text(content)
    result = run("build", CANONICAL, "--format", "text", "--out", out)
    assert result.exit_code == 0, result.output
    assert (out / "text" / "canonical.txt").is_file()
    assert isinstance(json.loads((out / corpus.CACHE_NAME).read_text()), dict)


def test_a_fifo_in_the_place_of_the_cache_does_not_block(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / corpus.CACHE_NAME)
    result = run("build", CANONICAL, "--format", "text", "--out", out)
    assert result.exit_code == 0, result.output


def export_to(target: Path, *extra):
    return run("export", CANONICAL, "--format", "persons.csv", "--out", target, *extra)


def test_export_writes_a_fifo_rather_than_replacing_it(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    assert export_to(fifo).exit_code == 0
    reader.join(10)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert got and got[0].startswith(b"id,")


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_export_writes_a_device_in_place(tmp_path):
    null = tmp_path / "null"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # a /dev/null of our own
    assert export_to(null).exit_code == 0
    assert stat.S_ISCHR(os.lstat(null).st_mode)


def test_export_to_a_full_device_is_a_clean_error(tmp_path):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    result = export_to(Path("/dev/full"))
    assert result.exit_code == 2, result.output
    assert "error: /dev/full: cannot write: no space left on the device" in result.output
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_export_through_a_symlink_writes_its_target(tmp_path):
    target = tmp_path / "data" / "persons.csv"
    target.parent.mkdir()
    target.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    assert export_to(link).exit_code == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text().startswith("id,")


def test_a_failing_format_leaves_every_format_as_it_was(tmp_path):
    """One build replaces all requested outputs or none: here the text edition cannot be
    written (its folder's place is taken by a file), so HTML and EPUB stay the earlier ones."""
    out = tmp_path / "out"
    assert run("build", CANONICAL, "--format", "html,epub", "--out", out).exit_code == 0
    (out / "text").write_text("a file where the text folder would go")
    before = snapshot(out)
    changed = tmp_path / "canonical.xml"
    changed.write_text(CANONICAL.read_text().replace("A Small Edition", "Changed"))
    for jobs in ("1", "2"):  # one process, and the formats shared between two
        result = run("build", changed, "--format", ALL_FORMATS, "--out", out, "--jobs", jobs)
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output and "internal error" not in result.output
        assert snapshot(out) == before


@pytest.mark.parametrize(
    "code, words",
    [(errno.ENOSPC, "no space left on the device"), (errno.EROFS, "the file system is read-only"),
     (errno.EDQUOT, "the disk quota is exhausted")],
)  # fmt: skip
def test_a_full_or_read_only_disk_is_reported_not_called_a_bug(tmp_path, monkeypatch, code, words):
    out = tmp_path / "out"
    assert run("build", CANONICAL, "--out", out).exit_code == 0
    before = snapshot(out)
    changed = tmp_path / "canonical.xml"
    changed.write_text(CANONICAL.read_text().replace("A Small Edition", "Changed"))

    def full(fd):
        raise OSError(code, os.strerror(code), str(out / "text"))

    monkeypatch.setattr(output.os, "fsync", full)
    result = run("build", changed, "--out", out, "--jobs", "1", "--no-cache")
    assert result.exit_code == 2, result.output
    assert f"cannot write: {words}" in result.output and "bug" not in result.output
    assert snapshot(out) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_read_only_output_folder_is_a_clean_error(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        result = run("build", CANONICAL, "--out", out)
    finally:
        out.chmod(0o755)
    assert result.exit_code == 2 and "permission denied" in result.output, result.output


def test_a_build_never_replaces_its_input(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    source = copy_as(tmp_path / "html", "doc.xml")
    result = run("build", "html/doc.xml", "--out", ".")
    assert result.exit_code == 2, result.output
    assert "will not replace a folder or file that holds an input" in result.output
    assert source.is_file()
    # The edition's text named like its text output:
    text_input = copy_as(tmp_path / "t" / "text", "doc.txt")
    result = run("build", text_input, "--format", "text", "--out", tmp_path / "t")
    assert result.exit_code == 2 and text_input.read_text().startswith("<"), result.output


def test_a_build_never_replaces_the_working_folder(tmp_path, monkeypatch):
    work = tmp_path / "out" / "html"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    (work / "notes.txt").write_text("mine")
    result = run("build", CANONICAL, "--format", "html", "--out", "..")
    assert result.exit_code == 2, result.output
    assert "will not replace the current folder" in result.output
    assert (work / "notes.txt").read_text() == "mine"


@pytest.mark.parametrize("out", [".", "$PWD", ".."])
def test_export_all_never_replaces_the_working_folder(tmp_path, monkeypatch, out):
    work = tmp_path / "work"
    source = copy_as(work, "doc.xml")
    monkeypatch.chdir(work)
    result = run("export", source, "--all", "--out", str(work) if out == "$PWD" else out)
    assert result.exit_code == 2, result.output
    assert "will not replace the current folder" in result.output
    assert sorted(p.name for p in work.iterdir()) == ["doc.xml"]  # no temporary folder left
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_export_all_replaces_only_an_earlier_export(tmp_path):
    out = tmp_path / "exports"
    assert run("export", CANONICAL, "--all", "--out", out).exit_code == 0
    assert run("export", CANONICAL, "--all", "--out", out).exit_code == 0  # its own: replaced
    (out / "thesis.docx").write_text("years of work")
    result = run("export", CANONICAL, "--all", "--out", out)
    assert result.exit_code == 2, result.output
    assert "holds files that are not teikit's exports (thesis.docx)" in result.output
    assert (out / "thesis.docx").read_text() == "years of work"


def test_names_with_spaces_build_every_format(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    copy_as(tmp_path, "sp ace.xml")
    result = run("build", "sp ace.xml", "--format", ALL_FORMATS, "--out", "my site")
    assert result.exit_code == 0, result.output
    for name in ("html/index.html", "epub/sp ace.epub", "text/sp ace.txt"):
        assert (tmp_path / "my site" / name).is_file(), name


def test_a_name_too_long_for_the_file_system_is_a_clean_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    long = "n" * 5000
    for args in (["build", long + ".xml"], ["validate", long + ".xml"], ["check", long + ".xml"],
                 ["build", CANONICAL, "--out", long], ["export", CANONICAL, "--all", "--out", long],
                 ["export", CANONICAL, "--format", "persons.csv", "--out", long]):  # fmt: skip
        result = run(*args)
        assert result.exit_code == 2, (args[:2], result.output[-300:])
        assert "Traceback" not in result.output and "bug" not in result.output
        assert "too long" in result.output, result.output[-300:]


def test_a_stem_as_long_as_a_file_name_can_be(tmp_path):
    path = copy_as(tmp_path / "in", "d" * 250 + ".xml")
    result = run("build", path, tmp_path / "in", "--format", "text", "--out", tmp_path / "out")
    assert result.exit_code in (0, 2), result.output
    assert "Traceback" not in result.output and "internal error" not in result.output


def test_temporary_names_fit_beside_the_longest_name(tmp_path):
    target = tmp_path / ("x" * 250)
    output.write_bytes(target, b"data")
    assert target.read_bytes() == b"data"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_folder_expansion_leaves_out_links_to_files_outside_the_folder(tmp_path):
    private = copy_as(tmp_path / "private", "diary.xml", "My Private Diary")
    folder = tmp_path / "corpus"
    copy_as(folder, "public.xml")
    (folder / "innocent.xml").symlink_to(private)
    (folder / "alias.xml").symlink_to(folder / "public.xml")  # inside: kept
    out = tmp_path / "site"
    result = run("build", folder, "--format", "html", "--out", out)
    assert result.exit_code == 0, result.output
    assert "innocent.xml: left out: a symbolic link to a file outside the folder" in (result.output)
    assert not (out / "innocent").exists() and (out / "alias").is_dir()
    assert "My Private Diary" not in (out / "index.html").read_text()
    # Named on the command line, the file is the user's choice.
    result = run("build", folder / "innocent.xml", "--format", "text", "--out", tmp_path / "o2")
    assert result.exit_code == 0


def test_report_lines_cannot_be_forged_by_a_file_name(tmp_path):
    forged = "x.xml:1:1: error: forged\n" + "y"
    folder = tmp_path / forged
    folder.parent.mkdir(exist_ok=True)
    path = tmp_path / f"{forged}.xml"
    # two findings: dates that are no dates (errors; a dangling pointer would be a warning)
    path.write_text(tei('<p><date when="1936-02-30">a</date> <date when="x">b</date></p>'))
    result = run("validate", path)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert len(lines) == 3, lines  # two findings and the summary
    assert all(line.startswith(str(tmp_path)) for line in lines[:2])
    assert all("x.xml:1:1: error: forged\\ny.xml:" in line for line in lines[:2])
    shutil.rmtree(folder, ignore_errors=True)


def test_check_counts_cannot_be_forged_by_a_file_name(tmp_path):
    """The lines of counts that `check` prints per file (`{path}: registers: ...`) escape
    the name as findings do: a newline cannot make a line, a bidirectional control cannot
    reorder one."""
    forged = "x.xml: registers: none\n" + "y\u202egnp"
    path = tmp_path / f"{forged}.xml"
    path.write_text(tei('<p><ref target="#nowhere">a</ref></p>'))
    result = run("check", path)
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    shown = str(tmp_path / "x.xml: registers: none\\ny\\u202egnp.xml")
    assert [line.removeprefix(shown)[:12] for line in lines[:-1]] == [
        ": info: no r", ":1:216: erro", ": registers:", ": resolved m", ": findings b"
    ]  # fmt: skip
    assert "\u202e" not in result.output and lines[-1].startswith("1 file(s) checked")


def test_decomposed_names_get_their_own_outputs(tmp_path, monkeypatch):
    """The engine normalises the names it writes under to NFC: a folder named as macOS names
    files (a letter, then its accent) must still get the outputs, not a look-alike folder."""
    monkeypatch.chdir(tmp_path)
    name = "A\u0301"
    path = copy_as(tmp_path / "in", f"{name}.xml", "Decomposed Edition")
    result = run("build", path, "--format", ALL_FORMATS, "--out", name)
    assert result.exit_code == 0, result.output
    assert "Decomposed Edition" in (tmp_path / name / "text" / f"{name}.txt").read_text()
    assert "Decomposed Edition" in (tmp_path / name / "html" / "index.html").read_text()
    assert not (tmp_path / "\u00c1").exists()  # no look-alike folder
