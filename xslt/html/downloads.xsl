<?xml version="1.0" encoding="UTF-8"?>
<!--
  The "Data and downloads" page (downloads.html): every file of the edition a reader can take
  away, by kind (the other editions, the TEI source, the data exports, the citation), with its
  format and size. Included by html.xsl.

  The files of the other formats are built in parallel with this page, so the builder passes
  what it will put under downloads/ (parameter downloads) and the build command, once all
  formats are built, copies them there and writes each size into its place (toolkit/
  downloads.py, which reads data-decimal and data-units for the language's number format).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <!-- The files to offer, one a line: "path TAB group", the path relative to the page
       (downloads/chimes-at-midnight.epub), the group editions, source or data. -->
  <xsl:param name="downloads" as="xs:string" select="''"/>

  <xsl:function name="tk:download-kind" as="xs:string">
    <xsl:param name="path" as="xs:string"/>
    <xsl:sequence select="if (ends-with($path, '.clean.txt')) then 'clean'
      else if (ends-with($path, '.geojson')) then 'geojson'
      else if (ends-with($path, '.jsonld')) then 'jsonld'
      else replace($path, '^.*\.', '')"/>
  </xsl:function>

  <xsl:template name="tk:downloads-page">
    <xsl:variable name="rows" select="tokenize($downloads, '&#10;')[contains(., '&#9;')]"/>
    <h1><xsl:value-of select="tk:label('page.downloads')"/></h1>
    <p class="lede"><xsl:value-of select="tk:label('dl.lede')"/></p>
    <div class="table-wrap">
      <table class="downloads" data-decimal="{tk:label('number.decimal')}" data-units="{tk:label('size.units')}">
        <thead><tr>
          <th scope="col"><xsl:value-of select="tk:label('dl.col.format')"/></th>
          <th scope="col"><xsl:value-of select="tk:label('dl.col.file')"/></th>
          <th scope="col"><xsl:value-of select="tk:label('dl.col.size')"/></th>
        </tr></thead>
        <xsl:for-each select="'editions', 'source', 'data'">
          <xsl:variable name="group" select="."/>
          <xsl:variable name="files" select="$rows[substring-after(., '&#9;') = $group] ! substring-before(., '&#9;')"/>
          <xsl:if test="exists($files)">
            <tbody>
              <tr><th scope="rowgroup" colspan="3"><xsl:value-of select="tk:label('dl.' || $group)"/></th></tr>
              <xsl:for-each select="$files">
                <xsl:call-template name="tk:download-row">
                  <xsl:with-param name="path" select="."/>
                  <xsl:with-param name="kind" select="tk:download-kind(.)"/>
                </xsl:call-template>
              </xsl:for-each>
            </tbody>
          </xsl:if>
        </xsl:for-each>
        <tbody>
          <tr><th scope="rowgroup" colspan="3"><xsl:value-of select="tk:label('dl.citation')"/></th></tr>
          <xsl:for-each select="('citation.bib', 'cite-bib'), ('citation.ris', 'ris'), ('citation.json', 'cite-json'), ('edition.jsonld', 'cite-jsonld')">
            <xsl:if test="position() mod 2 = 1">
              <xsl:call-template name="tk:download-row">
                <xsl:with-param name="path" select="."/>
                <xsl:with-param name="kind" select="subsequence(('cite-bib', 'ris', 'cite-json', 'cite-jsonld'), (position() + 1) idiv 2, 1)"/>
              </xsl:call-template>
            </xsl:if>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
  </xsl:template>

  <xsl:template name="tk:download-row">
    <xsl:param name="path" as="xs:string"/>
    <xsl:param name="kind" as="xs:string"/>
    <tr>
      <td><xsl:value-of select="tk:label('dl.kind.' || $kind)"/></td>
      <td><a href="{$path}" download=""><xsl:value-of select="replace($path, '^.*/', '')"/></a></td>
      <td><span class="size" data-file="{$path}">—</span></td>
    </tr>
  </xsl:template>

</xsl:stylesheet>
