<?xml version="1.0" encoding="UTF-8"?>
<!--
  Rendition in the HTML edition (shared part and sanitising rules: rendition.xsl): an
  element with @rendition or @style is rendered as it would be, with the classes of the
  generated rendition.css added to its first element; rendition.css is written beside the
  pages and linked from them when the document declares anything that passes.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:template match="tei:*[@rendition or @style]" priority="9">
    <xsl:variable name="classes" select="if ($tk:rendition-css eq '') then () else tk:rendition-classes(.)"/>
    <xsl:choose>
      <xsl:when test="empty($classes) or ancestor::tei:teiHeader">
        <xsl:next-match/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="out" as="node()*"><xsl:next-match/></xsl:variable>
        <xsl:variable name="first" select="$out[self::*][not(self::*:br)][1]"/>
        <xsl:for-each select="$out">
          <xsl:choose>
            <xsl:when test=". is $first">
              <xsl:copy>
                <xsl:copy-of select="@* except @class"/>
                <xsl:attribute name="class" select="string-join((tokenize(string(@class), ' ')[. ne ''], $classes), ' ')"/>
                <xsl:copy-of select="node()"/>
              </xsl:copy>
            </xsl:when>
            <xsl:otherwise><xsl:sequence select="."/></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- rendition.css beside the pages (called once per build, from the head hook's page). -->
  <xsl:template name="tk:rendition-stylesheet">
    <xsl:if test="$tk:rendition-css ne ''">
      <xsl:result-document href="rendition.css" method="text" encoding="UTF-8">
        <xsl:value-of select="$tk:rendition-css"/>
      </xsl:result-document>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
