<?xml version="1.0" encoding="UTF-8"?>
<!--
  TEI to the files of an EPUB 3 publication. Entry stylesheet for `teikit build` (format epub).
  Imports the HTML stylesheet and overrides only what an e-reader needs: XHTML serialisation,
  endnote semantics, the package document and the navigation document. The Python builder
  zips what this writes (mimetype and container first, fixed order and times).

  Results, relative to the base output URI (the EPUB's root folder):
    main result      EPUB/text.xhtml  the content document
    EPUB/nav.xhtml   the navigation document
    EPUB/package.opf the package document
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  xmlns:epub="http://www.idpf.org/2007/ops"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:import href="../html/html.xsl"/>

  <xsl:output method="xhtml" html-version="5" encoding="UTF-8" indent="no" omit-xml-declaration="no"
    include-content-type="no"/>

  <!-- dcterms:modified, as an xs:dateTime in UTC with a Z (the builder derives it from
       SOURCE_DATE_EPOCH or the edition's date, never from the clock). -->
  <xsl:param name="modified" as="xs:string" select="'2000-01-01T00:00:00Z'"/>
  <!-- The publication's unique identifier (the builder derives it from the document). -->
  <xsl:param name="identifier" as="xs:string" select="'urn:teikit:unknown'"/>

  <xsl:param name="assets" as="xs:string" select="'css'"/>

  <xsl:template match="/">
    <xsl:call-template name="tk:report-unknown"/>
    <xsl:result-document href="EPUB/nav.xhtml" method="xhtml" html-version="5" omit-xml-declaration="no">
      <xsl:call-template name="tk:nav"/>
    </xsl:result-document>
    <xsl:result-document href="EPUB/package.opf" method="xml" indent="yes">
      <xsl:call-template name="tk:opf"/>
    </xsl:result-document>
    <xsl:call-template name="tk:xhtml-page">
      <xsl:with-param name="title" select="tk:title(.)"/>
      <xsl:with-param name="content">
        <xsl:apply-templates select="/tei:TEI/tei:text | /tei:teiCorpus/tei:TEI/tei:text"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="tk:xhtml-page">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="content"/>
    <html xml:lang="{tk:language(.)}" lang="{tk:language(.)}">
      <head>
        <meta charset="utf-8"/>
        <title><xsl:value-of select="$title"/></title>
        <link rel="stylesheet" type="text/css" href="{$assets}/epub.css"/>
      </head>
      <body>
        <xsl:copy-of select="$content"/>
      </body>
    </html>
  </xsl:template>

  <!-- No in-text table of contents: the reading system shows nav.xhtml. -->
  <xsl:template name="tk:toc"/>

  <xsl:template match="tei:note">
    <xsl:variable name="n" select="tk:note-number(.)"/>
    <sup><a epub:type="noteref" role="doc-noteref" href="#{tk:id(.)}" id="ref-{tk:id(.)}"><xsl:value-of select="$n"/></a></sup>
  </xsl:template>

  <xsl:template name="tk:endnotes">
    <xsl:variable name="notes" select=".//tei:note[not(ancestor::tei:note)]"/>
    <xsl:if test="$notes">
      <section epub:type="endnotes" role="doc-endnotes" aria-labelledby="notes-title">
        <h2 id="notes-title">Notes</h2>
        <ol class="notes">
          <xsl:for-each select="$notes">
            <li id="{tk:id(.)}" epub:type="endnote" role="doc-endnote">
              <p>
                <xsl:apply-templates mode="note-body"/>
                <xsl:text> </xsl:text>
                <a role="doc-backlink" href="#ref-{tk:id(.)}">↩ <xsl:value-of select="tk:note-number(.)"/></a>
              </p>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template name="tk:nav">
    <html xml:lang="{tk:language(.)}" lang="{tk:language(.)}">
      <head>
        <meta charset="utf-8"/>
        <title><xsl:value-of select="tk:title(.)"/></title>
      </head>
      <body>
        <nav epub:type="toc" id="toc" role="doc-toc">
          <h1>Contents</h1>
          <ol>
            <li><a href="text.xhtml"><xsl:value-of select="tk:title(.)"/></a>
              <xsl:variable name="divs" select="tk:toc-divs((/tei:TEI/tei:text/tei:body, /tei:teiCorpus/tei:TEI/tei:text/tei:body)[1])"/>
              <xsl:if test="$divs">
                <xsl:call-template name="tk:nav-list"><xsl:with-param name="divs" select="$divs"/></xsl:call-template>
              </xsl:if>
            </li>
          </ol>
        </nav>
        <nav epub:type="landmarks" id="landmarks" hidden="hidden">
          <h2>Landmarks</h2>
          <ol>
            <li><a epub:type="bodymatter" href="text.xhtml">Text</a></li>
          </ol>
        </nav>
      </body>
    </html>
  </xsl:template>

  <xsl:template name="tk:nav-list">
    <xsl:param name="divs" as="element()*"/>
    <ol>
      <xsl:for-each select="$divs">
        <li>
          <a href="text.xhtml#{tk:id(.)}"><xsl:value-of select="tk:head-text(.)"/></a>
          <xsl:if test="tk:toc-divs(.)">
            <xsl:call-template name="tk:nav-list"><xsl:with-param name="divs" select="tk:toc-divs(.)"/></xsl:call-template>
          </xsl:if>
        </li>
      </xsl:for-each>
    </ol>
  </xsl:template>

  <xsl:template name="tk:opf">
    <package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id" xml:lang="{tk:language(.)}">
      <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
        <dc:identifier id="pub-id"><xsl:value-of select="$identifier"/></dc:identifier>
        <dc:title id="title"><xsl:value-of select="tk:title(.)"/></dc:title>
        <xsl:for-each select="tk:authors(.)">
          <dc:creator id="creator{position()}"><xsl:value-of select="."/></dc:creator>
        </xsl:for-each>
        <dc:language><xsl:value-of select="tk:language(.)"/></dc:language>
        <meta property="dcterms:modified"><xsl:value-of select="$modified"/></meta>
      </metadata>
      <manifest>
        <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
        <item id="text" href="text.xhtml" media-type="application/xhtml+xml"/>
        <item id="css" href="css/epub.css" media-type="text/css"/>
      </manifest>
      <spine>
        <itemref idref="text"/>
      </spine>
    </package>
  </xsl:template>

</xsl:stylesheet>
