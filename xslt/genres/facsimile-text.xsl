<?xml version="1.0" encoding="UTF-8"?>
<!--
  Facsimiles in the plain-text edition (shared part: facsimile.xsl): a sourceDoc's
  documentary transcription, after the text, page by page and line by line.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  exclude-result-prefixes="#all">

  <xsl:function name="tk:source-doc-blocks" as="element(tk:block)*">
    <xsl:variable name="surfaces" select="$tk:surfaces[ancestor::tei:sourceDoc][.//tei:line]"/>
    <xsl:if test="exists($surfaces)">
      <tk:block kind="heading" level="1">Transcription of the source</tk:block>
      <xsl:for-each select="$surfaces">
        <tk:block kind="heading" level="2"><xsl:value-of select="tk:surface-label(.)"/></tk:block>
        <xsl:variable name="group" select="generate-id()"/>
        <xsl:for-each select=".//tei:line">
          <tk:block kind="line" indent="2" group="{$group}"><xsl:apply-templates mode="inline"/></tk:block>
        </xsl:for-each>
      </xsl:for-each>
    </xsl:if>
  </xsl:function>

</xsl:stylesheet>
