"""The loader (toolkit/source.py) as an attacker and as a user of older TEI would try it.

The parser itself opens nothing a document names: every request libxml2 makes for an outside
resource reaches teikit's resolver, which answers with nothing. Shown with a resolver that
records every lookup and with a FIFO that would block any read, whatever the prolog hides
(`]>` in a comment, the DOCTYPE after 4 KiB or 64 KiB of comment), not with the text
pre-scan, which is gone. What older TEI needs is read: an unused external DOCTYPE (ignored
with a warning), internal text entities (expanded, within libxml2's bound), XInclude with a
fallback or an xpointer.
"""

from __future__ import annotations

import os
import threading
import time

import pytest
from lxml import etree

from tests.conftest import SHARED, TEI_ALL, require_shared
from tests.reliability import inputs
from tests.reliability.support import (
    ALL_FORMATS,
    BOUND_SECONDS,
    guarded_env,
    run,
    run_measured,
    tei,
)
from toolkit import source as loader
from toolkit.errors import InputError
from toolkit.source import load, parse_bytes

XI = 'xmlns:xi="http://www.w3.org/2001/XInclude"'
WILD = SHARED / "wild-minimal"
COMMANDS = {
    "validate": lambda path, out: ["validate", path],
    "build": lambda path, out: ["build", path, "--format", ALL_FORMATS, "--out", out],
    "check": lambda path, out: ["check", path],
    "export": lambda path, out: ["export", path, "--all", "--out", out / "export"],
}


class Recorder(etree.Resolver):
    """Records every lookup libxml2 makes and lets it through (to teikit's own resolver)."""

    def __init__(self):
        super().__init__()
        self.seen: list[str] = []

    def resolve(self, url, pubid, context):
        self.seen.append(url or pubid)
        return None


def prologs(target: str) -> dict[str, str]:
    """DOCTYPEs that name `target` as an external DTD, parameter entity and entity, some hidden
    from a scan of the prolog's text."""
    subset = f'[<!ENTITY % pe SYSTEM "{target}"> %pe; <!ENTITY ext SYSTEM "{target}">]'
    plain = f'<!DOCTYPE TEI SYSTEM "{target}" {subset}>\n'
    return {
        "plain": plain,
        "bracket-in-comment": f'<!-- ]> -->\n<!DOCTYPE TEI SYSTEM "{target}" [<!-- ]> -->'
        + subset[1:]
        + ">\n",
        "after-4k-comment": "<!--" + "x" * 4200 + "-->\n" + plain,
        "after-64k-comment": "<!--" + "x" * 66000 + "-->\n" + plain,
        "external-dtd-only": f'<!DOCTYPE TEI SYSTEM "{target}">\n',
        "external-dtd-after-64k-comment": "<!--"
        + "x" * 66000
        + f'-->\n<!DOCTYPE TEI SYSTEM "{target}">\n',
        "pe-only": f'<!DOCTYPE TEI [<!ENTITY % pe SYSTEM "{target}"> %pe;]>\n',
    }


@pytest.mark.parametrize("name", sorted(prologs("x")))
def test_the_parser_opens_nothing_a_prolog_names(tmp_path, name):
    """A recording resolver in front of teikit's: every lookup libxml2 makes is answered by
    teikit's resolver with nothing; the file it names is never read (its secret never shows)."""
    secret = tmp_path / "secret.dtd"
    secret.write_text('<!ENTITY leak "TOPSECRET"><!ENTITY % inner "">')
    data = (prologs(str(secret))[name] + tei("<p>&amp;</p>")).encode()
    recorder = Recorder()
    made = loader._parser

    def parser():
        p, guard = made()
        p.resolvers.remove(guard)  # the recorder first, then teikit's own resolver
        p.resolvers.add(recorder)
        p.resolvers.add(guard)
        return p, guard

    loader._parser = parser
    try:
        try:
            tree = parse_bytes(data, tmp_path / "doc.xml")
            text = etree.tostring(tree, encoding="unicode")
        except InputError as err:
            text = str(err)
    finally:
        loader._parser = made
    assert "TOPSECRET" not in text
    # What libxml2 asked for, teikit's resolver answered (with nothing) and recorded.
    assert recorder.seen in ([], [str(secret)]), recorder.seen


@pytest.mark.parametrize("name", sorted(prologs("x")))
def test_a_fifo_named_by_a_prolog_is_never_opened(tmp_path, name):
    """Opening a FIFO with no writer blocks: a loader that opened it would hang. Every
    command finishes at once, in a real process."""
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    path = tmp_path / "doc.xml"
    path.write_text(prologs(str(fifo))[name] + tei("<p>Text.</p>"))
    for command, args in COMMANDS.items():
        result = run_measured(args(path, tmp_path / "out"), timeout=60)
        assert not result.timed_out, f"{command} hung on the FIFO"
        assert result.returncode in (0, 2), (command, result.stderr)
        assert "Traceback" not in result.stderr
    _fifo_never_opened(fifo)


def _fifo_never_opened(fifo) -> None:
    """Nobody opened the FIFO: a reader would have been waiting for a writer, and found one."""
    opened = threading.Event()

    def write():
        with open(fifo, "w") as fh:  # blocks until a reader opens it
            opened.set()
            fh.write("x")

    threading.Thread(target=write, daemon=True).start()
    time.sleep(0.3)
    assert not opened.is_set()
    with open(fifo) as fh:  # release the writer
        fh.read()


def _need_jing() -> None:
    from toolkit.validation import jing

    if jing.command() is None:
        require_shared(SHARED / "no-jing-here")  # skip locally, fail in CI


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
@pytest.mark.parametrize("name", sorted(prologs("x")))
def test_jing_never_reads_a_doctype_of_the_document(tmp_path, name, encoding):
    """jing, which checks large schemas (TEI All here), reads the files it is given with its
    own parser, which loads DTDs and parameter entities: a document with a DOCTYPE anywhere
    (after 64 KiB of comment, in UTF-16) reaches it only as the loader read it."""
    _need_jing()
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    path = tmp_path / "doc.xml"
    text = prologs(str(fifo))[name] + tei("<p>Text.</p>")
    if encoding == "utf-16":
        text = '<?xml version="1.0" encoding="UTF-16"?>\n' + text
    path.write_bytes(text.encode(encoding))
    schema = require_shared(TEI_ALL)
    result = run_measured(["validate", path, "--schema", schema], timeout=60)
    assert not result.timed_out, "jing hung on the FIFO"
    assert result.returncode in (0, 1, 2), result.stderr
    assert "jing could not use" not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    _fifo_never_opened(fifo)


def test_jing_is_never_given_a_schema_with_a_doctype(tmp_path):
    """A schema jing would check, or a file it includes, with a DOCTYPE naming a FIFO: refused
    (exit 2, naming the file), nothing opened."""
    _need_jing()
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    doc = tmp_path / "doc.xml"
    doc.write_text(tei("<p>Text.</p>"))
    rng = require_shared(TEI_ALL).read_text(encoding="utf-8")
    at = rng.index("<grammar")
    evil = tmp_path / "evil.rng"
    hidden = "<!--" + "x" * 66000 + "-->\n" + prologs(str(fifo))["external-dtd-only"]
    evil.write_text(rng[:at] + hidden + rng[at:])
    grammar = '<grammar xmlns="http://relaxng.org/ns/structure/1.0">'
    part = tmp_path / "part.rng"
    part.write_text(
        f'<!DOCTYPE grammar SYSTEM "{fifo}">\n{grammar}<start><ref name="any"/></start>'
        '<define name="any"><element><anyName/><text/></element></define></grammar>'
    )
    main_rng = tmp_path / "main.rng"
    main_rng.write_text(f'{grammar}<include href="part.rng"/></grammar>')
    for schema, named in ((evil, evil), (main_rng, part)):
        result = run_measured(
            ["validate", doc, "--schema", schema],
            timeout=60,
            env=guarded_env(TEIKIT_RELAXNG="jing"),
        )
        assert not result.timed_out, "jing hung on the FIFO"
        assert result.returncode == 2, result.stderr
        assert f"{named}: the schema has a DOCTYPE" in result.stdout + result.stderr
        assert "Traceback" not in result.stderr
    _fifo_never_opened(fifo)


def test_a_schema_that_includes_a_remote_file_at_any_depth_is_refused(tmp_path):
    """Included files are read by the safe parser first: one that includes a URL, however
    deep, is refused before libxml2 or jing reads anything."""
    doc = tmp_path / "doc.xml"
    doc.write_text(tei("<p>Text.</p>"))
    grammar = '<grammar xmlns="http://relaxng.org/ns/structure/1.0">'
    (tmp_path / "deeper.rng").write_text(
        f'{grammar}<include href="http://example.org/evil.rng"/></grammar>'
    )
    (tmp_path / "part.rng").write_text(f'{grammar}<include href="deeper.rng"/></grammar>')
    main_rng = tmp_path / "main.rng"
    main_rng.write_text(f'{grammar}<include href="part.rng"/></grammar>')
    for engine in ("libxml2", "jing"):
        result = run_measured(
            ["validate", doc, "--schema", main_rng],
            timeout=60,
            env=guarded_env(TEIKIT_RELAXNG=engine),
        )
        assert result.returncode == 2, (engine, result.stderr)
        message = result.stdout + result.stderr
        remote = "the schema includes 'http://example.org/evil.rng', which is not a local file"
        assert f"{tmp_path / 'deeper.rng'}:1: {remote}" in message, message
        assert "Traceback" not in result.stderr


def test_external_and_parameter_entities_stay_refused_wherever_the_doctype_is(tmp_path):
    for name, prolog in prologs("/etc/passwd").items():
        if name.startswith("external-dtd"):  # no entity declared: see the next test
            continue
        path = tmp_path / f"{name}.xml"
        path.write_text(prolog + tei("<p>&ext;</p>" if name != "pe-only" else "<p>x</p>"))
        with pytest.raises(InputError, match="declares entities teikit does not read") as info:
            load(path)
        assert info.value.line is not None
        assert "root:" not in str(info.value)


def test_an_unused_external_doctype_is_ignored_with_a_warning_by_every_command(tmp_path):
    path = require_shared(WILD / "07-doctype.xml")
    for command, args in COMMANDS.items():
        result = run(*args(path, tmp_path / command))
        assert result.exit_code == 0, (command, result.output)
        assert f"{path}:2: warning: the DOCTYPE names an external DTD (tei.dtd); teikit " in (
            result.output
        ), (command, result.output)


def test_an_entity_the_external_dtd_would_declare_is_named(tmp_path):
    path = tmp_path / "doc.xml"
    path.write_text('<!DOCTYPE TEI SYSTEM "tei.dtd">\n' + tei("<p>a&nbsp;b</p>"))
    with pytest.raises(InputError, match="&nbsp; is not declared.*external DTD") as info:
        load(path)
    assert info.value.line == 2


def test_internal_text_entities_are_expanded(tmp_path):
    path = tmp_path / "doc.xml"
    path.write_text(
        '<!DOCTYPE TEI [\n<!ENTITY mdash "&#x2014;">\n<!ENTITY ed "the editors">\n]>\n'
        + tei('<p n="&mdash;">Text &mdash; by &ed;.</p>')
    )
    source = load(path)
    assert "Text \u2014 by the editors." in source.xml_text()
    assert 'n="\u2014"' in source.xml_text() and "<!DOCTYPE" not in source.xml_text()
    assert source.warnings == []
    out = tmp_path / "out"
    assert run("build", path, "--format", "text", "--out", out).exit_code == 0
    assert "Text \u2014 by the editors." in (out / "text" / "doc.txt").read_text()


def test_an_entity_bomb_is_refused_cleanly_by_every_command(tmp_path):
    path = require_shared(SHARED / "hostile" / "billion-laughs.xml")
    for command, args in COMMANDS.items():
        result = run_measured(args(path, tmp_path / "out"), timeout=30)
        assert result.returncode == 2, (command, result.stderr)
        message = (result.stderr + result.stdout).replace(": fatal:", ":")
        assert f"{path}:3: the DOCTYPE declares entities that expand" in message
        assert result.seconds < 10 and "Traceback" not in result.stderr


def test_xinclude_outside_the_folder_uses_its_fallback_with_a_warning(tmp_path):
    path = require_shared(WILD / "05-xinclude" / "inner" / "doc.xml")
    source = load(path)
    assert "<encodingDesc><p>Taxonomy</p></encodingDesc>" in source.xml_text()
    assert "one" not in source.xml_text()  # the target outside the folder was not read
    (warning,) = source.warnings
    assert str(warning).startswith(f"{path}:2: warning: XInclude href '../lists/tax.xml' ")
    assert "xi:fallback is used instead" in str(warning)
    result = run("build", path, "--format", ALL_FORMATS, "--out", tmp_path / "out")
    assert result.exit_code == 0 and str(warning) in result.output


def test_a_fallback_keeps_its_place_and_the_text_around_it(tmp_path):
    (tmp_path / "in").mkdir()
    path = tmp_path / "in" / "doc.xml"
    path.write_text(
        tei(
            f"<p>before <xi:include {XI} href='missing.xml'><xi:fallback>a <hi>b</hi> c"
            "</xi:fallback></xi:include> after</p>"
        )
    )
    assert "<p>before a <hi>b</hi> c after</p>" in load(path).xml_text()


def test_xinclude_with_a_shorthand_xpointer_includes_that_element():
    path = require_shared(WILD / "06-xpointer.xml")
    text = load(path).xml_text()
    assert '<standOff><listPlace xml:id="places"><place xml:id="p1">' in text
    assert "master" not in text  # only the element pointed at


@pytest.mark.parametrize(
    "xpointer, found",
    [("b", "<seg>two</seg>"), ("element(b)", "<seg>two</seg>"), ("element(/1/2)", "two")],
)
def test_xpointer_element_scheme(tmp_path, xpointer, found):
    (tmp_path / "part.xml").write_text(
        '<div xmlns="http://www.tei-c.org/ns/1.0"><p xml:id="a">one</p>'
        '<p xml:id="b"><seg>two</seg></p></div>'
    )
    path = tmp_path / "doc.xml"
    path.write_text(tei(f'<xi:include {XI} href="part.xml" xpointer="{xpointer}"/>'))
    text = load(path).xml_text()
    assert found in text and "one" not in text


def test_an_xpointer_teikit_cannot_read_is_refused_or_falls_back(tmp_path):
    (tmp_path / "part.xml").write_text('<p xmlns="http://www.tei-c.org/ns/1.0">x</p>')
    path = tmp_path / "doc.xml"
    path.write_text(tei(f'<xi:include {XI} href="part.xml" xpointer="xpointer(//p)"/>'))
    with pytest.raises(InputError, match="xpointer 'xpointer\\(//p\\)' is not supported"):
        load(path)
    path.write_text(tei(f'<xi:include {XI} href="part.xml" xpointer="nothere"/>'))
    with pytest.raises(InputError, match="selects nothing"):
        load(path)


@pytest.mark.parametrize("char", ["\x0c", "\x00", "\x1b", "\ufffe"])
def test_included_text_with_a_character_xml_forbids_is_refused(tmp_path, char):
    (tmp_path / "notes.txt").write_text(f"line one\nline {char} two\n", encoding="utf-8")
    path = tmp_path / "doc.xml"
    path.write_text(tei(f'<p><xi:include {XI} href="notes.txt" parse="text"/></p>'))
    for command, args in COMMANDS.items():
        result = run(*args(path, tmp_path / "out"))
        assert result.exit_code == 2, (command, result.output)
        assert f"U+{ord(char):04X} on its line 2" in result.output, result.output


@pytest.mark.parametrize(
    "encoding", ["unicode_escape", "utf-7", "raw_unicode_escape", "rot13", "base64", "idna"]
)
def test_an_encoding_that_is_no_charset_is_refused(tmp_path, encoding):
    (tmp_path / "notes.txt").write_bytes(b"a \\x0c b +AGEAYgBj-")
    path = tmp_path / "doc.xml"
    path.write_text(
        tei(f'<p><xi:include {XI} href="notes.txt" parse="text" encoding="{encoding}"/></p>')
    )
    result = run("build", path, "--out", tmp_path / "out")
    assert result.exit_code == 2, result.output
    assert "is not a character set teikit knows" in result.output


def test_included_text_counts_against_the_text_node_cap(tmp_path):
    (tmp_path / "big.txt").write_text("x" * (loader.PARSER_MAX_TEXT + 1))
    path = tmp_path / "doc.xml"
    path.write_text(tei(f'<p><xi:include {XI} href="big.txt" parse="text"/></p>'))
    with pytest.raises(InputError, match="longer than the XML parser's limit"):
        load(path)
    (tmp_path / "half.txt").write_text("x" * (loader.PARSER_MAX_TEXT // 2 + 1))
    path.write_text(tei("<p>" + f'<xi:include {XI} href="half.txt" parse="text"/>' * 2 + "</p>"))
    with pytest.raises(InputError, match="makes a text node longer"):
        load(path)


def test_unused_namespace_declarations_cost_nothing(tmp_path):
    """The 2.7 MB document of 100,000 declarations (two minutes a command before): every
    command well within the bound, the document read as it is."""
    path = inputs.many_namespaces(tmp_path)
    assert path.stat().st_size > 2_500_000
    for command, args in COMMANDS.items():
        result = run_measured(args(path, tmp_path / "out"), timeout=BOUND_SECONDS)
        assert not result.timed_out, f"{command} ran for over {BOUND_SECONDS} s"
        assert result.returncode == 0, (command, result.stderr[-500:])


def test_too_many_namespace_bindings_are_refused_at_once(tmp_path):
    path = inputs.namespace_rebinding(tmp_path)
    for command, args in COMMANDS.items():
        result = run_measured(args(path, tmp_path / "out"), timeout=BOUND_SECONDS)
        assert not result.timed_out, f"{command} ran for over {BOUND_SECONDS} s"
        assert result.returncode == 2, (command, result.stderr[-500:])
        message = (result.stderr + result.stdout).replace(": fatal:", ":")
        assert f"{path}:1: the document uses more than 1000 namespace bindings" in message
