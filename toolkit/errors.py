"""The few exception types that reach the user as one short paragraph and an exit status.

Exit statuses are part of the CLI contract: 0 success, 1 the input is invalid, 2 the input
cannot be read (or the command was misused), 3 an internal error (a bug in teikit).
"""

from __future__ import annotations

from pathlib import Path


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
        parts = [p for p in (self.path, self.line, self.column) if p is not None]
        return ":".join(str(p) for p in parts)

    def __str__(self) -> str:
        loc = self.location
        return f"{loc}: {self.message}" if loc else self.message


class InputError(TeikitError):
    """The input cannot be read: missing, not XML, not TEI, unsafe, or over a limit."""

    exit_code = 2


class InvalidError(TeikitError):
    """The input was read but is invalid (schema, rule or check findings of error severity)."""

    exit_code = 1


class TransformError(TeikitError):
    """A stylesheet failed to compile or run."""

    exit_code = 3
