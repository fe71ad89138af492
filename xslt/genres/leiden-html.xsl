<?xml version="1.0" encoding="UTF-8"?>
<!--
  Leiden conventions in the HTML edition (shared part and the table of signs: leiden.xsl).

  Both views are in the page: what belongs to one view only (an expansion, a restoration,
  the signs themselves, an abbreviation mark) carries data-reading="edited" or "source" and
  is hidden when the other view is chosen, by the reading switch of edition.js, which such a
  document labels "edited / diplomatic". Letters read with doubt (unclear) get their dots
  below from the style sheet in the edited view, so that the diplomatic view shows them bare.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <!-- An element of one view, or a sign: hidden when the view chosen at build time is the
       other one. -->
  <xsl:template name="tk:view-attrs">
    <xsl:param name="view" as="xs:string"/>
    <xsl:if test="$view ne '' and $tk:diplomatic">
      <xsl:attribute name="data-reading" select="$view"/>
      <xsl:if test="($view eq 'edited') eq ($tk:reading eq 'sic')"><xsl:attribute name="hidden" select="'hidden'"/></xsl:if>
    </xsl:if>
  </xsl:template>

  <xsl:template name="tk:sign">
    <xsl:param name="sign" as="xs:string"/>
    <xsl:if test="$sign ne ''">
      <span class="sign"><xsl:call-template name="tk:view-attrs"><xsl:with-param name="view" select="'edited'"/></xsl:call-template><xsl:value-of select="$sign"/></span>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:ex | tei:am | tei:supplied | tei:surplus | tei:add[@place][$tk:diplomatic] | tei:del[$tk:diplomatic]" priority="5">
    <xsl:variable name="signs" select="tk:edited-signs(.)"/>
    <xsl:element name="{if (self::tei:del) then 'del' else if (self::tei:add) then 'ins' else 'span'}">
      <xsl:attribute name="class" select="string-join((local-name(), tk:class-token(@reason)), ' ')"/>
      <xsl:call-template name="tk:attrs"/>
      <xsl:call-template name="tk:view-attrs"><xsl:with-param name="view" select="tk:leiden-view(.)"/></xsl:call-template>
      <xsl:call-template name="tk:sign"><xsl:with-param name="sign" select="$signs[1]"/></xsl:call-template>
      <xsl:apply-templates/>
      <xsl:call-template name="tk:sign"><xsl:with-param name="sign" select="$signs[2]"/></xsl:call-template>
    </xsl:element>
  </xsl:template>

  <!-- A substitution: the deletion, then the addition. -->
  <xsl:template match="tei:subst" priority="5">
    <span class="subst"><xsl:call-template name="tk:attrs"/><xsl:apply-templates select="tei:del, * except tei:del"/></span>
  </xsl:template>

  <xsl:template match="tei:unclear" priority="5">
    <span class="unclear">
      <xsl:call-template name="tk:attrs"/>
      <xsl:if test="normalize-space(@reason)"><xsl:attribute name="title" select="concat('unclear: ', normalize-space(@reason))"/></xsl:if>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- A gap measured in letters or lines, or in a diplomatic text, as Leiden writes it. -->
  <xsl:template match="tei:gap[tk:gap-text(.) ne '[…]']" priority="5">
    <xsl:variable name="why" select="normalize-space(string-join((@reason, @quantity, @extent, @unit), ' '))"/>
    <span class="gap" title="{normalize-space(string-join(('gap', $why[. ne '']), ': '))}"><xsl:value-of select="tk:gap-text(.)"/></span>
  </xsl:template>

  <xsl:template match="tei:space[$tk:diplomatic]" priority="5">
    <xsl:text> </xsl:text><i class="space">vac.</i><xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template match="tei:handShift" priority="5">
    <span class="handShift"><xsl:value-of select="tk:hand-label(.)"/></span><xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template match="tei:g" priority="5">
    <span class="g"><xsl:call-template name="tk:attrs"/><xsl:apply-templates/><xsl:if test="not(normalize-space())">
      <xsl:value-of select="concat('(', normalize-space((@type, tk:pointer-ids(@ref)[1], 'symbol')[1]), ')')"/></xsl:if></span>
  </xsl:template>

  <!-- A damaged passage, a restoration, editorial deletion: their text, marked. -->
  <xsl:template match="tei:damage | tei:restore | tei:secl" priority="5">
    <span class="{local-name()}"><xsl:call-template name="tk:attrs"/><xsl:apply-templates/></span>
  </xsl:template>

</xsl:stylesheet>
