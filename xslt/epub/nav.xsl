<?xml version="1.0" encoding="UTF-8"?>
<!--
  The EPUB navigation document, EPUB/nav.xhtml (included by epub.xsl): a table of contents
  that lists every content document in reading order and, below each, every division it holds
  at any depth; and the landmarks (title page, start of the text, notes, bibliography,
  registers).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  xmlns:epub="http://www.idpf.org/2007/ops"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:template name="tk:nav">
    <html xml:lang="{$tk:lang}" lang="{$tk:lang}">
      <xsl:namespace name="epub" select="'http://www.idpf.org/2007/ops'"/>
      <xsl:if test="$tk:rtl"><xsl:attribute name="dir" select="'rtl'"/></xsl:if>
      <head>
        <meta charset="utf-8"/>
        <title><xsl:value-of select="tk:label('nav.contents')"/></title>
        <link rel="stylesheet" type="text/css" href="{$assets}/epub.css"/>
      </head>
      <body>
        <nav epub:type="toc" id="toc" role="doc-toc" aria-labelledby="toc-title">
          <h1 id="toc-title"><xsl:call-template name="tk:ui-lang-attributes"><xsl:with-param name="region-lang" select="$tk:lang"/></xsl:call-template><xsl:value-of select="tk:label('nav.contents')"/></h1>
          <ol>
            <xsl:for-each select="$tk:documents">
              <li>
                <a href="{?file}"><xsl:value-of select="?label"/></a>
                <xsl:if test="?kind eq 'division'">
                  <xsl:call-template name="tk:nav-list">
                    <xsl:with-param name="divs" select="tk:subdivisions(?root)"/>
                  </xsl:call-template>
                </xsl:if>
              </li>
            </xsl:for-each>
          </ol>
        </nav>
        <xsl:variable name="pages" as="map(*)*" select="tk:page-breaks()"/>
        <xsl:if test="exists($pages)">
          <nav epub:type="page-list" id="page-list" aria-labelledby="page-list-title" hidden="hidden">
            <h2 id="page-list-title"><xsl:call-template name="tk:ui-lang-attributes"><xsl:with-param name="region-lang" select="$tk:lang"/></xsl:call-template><xsl:value-of select="tk:label('epub.pages')"/></h2>
            <ol>
              <xsl:for-each select="$pages">
                <li><a href="{?href}"><xsl:value-of select="?label"/></a></li>
              </xsl:for-each>
            </ol>
          </nav>
        </xsl:if>
        <nav epub:type="landmarks" id="landmarks" aria-labelledby="landmarks-title" hidden="hidden">
          <h2 id="landmarks-title"><xsl:call-template name="tk:ui-lang-attributes"><xsl:with-param name="region-lang" select="$tk:lang"/></xsl:call-template><xsl:value-of select="tk:label('epub.landmarks')"/></h2>
          <ol>
            <xsl:for-each select="tk:landmarks()">
              <li><a epub:type="{?type}" href="{?href}"><xsl:value-of select="?label"/></a></li>
            </xsl:for-each>
          </ol>
        </nav>
      </body>
    </html>
  </xsl:template>

  <xsl:template name="tk:nav-list">
    <xsl:param name="divs" as="element()*"/>
    <xsl:if test="exists($divs)">
      <ol>
        <xsl:for-each select="$divs">
          <li>
            <a href="{tk:chunk-file(.)}#{tk:id(.)}"><xsl:value-of select="tk:nav-label(.)"/></a>
            <xsl:call-template name="tk:nav-list">
              <xsl:with-param name="divs" select="tk:subdivisions(.)"/>
            </xsl:call-template>
          </li>
        </xsl:for-each>
      </ol>
    </xsl:if>
  </xsl:template>

  <!-- The page-break markers of the source as rendered, in reading order: href and label. -->
  <xsl:function name="tk:page-breaks" as="map(*)*">
    <xsl:sequence select="for $d in $tk:documents, $pb in $d?content/descendant-or-self::*[@epub:type = 'pagebreak'][@id]
      return map {'href': concat($d?file, '#', $pb/@id), 'label': string($pb/@aria-label)}"/>
  </xsl:function>

  <!-- The landmarks, as maps of type (EPUB structural semantics), href and label. -->
  <xsl:function name="tk:landmarks" as="map(*)*">
    <xsl:variable name="title" select="$tk:documents[?kind eq 'titlepage'][1]"/>
    <xsl:variable name="body" select="($tk:documents[?matter eq 'bodymatter'], $tk:documents)[1]"/>
    <xsl:variable name="notes" select="($tk:documents[?kind eq 'notes'],
      $tk:documents[?kind eq 'division'][tk:is-notes-division(?root)])[1]"/>
    <xsl:variable name="bibliography" select="($tk:documents[?kind eq 'division']
      [tk:division-semantics(?root)[1] = 'bibliography' or ?root//tei:listBibl],
      $tk:documents[?kind eq 'register'][?register eq 'bibliography'])[1]"/>
    <xsl:sequence select="
      map {'type': 'toc', 'href': 'nav.xhtml#toc', 'label': tk:label('nav.contents')},
      $title ! map {'type': 'titlepage', 'href': ?file, 'label': tk:label('passage.titlepage')},
      $body ! map {'type': 'bodymatter', 'href': ?file, 'label': tk:label('epub.start')},
      $notes ! map {'type': 'endnotes', 'href': ?file, 'label': tk:label('notes.title')},
      $bibliography ! map {'type': 'bibliography', 'href': ?file, 'label': tk:label('page.bibliography')},
      $tk:documents[?kind eq 'register'][?register ne 'bibliography']
        ! map {'type': 'index', 'href': ?file, 'label': tk:label('epub.index', lower-case(?label))}"/>
  </xsl:function>

</xsl:stylesheet>
