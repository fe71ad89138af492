<?xml version="1.0" encoding="UTF-8"?>
<!--
  Search: the index (search-index.json, made here at build time, which the builder wraps as
  search-index.js) and the search page; the client is assets/search.js. Each index record is
  [href, label, text] for one passage of the text or one note, in text order. Mode tk:plain
  gives the text of a passage as shown (the reading chosen at build time, notes left out).
  Included by html.xsl.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <!-- The units of search: passages (headings stand for their division) and endnotes. -->
  <xsl:function name="tk:search-units" as="element()*">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="root($doc)//tei:text//*[
        (exists(parent::*[tk:is-container(.)]) and not(self::tei:pb | self::tei:milestone | self::tei:lb | self::tei:anchor
          | self::tei:cb | self::tei:note | self::tei:listBibl | self::tei:listPerson | self::tei:listPlace
          | self::tei:listOrg) and not(tk:is-container(.)) and not(ancestor::*[tk:is-entry(.)]))
        or self::tei:note[tk:is-endnote(.) or tk:is-detached-note(.)]]"/>
  </xsl:function>

  <xsl:template name="tk:search-index">
    <xsl:variable name="records" as="array(xs:string)*">
      <xsl:for-each select="tk:search-units($tk:root)">
        <xsl:variable name="words" as="xs:string">
          <xsl:choose>
            <!-- text alone has nothing to leave out (most passages of a novel) -->
            <xsl:when test="empty(*) and (self::tei:p or self::tei:ab or self::tei:note)">
              <xsl:sequence select="normalize-space(.)"/>
            </xsl:when>
            <xsl:otherwise>
              <xsl:variable name="text" as="xs:string">
                <xsl:value-of separator="">
                  <xsl:choose>
                    <xsl:when test="self::tei:note"><xsl:apply-templates mode="tk:plain"/></xsl:when>
                    <xsl:otherwise><xsl:apply-templates select="." mode="tk:plain"/></xsl:otherwise>
                  </xsl:choose>
                </xsl:value-of>
              </xsl:variable>
              <xsl:sequence select="normalize-space($text)"/>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:variable name="target" select="if (self::tei:head) then .. else ."/>
        <xsl:if test="$words">
          <xsl:sequence select="[tk:passage-href(tk:id($target)), tk:passage-label($target), $words]"/>
        </xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <!-- JSON straight from the serialiser: serialize() into a string written out again as
         text took twice as long. The builder makes it search-index.js (the page loads a
         script: a JSON file cannot be read from a page opened from disk). -->
    <xsl:result-document href="search-index.json" method="json" indent="no" encoding="UTF-8">
      <xsl:sequence select="array{$records}"/>
    </xsl:result-document>
  </xsl:template>

  <!-- Plain text as read: notes and the reading not chosen left out, breaks as spaces. -->
  <xsl:template match="tei:note | tei:teiHeader | tei:standOff | tei:figDesc[not(normalize-space())]" mode="tk:plain"/>
  <xsl:template match="tei:choice/*[tk:hidden-reading(.)]" mode="tk:plain" priority="2"/>
  <xsl:template match="tei:lb | tei:pb | tei:l | tei:p | tei:item | tei:head | tei:cell" mode="tk:plain">
    <xsl:text> </xsl:text>
    <xsl:apply-templates mode="tk:plain"/>
    <xsl:text> </xsl:text>
  </xsl:template>
  <xsl:template match="tei:gap" mode="tk:plain"><xsl:text> […] </xsl:text></xsl:template>
  <xsl:template match="*" mode="tk:plain"><xsl:apply-templates mode="tk:plain"/></xsl:template>
  <xsl:template match="text()" mode="tk:plain"><xsl:value-of select="."/></xsl:template>

  <xsl:template name="tk:search-page">
    <h1><xsl:value-of select="tk:label('page.search')"/></h1>
    <form class="search" id="search-form" role="search" action="#" aria-label="{tk:label('search.form')}">
      <label for="search-q"><xsl:value-of select="tk:label('search.label')"/></label>
      <div class="search-row">
        <input type="search" id="search-q" name="q" autocomplete="off" spellcheck="false"/>
        <button type="submit"><xsl:value-of select="tk:label('search.button')"/></button>
      </div>
    </form>
    <p class="search-help"><xsl:value-of select="tk:label('search.help')"/></p>
    <p id="search-status" class="search-status" role="status" aria-live="polite"></p>
    <ol id="search-results" class="search-results"></ol>
    <noscript>
      <p><a href="{tk:page-href('text')}"><xsl:value-of select="tk:label('search.noscript')"/></a></p>
    </noscript>
  </xsl:template>

</xsl:stylesheet>
