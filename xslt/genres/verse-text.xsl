<?xml version="1.0" encoding="UTF-8"?>
<!--
  Verse lines and numbered line breaks in the plain-text edition (shared part: verse.xsl).

  In a text with line numbers, every line has a gutter of six columns: the number, when
  printed, right-aligned in its first four. @rend indentation adds two columns a level; a
  later part of a split line (l/@part) starts under the end of the earlier parts. A block
  whose lines are numbered line breaks (lb/@n, as in an inscription) keeps its lines, one
  per lb, each in the gutter; a word broken across a line (lb/@break='no') is kept whole on
  the line where it starts. The clean text keeps no numbers and one block a line.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  exclude-result-prefixes="#all">

  <xsl:variable name="tk:gutter" as="xs:integer" select="6"/>

  <xsl:template match="tei:l[exists(tk:line-n(.))] | tei:l[@part] | tei:l[@rend]" mode="block" priority="5">
    <xsl:param name="indent" tunnel="yes" select="0"/>
    <xsl:variable name="earlier" select="tk:earlier-parts(.)"/>
    <xsl:variable name="shift" select="2 * (tk:indent-level(.), 0)[1]
      + (if (exists($earlier)) then string-length(string-join($earlier ! tk:inline-string(.), ' ')) + 1 else 0)"/>
    <tk:block kind="line" indent="{$indent + 2}" group="{generate-id(..)}">
      <xsl:if test="not($clean) and exists(tk:line-n(.))">
        <xsl:attribute name="gutter" select="(tk:line-label(.), '')[1]"/>
      </xsl:if>
      <xsl:if test="not($clean) and $shift gt 0"><xsl:attribute name="shift" select="$shift"/></xsl:if>
      <xsl:apply-templates mode="inline"/>
    </tk:block>
  </xsl:template>

  <!-- A block of numbered line breaks: one line each. -->
  <xsl:template match="tei:ab[tei:lb[@n]] | tei:p[tei:lb[@n]]" mode="block" priority="5">
    <xsl:param name="indent" tunnel="yes" select="0"/>
    <xsl:choose>
      <xsl:when test="$clean or tk:has-blocks(.)"><xsl:next-match/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="group" select="generate-id()"/>
        <xsl:variable name="lines" as="map(*)*">
          <xsl:for-each-group select="node()" group-starting-with="tei:lb[@n]">
            <xsl:variable name="content" as="node()*"><xsl:apply-templates select="current-group()" mode="inline"/></xsl:variable>
            <xsl:sequence select="map{'lb': current-group()[1][self::tei:lb[@n]],
              'text': normalize-space(string-join($content ! string(.), ''))}"/>
          </xsl:for-each-group>
        </xsl:variable>
        <xsl:for-each select="$lines">
          <xsl:variable name="i" select="position()"/>
          <!-- A word broken at the next line's start is completed here, and leaves it. -->
          <xsl:variable name="next" select="$lines[$i + 1]"/>
          <xsl:variable name="carry" select="if ($next?lb/@break = 'no') then substring-before(concat($next?text, ' '), ' ') else ''"/>
          <xsl:variable name="own" select="if (?lb/@break = 'no' and $i gt 1) then substring-after(?text, ' ') else ?text"/>
          <xsl:variable name="text" select="concat($own, $carry)"/>
          <xsl:if test="normalize-space($text) or exists(?lb)">
            <tk:block kind="line" indent="{$indent + 2}" group="{$group}">
              <xsl:if test="exists(?lb)"><xsl:attribute name="gutter" select="(tk:line-label(?lb), '')[1]"/></xsl:if>
              <xsl:value-of select="$text"/>
            </tk:block>
          </xsl:if>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A line in the gutter: "   5  text", wrapped lines indented under the text. -->
  <xsl:function name="tk:numbered-line" as="xs:string">
    <xsl:param name="b" as="element()"/>
    <xsl:param name="text" as="xs:string"/>
    <xsl:variable name="indent" select="tk:repeat(' ', xs:integer(($b/@indent, 0)[1]) - 2)"/>
    <xsl:variable name="gutter" select="if ($b/@gutter) then $tk:gutter else 2"/>
    <xsl:variable name="label" select="string($b/@gutter)"/>
    <xsl:variable name="number" select="concat(tk:repeat(' ', max((0, $gutter - 2 - string-length($label)))), $label)"/>
    <xsl:variable name="shift" select="tk:repeat(' ', xs:integer(($b/@shift, 0)[1]))"/>
    <xsl:variable name="first" select="concat($indent, $number, tk:repeat(' ', max((0, $gutter - string-length($number)))), $shift)"/>
    <xsl:sequence select="tk:wrap($text, $first, concat($indent, tk:repeat(' ', $gutter + 4)))"/>
  </xsl:function>

</xsl:stylesheet>
