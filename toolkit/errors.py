"""The few exception types that reach the user as one short paragraph and an exit status.

Exit statuses are part of the CLI contract: 0 success, 1 the input is invalid, 2 the input
cannot be read (or the command was misused), 3 an internal error (a bug in teikit).
"""

from __future__ import annotations

import errno
from dataclasses import dataclass
from pathlib import Path

#: Characters that would break a report line or reorder what it shows: C0 and C1 controls
#: (newline, carriage return, escape...), DEL, the line and paragraph separators and the
#: bidirectional controls. A name that holds one is shown with it escaped (`\n`, `\u202e`).
_UNSAFE = {c for c in range(0x20)} | set(range(0x7F, 0xA0))
_UNSAFE |= {0x061C, 0x200E, 0x200F, 0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def shown(name: object) -> str:
    """`name` (a path, a stem) as it may appear in a line of a report: a name holding a
    newline or a bidirectional control cannot forge a line or disguise another name."""
    text = str(name)
    if not any(ord(c) in _UNSAFE for c in text):
        return text
    return "".join(
        _ESCAPES.get(c) or (f"\\u{ord(c):04x}" if ord(c) in _UNSAFE else c) for c in text
    )


class TeikitError(Exception):
    """An error with a location and an exit status; its str() is the whole message."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        path: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
    ):
        self.message = " ".join(str(message).split())
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column
        super().__init__(str(self))

    @property
    def location(self) -> str:
        return location(self.path, self.line, self.column)

    def __str__(self) -> str:
        loc = self.location
        return f"{loc}: {self.message}" if loc else self.message


class InputError(TeikitError):
    """The input cannot be read: missing, not XML, not TEI, unsafe, or over a limit."""

    exit_code = 2


class InvalidError(TeikitError):
    """The input was read but is invalid (schema, rule or check findings of error severity)."""

    exit_code = 1


class SetupError(TeikitError):
    """teikit cannot run as the environment stands (a resource limit, a setting): exit 2,
    with what to change."""

    exit_code = 2


class TransformError(TeikitError):
    """A stylesheet failed to compile or run."""

    exit_code = 3


def location(path: object, line: int | None = None, column: int | None = None) -> str:
    """`file:line:col`, the name escaped (see `shown`), the parts that are known."""
    parts = [shown(path) if path is not None else None, line, column]
    return ":".join(str(p) for p in parts if p is not None)


@dataclass(frozen=True)
class InputWarning:
    """Something the loader did that the user should know of (a DTD ignored, an XInclude
    fallback used): every command prints it as `file:line:col: warning: message`."""

    message: str
    path: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        return f"{location(self.path, self.line, self.column)}: warning: {self.message}"


class OutputError(TeikitError):
    """An output cannot be written (disk full, read-only, no permission, a name too long,
    a path teikit refuses to replace): the environment, not teikit, is at fault."""

    exit_code = 2


_WHY = {
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "the disk quota is exhausted",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.ENAMETOOLONG: "the file name is too long",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.EISDIR: "it is a folder",
    errno.ELOOP: "too many symbolic links",
    errno.EMFILE: "too many open files",
    errno.ENOMEM: "out of memory",
    errno.EIO: "input/output error",
}


def os_error(err: OSError, what: str = "cannot write") -> OutputError:
    """An OSError from the file system as one paragraph with exit status 2 (never 'a bug')."""
    why = _WHY.get(err.errno) or err.strerror or type(err).__name__
    return OutputError(f"{what}: {why}", err.filename)
