"""toolkit.xslt: compile once, parameters by name, messages captured, clean errors."""

from __future__ import annotations

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
