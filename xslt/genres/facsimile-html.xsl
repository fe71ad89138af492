<?xml version="1.0" encoding="UTF-8"?>
<!--
  Facsimiles in the HTML edition (shared part: facsimile.xsl). The page images stand in a
  panel beside the text on a wide screen (fixed at the right, scrolled by genres.js to the
  page being read) and folded above it on a phone (a details element, open without
  scripts). Each local image is drawn in an SVG whose coordinates are its surface's, with
  its zones as shapes over it: a zone lights up while the pointer or the focus is on the
  text that points at it (@facs), and links to that text. A page break with @facs is a link
  to its page's image. Web images are linked, never loaded (the pages load nothing from
  elsewhere): an IIIF image's service and a manifest are named as such. A sourceDoc's
  transcription stands under its page's image, line by line.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  xmlns="http://www.w3.org/1999/xhtml"
  xmlns:svg="http://www.w3.org/2000/svg"
  exclude-result-prefixes="#all">

  <xsl:template name="tk:facs-panel">
    <xsl:variable name="shown" select="$tk:surfaces[tk:shows(.)]"/>
    <xsl:if test="exists($shown) and (empty($tk:texts) or . is $tk:texts[1])">
      <details class="facs-panel" open="open" id="facsimiles">
        <summary><xsl:value-of select="concat('Page images (', count($shown), ')')"/></summary>
        <xsl:for-each select="$shown">
          <xsl:call-template name="tk:surface-figure"/>
        </xsl:for-each>
        <xsl:for-each select="($tk:source//tei:facsimile/@sameAs, $tk:source//tei:facsimile/@source)[tk:remote-kind(.) = 'iiif-manifest'][1]">
          <p class="iiif-manifest">IIIF manifest of the source: <a class="external" href="{tk:safe-url(.)}"><xsl:value-of select="."/></a></p>
        </xsl:for-each>
      </details>
    </xsl:if>
  </xsl:template>

  <xsl:template name="tk:surface-figure">
    <xsl:variable name="g" select="tk:surface-graphic(.)"/>
    <xsl:variable name="url" select="normalize-space($g/@url)"/>
    <xsl:variable name="path" select="tk:image-path($url)"/>
    <xsl:variable name="box" select="tk:surface-box(.)"/>
    <xsl:variable name="label" select="tk:surface-label(.)"/>
    <figure class="surface" id="{tk:facs-id(.)}">
      <xsl:if test="exists($path) and exists($box)">
        <!-- a group (its zones are links), the image itself labelled -->
        <svg:svg viewBox="{string-join($box ! string(.), ' ')}" role="group" aria-label="{$label}">
          <svg:image href="{$path}" x="{$box[1]}" y="{$box[2]}" width="{$box[3]}" height="{$box[4]}" preserveAspectRatio="none"
            role="img" aria-label="{$label}: image of the source"/>
          <xsl:for-each select=".//tei:zone">
            <xsl:call-template name="tk:zone-shape"/>
          </xsl:for-each>
        </svg:svg>
      </xsl:if>
      <xsl:if test="exists($path) and empty($box)">
        <img src="{$path}" alt="{$label}: image of the source"/>
      </xsl:if>
      <xsl:if test="ancestor::tei:sourceDoc and .//tei:line">
        <div class="sourceDoc">
          <xsl:for-each select=".//tei:line">
            <span class="line" id="{tk:id(.)}">
              <xsl:if test="ancestor::tei:zone"><xsl:attribute name="data-facs" select="tk:facs-id(ancestor::tei:zone[1])"/></xsl:if>
              <xsl:apply-templates/>
            </span>
          </xsl:for-each>
        </div>
      </xsl:if>
      <figcaption>
        <xsl:value-of select="$label"/>
        <xsl:for-each select="$g/tei:desc[normalize-space()][1]">
          <xsl:text> · </xsl:text><span class="desc"><xsl:value-of select="normalize-space(.)"/></span>
        </xsl:for-each>
        <xsl:choose>
          <xsl:when test="exists($path)">
            <xsl:text> · </xsl:text><a href="{$path}">full size</a>
          </xsl:when>
          <xsl:when test="exists(tk:remote-kind($url))">
            <xsl:variable name="service" select="tk:iiif-service($url)"/>
            <xsl:text> · image on the web (not loaded here): </xsl:text>
            <a class="external" href="{tk:safe-url($url)}"><xsl:value-of select="if (exists($service)) then 'IIIF image' else 'image'"/></a>
            <xsl:if test="exists($service)">
              <xsl:text>, </xsl:text><a class="external" href="{$service}/info.json">IIIF image service</a>
            </xsl:if>
          </xsl:when>
        </xsl:choose>
      </figcaption>
    </figure>
  </xsl:template>

  <!-- A zone over its image: a link to the text that points at it, when there is one. -->
  <xsl:template name="tk:zone-shape">
    <xsl:variable name="box" select="tk:box(.)"/>
    <xsl:variable name="points" select="tk:points(.)"/>
    <xsl:variable name="text" select="(key('tk:by-facs', string(@xml:id), $tk:source), .//tei:line)[1]"/>
    <xsl:variable name="shape" as="element()?">
      <xsl:choose>
        <xsl:when test="exists($box)">
          <svg:rect class="zone" id="{tk:facs-id(.)}" x="{$box[1]}" y="{$box[2]}" width="{$box[3]}" height="{$box[4]}"/>
        </xsl:when>
        <xsl:when test="exists($points)">
          <svg:polygon class="zone" id="{tk:facs-id(.)}" points="{$points}"/>
        </xsl:when>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="exists($shape) and exists($text)">
        <svg:a href="#{tk:id($text)}" aria-label="{concat('Go to the text: ', substring(normalize-space(string-join($text//text(), '')), 1, 60))}">
          <xsl:for-each select="$shape">
            <xsl:copy>
              <xsl:copy-of select="@*"/>
              <xsl:attribute name="data-text" select="tk:id($text)"/>
            </xsl:copy>
          </xsl:for-each>
        </svg:a>
      </xsl:when>
      <xsl:otherwise><xsl:sequence select="$shape"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A page break with an image: the page number is a link to it. -->
  <xsl:template match="tei:pb[exists(tk:facs-surface(.)[tk:shows(.)])]" priority="5">
    <xsl:variable name="surface" select="tk:facs-surface(.)"/>
    <a class="pb pb-facs" href="#{tk:facs-id($surface)}" data-surface="{tk:facs-id($surface)}">
      <xsl:call-template name="tk:attrs"/>
      <span class="visually-hidden">page </span>
      <xsl:value-of select="if (normalize-space(@n)) then concat('[', normalize-space(@n), ']') else '[image]'"/>
    </a>
  </xsl:template>

  <!-- An element of the text drawn from a zone: as it would be, with the zone it shows
       (data-facs) and an id for the zone's link back. -->
  <xsl:template match="tei:*[@facs][not(self::tei:pb or self::tei:surface or self::tei:zone or self::tei:graphic)]" priority="8">
    <xsl:variable name="zones" select="tk:facs-targets(.)[self::tei:zone or self::tei:surface]"/>
    <xsl:choose>
      <xsl:when test="empty($zones) or ancestor::tei:note or ancestor::tei:teiHeader">
        <xsl:next-match/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="self" select="."/>
        <xsl:variable name="out" as="node()*"><xsl:next-match/></xsl:variable>
        <xsl:variable name="first" select="$out[self::*][not(self::*:br)][1]"/>
        <xsl:for-each select="$out">
          <xsl:choose>
            <xsl:when test=". is $first">
              <xsl:copy>
                <xsl:copy-of select="@*"/>
                <xsl:if test="not(@id)"><xsl:attribute name="id" select="tk:id($self)"/></xsl:if>
                <xsl:attribute name="data-facs" select="string-join($zones ! tk:facs-id(.), ' ')"/>
                <xsl:copy-of select="node()"/>
              </xsl:copy>
            </xsl:when>
            <xsl:otherwise><xsl:sequence select="."/></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
