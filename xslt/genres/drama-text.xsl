<?xml version="1.0" encoding="UTF-8"?>
<!--
  Drama in the plain-text edition (shared part: drama.xsl). A speaker's name stands on a
  line of its own in capitals; the speech follows, its verse lines numbered in the gutter
  (verse-text.xsl); a stage direction between speeches is indented by eight columns. After
  the text, a part "Speakers": each speaker with the number of speeches and the scenes.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  exclude-result-prefixes="#all">

  <xsl:template match="tei:speaker" mode="block" priority="5">
    <xsl:param name="indent" tunnel="yes" select="0"/>
    <xsl:choose>
      <xsl:when test="$clean"><xsl:next-match/></xsl:when>
      <xsl:otherwise>
        <tk:block kind="para" indent="{$indent}" align="left" group="{generate-id(..)}">
          <xsl:value-of select="upper-case(tk:inline-string(.))"/>
        </tk:block>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:stage[tk:is-block-stage(.)]" mode="block" priority="5">
    <xsl:param name="indent" tunnel="yes" select="0"/>
    <xsl:call-template name="tk:mixed">
      <xsl:with-param name="indent" tunnel="yes" select="if ($clean) then $indent else $indent + 8"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The cast list: its heading, then one item a role ("Duncan, king of Scotland"). -->
  <xsl:template match="tei:castList | tei:castGroup" mode="block" priority="5">
    <xsl:param name="indent" tunnel="yes" select="0"/>
    <xsl:if test="not($clean)">
      <xsl:for-each select="tei:head">
        <xsl:choose>
          <xsl:when test="parent::tei:castList"><tk:block kind="heading" level="2"><xsl:value-of select="tk:inline-string(.)"/></tk:block></xsl:when>
          <xsl:otherwise><tk:block kind="para" indent="{$indent}" align="left"><xsl:value-of select="tk:inline-string(.)"/></tk:block></xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
      <xsl:for-each select="tei:castItem | tei:castGroup">
        <xsl:choose>
          <xsl:when test="self::tei:castGroup">
            <xsl:apply-templates select="." mode="block">
              <xsl:with-param name="indent" tunnel="yes" select="$indent + 2"/>
            </xsl:apply-templates>
          </xsl:when>
          <xsl:otherwise>
            <tk:block kind="item" label="*" hang="2" indent="{$indent}" group="{generate-id(..)}">
              <xsl:value-of select="if (*) then string-join((* ! tk:inline-string(.))[. ne ''], ', ') else normalize-space(.)"/>
            </tk:block>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <xsl:function name="tk:speaker-blocks" as="element(tk:block)*">
    <xsl:if test="count($tk:speakers) ge 2">
      <tk:block kind="heading" level="1">Speakers</tk:block>
      <xsl:for-each select="$tk:speakers">
        <xsl:variable name="speeches" select="?speeches"/>
        <xsl:variable name="scenes" as="xs:string*">
          <xsl:for-each-group select="$speeches" group-by="generate-id((tk:speech-division(.), root(.))[1])">
            <xsl:variable name="div" select="tk:speech-division(.)"/>
            <xsl:sequence select="concat(if ($div) then tk:scene-label($div) else 'text',
              if (count(current-group()) gt 1) then concat(' (', count(current-group()), '×)') else '')"/>
          </xsl:for-each-group>
        </xsl:variable>
        <tk:block kind="item" label="*" hang="2" indent="0" group="speakers">
          <xsl:value-of select="concat(?name, ', ', count($speeches), if (count($speeches) eq 1) then ' speech: ' else ' speeches: ', string-join($scenes, ', '))"/>
        </tk:block>
      </xsl:for-each>
    </xsl:if>
  </xsl:function>

  <!-- "1.3" from division numbers, else the heading. -->
  <xsl:function name="tk:scene-label" as="xs:string">
    <xsl:param name="div" as="element()"/>
    <xsl:variable name="chain" select="$div/ancestor-or-self::*[self::tei:div or matches(local-name(), '^div\d$')]"/>
    <xsl:sequence select="if (every $d in $chain satisfies normalize-space($d/@n)) then string-join($chain/normalize-space(@n), '.')
      else normalize-space(string-join($div/tei:head[1]//text()[not(ancestor::tei:note)], ''))"/>
  </xsl:function>

</xsl:stylesheet>
