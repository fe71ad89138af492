<?xml version="1.0" encoding="UTF-8"?>
<!--
  Dictionaries in the plain-text edition (shared part: dictionary.xsl). An entry is a
  paragraph opening with its headword, pronunciation (between slashes) and grammar; each
  sense follows as an item labelled with its number; etymology and cross-references close
  it. After the text, a part "Headwords" lists them alphabetically.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  exclude-result-prefixes="#all">

  <xsl:template match="tei:entry | tei:entryFree" mode="block" priority="5">
    <xsl:param name="indent" tunnel="yes" select="0"/>
    <xsl:call-template name="tk:entry-blocks">
      <xsl:with-param name="group" select="generate-id()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="tk:entry-blocks">
    <xsl:param name="group" as="xs:string"/>
    <xsl:param name="label" as="xs:string?" select="()"/>
    <xsl:param name="indent" tunnel="yes" select="0"/>
    <xsl:variable name="in-entry" select="exists(self::tei:entry | self::tei:entryFree)"/>
    <xsl:for-each-group select="node()[not(self::text()[not(normalize-space())])]"
      group-adjacent="if (self::tei:sense) then 'senses' else if (self::tei:hom[tei:sense]) then generate-id()
        else if (self::tei:etym or self::tei:re or self::tei:note or (self::tei:xr and $in-entry)) then generate-id() else 'run'">
      <xsl:choose>
        <xsl:when test="current-grouping-key() eq 'senses'">
          <xsl:for-each select="current-group()">
            <xsl:variable name="n" select="tk:sense-label(.)"/>
            <xsl:call-template name="tk:entry-blocks">
              <xsl:with-param name="group" select="$group"/>
              <xsl:with-param name="label" select="if (exists($n)) then concat($n, if (parent::tei:sense) then ')' else '.') else ()"/>
              <xsl:with-param name="indent" tunnel="yes" select="if (exists($n)) then $indent + 4 else $indent"/>
            </xsl:call-template>
          </xsl:for-each>
        </xsl:when>
        <xsl:when test="current-group()[1][self::tei:hom[tei:sense]]">
          <xsl:for-each select="current-group()">
            <xsl:call-template name="tk:entry-blocks"><xsl:with-param name="group" select="$group"/></xsl:call-template>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise>
          <xsl:variable name="content" as="node()*"><xsl:apply-templates select="current-group()" mode="inline"/></xsl:variable>
          <xsl:variable name="text" select="normalize-space(string-join($content ! string(.), ''))"/>
          <xsl:if test="$text">
            <xsl:variable name="first" select="exists($label) and position() eq 1"/>
            <tk:block kind="{if ($first) then 'item' else 'para'}" indent="{if ($first) then $indent - 4 else $indent}" align="left" group="{$group}">
              <xsl:if test="$first">
                <xsl:attribute name="label" select="$label"/>
                <xsl:attribute name="hang" select="4"/>
              </xsl:if>
              <xsl:value-of select="$text"/>
            </tk:block>
          </xsl:if>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each-group>
  </xsl:template>

  <!-- A usage label between parentheses: "(politics) comrade". -->
  <xsl:template match="tei:usg" mode="inline" priority="5">
    <xsl:value-of select="if ($clean) then ' ' else ' ('"/><xsl:apply-templates mode="inline"/><xsl:value-of select="if ($clean) then ' ' else ') '"/>
  </xsl:template>

  <xsl:template match="tei:form | tei:lbl | tei:def | tei:xr | tei:etym" mode="inline" priority="5">
    <xsl:apply-templates mode="inline"/><xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template match="tei:pron" mode="inline" priority="5">
    <xsl:variable name="bare" select="not(matches(normalize-space(.), '^[/\[].*[/\]]$'))"/>
    <xsl:value-of select="concat(' ', if ($bare and not($clean)) then '/' else '')"/>
    <xsl:apply-templates mode="inline"/>
    <xsl:value-of select="concat(if ($bare and not($clean)) then '/' else '', ' ')"/>
  </xsl:template>

  <xsl:template match="tei:gramGrp" mode="inline" priority="5">
    <xsl:for-each select="*">
      <xsl:value-of select="concat(' ', tk:inline-string(.), if (matches(normalize-space(.), '^\p{L}{1,5}$') and not($clean)) then '.' else '')"/>
    </xsl:for-each>
    <xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template match="tei:cit[$tk:dictionary][ancestor::tei:entry or ancestor::tei:entryFree]" mode="inline" priority="5">
    <xsl:if test="not($clean)">
      <xsl:if test="@type = ('trans', 'translation', 'translationEquivalent') and preceding-sibling::tei:cit[@type = current()/@type]">; </xsl:if>
      <xsl:if test="parent::tei:cit"> – </xsl:if>
      <xsl:if test="@type = 'example' and preceding-sibling::*">: </xsl:if>
    </xsl:if>
    <xsl:text> </xsl:text><xsl:apply-templates mode="inline"/><xsl:text> </xsl:text>
  </xsl:template>

  <xsl:function name="tk:headword-blocks" as="element(tk:block)*">
    <xsl:if test="count($tk:entries) ge 2">
      <tk:block kind="heading" level="1">Headwords</tk:block>
      <xsl:for-each-group select="$tk:entries" group-by="tk:headword-letter(tk:headword(.))">
        <xsl:sort select="tk:headword-key(tk:headword(.))"/>
        <xsl:variable name="words" as="xs:string*">
          <xsl:perform-sort select="current-group() ! tk:headword(.)">
            <xsl:sort select="tk:headword-key(.)"/>
          </xsl:perform-sort>
        </xsl:variable>
        <tk:block kind="item" label="{current-grouping-key()}" hang="3" indent="0" group="headwords">
          <xsl:value-of select="string-join($words, ', ')"/>
        </tk:block>
      </xsl:for-each-group>
    </xsl:if>
  </xsl:function>

</xsl:stylesheet>
