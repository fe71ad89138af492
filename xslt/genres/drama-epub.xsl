<?xml version="1.0" encoding="UTF-8"?>
<!--
  Drama in the EPUB: the speaker index as an appendix, speakers.xhtml, each speaker with
  links to the scenes they speak in (the HTML edition's speakers.html, drama-html.xsl).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  xmlns:epub="http://www.idpf.org/2007/ops"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:variable name="tk:speakers-document" as="map(*)?">
    <xsl:if test="count($tk:speakers) ge 2">
      <xsl:variable name="content" as="element()">
        <section epub:type="index" role="doc-index" aria-labelledby="speakers-title">
          <xsl:variable name="page" as="node()*"><xsl:call-template name="tk:speakers-page"/></xsl:variable>
          <h1 id="speakers-title"><xsl:value-of select="$page/self::*:h1"/></h1>
          <xsl:sequence select="$page[not(self::*:h1)]"/>
        </section>
      </xsl:variable>
      <xsl:sequence select="map {'file': 'speakers.xhtml', 'kind': 'index', 'matter': 'backmatter',
        'label': 'Speakers', 'title': 'Speakers', 'content': $content}"/>
    </xsl:if>
  </xsl:variable>

</xsl:stylesheet>
