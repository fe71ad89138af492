#!/usr/bin/env python3
"""Derive the edition's RELAX NG schema (schema/chimes.rng) from TEI All.

    python3 schema/derive.py            # rewrite schema/chimes.rng from tei/*.xml
    python3 schema/derive.py --check    # exit 1 if chimes.rng is not what the edition needs

The schema allows exactly the elements the edition uses, each with exactly the attributes
the edition gives it, and closes the open "word" attributes (@type, @reason, @unit ...) to
the values the edition uses. It is made only by taking things away from TEI All: element
definitions not used become notAllowed (and with them every reference to them), attribute
classes are inlined into each element and the attributes it does not use removed, and the
grammar is simplified the way the RELAX NG specification simplifies (a group with a
notAllowed member is notAllowed, a choice loses its notAllowed branches, optional(notAllowed)
is empty ...). Taking away never admits anything new, so every document chimes.rng accepts
is valid against TEI All. TEI All's embedded Schematron constraints for the elements and
attributes kept come along.

When the edition gains new elements, attributes or attribute values, re-run this script and
commit the result (the test suite's --check run says when it is due).
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import os
import re
import sys
from collections import defaultdict
from pathlib import Path

from lxml import etree

HOME = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HOME))

from toolkit.source import TEI_NS, load  # noqa: E402

RNG = "http://relaxng.org/ns/structure/1.0"
SCH = "http://purl.oclc.org/dsdl/schematron"
ANN = "http://relaxng.org/ns/compatibility/annotations/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
DEFAULT_TEI_ALL = HOME.parent / "shared" / "reference" / "tei_all.rng"
DEFAULT_OUT = HOME / "schema" / "chimes.rng"
#: teidata.enumerated and teidata.word, as TEI All spells them out.
WORD_PATTERN = r"[^\p{C}\p{Z}]+"
#: Attributes that name a category (not a value such as a page number): their open
#: vocabularies are closed to what the edition uses.
VOCABULARY = {"type", "subtype", "reason", "unit", "place", "evidence", "scope", "role"}


def R(local: str) -> str:
    return f"{{{RNG}}}{local}"


def _is_word(data: etree._Element) -> bool:
    return data.get("type") == "token" and [p.text for p in data.iter(R("param"))] == [WORD_PATTERN]


def rng_children(el: etree._Element) -> list[etree._Element]:
    return [c for c in el if isinstance(c.tag, str) and c.tag.startswith(f"{{{RNG}}}")]


def local(el: etree._Element) -> str:
    return etree.QName(el).localname


# -- what the edition uses ------------------------------------------------------------------


class Usage:
    def __init__(self, files: list[Path]):
        self.files = files
        self.attributes: dict[str, set[str]] = defaultdict(set)
        self.values: dict[tuple[str, str], set[str]] = defaultdict(set)
        for path in files:
            root = load(path).root
            for el in root.iter(etree.Element):
                q = etree.QName(el)
                if q.namespace != TEI_NS:
                    raise SystemExit(f"{path}:{el.sourceline}: <{el.tag}> is not TEI")
                self.attributes[q.localname]  # noqa: B018 - record the element
                for name, value in el.attrib.items():
                    a = etree.QName(name)
                    if a.namespace == XML_NS:
                        rng_name = f"xml:{a.localname}"
                    elif a.namespace:
                        raise SystemExit(f"{path}:{el.sourceline}: attribute {name} not TEI")
                    else:
                        rng_name = a.localname
                    self.attributes[q.localname].add(rng_name)
                    self.values[(q.localname, rng_name)].add(value)

    @property
    def elements(self) -> set[str]:
        return set(self.attributes)

    def all_attributes(self) -> set[str]:
        return set().union(*self.attributes.values())


# -- taking TEI All apart -------------------------------------------------------------------


class Deriver:
    def __init__(self, tei_all: Path, usage: Usage):
        self.tree = etree.parse(str(tei_all), etree.XMLParser(remove_blank_text=True))
        self.root = self.tree.getroot()
        self.usage = usage
        self.defines = {d.get("name"): d for d in self.root.iter(R("define"))}
        self.element_define: dict[str, str] = {}
        for name, d in self.defines.items():
            el = d.find(R("element"))
            if el is not None and el.get("name"):
                self.element_define[el.get("name")] = name
        missing = usage.elements - set(self.element_define)
        if missing:
            raise SystemExit(f"not in TEI All: {', '.join(sorted(missing))}")
        self._attr_only: dict[str, bool] = {}
        self.kept_patterns: dict[str, etree._Element] = {}

    def attribute_only(self, name: str) -> bool:
        """True for a define made only of attributes (an attribute class): inline it."""
        if name not in self._attr_only:
            self._attr_only[name] = False  # (a cycle is not an attribute class)
            d = self.defines.get(name)
            self._attr_only[name] = d is not None and all(
                self._attr_pattern(c) for c in rng_children(d)
            )
        return self._attr_only[name]

    def _attr_pattern(self, p: etree._Element) -> bool:
        kind = local(p)
        if kind in ("attribute", "empty"):
            return True
        if kind == "ref":
            return self.attribute_only(p.get("name"))
        if kind in ("optional", "choice", "group", "interleave", "zeroOrMore", "oneOrMore"):
            return all(self._attr_pattern(c) for c in rng_children(p))
        return False

    def element(self, name: str) -> etree._Element:
        """The define of a used element, attribute classes inlined, unused attributes gone."""
        define = copy.deepcopy(self.defines[self.element_define[name]])
        el = define.find(R("element"))
        self._specialise(el, name, top=True)
        return define

    def _specialise(self, parent: etree._Element, element: str, top: bool = False) -> None:
        for child in list(parent):
            if not isinstance(child.tag, str):
                parent.remove(child)
                continue
            if child.tag == f"{{{SCH}}}pattern":
                if not self._pattern_can_fire(child):
                    parent.remove(child)
                continue
            if not child.tag.startswith(f"{{{RNG}}}"):
                continue
            kind = local(child)
            if kind == "ref" and self.attribute_only(child.get("name")):
                index = parent.index(child)
                parent.remove(child)
                wrapper = etree.Element(R("group"))
                for c in self.defines[child.get("name")]:
                    wrapper.append(copy.deepcopy(c))
                parent.insert(index, wrapper)
                self._specialise(wrapper, element)
            elif kind == "attribute":
                self._attribute(child, element)
            elif kind == "element" and not top:
                parent.replace(child, etree.Element(R("notAllowed")))
            else:
                self._specialise(child, element)

    def _attribute(self, attr: etree._Element, element: str) -> None:
        name = attr.get("name")
        if name is None or name not in self.usage.attributes.get(element, ()):
            attr.getparent().replace(attr, etree.Element(R("notAllowed")))
            return
        # An open vocabulary (a "word", alone or beside TEI's suggested values) is closed to
        # the values the edition uses; TEI's own closed lists stay as they are.
        if name not in VOCABULARY:
            return
        values = self.usage.values[(element, name)]
        for word in [d for d in attr.iter(R("data")) if _is_word(d)]:
            parent = word.getparent()
            target = parent if local(parent) == "choice" else word
            in_list = any(local(a) == "list" for a in word.iterancestors() if a is not attr)
            used = {t for v in values for t in v.split()} if in_list else values
            choice = etree.Element(R("choice"))
            for value in sorted(used):
                etree.SubElement(choice, R("value")).text = value
            target.getparent().replace(target, choice)

    def _pattern_can_fire(self, pattern: etree._Element) -> bool:
        """A Schematron pattern is kept if its rules can meet what the edition uses."""
        contexts = " ".join(r.get("context", "") for r in pattern.iter(f"{{{SCH}}}rule"))
        elements = set(re.findall(r"tei:([\w.-]+)", contexts))
        attributes = set(re.findall(r"@([\w:.-]+)", contexts))
        if elements and not elements & self.usage.elements:
            return False
        return not attributes or bool(attributes & self.usage.all_attributes())

    def other(self, name: str) -> etree._Element:
        """A content-model define (model class, macro), inline element patterns removed."""
        define = copy.deepcopy(self.defines[name])
        self._specialise(define, "")
        return define

    def derive(self) -> etree._Element:
        grammar = etree.Element(R("grammar"), nsmap=self.root.nsmap)
        for k, v in self.root.attrib.items():
            grammar.set(k, v)
        new: dict[str, etree._Element] = {}
        for name in sorted(self.usage.elements):
            new[self.element_define[name]] = self.element(name)
        start = copy.deepcopy(self.root.find(R("start")))
        todo = [start, *new.values()]
        while todo:
            node = todo.pop()
            for ref in list(node.iter(R("ref"))):
                target = ref.get("name")
                if target in new:
                    continue
                if target in self.element_define.values():
                    ref.getparent().replace(ref, etree.Element(R("notAllowed")))
                elif target in self.defines:
                    new[target] = self.other(target)
                    todo.append(new[target])
                else:
                    ref.getparent().replace(ref, etree.Element(R("notAllowed")))
        simplify(start, new)
        reachable = reach(start, new)
        grammar.append(start)
        for name in sorted(reachable):
            grammar.append(new[name])
        for el in self.root:
            if (
                isinstance(el.tag, str)
                and el.tag == f"{{{SCH}}}ns"
                or (
                    isinstance(el.tag, str)
                    and el.tag == f"{{{SCH}}}pattern"
                    and self._pattern_can_fire(el)
                )
            ):
                grammar.append(copy.deepcopy(el))
        return grammar


# -- simplification -------------------------------------------------------------------------


def _na(p: etree._Element) -> bool:
    return isinstance(p.tag, str) and p.tag == R("notAllowed")


def _empty(p: etree._Element) -> bool:
    return isinstance(p.tag, str) and p.tag == R("empty")


def _simplify(p: etree._Element, dead: set[str]) -> etree._Element:
    """Simplify the pattern `p` in place (children first); return what replaces it."""
    for child in rng_children(p):
        new = _simplify(child, dead)
        if new is not child:
            p.replace(child, new)
    kind = local(p)
    _tidy(p)
    kids = rng_children(p)
    if kind == "ref":
        return etree.Element(R("notAllowed")) if p.get("name") in dead else p
    if kind in ("group", "interleave", "oneOrMore", "list", "mixed", "element", "attribute"):
        content = kids[1:] if kind in ("element", "attribute") and p.get("name") is None else kids
        if any(_na(k) for k in content):
            return etree.Element(R("notAllowed"))
        if kind in ("group", "interleave", "oneOrMore"):
            for k in kids:
                if _empty(k) and len(rng_children(p)) > 1:
                    p.remove(k)
            if len(rng_children(p)) == 1 and kind == "group":
                return _adopt(p)
        return p
    if kind in ("optional", "zeroOrMore"):
        if any(_na(k) for k in kids) or all(_empty(k) for k in kids):
            return etree.Element(R("empty"))
        return p
    if kind == "choice":
        for k in kids:
            if _na(k):
                p.remove(k)
        kids = rng_children(p)
        if not kids:
            return etree.Element(R("notAllowed"))
        if len(kids) == 1:
            return _adopt(p)
        return p
    if kind == "except" and all(_na(k) for k in kids):
        return etree.Element(R("notAllowed"))
    if kind == "data":
        for k in kids:
            if local(k) == "except" and all(_na(c) for c in rng_children(k)):
                p.remove(k)
    return p


_SEQUENCES = ("element", "define", "start", "group", "optional", "zeroOrMore", "oneOrMore", "list")


def _tidy(p: etree._Element) -> None:
    """In a sequence, nested groups are spliced in and empty members dropped."""
    if local(p) not in _SEQUENCES:
        return
    for child in rng_children(p):
        if local(child) == "group" and not child.attrib:
            index = p.index(child)
            p.remove(child)
            for offset, grandchild in enumerate(list(child)):
                p.insert(index + offset, grandchild)
    members = rng_children(p)
    if local(p) == "element" and p.get("name") is None:
        members = members[1:]
    if len(members) > 1:
        for child in members:
            if _empty(child) and len(rng_children(p)) > 1:
                p.remove(child)


def _adopt(p: etree._Element) -> etree._Element:
    """A one-member group or choice becomes its member (keeping annotations out)."""
    (only,) = rng_children(p)
    only.tail = None
    return only


def simplify(start: etree._Element, defines: dict[str, etree._Element]) -> None:
    dead: set[str] = set()
    while True:
        for define in [start, *defines.values()]:
            for child in rng_children(define):
                new = _simplify(child, dead)
                if new is not child:
                    define.replace(child, new)
            _tidy(define)
        newly = {
            name
            for name, d in defines.items()
            if name not in dead and any(_na(c) for c in rng_children(d))
        }
        if not newly:
            return
        dead |= newly


def reach(start: etree._Element, defines: dict[str, etree._Element]) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        for ref in todo.pop().iter(R("ref")):
            name = ref.get("name")
            if name not in seen and name in defines:
                seen.add(name)
                todo.append(defines[name])
    return seen


# -- output ---------------------------------------------------------------------------------


def render(grammar: etree._Element, tei_all: Path, usage: Usage) -> bytes:
    digest = hashlib.sha256(tei_all.read_bytes()).hexdigest()
    version = re.search(rb"TEI Edition: ([^\n]*)", tei_all.read_bytes()[:4000])
    files = ", ".join(
        p.relative_to(HOME).as_posix() if p.is_relative_to(HOME) else p.name for p in usage.files
    )
    header = (
        "\nThe edition's schema: TEI All reduced to the "
        f"{len(usage.elements)} elements and the attributes used in {files}.\n"
        "Generated by schema/derive.py; do not edit by hand, re-run it:\n"
        "    python3 schema/derive.py\n"
        f"Source: tei_all.rng ({version.group(1).decode().strip() if version else 'TEI P5'}),"
        f" sha256 {digest}.\n"
    )
    grammar.insert(0, etree.Comment(header))
    for el in grammar.iter():  # lxml keeps the source's whitespace in comments and text
        if (
            isinstance(el.tag, str)
            and el.tag.startswith(f"{{{RNG}}}")
            and local(el) not in ("value", "param", "name")
        ):
            el.text = None if el.text is None or not el.text.strip() else el.text
    etree.indent(grammar, space="  ")
    return etree.tostring(grammar, xml_declaration=True, encoding="UTF-8") + b"\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("tei", nargs="*", type=Path, help="TEI files (default: tei/*.xml)")
    parser.add_argument(
        "--tei-all",
        type=Path,
        default=Path(os.environ.get("TEIKIT_TEI_ALL", DEFAULT_TEI_ALL)),
        help=f"TEI All RELAX NG schema (default: {DEFAULT_TEI_ALL})",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    files = args.tei or sorted((HOME / "tei").glob("*.xml"))
    if not files:
        parser.error("no TEI files")
    if not args.tei_all.is_file():
        parser.error(f"{args.tei_all} not found (give --tei-all or TEIKIT_TEI_ALL)")
    usage = Usage([f.resolve() for f in files])
    data = render(Deriver(args.tei_all, usage).derive(), args.tei_all, usage)
    if args.check:
        current = args.out.read_bytes() if args.out.is_file() else b""
        if current != data:
            print(f"{args.out} is out of date: run python3 schema/derive.py", file=sys.stderr)
            return 1
        print(f"{args.out} is up to date")
        return 0
    tmp = args.out.with_name(f".{args.out.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, args.out)
    print(f"wrote {args.out}: {len(usage.elements)} elements")
    return 0


if __name__ == "__main__":
    sys.exit(main())
