"""toolkit.xslt: compile once, parameters by name, messages captured, clean errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from toolkit.errors import TransformError
from toolkit.xslt import Stylesheet, stylesheet

SHEET = """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:param name="who" select="'nobody'"/>
<xsl:output method="text"/>
<xsl:template match="/">
  <xsl:message>teikit-warning: hello <xsl:value-of select="$who"/></xsl:message>
  <xsl:value-of select="concat($who, ':', count(//*))"/>
</xsl:template>
</xsl:stylesheet>"""


def test_stylesheets_are_compiled_once():
    assert stylesheet("text/text.xsl") is stylesheet("text/text.xsl")


def test_parameters_and_messages(tmp_path):
    path = tmp_path / "s.xsl"
    path.write_text(SHEET)
    sheet = Stylesheet(path)
    first = sheet.run("<a><b/></a>", {"who": "ann"})
    assert first.text == "ann:2"
    assert first.warnings == ["hello ann"]
    second = sheet.run("<a/>")
    assert second.text == "nobody:1"  # parameters do not leak between runs
    assert second.warnings == ["hello nobody"]


def test_compile_error_is_clean(tmp_path):
    path = tmp_path / "bad.xsl"
    path.write_text(SHEET.replace("count(//*)", "count(//*"))
    with pytest.raises(TransformError) as info:
        Stylesheet(path)
    assert "bad.xsl" in str(info.value)
    assert "\n" not in str(info.value)


def test_runtime_error_is_clean(tmp_path):
    path = tmp_path / "fail.xsl"
    path.write_text(
        SHEET.replace(
            "<xsl:value-of", "<xsl:message terminate='yes'>stop</xsl:message><xsl:value-of"
        )
    )
    with pytest.raises(TransformError, match="failed"):
        Stylesheet(path).run("<a/>")


def test_items_are_handed_over_unserialised(tmp_path):
    """items=True: the principal result's items as strings, each whole (the EPUB builder
    takes its files this way), and nothing serialised."""
    path = tmp_path / "items.xsl"
    path.write_text(
        """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:template match="/">
  <xsl:message>teikit-warning: items</xsl:message>
  <xsl:sequence select="'a b',
    serialize(/, map{'method': 'xml', 'omit-xml-declaration': true()}), ''"/>
</xsl:template>
</xsl:stylesheet>"""
    )
    sheet = Stylesheet(path)
    result = sheet.run("<a>&lt;x&gt;</a>", items=True)
    assert result.items == ["a b", "<a>&lt;x&gt;</a>", ""]
    assert result.text == ""
    assert result.warnings == ["items"]
    again = sheet.run("<a/>")  # without items, the result is serialised again
    assert again.items == [] and again.text.endswith("a b &lt;a/&gt; ")


ENGINE_TRACE = """
import sys
from pathlib import Path
from toolkit.errors import TransformError
from toolkit.xslt import Stylesheet
sheet = Stylesheet(Path("t.xsl"), text='''<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xsl:template match="/"><xsl:value-of select="xs:integer(string(.))"/></xsl:template>
</xsl:stylesheet>''')
try:
    sheet.run("<a>not a number</a>")
except TransformError as err:
    print(err)
print("after", file=sys.stderr)
"""


@pytest.mark.parametrize("debug", [False, True])
def test_engine_trace_reaches_stderr_only_when_debugging(debug):
    """Saxon prints its own multi-line trace on file descriptor 2 before raising; the error
    message carries the same facts, so the trace is muted (and standard error restored)
    unless TEIKIT_DEBUG=1 (`teikit --debug`)."""
    env = {k: v for k, v in os.environ.items() if k != "TEIKIT_DEBUG"}
    if debug:
        env["TEIKIT_DEBUG"] = "1"
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, "-c", ENGINE_TRACE], cwd=root, env=env, capture_output=True, text=True
    )
    assert "Cannot convert string" in done.stdout  # the error itself always arrives
    assert done.stderr.endswith("after\n")  # standard error works again afterwards
    assert ("FORG0001" in done.stderr) is debug
