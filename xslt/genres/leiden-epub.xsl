<?xml version="1.0" encoding="UTF-8"?>
<!--
  Leiden conventions in the EPUB: one view, the build's reading (corr: edited, with the
  signs; sic: diplomatic), with nothing of the other view in the page; letters read with
  doubt carry a combining dot below (U+0323) in the edited view.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:template match="tei:ex | tei:am | tei:supplied | tei:surplus | tei:add[@place][$tk:diplomatic] | tei:del[$tk:diplomatic]" priority="5">
    <xsl:if test="not(tk:leiden-hidden(.))">
      <xsl:variable name="signs" select="tk:leiden-signs(.)"/>
      <xsl:element name="{if (self::tei:del) then 'del' else if (self::tei:add) then 'ins' else 'span'}">
        <xsl:attribute name="class" select="string-join((local-name(), tk:class-token(@reason)), ' ')"/>
        <xsl:call-template name="tk:attrs"/>
        <xsl:value-of select="$signs[1]"/>
        <xsl:apply-templates/>
        <xsl:value-of select="$signs[2]"/>
      </xsl:element>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:unclear[not(*)]" priority="5">
    <span class="unclear">
      <xsl:call-template name="tk:attrs"/>
      <xsl:value-of select="if ($tk:diplomatic-view) then string(.) else tk:underdot(string(.))"/>
    </span>
  </xsl:template>

</xsl:stylesheet>
