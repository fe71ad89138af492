"""Helpers shared by the HTML edition's tests: building through the CLI, reading pages."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pytest
from click.testing import CliRunner
from lxml import etree

from tests.conftest import require_tool
from toolkit.cli import main

TEI = {"t": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
SVG_NS = "http://www.w3.org/2000/svg"


def build_html(source: Path, out: Path, *extra: str) -> tuple[Path, str]:
    """Run `teikit build --format html` on `source`; return build/html and the CLI output."""
    result = CliRunner().invoke(
        main, ["build", str(source), "--format", "html", "--out", str(out), *extra]
    )
    assert result.exit_code == 0, result.output
    return out / "html", result.output


def pages(html_dir: Path) -> dict[str, lxml.html.HtmlElement]:
    """Every page of a built edition, parsed."""
    return {
        p.name: lxml.html.document_fromstring(p.read_bytes())
        for p in sorted(html_dir.glob("*.html"))
    }


def ids(tree) -> set[str]:
    return {el.get("id") for el in tree.iter() if isinstance(el.tag, str) and el.get("id")}


def hrefs(tree) -> list[tuple[object, str]]:
    """(element, href) of every link, HTML and SVG alike."""
    out = []
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        local = el.tag.rsplit("}", 1)[-1]
        if local == "a" and el.get("href") is not None:
            out.append((el, el.get("href")))
    return out


def search_index(html_dir: Path) -> list[list[str]]:
    text = (html_dir / "search-index.js").read_text(encoding="utf-8")
    match = re.search(r"window\.teikitSearchIndex = (\[.*\]);\s*$", text, re.S)
    assert match, "search-index.js does not assign the index"
    return json.loads(match.group(1))


def unresolved_links(html_dir: Path) -> list[str]:
    """Internal links ('#x', 'page.html', 'page.html#x') that point nowhere."""
    parsed = pages(html_dir)
    page_ids = {name: ids(tree) for name, tree in parsed.items()}
    bad = []
    for name, tree in parsed.items():
        for _el, href in hrefs(tree):
            parts = urlsplit(href)
            if parts.scheme in ("http", "https", "mailto"):
                continue
            if parts.scheme or parts.netloc or href.startswith("/"):
                bad.append(f"{name}: {href} (not a relative link)")
                continue
            target = parts.path or name
            if target not in page_ids and not parts.fragment and (html_dir / target).is_file():
                continue  # a file of the edition (a download, citation data)
            if target not in page_ids:
                bad.append(f"{name}: {href} (no page {target})")
            elif parts.fragment and parts.fragment not in page_ids[target]:
                bad.append(f"{name}: {href} (no id {parts.fragment} in {target})")
    return bad


def tei_tree(path: Path):
    return etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))


def text_pointers(tree, entry_id: str) -> list:
    """Elements of the text (not of register or bibliography entries) pointing at entry_id."""
    entry_tags = {"person", "personGrp", "place", "org", "bibl", "biblStruct"}
    out = []
    for el in tree.getroot().iterfind(".//t:text//*", TEI):
        tokens = " ".join(el.get(a, "") for a in ("ref", "target", "corresp", "sameAs")).split()
        if f"#{entry_id}" not in tokens:
            continue
        in_entry = any(
            etree.QName(a).localname in entry_tags
            and a.xpath(
                "ancestor::t:listBibl|ancestor::t:listPerson|ancestor::t:listPlace"
                "|ancestor::t:listOrg",
                namespaces=TEI,
            )
            for a in el.iterancestors(f"{{{TEI['t']}}}*")
        )
        if not in_entry:
            out.append(el)
    return out


def vnu_jar() -> Path:
    """The Nu HTML checker's jar (npm vnu-jar; skip locally when missing, fail in CI)."""
    require_tool("java")
    launcher = Path(require_tool("vnu")).resolve()
    jar = launcher.parent / "build" / "dist" / "vnu.jar"
    if not jar.is_file():
        pytest.fail(f"vnu is installed but {jar} is missing")
    return jar


def nu_errors(files: list[str], timeout: int = 900) -> str:
    """The Nu HTML checker's errors on every page in one Java run ('' when there are none)."""
    jar = vnu_jar()
    run = subprocess.run(
        ["java", "-jar", str(jar), "--errors-only", "--format", "gnu", *files],
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return "" if run.returncode == 0 and not run.stderr.strip() else run.stderr or run.stdout
