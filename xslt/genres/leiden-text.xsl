<?xml version="1.0" encoding="UTF-8"?>
<!--
  Leiden conventions in the plain-text edition (the table of signs: leiden.xsl). The view is
  the reading the text is built with: "corr" (the default) gives the edited text with its signs,
  "sic" the diplomatic one. The clean text has no signs: expansions and
  restorations are its words, deletions are not.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  exclude-result-prefixes="#all">

  <xsl:template match="tei:ex | tei:am | tei:supplied | tei:surplus | tei:add[@place][$tk:diplomatic] | tei:del[$tk:diplomatic]" mode="inline" priority="5">
    <xsl:choose>
      <xsl:when test="$clean">
        <xsl:if test="not(self::tei:del or self::tei:am)"><xsl:apply-templates mode="inline"/></xsl:if>
      </xsl:when>
      <xsl:when test="tk:leiden-hidden(.)"/>
      <xsl:otherwise>
        <xsl:variable name="signs" select="tk:leiden-signs(.)"/>
        <xsl:value-of select="$signs[1]"/>
        <xsl:apply-templates mode="inline"/>
        <xsl:value-of select="$signs[2]"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:unclear" mode="inline" priority="5">
    <xsl:choose>
      <xsl:when test="$clean or $tk:diplomatic-view or *"><xsl:apply-templates mode="inline"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="tk:underdot(string(.))"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:gap[tk:gap-text(.) ne '[…]']" mode="inline" priority="5">
    <xsl:if test="not($clean)"><xsl:value-of select="tk:gap-text(.)"/></xsl:if>
  </xsl:template>

  <xsl:template match="tei:space[$tk:diplomatic]" mode="inline" priority="5">
    <xsl:value-of select="if ($clean) then ' ' else ' vac. '"/>
  </xsl:template>

  <xsl:template match="tei:handShift" mode="inline" priority="5">
    <xsl:if test="not($clean)"><xsl:value-of select="concat(' ', tk:hand-label(.), ' ')"/></xsl:if>
  </xsl:template>

  <xsl:template match="tei:g[not(normalize-space())]" mode="inline" priority="5">
    <xsl:if test="not($clean)"><xsl:value-of select="concat('(', normalize-space((@type, tk:pointer-ids(@ref)[1], 'symbol')[1]), ')')"/></xsl:if>
  </xsl:template>

</xsl:stylesheet>
