<?xml version="1.0" encoding="UTF-8"?>
<!--
  Letters in the HTML edition (shared part: letters.xsl). Above the text, the letter's head
  from correspDesc: sender and addressee with their places and dates (names link to the
  registers), and links to the previous and next letters. The letter's own parts (opener,
  dateline, salute, closer, signed, postscript) are laid out as a letter by genres.css.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:template name="tk:letter-head">
    <xsl:param name="desc" as="element()?" select="tk:corresp-desc(.)"/>
    <xsl:if test="$desc/tei:correspAction">
      <section class="letter-head" aria-label="The letter">
        <dl>
          <xsl:for-each select="$desc/tei:correspAction">
            <dt><xsl:value-of select="tk:action-label(.)"/></dt>
            <dd>
              <xsl:for-each select="tei:persName | tei:orgName | tei:name | tei:roleName">
                <xsl:if test="position() gt 1">, </xsl:if>
                <xsl:apply-templates select="."/>
              </xsl:for-each>
              <xsl:variable name="where" select="tei:placeName | tei:settlement | tei:address"/>
              <xsl:variable name="when" select="tei:date"/>
              <xsl:if test="$where or $when">
                <xsl:text> (</xsl:text>
                <xsl:for-each select="$where"><xsl:if test="position() gt 1">, </xsl:if><xsl:apply-templates select="."/></xsl:for-each>
                <xsl:if test="$where and $when">, </xsl:if>
                <xsl:for-each select="$when">
                  <xsl:if test="position() gt 1">, </xsl:if>
                  <xsl:apply-templates select="."/>
                  <xsl:if test="not(normalize-space()) and tk:date-norm(.)"><xsl:value-of select="tk:date-norm(.)"/></xsl:if>
                </xsl:for-each>
                <xsl:text>)</xsl:text>
              </xsl:if>
            </dd>
          </xsl:for-each>
        </dl>
        <xsl:variable name="links" select="tk:letter-links($desc)"/>
        <xsl:if test="exists($links)">
          <nav class="letter-nav" aria-label="Correspondence">
            <xsl:for-each select="$links">
              <p class="letter-{?rel}">
                <xsl:value-of select="concat(?label, ': ')"/>
                <xsl:choose>
                  <xsl:when test="exists(?href)"><a href="{?href}" rel="{?rel}"><xsl:value-of select="if (?text) then ?text else ?href"/></a></xsl:when>
                  <xsl:otherwise><xsl:value-of select="?text"/></xsl:otherwise>
                </xsl:choose>
              </p>
            </xsl:for-each>
          </nav>
        </xsl:if>
      </section>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
