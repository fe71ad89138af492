<?xml version="1.0" encoding="UTF-8"?>
<!--
  Facsimiles in the EPUB (shared part: facsimile.xsl): the local page images, the builder
  having put them in the publication (EPUB/images/), as an appendix facsimile.xhtml, one
  figure a page with its sourceDoc transcription; a page break with an image links to it.
  Web images are named and linked, not included.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  xmlns:epub="http://www.idpf.org/2007/ops"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:variable name="tk:facsimile-file" as="xs:string" select="'facsimile.xhtml'"/>

  <!-- Surfaces the appendix shows: with a local image, or a transcription. -->
  <xsl:variable name="tk:shown-surfaces" as="element()*"
    select="$tk:surfaces[exists(tk:image-path(tk:surface-graphic(.)/@url)) or .//tei:line]"/>
  <!-- (web images are not part of an e-book: linked from the HTML edition only) -->

  <xsl:variable name="tk:facsimile-document" as="map(*)?">
    <xsl:if test="exists($tk:shown-surfaces)">
      <xsl:variable name="content" as="element()">
        <section class="facsimiles" aria-labelledby="facsimile-title">
          <h1 id="facsimile-title">Page images</h1>
          <xsl:for-each select="$tk:shown-surfaces">
            <xsl:variable name="path" select="tk:image-path(tk:surface-graphic(.)/@url)"/>
            <figure class="surface" id="{tk:facs-id(.)}">
              <xsl:if test="exists($path)"><img src="{$path}" alt="{tk:surface-label(.)}: image of the source"/></xsl:if>
              <xsl:if test=".//tei:line">
                <div class="sourceDoc">
                  <xsl:for-each select=".//tei:line">
                    <span class="line l"><xsl:apply-templates/></span>
                  </xsl:for-each>
                </div>
              </xsl:if>
              <figcaption><xsl:value-of select="tk:surface-label(.)"/></figcaption>
            </figure>
          </xsl:for-each>
        </section>
      </xsl:variable>
      <xsl:sequence select="map {'file': $tk:facsimile-file, 'kind': 'facsimile', 'matter': 'backmatter',
        'label': 'Page images', 'title': 'Page images', 'content': $content}"/>
    </xsl:if>
  </xsl:variable>

  <!-- A page break with an image in the appendix: the page-break marker, and a link. -->
  <xsl:template match="tei:pb[tk:facs-surface(.) intersect $tk:shown-surfaces]" priority="5">
    <xsl:next-match/>
    <a class="pb-facs" href="{$tk:facsimile-file}#{tk:facs-id(tk:facs-surface(.))}">(page image)</a>
  </xsl:template>

</xsl:stylesheet>
