"""Helpers shared by the reliability tests: running teikit in-process or as a measured
subprocess (with the network guard installed in the child too), and output snapshots."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from tests.conftest import FIXTURES, ROOT, tei  # noqa: F401 - tei is used by the tests through here
from toolkit.cli import main

OWN_HOSTILE = FIXTURES / "hostile"
FORMATS = ("html", "epub", "text", "text-clean")
ALL_FORMATS = ",".join(FORMATS)
NETGUARD = Path(__file__).resolve().parent / "netguard"
# The time bound of one command on a document built to be expensive (see test_resources.py).
BOUND_SECONDS = 60


def run(*args, env: dict[str, str] | None = None):
    """teikit in this process (CliRunner); an uncaught exception fails the test."""
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False, env=env)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (hidden ones too) by relative path."""
    if not folder.exists():
        return {}
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def guarded_env(**extra: str) -> dict[str, str]:
    """The environment for a teikit subprocess: the same network guard as the tests'
    (tests/reliability/netguard/sitecustomize.py), so a child that connects fails too."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(NETGUARD), str(ROOT), *filter(None, [env.get("PYTHONPATH")])]
    )
    env["TEIKIT_TEST_NO_NETWORK"] = "1"
    env.update(extra)
    return env


@dataclass
class Measured:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    max_rss: int  # bytes, the child's peak resident memory
    timed_out: bool


def run_measured(args, *, timeout: float, env=None, cwd: Path = ROOT) -> Measured:
    """`python -m toolkit ARGS` in a new process group: wall time, peak memory (wait4), and a
    SIGKILL to the whole group after `timeout` seconds."""
    cmd = [sys.executable, "-m", "toolkit", *[str(a) for a in args]]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd, stdout=out, stderr=err, env=env or guarded_env(), cwd=cwd, start_new_session=True
        )
        killed = threading.Event()

        def kill() -> None:
            killed.set()
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        return Measured(
            proc.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            seconds,
            usage.ru_maxrss * 1024,
            killed.is_set(),
        )


def live_members(group: int) -> list[int]:
    """Processes of a process group that are still running (zombies are not)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            found.append(int(entry))
    return found
