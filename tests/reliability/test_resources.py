"""Resource bounds: configurable size and depth limits with clean errors, and no input that
makes a command run for minutes or take gigabytes.

The bounds asserted here are deliberately generous (60 seconds and 1.5 GB per command for
documents of a few megabytes at most): they tell linear work from work that grows with the
square of a document's size, not a fast build from a slow one. The slowest generated input,
20,000 paragraphs that point at 20,000 register entries (3 MB), builds its four formats in
9.9 s on an idle two-core machine and in over 20 s while the other test process runs a
browser (a bound of 20 s failed CI on it); the figures are printed by bench/reliability.py.
"""

from __future__ import annotations

import os
import shutil

import pytest

from tests.conftest import FIXTURES, HOSTILE
from tests.reliability import inputs
from tests.reliability.support import (
    ALL_FORMATS,
    BOUND_SECONDS,
    OWN_HOSTILE,
    run,
    run_measured,
    snapshot,
    tei,
)

COMMANDS = {
    "validate": lambda path, out: ["validate", path],
    "build": lambda path, out: ["build", path, "--format", ALL_FORMATS, "--out", out],
    "check": lambda path, out: ["check", path],
    "export": lambda path, out: ["export", path, "--all", "--out", out / "export"],
}
SECONDS = BOUND_SECONDS
MEMORY = 1536 * 1024 * 1024
OUTPUT = 200 * 1024 * 1024


def refused_by_every_command(path, tmp_path, words, env=None, line=None, named=None):
    """Each command exits 2 with one line naming `named` (default `path`), line, and why."""
    for name, args in COMMANDS.items():
        out = tmp_path / f"out-{name}"
        result = run(*args(path, out), env=env)
        assert result.exit_code == 2, (name, result.output)
        named = named or path
        where = f"{named}:{line}:" if line else f"{named}"
        assert any(where in ln and words in ln for ln in result.output.splitlines()), (
            name,
            result.output,
        )
        assert "Traceback" not in result.output
        assert not out.exists(), name


def test_size_limit_is_configurable_for_every_command(tmp_path):
    path = FIXTURES / "canonical.xml"
    size = path.stat().st_size
    env = {"TEIKIT_MAX_BYTES": str(size - 1)}
    refused_by_every_command(path, tmp_path, f"over the limit of {size - 1}", env)
    assert run("validate", path, env={"TEIKIT_MAX_BYTES": str(size)}).exit_code == 0


def test_depth_limit_is_configurable_for_every_command(tmp_path):
    path = tmp_path / "nested.xml"
    path.write_text(tei("<p>" + "<hi>" * 40 + "x" + "</hi>" * 40 + "</p>"))
    env = {"TEIKIT_MAX_DEPTH": "20"}
    refused_by_every_command(path, tmp_path, "nest deeper than the limit of 20", env, line=1)
    assert run("validate", path).exit_code == 0


def test_a_document_as_deep_as_the_limit_goes_through_every_command(tmp_path):
    """The documented limit is the real one: the XSLT engine's parser must not stop earlier."""
    path = inputs.deep(tmp_path, 250)
    for name, args in COMMANDS.items():
        result = run(*args(path, tmp_path / "out"))
        assert result.exit_code == 0, (name, result.output)


def test_xinclude_cannot_nest_past_the_depth_limit(tmp_path):
    (tmp_path / "part.xml").write_text(
        '<seg xmlns="http://www.tei-c.org/ns/1.0">' + "<hi>" * 200 + "x" + "</hi>" * 200 + "</seg>"
    )
    path = tmp_path / "main.xml"
    body = "<p>" + "<hi>" * 100 + inputs.XI.join(["<xi:include ", ' href="part.xml"/>'])
    path.write_text(tei(body + "</hi>" * 100 + "</p>"))
    refused_by_every_command(path, tmp_path, "nest deeper than the limit of 256")


def test_an_xinclude_bomb_is_refused_at_once(tmp_path):
    path = inputs.xinclude_bomb(tmp_path)
    # Refused where the expansion crosses the limit: in the first part, at its first include.
    named = tmp_path / "part0.xml"
    refused_by_every_command(path, tmp_path, "XIncludes expand to more than", line=1, named=named)


def test_xinclude_counts_against_the_size_limit(tmp_path):
    (tmp_path / "part.xml").write_text(
        '<p xmlns="http://www.tei-c.org/ns/1.0">' + "x" * 4000 + "</p>"
    )
    path = tmp_path / "main.xml"
    path.write_text(tei(f'<xi:include {inputs.XI} href="part.xml"/>' * 3))
    env = {"TEIKIT_MAX_BYTES": "10000"}
    refused_by_every_command(path, tmp_path, "XIncludes expand to more than 10000 bytes", env)
    assert run("validate", path).exit_code == 0  # within the default limit


def test_an_xinclude_loop_is_refused(tmp_path):
    path = inputs.xinclude_loop(tmp_path)
    named = tmp_path / "loop-b.xml"  # where the loop closes
    refused_by_every_command(path, tmp_path, "includes itself (a loop)", line=1, named=named)


def test_xinclude_through_a_symlink_out_of_the_folder_is_refused(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("TOPSECRET")
    folder = tmp_path / "edition"
    folder.mkdir()
    (folder / "innocent.txt").symlink_to(outside)
    path = folder / "main.xml"
    path.write_text(tei(f'<p><xi:include {inputs.XI} href="innocent.txt" parse="text"/></p>'))
    refused_by_every_command(path, tmp_path, "outside the input's folder", line=1)


def test_a_text_node_of_tens_of_megabytes_is_refused_cleanly(tmp_path):
    path = inputs.huge_text_node(tmp_path)
    assert path.stat().st_size > 30 * 1024 * 1024
    refused_by_every_command(path, tmp_path, "longer than the XML parser's limit", line=1)


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "big.xml"
    with path.open("wb") as fh:  # sparse: the size is there, the bytes are never read
        fh.truncate(300 * 1024 * 1024)
    refused_by_every_command(path, tmp_path, "over the limit of 209715200")


def hostile_files() -> list:
    files = sorted(OWN_HOSTILE.glob("*.xml"))
    return files + (sorted(HOSTILE.glob("*.xml")) if HOSTILE.is_dir() else [])


def test_hostile_files_take_little_time_and_memory(tmp_path):
    """All hostile files at once, each command one process: seconds, not minutes."""
    folder = tmp_path / "in"
    shutil.copytree(OWN_HOSTILE, folder)
    for path in hostile_files():
        shutil.copy(path, folder / path.name)
    paths = sorted(folder.glob("*.xml"))
    runs = {
        "validate": ["validate", *paths],
        "build": ["build", folder, "--format", ALL_FORMATS, "--out", tmp_path / "out", "-j", "1"],
        "check": ["check", *paths],
    }
    for name, args in runs.items():
        result = run_measured(args, timeout=SECONDS)
        assert not result.timed_out, name
        assert result.returncode == 2, (name, result.stderr[-2000:])
        assert "Traceback" not in result.stderr + result.stdout
        assert result.max_rss < MEMORY, (name, result.max_rss)


GENERATED = sorted(inputs.GENERATED)


@pytest.mark.parametrize("name", GENERATED)
def test_large_and_adversarial_documents_stay_within_bounds(name, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    path = inputs.GENERATED[name](folder)
    size = sum(p.stat().st_size for p in folder.iterdir())
    for command, args in COMMANDS.items():
        out = tmp_path / "out"
        result = run_measured(args(path, out), timeout=SECONDS)
        what = f"{command} {name} ({size} bytes)"
        assert not result.timed_out, f"{what} ran for over {SECONDS} s"
        assert result.returncode in (0, 1, 2), (what, result.stderr[-2000:])
        assert "Traceback" not in result.stderr + result.stdout, what
        assert result.max_rss < MEMORY, f"{what} took {result.max_rss >> 20} MB"
        written = sum(len(data) for data in snapshot(out).values())
        assert written < OUTPUT, f"{what} wrote {written >> 20} MB"
        if os.environ.get("TEIKIT_RESOURCES_VERBOSE"):
            print(f"{what}: {result.seconds:.1f} s, {result.max_rss >> 20} MB")
