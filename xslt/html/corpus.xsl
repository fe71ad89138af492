<?xml version="1.0" encoding="UTF-8"?>
<!--
  The index page of a corpus build. Input: the manifest toolkit/corpus.py writes,
    <corpus><doc stem="" title="" subtitle="" authors="" date="" error="">
      <link format="html" href="…"/> …</doc> …</corpus>
  Output: index.html listing every document with links to each of its formats.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tk="urn:teikit"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:import href="../common/common.xsl"/>

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no" include-content-type="no"/>

  <!-- The page title. -->
  <xsl:param name="title" as="xs:string" select="tk:label('corpus.title')"/>

  <xsl:variable name="labels" select="map{'html': 'HTML', 'epub': 'EPUB', 'text': tk:label('format.text'), 'text-clean': tk:label('format.text-clean')}"/>

  <xsl:template match="/corpus">
    <html lang="{$tk:ui-lang}" dir="{$tk:ui-dir}">
      <head>
        <meta charset="utf-8"/>
        <meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'none'; style-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="$title"/></title>
        <link rel="stylesheet" href="corpus.css"/>
      </head>
      <body>
        <main>
          <h1><xsl:value-of select="$title"/></h1>
          <p><xsl:value-of select="string-join((tk:label-n('corpus.count', count(doc), ()),
            if (doc[@error]) then tk:label('corpus.failed', count(doc[@error])) else ()), ', ') || '.'"/></p>
          <table>
            <thead>
              <tr>
                <xsl:for-each select="'title', 'author', 'date', 'editions'">
                  <th scope="col"><xsl:value-of select="tk:label('corpus.col.' || .)"/></th>
                </xsl:for-each>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="doc">
                <tr>
                  <td><xsl:value-of select="(@title[. ne ''], @stem)[1]"/>
                    <xsl:if test="@subtitle ne ''"><br/><small><xsl:value-of select="@subtitle"/></small></xsl:if></td>
                  <td><xsl:value-of select="@authors"/></td>
                  <td><xsl:value-of select="@date"/></td>
                  <td>
                    <xsl:choose>
                      <xsl:when test="@error"><xsl:value-of select="tk:label('corpus.not-built', string(@error))"/></xsl:when>
                      <xsl:otherwise>
                        <xsl:for-each select="link">
                          <xsl:if test="position() gt 1"><xsl:text> · </xsl:text></xsl:if>
                          <a href="{tk:safe-url(@href)}"><xsl:value-of select="($labels(@format), @format)[1]"/></a>
                        </xsl:for-each>
                      </xsl:otherwise>
                    </xsl:choose>
                  </td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </main>
      </body>
    </html>
  </xsl:template>

</xsl:stylesheet>
