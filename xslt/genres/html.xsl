<?xml version="1.0" encoding="UTF-8"?>
<!--
  Edition genres in the HTML edition (included by xslt/html/html.xsl): each genre's HTML
  templates, and the hooks the page frame calls. Genre templates match with priority 5 or
  more, above the general text templates of xslt/html/text.xsl.

  Hooks (named templates called by the HTML stylesheets):
    tk:genre-head        links in <head>: genres.css and genres.js when the document has
                         genre markup, rendition.css when it declares renditions
    tk:genre-files       files written beside the pages (rendition.css)
    tk:genre-tools       controls in the tools bar (the witness switch)
    tk:genre-front       sections before a text's front matter (page images, a letter's head)
    tk:genre-textless    the text page of a document without a text element (a sourceDoc)
    tk:genre-back        sections after a text's back matter (witnesses, apparatus)
    tk:genre-page        the content of a page a genre adds ($tk:genre-pages, titled by
                         titled by the label page.KEY): speakers.html, headwords.html
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:include href="apparatus-html.xsl"/>
  <xsl:include href="leiden-html.xsl"/>
  <xsl:include href="verse-html.xsl"/>
  <xsl:include href="drama-html.xsl"/>
  <xsl:include href="dictionary-html.xsl"/>
  <xsl:include href="letters-html.xsl"/>
  <xsl:include href="facsimile-html.xsl"/>
  <xsl:include href="rendition-html.xsl"/>

  <!-- Pages a genre adds, by key (in the navigation before Search). -->
  <xsl:variable name="tk:genre-pages" as="xs:string*"
    select="(if (count($tk:speakers) ge 2) then 'speakers' else (),
             if (count($tk:entries) ge 2) then 'headwords' else ())"/>

  <xsl:template name="tk:genre-page">
    <xsl:param name="page" as="xs:string"/>
    <xsl:choose>
      <xsl:when test="$page = 'speakers'"><xsl:call-template name="tk:speakers-page"/></xsl:when>
      <xsl:when test="$page = 'headwords'"><xsl:call-template name="tk:headwords-page"/></xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- Whether the pages need the genres' style sheet and script. -->
  <xsl:variable name="tk:genre-assets" as="xs:boolean"
    select="exists($tk:apps) or $tk:diplomatic or exists($tk:line-marks?*) or exists($tk:speeches)
      or tk:has(('castList', 'correspDesc', 'opener', 'closer', 'postscript')) or exists($tk:entries)
      or exists($tk:surfaces[tk:shows(.)]) or exists(key('tk:break-no', 'no', $tk:source))"/>

  <xsl:template name="tk:genre-head">
    <xsl:if test="$tk:genre-assets">
      <link rel="stylesheet" href="{$assets}/genres.css"/>
      <script src="{$assets}/genres.js" defer="defer"></script>
    </xsl:if>
    <xsl:if test="$tk:rendition-css ne ''">
      <link rel="stylesheet" href="rendition.css"/>
    </xsl:if>
  </xsl:template>

  <!-- Files a genre writes beside the pages: the generated rendition.css. -->
  <xsl:template name="tk:genre-files">
    <xsl:call-template name="tk:rendition-stylesheet"/>
  </xsl:template>

  <xsl:template name="tk:genre-tools">
    <xsl:call-template name="tk:witness-switch"/>
  </xsl:template>

  <xsl:function name="tk:has-genre-tools" as="xs:boolean">
    <xsl:sequence select="exists($tk:witnesses) and exists($tk:apps[not(tk:is-external-app(.))])"/>
  </xsl:function>

  <xsl:template name="tk:genre-front">
    <xsl:call-template name="tk:facs-panel"/>
    <xsl:call-template name="tk:letter-head"/>
  </xsl:template>

  <!-- A document with no text element (a sourceDoc alone): its title and page images. -->
  <xsl:template name="tk:genre-textless">
    <article class="text">
      <header class="doc-header"><h1><xsl:value-of select="tk:title(.)"/></h1></header>
      <xsl:call-template name="tk:facs-panel"/>
    </article>
  </xsl:template>

  <xsl:template name="tk:genre-back">
    <xsl:call-template name="tk:apparatus-sections"/>
  </xsl:template>

</xsl:stylesheet>
