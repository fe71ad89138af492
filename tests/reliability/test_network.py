"""No network, ever: the guard every test runs under works, and teikit connects nowhere.

tests/conftest.py makes every connection to a non-loopback address fail in the test process
(an autouse fixture, so the whole suite runs with it); subprocesses started here get the same
guard through tests/reliability/netguard/. The guard cannot see native code (libxml2,
Saxon), so the inputs that name network resources are also pointed at a listening loopback
port, a canary, and every command is run on them in a real process: the canary must hear
nothing.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time

import pytest

from tests.conftest import HOSTILE, require_shared
from tests.reliability.support import ALL_FORMATS, OWN_HOSTILE, guarded_env, run_measured, tei

TEST_NET = [("192.0.2.1", 80), ("198.51.100.7", 443)]  # documentation ranges, never routed


@pytest.mark.parametrize("address", TEST_NET)
def test_the_guard_refuses_connections_beyond_loopback(address):
    with pytest.raises(OSError, match="network access attempted"):
        socket.create_connection(address, timeout=1)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with sock, pytest.raises(OSError, match="network access attempted"):
        sock.connect_ex(address)


def test_the_guard_refuses_ipv6_too():
    sock = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    with sock, pytest.raises(OSError, match="network access attempted"):
        sock.connect(("2001:db8::1", 80, 0, 0))


def test_the_guard_leaves_loopback_alone():
    """It is a guard against the network, not a broken socket module."""
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        with socket.create_connection(("127.0.0.1", port), timeout=2):
            conn, _ = server.accept()
            conn.close()


def test_subprocesses_get_the_guard():
    code = "import socket; socket.create_connection(('192.0.2.1', 80), timeout=1)"
    proc = subprocess.run(
        [sys.executable, "-c", code], env=guarded_env(), capture_output=True, text=True
    )
    assert proc.returncode != 0
    assert "network access attempted by a teikit subprocess" in proc.stderr


class Canary:
    """A loopback TCP listener that records every connection made to it."""

    def __init__(self):
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.2)
        self.port = self.server.getsockname()[1]
        self.heard: list[bytes] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while not self.stop.is_set():
            try:
                conn, _ = self.server.accept()
            except TimeoutError:
                continue
            with conn:
                conn.settimeout(0.5)
                try:
                    self.heard.append(conn.recv(200) or b"(connected)")
                except OSError:
                    self.heard.append(b"(connected)")

    def close(self):
        self.stop.set()
        self.thread.join()
        self.server.close()


@pytest.fixture
def canary():
    listener = Canary()
    yield listener
    listener.close()


def network_inputs(folder, port):
    """Every input that names a network resource, pointed at the canary."""
    here = f"http://127.0.0.1:{port}"
    files = {}
    for name in ("parameter-entities.xml", "xml-stylesheet.xml", "xinclude-remote.xml"):
        files[name] = (OWN_HOSTILE / name).read_text(encoding="utf-8")
    files["external-dtd-network.xml"] = require_shared(
        HOSTILE / "external-dtd-network.xml"
    ).read_text(encoding="utf-8")
    files["xml-model.xml"] = (
        f'<?xml-model href="{here}/tei_all.rng" type="application/xml" '
        'schematypens="http://relaxng.org/ns/structure/1.0"?>\n'
        f'<?xml-model href="{here}/rules.sch" type="application/xml" '
        'schematypens="http://purl.oclc.org/dsdl/schematron"?>\n'
        + tei("<p>Schemas on a server.</p>")
    )
    files["remote-links.xml"] = tei(
        f'<p><ref target="{here}/page">a link</ref> <ptr target="{here}/ptr"/></p>'
        f'<figure><graphic url="{here}/image.png"/><figDesc>A remote image.</figDesc></figure>'
        f'<p><persName ref="{here}/person">Someone</persName></p>'
    )
    paths = []
    for name, text in files.items():
        path = folder / name
        path.write_text(text.replace("http://127.0.0.1:9", here), encoding="utf-8")
        paths.append(path)
    return paths


def test_no_command_connects_anywhere(tmp_path, canary):
    """Real processes (native code included), every command, parallel workers too."""
    folder = tmp_path / "in"
    folder.mkdir()
    paths = network_inputs(folder, canary.port)
    runs = [
        ["validate", *paths, "--jobs", "2"],
        ["build", folder, "--format", ALL_FORMATS, "--out", tmp_path / "out", "--jobs", "2"],
        ["check", *paths],
        *(["export", p, "--all", "--out", tmp_path / "export" / p.stem] for p in paths),
    ]
    for args in runs:
        result = run_measured(args, timeout=120)
        assert result.returncode in (0, 1, 2), (args, result.stderr)
        assert "Traceback" not in result.stderr and "network access" not in result.stderr
    assert canary.heard == [], f"teikit connected to the canary: {canary.heard}"
    # The canary works: a connection would have been heard.
    with socket.create_connection(("127.0.0.1", canary.port), timeout=2) as sock:
        sock.sendall(b"probe")
    deadline = time.monotonic() + 10
    while not canary.heard and time.monotonic() < deadline:
        time.sleep(0.05)
    assert canary.heard == [b"probe"]


def test_remote_schemas_are_named_not_fetched(tmp_path, canary):
    paths = network_inputs(tmp_path, canary.port)
    xml_model = next(p for p in paths if p.name == "xml-model.xml")
    result = run_measured(["validate", xml_model], timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "warning" in result.stdout and f"127.0.0.1:{canary.port}/tei_all.rng" in result.stdout
    assert canary.heard == []
