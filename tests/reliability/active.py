"""A scanner for active content in built editions: what a browser or reading system would run.

The HTML pages are parsed as a browser parses them (html5lib: WHATWG tree construction), so a
break-out that only a browser would see is seen here too; EPUB content documents are XHTML and
parsed as XML. A page may run the toolkit's own scripts (files byte-identical to
xslt/html/assets/, or the search index, which must be a JSON literal assigned to one
variable) and nothing else: no inline script, no event-handler attribute, no URL with a
scheme other than http, https or mailto, no frames, objects, embeds, <base>, refreshes or
SVG animation, and no style that can run or fetch anything.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path, PurePosixPath

import html5lib
from lxml import etree

from tests.conftest import ROOT

TOOLKIT_ASSETS = {
    p.read_bytes() for p in (ROOT / "xslt" / "html" / "assets").rglob("*") if p.is_file()
}
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "poster", "data", "cite", "background", "srcset",
    "ping", "codebase", "longdesc", "manifest", "lowsrc", "dynsrc", "usemap", "icon",
    "archive", "classid", "profile", "xmlns",
}  # fmt: skip
SAFE_SCHEMES = {"http", "https", "mailto"}
FORBIDDEN_ELEMENTS = {
    "iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal", "param",
    "foreignobject", "handler", "listener", "animate", "set", "animatemotion",
    "animatetransform", "animatecolor", "discard",
}  # fmt: skip
ACTIVE_STYLE = re.compile(
    r"javascript:|expression\s*\(|@import|behavior\s*:|-moz-binding|url\s*\(", re.I
)
_STRIPPED = re.compile(r"[\x00-\x20]")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
#: The data scripts a build writes (toolkit/formats/html.py), each one JSON literal assigned
#: to one variable: the search index and the register entries of the name cards.
DATA_SCRIPTS = {"search-index.js": "teikitSearchIndex", "entries.js": "teikitEntries"}


def active_scheme(url: str) -> str | None:
    """The scheme of `url` as a browser reads it, when it is not a harmless one."""
    # Browsers drop leading/trailing C0 controls and spaces and every tab and newline.
    cleaned = _STRIPPED.sub("", url)
    match = _SCHEME.match(cleaned)
    if match and match.group(1).lower() not in SAFE_SCHEMES:
        return match.group(1).lower()
    return None


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].split(":")[-1].lower()


def _element_problems(elements, where: str, script_ok) -> list[str]:
    problems = []
    for el in elements:
        if not isinstance(el.tag, str):
            continue
        tag = _local(el.tag)
        attrs = {_local(k): (k, v) for k, v in el.attrib.items()}
        if tag in FORBIDDEN_ELEMENTS:
            problems.append(f"{where}: <{tag}> element")
        if tag == "meta" and "refresh" in attrs.get("http-equiv", ("", ""))[1].lower():
            problems.append(f"{where}: <meta http-equiv=refresh>")
        if tag == "script":
            src = attrs.get("src", (None, None))[1]
            if "".join(el.itertext()).strip():
                problems.append(f"{where}: inline <script>: {''.join(el.itertext())[:80]!r}")
            elif not src or not script_ok(src):
                problems.append(f"{where}: <script src={src!r}> is not one of teikit's scripts")
        if tag == "style" and ACTIVE_STYLE.search("".join(el.itertext())):
            problems.append(f"{where}: active <style>: {''.join(el.itertext())[:80]!r}")
        for local, (name, value) in attrs.items():
            if local.startswith("on"):
                problems.append(f"{where}: event handler {name}={value[:60]!r} on <{tag}>")
            elif local == "style" and ACTIVE_STYLE.search(value):
                problems.append(f"{where}: active style={value[:60]!r} on <{tag}>")
            elif local in URL_ATTRIBUTES or tag in ("animate", "set"):
                urls = (
                    [u.strip().split(" ")[0] for u in value.split(",")]
                    if local == "srcset"
                    else [value]
                )
                for url in urls:
                    scheme = active_scheme(url)
                    if scheme:
                        problems.append(
                            f"{where}: {scheme}: URL in {name}={value[:60]!r} on <{tag}>"
                        )
    return problems


def search_index_problems(path: Path) -> list[str]:
    """search-index.js (and entries.js) must be data: one JSON literal assigned to one
    variable."""
    variable = DATA_SCRIPTS.get(path.name, "teikitSearchIndex")
    shape = re.compile(rf"\A/\*[^*]*\*/\s*window\.{variable} = (?P<data>.*);\s*\Z", re.S)
    match = shape.match(path.read_text(encoding="utf-8"))
    if not match:
        return [f"{path}: not the search index's shape (a comment, then one assignment)"]
    try:
        json.loads(match.group("data"))
    except ValueError as err:
        return [f"{path}: the search index is not a JSON literal ({err})"]
    return []


def html_page_problems(page: Path, *, csp: bool = True) -> list[str]:
    """Problems in one built HTML page (scripts it loads are checked too)."""
    text = page.read_text(encoding="utf-8")
    tree = html5lib.parse(text, treebuilder="etree", namespaceHTMLElements=False)

    def script_ok(src: str) -> bool:
        if active_scheme(src) or src.startswith(("/", "//")) or "://" in src:
            return False
        target = (page.parent / src).resolve()
        if not target.is_file():
            return False
        if target.name in DATA_SCRIPTS:
            return not search_index_problems(target)
        return target.read_bytes() in TOOLKIT_ASSETS

    problems = _element_problems(tree.iter(), str(page), script_ok)
    if csp:
        policies = [
            el.get("content", "")
            for el in tree.iter("meta")
            if el.get("http-equiv", "").lower() == "content-security-policy"
        ]
        if not any("script-src 'self'" in p for p in policies):
            problems.append(f"{page}: no Content-Security-Policy limiting scripts to 'self'")
    return problems


def epub_problems(epub: Path) -> list[str]:
    """Problems in an EPUB: no scripts at all (a reading system may run them)."""
    problems = []
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    with zipfile.ZipFile(epub) as zf:
        for name in zf.namelist():
            where = f"{epub}!{name}"
            suffix = PurePosixPath(name).suffix.lower()
            if suffix == ".js":
                problems.append(f"{where}: a script file in the EPUB")
            if suffix not in (".xhtml", ".html", ".opf", ".svg"):
                continue
            root = etree.parse(io.BytesIO(zf.read(name)), parser).getroot()
            problems += _element_problems(root.iter(), where, lambda src: False)
            if suffix == ".opf":
                props = " ".join(root.xpath("//@properties"))
                if "scripted" in props.split():
                    problems.append(f"{where}: an item is declared scripted")
    return problems


#: What a PDF viewer runs or opens: scripts, launched programs, submitted forms, embedded
#: files, and actions on opening.
PDF_ACTIVE = {"/JavaScript", "/JS", "/Launch", "/SubmitForm", "/ImportData", "/EmbeddedFile"}


def pdf_problems(pdf: Path) -> list[str]:
    """Problems in a PDF: active objects anywhere, and links whose address is not a harmless
    one (every object read, compressed object streams too)."""
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    reader = PdfReader(pdf)
    problems, seen, stack = [], set(), [reader.trailer]
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            if (obj.idnum, obj.generation) in seen:
                continue
            seen.add((obj.idnum, obj.generation))
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):
            for key, value in obj.items():
                if key in PDF_ACTIVE or (key == "/S" and value in PDF_ACTIVE):
                    problems.append(f"{pdf}: {key} {value if key == '/S' else ''}".rstrip())
                if key == "/OpenAction":
                    problems.append(f"{pdf}: an action on opening")
                if key == "/URI" and active_scheme(str(value)):
                    problems.append(f"{pdf}: a link to {value}")
                stack.append(value)
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
    return problems


def output_problems(out: Path) -> list[str]:
    """Every problem in every page, search index, EPUB and PDF under `out`."""
    problems = []
    for path in sorted(out.rglob("*")):
        if path.suffix == ".html":
            # The corpus index page is plain links; every edition page carries the CSP.
            problems += html_page_problems(path, csp=path.parent.name == "html")
        elif path.name in DATA_SCRIPTS:
            problems += search_index_problems(path)
        elif path.suffix == ".epub":
            problems += epub_problems(path)
        elif path.suffix == ".pdf":
            problems += pdf_problems(path)
        elif path.suffix == ".js" and path.read_bytes() not in TOOLKIT_ASSETS:
            problems.append(f"{path}: a script that is not one of teikit's assets")
    return problems
