"""A build killed with SIGKILL at any moment leaves every output whole: the previous build's,
or the new one's, never a mixture, never a half-written file, never a temporary file in an
output's place. The next build removes what the killed one left behind, and the build cache
is never fooled into keeping an output that does not match its source.

Two versions of the edition, A and B, differ in their text; each is built once for
reference. Then an output folder is built from A and rebuilt again and again, alternating
versions, each rebuild killed: at moments spread over a whole build, and at the instant a
temporary output first appears (so that some kills land mid-write for certain).
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import time
import zipfile

import pytest

from tests.conftest import EDITION, ROOT
from tests.reliability.support import ALL_FORMATS, guarded_env, live_members, snapshot

STEM = "edition"
KILLS_SPREAD = 8  # kills at moments spread over a build
KILLS_ON_SIGHT = 4  # kills the moment a temporary output appears


def units(out) -> dict[str, dict[str, bytes] | bytes | None]:
    """The outputs that must each be whole: the HTML folder, the EPUB, the two texts."""
    files = snapshot(out)
    return {
        "html": {k: v for k, v in files.items() if k.startswith("html/")} or None,
        "epub": files.get(f"epub/{STEM}.epub"),
        "text": files.get(f"text/{STEM}.txt"),
        "text-clean": files.get(f"text/{STEM}.clean.txt"),
    }


def command(source, out, cache=False):
    args = ["build", source, "--format", ALL_FORMATS, "--out", out]
    return [sys.executable, "-m", "toolkit", *map(str, args), *([] if cache else ["--no-cache"])]


def build(source, out, cache=False):
    subprocess.run(command(source, out, cache), check=True, cwd=ROOT, env=guarded_env(),
                   capture_output=True)  # fmt: skip


@pytest.fixture(scope="module")
def versions(tmp_path_factory):
    """Sources A and B and their reference outputs."""
    root = tmp_path_factory.mktemp("versions")
    text = EDITION.read_text(encoding="utf-8")
    marker = "<body>"
    assert marker in text
    sources = {
        "A": text,
        "B": text.replace(marker, marker + "<p>A paragraph only version B has.</p>", 1).replace(
            "</title>", " (B)</title>", 1
        ),
    }
    refs = {}
    for name, body in sources.items():
        folder = root / name
        folder.mkdir()
        (folder / f"{STEM}.xml").write_text(body, encoding="utf-8")
        build(folder / f"{STEM}.xml", root / f"ref-{name}")
        refs[name] = units(root / f"ref-{name}")
    for unit in refs["A"]:
        assert refs["A"][unit] is not None and refs["A"][unit] != refs["B"][unit], unit
    return sources, refs


def temporary_outputs(out):
    for folder in (out, out / "epub", out / "text"):
        try:
            names = os.listdir(folder)
        except FileNotFoundError:
            continue
        if any(name.endswith(".tmp") for name in names):
            return True
    return False


def kill(proc, whole_group: bool):
    if whole_group:
        os.killpg(proc.pid, signal.SIGKILL)
    else:
        proc.send_signal(signal.SIGKILL)
    proc.wait()
    if not whole_group:  # its worker processes, if any, must not outlive the test
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)


def assert_whole(out, refs):
    now = units(out)
    for unit, value in now.items():
        assert value is not None, f"{unit} is missing after the kill"
        assert value in (refs["A"][unit], refs["B"][unit]), f"{unit} is neither A nor B"
    with zipfile.ZipFile(out / "epub" / f"{STEM}.epub") as zf:
        assert zf.testzip() is None
        assert zf.namelist()[0] == "mimetype"
    (out / "text" / f"{STEM}.txt").read_text(encoding="utf-8")


def test_sigkill_at_any_moment_leaves_whole_outputs(tmp_path, versions):
    sources, refs = versions
    src = tmp_path / "src"
    src.mkdir()
    source = src / f"{STEM}.xml"
    out = tmp_path / "out"
    source.write_text(sources["A"], encoding="utf-8")
    started = time.perf_counter()
    build(source, out)
    duration = time.perf_counter() - started
    assert units(out) == refs["A"]

    rng = random.Random(20261126)
    moments = [duration * (i + rng.random()) / KILLS_SPREAD for i in range(KILLS_SPREAD)]
    plan = [("at", m) for m in moments] + [("on-sight", None)] * KILLS_ON_SIGHT
    landed_mid_write = 0
    for i, (how, moment) in enumerate(plan):
        source.write_text(sources["AB"[(i + 1) % 2]], encoding="utf-8")
        proc = subprocess.Popen(
            command(source, out), cwd=ROOT, env=guarded_env(), start_new_session=True,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        if how == "at":
            time.sleep(moment)
        else:
            deadline = time.perf_counter() + duration * 3
            while not temporary_outputs(out) and time.perf_counter() < deadline:
                if proc.poll() is not None:
                    break
        landed_mid_write += temporary_outputs(out)
        kill(proc, whole_group=i % 2 == 0)
        assert_whole(out, refs)
    assert landed_mid_write >= KILLS_ON_SIGHT // 2, "too few kills landed while writing"

    # The next build completes, removes the killed builds' leftovers, and its cache is right.
    source.write_text(sources["A"], encoding="utf-8")
    build(source, out, cache=True)
    assert units(out) == refs["A"]
    leftovers = [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    assert not leftovers, f"left behind: {leftovers}"
    source.write_text(sources["B"], encoding="utf-8")
    build(source, out, cache=True)
    assert units(out) == refs["B"]


def test_a_killed_build_never_leaves_a_stale_cache(tmp_path, versions):
    """Killed after replacing an output but before saving the cache, a build must not let the
    next build believe that output still matches the old source."""
    sources, refs = versions
    source = tmp_path / f"{STEM}.xml"
    out = tmp_path / "out"
    source.write_text(sources["A"], encoding="utf-8")
    build(source, out, cache=True)
    source.write_text(sources["B"], encoding="utf-8")
    proc = subprocess.Popen(
        command(source, out, cache=True), cwd=ROOT, env=guarded_env(), start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    # Kill as soon as the HTML of B is in place (the cache is saved only at the very end).
    deadline = time.perf_counter() + 60
    while time.perf_counter() < deadline and proc.poll() is None:
        try:
            if (out / "html" / "index.html").read_bytes() == refs["B"]["html"]["html/index.html"]:
                break
        except OSError:  # between the two renames of a swap
            pass
    kill(proc, whole_group=True)
    source.write_text(sources["A"], encoding="utf-8")
    build(source, out, cache=True)
    assert units(out) == refs["A"], "an output of B was kept as up to date for A"


@pytest.mark.parametrize("documents", [1, 3])
def test_worker_processes_end_with_a_killed_build(tmp_path, documents):
    """Killing the build process alone (not its process group) stops its workers too: they
    must not go on writing a build nobody waits for."""
    if not os.path.isdir("/proc/self"):
        pytest.skip("needs /proc (Linux)")
    src = tmp_path / "src"
    src.mkdir()
    for i in range(documents):
        (src / f"{STEM}{i}.xml").write_text(EDITION.read_text(encoding="utf-8"), encoding="utf-8")
    target = src / f"{STEM}0.xml" if documents == 1 else src
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [*command(target, out), "--jobs", "2"], cwd=ROOT, env=guarded_env(), start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.perf_counter() + 30
    while len(live_members(proc.pid)) < 3 and time.perf_counter() < deadline:
        assert proc.poll() is None, "the build ended before its workers were seen"
        time.sleep(0.01)
    assert len(live_members(proc.pid)) >= 3  # the build and its two workers
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.perf_counter() + 10
    while live_members(proc.pid) and time.perf_counter() < deadline:
        time.sleep(0.05)
    left = live_members(proc.pid)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    assert not left, f"workers outlived the killed build: {left}"
