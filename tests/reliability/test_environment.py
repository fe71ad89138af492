"""The environment teikit runs in: settings from environment variables, a full or read-only
file system, a memory limit the XSLT engine cannot start under, Ctrl-C. Each ends in one
paragraph and the right status (2 for the environment, 130 for SIGINT), never 3 or a
traceback, and outputs as they were."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import EDITION, FIXTURES, ROOT
from tests.reliability.support import guarded_env, live_members, run, run_measured

CANONICAL = FIXTURES / "canonical.xml"


@pytest.mark.parametrize(
    "name, value, words",
    [
        ("TEIKIT_MAX_BYTES", "²", "TEIKIT_MAX_BYTES='²' is not a whole number above 0"),
        ("TEIKIT_MAX_BYTES", "10MB", "TEIKIT_MAX_BYTES='10MB' is not a whole number"),
        ("TEIKIT_MAX_DEPTH", "-3", "TEIKIT_MAX_DEPTH='-3' is not a whole number"),
        ("SOURCE_DATE_EPOCH", "253402300800", "up to the year 9999 (at most 253402300799)"),
        ("SOURCE_DATE_EPOCH", "٣", "SOURCE_DATE_EPOCH='٣' is not a number of seconds"),
        ("SOURCE_DATE_EPOCH", "1e9", "SOURCE_DATE_EPOCH='1e9' is not a number of seconds"),
    ],
)
@pytest.mark.parametrize("command", ["validate", "build", "check", "export"])
def test_a_bad_setting_is_a_usage_error(tmp_path, name, value, words, command):
    args = {
        "build": ["build", CANONICAL, "--out", tmp_path / "out"],
        "export": ["export", CANONICAL, "--all", "--out", tmp_path / "out"],
    }.get(command, [command, CANONICAL])
    result = run(*args, env={name: value})
    assert result.exit_code == 2, result.output
    assert result.output.startswith("error: ") and words in result.output
    assert not (tmp_path / "out").exists()


def test_the_last_epoch_of_year_9999_builds(tmp_path):
    result = run("build", CANONICAL, "--format", "epub", "--out", tmp_path,
                 env={"SOURCE_DATE_EPOCH": "253402300799"})  # fmt: skip
    assert result.exit_code == 0, result.output
    import zipfile

    with zipfile.ZipFile(tmp_path / "epub" / "canonical.epub") as zf:
        opf = zf.read("EPUB/package.opf").decode()
        assert zf.infolist()[0].date_time[0] == 2107  # zip times end there
    assert "9999-12-31T23:59:59Z" in opf


def limited(kilobytes: int):
    def apply():
        resource.setrlimit(resource.RLIMIT_AS, (kilobytes * 1024, resource.RLIM_INFINITY))

    return apply


@pytest.mark.parametrize("command", ["validate", "build", "export"])
def test_an_address_space_limit_the_engine_cannot_start_under(tmp_path, command):
    """Under `ulimit -v` of 4 GB the XSLT engine's start would end the process from native
    code; teikit says what happened and what to do, with exit 2."""
    args = {
        "build": ["build", CANONICAL, EDITION, "--out", tmp_path / "out"],
        "export": ["export", CANONICAL, "--all", "--out", tmp_path / "out"],
    }.get(command, [command, CANONICAL])
    proc = subprocess.run(
        [sys.executable, "-m", "toolkit", *map(str, args)], cwd=ROOT, env=guarded_env(),
        capture_output=True, text=True, preexec_fn=limited(4_000_000), timeout=120,
    )  # fmt: skip
    assert proc.returncode == 2, proc.stderr
    assert "the address-space limit (ulimit -v) is" in proc.stderr
    assert "raise the limit (ulimit -v unlimited" in proc.stderr
    # The advice that works on Linux: a cgroup (ulimit -m is not enforced there).
    assert "limit memory with a cgroup instead (e.g. systemd-run" in proc.stderr
    assert "MemoryMax=" in proc.stderr and "ulimit -m does not limit memory" in proc.stderr
    assert "Traceback" not in proc.stderr and "graal" not in proc.stderr.lower()
    assert not (tmp_path / "out").exists()


def test_check_needs_no_engine_and_runs_under_the_limit():
    proc = subprocess.run(
        [sys.executable, "-m", "toolkit", "check", str(CANONICAL)], cwd=ROOT, env=guarded_env(),
        capture_output=True, text=True, preexec_fn=limited(4_000_000), timeout=120,
    )  # fmt: skip
    assert proc.returncode in (0, 1), proc.stderr


@pytest.mark.parametrize("documents", [1, 3])
def test_ctrl_c_exits_130_with_one_line_and_whole_outputs(tmp_path, documents):
    """SIGINT to the whole process group, as a terminal sends it, in the middle of a build
    (workers running)."""
    src = tmp_path / "src"
    src.mkdir()
    for i in range(documents):
        shutil.copy(EDITION, src / f"doc{i}.xml")
    target = src / "doc0.xml" if documents == 1 else src
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "toolkit", "build", str(target), "--out", str(out), "--jobs", "2"],
        cwd=ROOT, env=guarded_env(), start_new_session=True, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.perf_counter() + 60
    while len(live_members(proc.pid)) < 3 and time.perf_counter() < deadline:
        assert proc.poll() is None, "the build ended before its workers were seen"
        time.sleep(0.01)
    time.sleep(0.3)
    os.killpg(proc.pid, signal.SIGINT)
    try:
        stdout, stderr = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130, stderr
    assert "error: interrupted (Ctrl-C)" in stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
    deadline = time.perf_counter() + 10
    while live_members(proc.pid) and time.perf_counter() < deadline:
        time.sleep(0.05)
    assert not live_members(proc.pid), "workers outlived the interrupted build"
    # The next build finds whole outputs or none, and sweeps what was staged.
    result = run_measured(["build", target, "--out", out, "--jobs", "2"], timeout=300)
    assert result.returncode == 0, result.stderr
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]


def in_own_mounts(script: str) -> subprocess.CompletedProcess:
    """`script` (sh) in a mount namespace of its own, where it may mount a tmpfs or a
    read-only folder: a real full or read-only file system, gone when it ends."""
    if shutil.which("unshare") is None:
        pytest.skip("unshare missing")
    probe = subprocess.run(["unshare", "-m", "sh", "-c", "mount -t tmpfs none /mnt"],
                           capture_output=True)  # fmt: skip
    if probe.returncode != 0:
        pytest.skip("cannot make a mount namespace here")
    return subprocess.run(["unshare", "-m", "sh", "-ec", script], cwd=ROOT, env=guarded_env(),
                          capture_output=True, text=True, timeout=300)  # fmt: skip


def test_a_full_disk_is_reported_and_outputs_stay_as_they_were(tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    changed = tmp_path / "canonical.xml"
    changed.write_text(CANONICAL.read_text().replace("A Small Edition", "Changed Edition"))
    teikit = f"{sys.executable} -m toolkit"
    proc = in_own_mounts(f"""
        mount -t tmpfs -o size=2m tmpfs {disk}
        {teikit} build {CANONICAL} --out {disk}/out --no-cache
        (cd {disk}/out && find . -type f | sort | xargs sha256sum) > {tmp_path}/before
        dd if=/dev/zero of={disk}/filler bs=64k 2>/dev/null || true
        set +e
        {teikit} build {changed} --out {disk}/out --no-cache 2> {tmp_path}/stderr
        echo $? > {tmp_path}/status
        set -e
        (cd {disk}/out && find . -type f -name '*' | sort | xargs sha256sum) > {tmp_path}/after
    """)
    assert proc.returncode == 0, proc.stderr
    stderr = (tmp_path / "stderr").read_text()
    assert (tmp_path / "status").read_text().strip() == "2", stderr
    assert "cannot write: no space left on the device" in stderr, stderr
    assert "bug" not in stderr and "Traceback" not in stderr
    assert (tmp_path / "before").read_text() == (tmp_path / "after").read_text()


def test_a_read_only_file_system_is_reported(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    teikit = f"{sys.executable} -m toolkit"
    proc = in_own_mounts(f"""
        mount --bind -o ro {out} {out}
        set +e
        {teikit} build {CANONICAL} --out {out} 2> {tmp_path}/build.err; echo $? > {tmp_path}/b
        {teikit} export {CANONICAL} --all --out {out}/x 2> {tmp_path}/export.err
        echo $? > {tmp_path}/e
    """)
    assert proc.returncode == 0, proc.stderr
    for name, status in (("build", "b"), ("export", "e")):
        stderr = (tmp_path / f"{name}.err").read_text()
        assert (tmp_path / status).read_text().strip() == "2", stderr
        assert "cannot write: the file system is read-only" in stderr, stderr
        assert "Traceback" not in stderr and "bug" not in stderr
    assert list(out.iterdir()) == []


def test_validate_of_an_empty_folder_fails(tmp_path):
    result = run("validate", tmp_path)
    assert result.exit_code == 2
    assert f"error: {tmp_path}: the folder holds no *.xml file: nothing to validate" in (
        result.output
    )
    (tmp_path / "doc.xml").write_text(CANONICAL.read_text())
    assert run("validate", tmp_path).exit_code == 0
    assert Path(tmp_path / "doc.xml").is_file()
