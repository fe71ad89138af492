"""Inputs too large to commit, made on the spot: the resource tests and bench/reliability.py
use the same ones. Each function writes its document(s) under `folder` and returns the
path to give teikit."""

from __future__ import annotations

from pathlib import Path

from tests.reliability.support import tei

XI = 'xmlns:xi="http://www.w3.org/2001/XInclude"'


def huge_text_node(folder: Path, megabytes: int = 30) -> Path:
    """One paragraph whose text is tens of megabytes (over libxml2's 10 MB per text node)."""
    path = folder / "huge-text-node.xml"
    with path.open("w", encoding="utf-8") as fh:
        fh.write(tei("<p>").removesuffix("</body></text></TEI>"))
        chunk = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 1000
        for _ in range(megabytes * 1024 * 1024 // len(chunk) + 1):
            fh.write(chunk)
        fh.write("</p></body></text></TEI>")
    return path


def large_text_node(folder: Path, megabytes: int = 5) -> Path:
    """Just under the text-node cap: must build, in bounded time and memory."""
    path = folder / "large-text-node.xml"
    words = "Lorem ipsum dolor sit amet. " * (megabytes * 1024 * 1024 // 28)
    path.write_text(tei(f"<p>{words}</p>"), encoding="utf-8")
    return path


def xinclude_bomb(folder: Path, levels: int = 6, fanout: int = 20) -> Path:
    """Each part includes the next `fanout` times: 20**6 = 64 million copies if expanded."""
    for level in range(levels):
        inner = (
            "".join(f'<xi:include {XI} href="part{level + 1}.xml"/>' for _ in range(fanout))
            if level < levels - 1
            else "<hi>lol</hi>"
        )
        (folder / f"part{level}.xml").write_text(
            f'<seg xmlns="http://www.tei-c.org/ns/1.0">{inner}</seg>', encoding="utf-8"
        )
    path = folder / "xinclude-bomb.xml"
    path.write_text(tei(f'<p><xi:include {XI} href="part0.xml"/></p>'), encoding="utf-8")
    return path


def xinclude_loop(folder: Path) -> Path:
    (folder / "loop-b.xml").write_text(
        f'<seg xmlns="http://www.tei-c.org/ns/1.0"><xi:include {XI} href="loop-a.xml"/></seg>'
    )
    path = folder / "loop-a.xml"
    path.write_text(tei(f'<p><xi:include {XI} href="loop-b.xml"/></p>'), encoding="utf-8")
    return path


def many_paragraphs(folder: Path, n: int = 20000) -> Path:
    path = folder / "many-paragraphs.xml"
    path.write_text(tei("".join(f"<p>Paragraph {i}.</p>" for i in range(n))), encoding="utf-8")
    return path


def many_notes(folder: Path, n: int = 20000) -> Path:
    path = folder / "many-notes.xml"
    body = "".join(f'<p>Text<note place="end">Note {i}.</note></p>' for i in range(n))
    path.write_text(tei(body), encoding="utf-8")
    return path


def many_pointers(folder: Path, n: int = 20000) -> Path:
    """Every paragraph has an id and points at another; names point at register entries."""
    persons = "".join(
        f'<person xml:id="x{i}"><persName>P {i}</persName></person>' for i in range(n)
    )
    body = "".join(
        f'<p xml:id="p{i}"><ref target="#p{i * 7 % n}">see</ref> '
        f'<persName ref="#x{i}">P {i}</persName></p>'
        for i in range(n)
    )
    doc = tei(body).replace(
        "<text>", f"<standOff><listPerson>{persons}</listPerson></standOff><text>"
    )
    path = folder / "many-pointers.xml"
    path.write_text(doc, encoding="utf-8")
    return path


def many_attributes(folder: Path, n: int = 100000) -> Path:
    path = folder / "many-attributes.xml"
    attrs = " ".join(f'a{i}="v"' for i in range(n))
    path.write_text(tei(f"<p {attrs}>Text.</p>"), encoding="utf-8")
    return path


def deep(folder: Path, levels: int = 250) -> Path:
    """Nested as deep as the default limit allows (the root and body take six levels)."""
    path = folder / "deep.xml"
    body = "<div><head>H</head>" * (levels // 2) + "<p>" + "<hi>" * (levels // 2 - 8)
    body += "x" + "</hi>" * (levels // 2 - 8) + "</p>" + "</div>" * (levels // 2)
    path.write_text(tei(body), encoding="utf-8")
    return path


def wide(folder: Path, n: int = 50000) -> Path:
    path = folder / "wide.xml"
    path.write_text(tei("<p>" + "<hi>x</hi> " * n + "</p>"), encoding="utf-8")
    return path


def long_heading(folder: Path, words: int = 50000, paragraphs: int = 300) -> Path:
    """A heading of 50,000 words over 300 paragraphs: labels must not copy it 300 times."""
    path = folder / "long-heading.xml"
    body = "<div><head>" + "word " * words + "</head>" + "<p>x</p>" * paragraphs + "</div>"
    path.write_text(tei(body), encoding="utf-8")
    return path


def many_namespaces(folder: Path, n: int = 100_000) -> Path:
    """100,000 namespace declarations on one element (2.7 MB), none used: the XSLT engine's
    parser took two minutes over them in each command."""
    path = folder / "many-namespaces.xml"
    decl = "".join(f' xmlns:n{i}="urn:x:{i}"' for i in range(n))
    path.write_text(tei(f"<div{decl}><p>Text.</p></div>"), encoding="utf-8")
    return path


def namespace_rebinding(folder: Path, n: int = 100_000) -> Path:
    """One prefix bound to a new URI, and used, on each of 100,000 paragraphs: refused."""
    path = folder / "namespace-rebinding.xml"
    body = "".join(f'<p xmlns:n="urn:x:{i}" n:a="v">x</p>' for i in range(n))
    path.write_text(tei(body), encoding="utf-8")
    return path


#: Large or adversarial documents that must each finish in bounded time and memory.
GENERATED = {
    "huge-text-node": huge_text_node,
    "large-text-node": large_text_node,
    "xinclude-bomb": xinclude_bomb,
    "xinclude-loop": xinclude_loop,
    "many-paragraphs": many_paragraphs,
    "many-notes": many_notes,
    "many-pointers": many_pointers,
    "many-attributes": many_attributes,
    "deep": deep,
    "wide": wide,
    "long-heading": long_heading,
    "many-namespaces": many_namespaces,
    "namespace-rebinding": namespace_rebinding,
}
