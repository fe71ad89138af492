"""Many-document builds: parallel, one bad file does not stop the others, incremental."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from tests.conftest import FIXTURES, HOSTILE
from toolkit.cli import main


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def make_corpus(tmp_path, bad=True):
    folder = tmp_path / "corpus"
    folder.mkdir()
    text = (FIXTURES / "canonical.xml").read_text(encoding="utf-8")
    for i, title in enumerate(["First Novel", "Second Novel"], 1):
        (folder / f"doc{i}.xml").write_text(
            text.replace("A Small Edition", title), encoding="utf-8"
        )
    if bad:
        shutil.copyfile(HOSTILE / "malformed-unclosed.xml", folder / "doc3.xml")
    return folder


def test_folder_build_with_a_bad_file(tmp_path):
    folder = make_corpus(tmp_path)
    out = tmp_path / "site"
    result = run("build", folder, "--out", out, "--jobs", "2")
    assert result.exit_code == 2, result.output  # the worst failure decides the status
    assert "3 document(s), 2 built, 1 failed" in result.output
    assert "doc3.xml:7" in result.output  # the failure's one-line reason, with its line
    for stem in ("doc1", "doc2"):
        assert (out / stem / "html" / "index.html").is_file()
        assert (out / stem / "epub" / f"{stem}.epub").is_file()
        assert (out / stem / "text" / f"{stem}.txt").is_file()
    assert not (out / "doc3").exists()
    index = etree.parse(str(out / "index.html"), etree.HTMLParser())
    rows = index.findall(".//tbody/tr")
    assert [r.findtext("td") for r in rows] == ["First Novel", "Second Novel", "doc3"]
    links = [a.get("href") for a in index.iter("a")]
    assert "doc1/html/index.html" in links and "doc2/epub/doc2.epub" in links
    assert all((out / href).is_file() for href in links)
    assert "not built" in etree.tostring(rows[2], encoding="unicode")


def test_rebuild_with_nothing_changed_does_no_work(tmp_path):
    folder = make_corpus(tmp_path, bad=False)
    out = tmp_path / "site"
    assert run("build", folder, "--out", out).exit_code == 0
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file() and p.parent != out}
    again = run("build", folder, "--out", out)
    assert again.exit_code == 0
    assert again.output.count("up to date") == 6  # two documents, three formats
    assert stamps == {p: p.stat().st_mtime_ns for p in stamps}


def test_changed_source_or_options_rebuild_only_what_changed(tmp_path):
    folder = make_corpus(tmp_path, bad=False)
    out = tmp_path / "site"
    assert run("build", folder, "--out", out).exit_code == 0
    doc2 = folder / "doc2.xml"
    doc2.write_text(doc2.read_text(encoding="utf-8").replace("Second Novel", "Second, Revised"))
    result = run("build", folder, "--out", out)
    assert result.output.count("up to date") == 3  # doc1's three formats
    assert "Second, Revised" in (out / "doc2" / "text" / "doc2.txt").read_text(encoding="utf-8")
    wider = run("build", folder, "--out", out, "--width", "60")
    assert "up to date" not in wider.output
    forced = run("build", folder, "--out", out, "--width", "60", "--no-cache")
    assert "up to date" not in forced.output


def test_single_file_keeps_the_plain_layout(tmp_path):
    out = tmp_path / "out"
    assert run("build", FIXTURES / "canonical.xml", "--out", out).exit_code == 0
    assert (out / "html" / "index.html").is_file()
    assert not (out / "index.html").exists()


def _recording_run_job(job, fresh):
    """corpus.run_job, noting which process built which formats (in TEIKIT_TEST_PIDS)."""
    from toolkit import corpus

    todo = [f for f in job.formats if f not in fresh]
    with open(os.environ["TEIKIT_TEST_PIDS"], "a", encoding="utf-8") as log:
        log.write(f"{os.getpid()} {','.join(todo)}\n")
    return corpus._original_run_job(job, fresh)


def test_one_document_shares_its_formats_between_processes(tmp_path):
    """From the command line, one document's formats are built by two worker processes."""
    if not os.path.isdir("/proc/self"):
        pytest.skip("needs /proc (Linux) to watch the processes")
    from tests.conftest import ROOT
    from tests.reliability.support import live_members

    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "toolkit", "build", str(FIXTURES / "canonical.xml"), "--out",
         str(out), "--jobs", "2"],
        cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    seen = set()
    while proc.poll() is None:
        for pid in live_members(proc.pid):
            with contextlib.suppress(OSError):
                if b"toolkit" in Path(f"/proc/{pid}/cmdline").read_bytes():
                    seen.add(pid)
        time.sleep(0.002)
    assert proc.returncode == 0
    assert len(seen) == 3  # the build and its two workers
    for path in ("html/index.html", "epub/canonical.epub", "text/canonical.txt"):
        assert (out / path).is_file()


def test_a_process_running_saxon_builds_alone(tmp_path, monkeypatch):
    """Forking once Saxon runs is unsafe: such a process builds the document itself."""
    from toolkit import corpus, xslt

    xslt.processor()  # Saxon started in this process
    pids = tmp_path / "pids"
    monkeypatch.setenv("TEIKIT_TEST_PIDS", str(pids))
    monkeypatch.setattr(corpus, "_original_run_job", corpus.run_job, raising=False)
    monkeypatch.setattr(corpus, "run_job", _recording_run_job)
    out = tmp_path / "out"
    result = run("build", FIXTURES / "canonical.xml", "--out", out, "--jobs", "2")
    assert result.exit_code == 0, result.output
    rows = [line.split() for line in pids.read_text(encoding="utf-8").splitlines()]
    assert rows == [[str(os.getpid()), "html,epub,text"]]
    for path in ("html/index.html", "epub/canonical.epub", "text/canonical.txt"):
        assert (out / path).is_file()
