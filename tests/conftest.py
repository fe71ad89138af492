"""Shared fixtures. Every test runs with outgoing network connections made impossible."""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"
HOSTILE = SHARED / "hostile"
ELTEC = SHARED / "corpora" / "eltec-eng" / "ELTeC-eng" / "level1"
EDITION = ROOT / "tei" / "chimes-at-midnight.xml"
TEI_ALL = SHARED / "reference" / "tei_all.rng"

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def pytest_addoption(parser):
    """`pytest --update-golden` rewrites golden files (tests/golden/) instead of comparing."""
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the golden files under tests/golden/ from the current output",
    )


TEI_HEAD = (
    '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t</title>'
    "</titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc>"
    "</fileDesc></teiHeader><text><body>"
)
TEI_TAIL = "</body></text></TEI>"


def tei(body: str) -> str:
    """A minimal TEI document around `body` (the content of <body>)."""
    return TEI_HEAD + body + TEI_TAIL


_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _guard(address):
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, str) and (
        host.startswith("127.") or host in ("localhost", "::1") or host.startswith("/")
    ):
        return
    if isinstance(address, (str, bytes)):  # AF_UNIX
        return
    raise OSError(f"network access attempted during tests: {address!r}")


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Any connection to a non-loopback address fails the test that made it."""

    def connect(self, address):
        _guard(address)
        return _real_connect(self, address)

    def connect_ex(self, address):
        _guard(address)
        return _real_connect_ex(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)


def require_tool(name: str) -> str:
    """The path of an external validator; missing is a skip locally, a failure in CI."""
    path = shutil.which(name)
    if path is None:
        if IN_CI:
            pytest.fail(f"{name} is required in CI but is not installed")
        pytest.skip(f"{name} not installed")
    return path


def require_shared(path: Path) -> Path:
    if not path.exists():
        if IN_CI:
            pytest.fail(f"{path} is required in CI but is missing")
        pytest.skip(f"{path} missing")
    return path
