<?xml version="1.0" encoding="UTF-8"?>
<!--
  Critical apparatus in the EPUB (the HTML edition's entries: apparatus-html.xsl). The text
  holds the base reading and a note reference (epub:type noteref) to the entry; the entries
  are endnotes in apparatus.xhtml, after the witnesses, each with a back-link to its
  reference. Entries of an apparatus division stay in the division's own document.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  xmlns:epub="http://www.idpf.org/2007/ops"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:variable name="tk:apparatus-file" as="xs:string" select="'apparatus.xhtml'"/>

  <xsl:function name="tk:app-entry-href" as="xs:string">
    <xsl:param name="app" as="element()"/>
    <xsl:sequence select="concat(if (tk:is-external-app($app)) then tk:chunk-file($app) else $tk:apparatus-file, '#', tk:id($app))"/>
  </xsl:function>

  <xsl:function name="tk:app-ref-href" as="xs:string">
    <xsl:param name="app" as="element()"/>
    <xsl:variable name="at" select="if (tk:is-external-app($app)) then tk:app-end($app) else $app"/>
    <xsl:sequence select="concat(($at ! tk:chunk-file(.), $tk:text-file)[1], '#ref-', tk:id($app))"/>
  </xsl:function>

  <xsl:function name="tk:witness-href" as="xs:string">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="concat($tk:apparatus-file, '#wit-', tk:safe-id($id))"/>
  </xsl:function>

  <!-- In an e-book the text holds the base reading only. -->
  <xsl:template match="tei:app" priority="5">
    <xsl:choose>
      <xsl:when test="tk:is-external-app(.)"/>
      <xsl:otherwise>
        <xsl:apply-templates select="tk:base-reading(.)/node()"/>
        <xsl:call-template name="tk:app-marker"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="tk:app-marker">
    <xsl:param name="app" as="element()" select="."/>
    <xsl:variable name="n" select="tk:app-number($app)"/>
    <sup class="app-ref"><a epub:type="noteref" role="doc-noteref" href="{tk:app-entry-href($app)}"
      id="ref-{tk:id($app)}" aria-label="Variant {$n}"><xsl:value-of select="$n"/></a></sup>
  </xsl:template>

  <!-- apparatus.xhtml: the witnesses and the entries of the text. -->
  <xsl:variable name="tk:apparatus-document" as="map(*)?">
    <xsl:variable name="entries" select="$tk:apps[not(tk:is-external-app(.))]"/>
    <xsl:if test="exists($entries) or (exists($tk:apps) and exists($tk:witnesses))">
      <xsl:variable name="content" as="element()">
        <section epub:type="endnotes" role="doc-endnotes" aria-labelledby="apparatus-title" class="apparatus">
          <h1 id="apparatus-title">Apparatus</h1>
          <xsl:if test="exists($tk:witnesses)">
            <section class="witnesses" aria-labelledby="witnesses-title">
              <h2 id="witnesses-title">Witnesses</h2>
              <xsl:apply-templates select="($tk:source//tei:listWit)[1]" mode="tk:witness-list"/>
            </section>
          </xsl:if>
          <xsl:if test="exists($entries)">
            <ol class="apparatus">
              <xsl:for-each select="$entries"><xsl:call-template name="tk:app-entry"/></xsl:for-each>
            </ol>
          </xsl:if>
        </section>
      </xsl:variable>
      <xsl:sequence select="map {'file': $tk:apparatus-file, 'kind': 'apparatus', 'matter': 'backmatter',
        'label': 'Apparatus', 'title': 'Apparatus', 'content': $content}"/>
    </xsl:if>
  </xsl:variable>

</xsl:stylesheet>
