<?xml version="1.0" encoding="UTF-8"?>
<!--
  Edition genres in the EPUB (included by xslt/epub/epub.xsl, which imports the HTML
  stylesheet and so the genres' HTML templates): what an e-book does differently (one
  reading, no switches, apparatus as endnotes), and the hooks the EPUB stylesheet calls:
    $tk:genre-documents   content documents added after the notes (maps as in
                          $tk:documents: file, kind, matter, label, title, content)
    $tk:genre-files       other files of the publication made here, as maps of path (under
                          EPUB/), text and media-type: the genres' style sheet
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:include href="apparatus-epub.xsl"/>
  <xsl:include href="leiden-epub.xsl"/>
  <xsl:include href="drama-epub.xsl"/>
  <xsl:include href="dictionary-epub.xsl"/>
  <xsl:include href="facsimile-epub.xsl"/>

  <xsl:variable name="tk:genre-documents" as="map(*)*" select="$tk:apparatus-document, $tk:speakers-document, $tk:headwords-document,
    $tk:facsimile-document"/>

  <!-- Whether the publication holds images (its accessibility metadata says so). -->
  <xsl:variable name="tk:genre-images" as="xs:boolean" select="exists($tk:local-images?*)"/>

  <xsl:variable name="tk:genre-files" as="map(*)*">
    <xsl:if test="$tk:genre-assets">
      <xsl:sequence select="map{'path': 'css/genres.css', 'media-type': 'text/css',
        'text': unparsed-text(resolve-uri('assets/genres-epub.css', static-base-uri()), 'UTF-8')}"/>
    </xsl:if>
    <xsl:if test="$tk:rendition-css ne ''">
      <xsl:sequence select="map{'path': 'css/rendition.css', 'media-type': 'text/css', 'text': $tk:rendition-css}"/>
    </xsl:if>
  </xsl:variable>

  <!-- What a genre adds to the title page made from the header: a letter's head. -->
  <xsl:template name="tk:genre-title-page">
    <xsl:for-each select="$tk:texts[1]"><xsl:call-template name="tk:letter-head"/></xsl:for-each>
  </xsl:template>

  <!-- Style sheets among the genre files, linked from every content document. -->
  <xsl:template name="tk:genre-epub-head">
    <xsl:for-each select="$tk:genre-files[?media-type eq 'text/css']">
      <link rel="stylesheet" type="text/css" href="{?path}"/>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>
