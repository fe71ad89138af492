<?xml version="1.0" encoding="UTF-8"?>
<!--
  A document's catalogue data as JSON (title, subtitle, authors, date, language), for corpus
  index pages and build summaries. Entry stylesheet used by toolkit/corpus.py.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  exclude-result-prefixes="#all">

  <xsl:import href="common.xsl"/>

  <xsl:output method="json" indent="no"/>

  <xsl:template match="/">
    <xsl:variable name="header" select="/*/tei:teiHeader"/>
    <xsl:variable name="date" select="($header/tei:profileDesc/tei:creation//tei:date,
      $header/tei:fileDesc/tei:sourceDesc//tei:date, $header/tei:fileDesc/tei:publicationStmt/tei:date)[1]"/>
    <xsl:sequence select="map {
      'title': tk:title(.),
      'subtitle': string(tk:subtitle(.)),
      'authors': string-join(tk:authors(.), '; '),
      'date': if ($date) then string(($date/@when, $date/@from, $date/@notBefore, normalize-space($date))[1]) else '',
      'language': tk:language(.)
    }"/>
  </xsl:template>

</xsl:stylesheet>
