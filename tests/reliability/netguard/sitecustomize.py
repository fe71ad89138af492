"""Installed in teikit subprocesses started by the reliability tests (via PYTHONPATH): the
same rule as tests/conftest.py's fixture, so a child process that opens a connection to
anything but loopback fails loudly instead of reaching the network."""

import os
import socket

if os.environ.get("TEIKIT_TEST_NO_NETWORK") == "1":
    _connect = socket.socket.connect
    _connect_ex = socket.socket.connect_ex

    def _guard(address):
        if isinstance(address, (str, bytes)):  # AF_UNIX
            return
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and (host.startswith("127.") or host in ("localhost", "::1")):
            return
        raise OSError(f"network access attempted by a teikit subprocess: {address!r}")

    def connect(self, address):
        _guard(address)
        return _connect(self, address)

    def connect_ex(self, address):
        _guard(address)
        return _connect_ex(self, address)

    socket.socket.connect = connect
    socket.socket.connect_ex = connect_ex
