<?xml version="1.0" encoding="UTF-8"?>
<!--
  Edition genres in the plain-text edition (included by xslt/text/text.xsl): each genre's
  templates (modes block and inline, priority 5 and more, above the general ones), and the
  hooks the text stylesheet calls:
    tk:genre-parts()         parts after the text (witnesses and apparatus), each an array
                             of blocks
    tk:genre-text-head($text)     blocks before a text's front matter (a letter's head)
    tk:numbered-line($b, $text)   the layout of a verse line with a number gutter
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  exclude-result-prefixes="#all">

  <xsl:include href="apparatus-text.xsl"/>
  <xsl:include href="leiden-text.xsl"/>
  <xsl:include href="verse-text.xsl"/>
  <xsl:include href="drama-text.xsl"/>
  <xsl:include href="dictionary-text.xsl"/>
  <xsl:include href="letters-text.xsl"/>
  <xsl:include href="facsimile-text.xsl"/>

  <!-- Blocks before a text's front matter: a letter's head. -->
  <xsl:function name="tk:genre-text-head" as="element(tk:block)*">
    <xsl:param name="text" as="element()"/>
    <xsl:if test="not($clean)"><xsl:sequence select="tk:letter-head-blocks($text)"/></xsl:if>
  </xsl:function>

  <xsl:function name="tk:genre-parts" as="array(element(tk:block)*)*">
    <xsl:if test="not($clean)">
      <xsl:sequence select="(array{tk:apparatus-blocks()}, array{tk:speaker-blocks()}, array{tk:headword-blocks()},
        array{tk:source-doc-blocks()})[array:size(.) gt 0]"
        xmlns:array="http://www.w3.org/2005/xpath-functions/array"/>
    </xsl:if>
  </xsl:function>

</xsl:stylesheet>
