"""toolkit.output.sweep: what a killed writer leaves is removed by the next build, and only
that: never the files of a build still running, never files that are not ours."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.conftest import ROOT
from toolkit import output


def killed_writer(folder, code: str) -> None:
    """Run `code` in a Python process that SIGKILLs itself in the middle of a write."""
    script = textwrap.dedent(f"""
        import os, signal
        from pathlib import Path
        from toolkit import output
        folder = Path({str(folder)!r})
        def die(*_):
            os.kill(os.getpid(), signal.SIGKILL)
        {code}
    """)
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT)
    assert proc.returncode == -9


def test_leftovers_of_killed_writers_are_removed(tmp_path):
    killed_writer(
        tmp_path,
        "with output.staged_dir(folder / 'html') as tmp:\n"
        "            (tmp / 'index.html').write_text('half')\n"
        "            die()",
    )
    killed_writer(
        tmp_path, "output.os.replace = die\n        output.write_bytes(folder / 'a.txt', b'x')"
    )
    left = sorted(p.name for p in tmp_path.iterdir())
    assert len(left) == 2 and all(n.startswith((".html.", ".a.txt.")) for n in left), left
    # Not of teikit's pattern: the user's, kept.
    for name in ("notes.tmp", ".notes.123.backup.tmp", ".html.backup"):
        (tmp_path / name).write_text("keep")
    removed = output.sweep_outputs(tmp_path)
    assert len(removed) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".html.backup",
        ".notes.123.backup.tmp",
        "notes.tmp",
    ]


def test_a_running_writers_files_are_kept(tmp_path):
    script = textwrap.dedent(f"""
        import sys, time
        from pathlib import Path
        from toolkit import output
        with output.staged_dir(Path({str(tmp_path)!r}) / 'html') as tmp:
            print('ready', flush=True)
            sys.stdin.readline()
    """)
    proc = subprocess.Popen(
        [sys.executable, "-c", script], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    assert proc.stdout.readline().strip() == "ready"
    staging = [p for p in tmp_path.iterdir() if p.name.startswith(".html.")]
    assert output.sweep(tmp_path) == [] and all(p.exists() for p in staging)
    proc.communicate("\n")
    assert (tmp_path / "html").is_dir() and not [
        p for p in tmp_path.iterdir() if p != tmp_path / "html"
    ]


def test_a_build_killed_between_two_renames_gets_its_previous_output_back(tmp_path):
    """Without renameat2 a folder is swapped in two renames; killed between them, the old
    folder is put back by the next sweep."""
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()  # fmt: skip
    old = tmp_path / f".html.teikit-{dead}.old123.tmp"
    old.mkdir()
    (old / "index.html").write_text("previous")
    output.sweep_outputs(tmp_path)
    assert (tmp_path / "html" / "index.html").read_text() == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["html"]


def test_folders_are_swapped_whole_without_renameat2(tmp_path, monkeypatch):
    monkeypatch.setattr(output, "_exchange", lambda a, b: False)
    target = tmp_path / "html"
    for text in ("one", "two"):
        with output.staged_dir(target) as tmp:
            (tmp / "index.html").write_text(text)
    assert (target / "index.html").read_text() == "two"
    assert [p.name for p in tmp_path.iterdir()] == ["html"]


def test_leftovers_of_a_killed_writer_not_yet_reaped_are_removed(tmp_path):
    """A writer killed with its parent can stay a zombie a while (nobody has reaped it yet):
    its process id still answers, but it holds no lock and writes nothing more."""
    import os

    import pytest

    if not os.path.isdir("/proc/self"):
        pytest.skip("needs /proc (Linux) to see the zombie")
    pid = os.fork()
    if pid == 0:  # the writer: gone at once, and not reaped until the sweep is done
        os._exit(0)
    try:
        for _ in range(200):
            with open(f"/proc/{pid}/stat", encoding="utf-8") as f:
                if f.read().rsplit(")", 1)[1].split()[0] == "Z":
                    break
            __import__("time").sleep(0.01)
        left = tmp_path / f".html.teikit-{pid}.abc123.tmp"
        left.mkdir()
        (left / "index.html").write_text("half")
        assert output.sweep(tmp_path) == [left]
        assert not left.exists()
    finally:
        os.waitpid(pid, 0)
