<?xml version="1.0" encoding="UTF-8"?>
<!--
  Drama in the HTML edition (shared part: drama.xsl). The cast list is a list of roles with
  their descriptions (groups nested); a speech (sp) is a block whose speaker is a paragraph
  of class "speaker"; a stage direction is a paragraph of class "stage" between speeches and
  an inline span of the same class within a line. speakers.html lists every speaker with
  the number of their speeches and a link to each scene they speak in.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:template match="tei:castList" priority="5">
    <section class="castList">
      <xsl:call-template name="tk:attrs"/>
      <xsl:apply-templates select="tei:head"/>
      <xsl:call-template name="tk:cast-items"/>
      <xsl:apply-templates select="* except (tei:head | tei:castItem | tei:castGroup)"/>
    </section>
  </xsl:template>

  <xsl:template name="tk:cast-items">
    <xsl:if test="tei:castItem | tei:castGroup">
      <ul class="{if (self::tei:castGroup) then 'castGroup' else 'castList'}">
        <xsl:for-each select="tei:castItem | tei:castGroup">
          <li class="{local-name()}">
            <xsl:call-template name="tk:attrs"/>
            <xsl:choose>
              <xsl:when test="self::tei:castGroup">
                <xsl:if test="tei:head"><span class="castGroup-head"><xsl:apply-templates select="tei:head/node()"/></span></xsl:if>
                <xsl:apply-templates select="node() except (tei:head | tei:castItem | tei:castGroup | tei:roleDesc)"/>
                <xsl:for-each select="tei:roleDesc"><xsl:text> </xsl:text><xsl:apply-templates select="."/></xsl:for-each>
                <xsl:call-template name="tk:cast-items"/>
              </xsl:when>
              <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
            </xsl:choose>
          </li>
        </xsl:for-each>
      </ul>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:role | tei:roleDesc | tei:actor" priority="5">
    <xsl:if test="self::tei:roleDesc and preceding-sibling::*"><span class="sep">, </span></xsl:if>
    <span class="{local-name()}"><xsl:call-template name="tk:attrs"/><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:sp" priority="5">
    <div class="sp">
      <xsl:call-template name="tk:attrs"/>
      <xsl:if test="tk:pointer-ids(@who)[1]"><xsl:attribute name="data-who" select="tk:pointer-ids(@who)[1]"/></xsl:if>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="tei:speaker" priority="5">
    <p class="speaker"><xsl:call-template name="tk:attrs"/><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template match="tei:stage" priority="5">
    <xsl:choose>
      <xsl:when test="tk:is-block-stage(.)">
        <p class="{string-join(('stage', tk:class-token(@type)), ' ')}"><xsl:call-template name="tk:attrs"/><xsl:apply-templates/></p>
      </xsl:when>
      <xsl:otherwise>
        <span class="{string-join(('stage', tk:class-token(@type)), ' ')}"><xsl:call-template name="tk:attrs"/><xsl:apply-templates/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ==== speakers.html ==== -->

  <xsl:template name="tk:speakers-page">
    <h1>Speakers</h1>
    <p class="lede"><xsl:value-of select="concat(count($tk:speakers), ' speakers, in order of their first speech, with the scenes they speak in and how often.')"/></p>
    <ul class="speakers">
      <xsl:for-each select="$tk:speakers">
        <xsl:variable name="speeches" select="?speeches"/>
        <li>
          <span class="speaker-name"><xsl:value-of select="?name"/></span>
          <xsl:value-of select="concat(' (', count($speeches), if (count($speeches) eq 1) then ' speech' else ' speeches', '): ')"/>
          <xsl:for-each-group select="$speeches" group-by="generate-id((tk:speech-division(.), root(.))[1])">
            <xsl:if test="position() gt 1">, </xsl:if>
            <xsl:variable name="div" select="tk:speech-division(.)"/>
            <a href="{tk:passage-href(tk:id(.))}"><xsl:value-of select="if ($div) then tk:division-label($div) else 'Text'"/></a>
            <xsl:if test="count(current-group()) gt 1"><span class="times"><xsl:value-of select="concat(' (', count(current-group()), '×)')"/></span></xsl:if>
          </xsl:for-each-group>
        </li>
      </xsl:for-each>
    </ul>
  </xsl:template>

</xsl:stylesheet>
