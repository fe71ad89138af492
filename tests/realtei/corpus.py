"""The real-TEI corpus as its manifest (sources.toml) describes it; shared by tests and bench."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).parent
DATA = HERE / "data"
TEI_ALL = HERE.parent.parent.parent / "shared" / "reference" / "tei_all.rng"


@dataclass(frozen=True)
class Document:
    project: str
    kind: str
    path: Path
    schema: Path | None  # the project's RELAX NG; None: TEI All

    @property
    def id(self) -> str:
        return f"{self.project}/{self.path.stem}"


def projects() -> list[dict]:
    return tomllib.loads((HERE / "sources.toml").read_text(encoding="utf-8"))["project"]


def documents() -> list[Document]:
    out = []
    for p in projects():
        folder = DATA / p["name"]
        schema = folder / p["schema"] if p.get("schema") else None
        for name in p["files"]:
            out.append(Document(p["name"], p["kind"], folder / name, schema))
    return out
