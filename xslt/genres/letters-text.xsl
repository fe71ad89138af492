<?xml version="1.0" encoding="UTF-8"?>
<!--
  Letters in the plain-text edition (shared part: letters.xsl): the letter's head as lines
  "From: ...", "To: ...", "Previous letter: ..." before the text; a dateline and a
  signature set to the right, a postscript after a blank line.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  exclude-result-prefixes="#all">

  <xsl:function name="tk:letter-head-blocks" as="element(tk:block)*">
    <xsl:param name="text" as="element()"/>
    <xsl:variable name="desc" select="tk:corresp-desc($text)"/>
    <xsl:for-each select="$desc/tei:correspAction">
      <xsl:variable name="names" select="string-join((tei:persName | tei:orgName | tei:name | tei:roleName) ! tk:inline-string(.), ', ')"/>
      <xsl:variable name="where" select="string-join((tei:placeName | tei:settlement | tei:address) ! tk:inline-string(.), ', ')"/>
      <xsl:variable name="when" select="string-join(tei:date ! (if (normalize-space()) then tk:inline-string(.) else (tk:date-attrs(.))), ', ')"/>
      <xsl:variable name="label" select="concat(tk:action-label(.), ':')"/>
      <tk:block kind="item" label="{$label}" hang="{max(($desc/tei:correspAction ! string-length(tk:action-label(.)))) + 2}" indent="0" group="letter-head">
        <xsl:value-of select="concat($names, if ($where or $when) then concat(' (', string-join(($where[. ne ''], $when[. ne '']), ', '), ')') else '')"/>
      </tk:block>
    </xsl:for-each>
    <xsl:for-each select="tk:letter-links($desc)">
      <tk:block kind="para" indent="0" align="left" group="letter-head">
        <xsl:value-of select="concat(?label, ': ', ?text, if (exists(?href) and matches(?href, '^https?:')) then concat(' &lt;', ?href, '&gt;') else '')"/>
      </tk:block>
    </xsl:for-each>
  </xsl:function>

  <!-- A date given by its attributes only. -->
  <xsl:function name="tk:date-attrs" as="xs:string?">
    <xsl:param name="d" as="element()"/>
    <xsl:variable name="when" select="normalize-space(($d/@when, $d/@when-iso)[1])"/>
    <xsl:variable name="from" select="normalize-space(($d/@from, $d/@notBefore)[1])"/>
    <xsl:variable name="to" select="normalize-space(($d/@to, $d/@notAfter)[1])"/>
    <xsl:sequence select="if ($when) then $when else if ($from and $to) then concat($from, ' to ', $to)
      else if ($from) then concat('from ', $from) else if ($to) then concat('until ', $to) else ()"/>
  </xsl:function>

  <xsl:template match="tei:opener/tei:dateline | tei:closer/tei:signed | tei:closer/tei:dateline" mode="block" priority="5">
    <xsl:choose>
      <xsl:when test="$clean"><xsl:next-match/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="text" select="tk:inline-string(.)"/>
        <tk:block kind="para" indent="{max((0, $width - string-length($text)))}" align="left"><xsl:value-of select="$text"/></tk:block>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
