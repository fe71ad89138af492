<?xml version="1.0" encoding="UTF-8"?>
<!--
  TEI to an HTML5 reading edition. Entry stylesheet for `teikit build` (format html).
  The main result is index.html; further pages are xsl:result-document relative to it.
  xslt/epub/epub.xsl imports this and overrides what an e-reader needs.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:import href="../common/common.xsl"/>

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no"
    include-content-type="no"/>

  <!-- Path from the pages to the asset folder (css, js), relative. -->
  <xsl:param name="assets" as="xs:string" select="'assets'"/>

  <!-- The Content-Security-Policy of every page: nothing leaves the page's folder. -->
  <xsl:variable name="tk:csp" as="xs:string"
    select="&quot;default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'&quot;"/>

  <xsl:template match="/">
    <xsl:call-template name="tk:report-unknown"/>
    <xsl:call-template name="tk:page">
      <xsl:with-param name="title" select="tk:title(.)"/>
      <xsl:with-param name="content">
        <xsl:apply-templates select="/tei:TEI/tei:text | /tei:teiCorpus/tei:TEI/tei:text"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The page frame shared by every HTML page. -->
  <xsl:template name="tk:page">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="content"/>
    <html lang="{tk:language(.)}">
      <head>
        <meta charset="utf-8"/>
        <meta http-equiv="Content-Security-Policy" content="{$tk:csp}"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="$title"/></title>
        <link rel="stylesheet" href="{$assets}/edition.css"/>
      </head>
      <body>
        <a class="skip" href="#main">Skip to the text</a>
        <main id="main">
          <xsl:copy-of select="$content"/>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="tei:text">
    <article class="text">
      <xsl:if test="not(tei:front/tei:titlePage)">
        <header class="doc-header">
          <h1><xsl:value-of select="tk:title(.)"/></h1>
          <xsl:for-each select="tk:subtitle(.)"><p class="subtitle"><xsl:value-of select="."/></p></xsl:for-each>
          <xsl:for-each select="tk:authors(.)"><p class="author"><xsl:value-of select="."/></p></xsl:for-each>
        </header>
      </xsl:if>
      <xsl:apply-templates select="tei:front"/>
      <xsl:call-template name="tk:toc"/>
      <xsl:apply-templates select="tei:body | tei:group"/>
      <xsl:apply-templates select="tei:back"/>
      <xsl:call-template name="tk:endnotes"/>
    </article>
  </xsl:template>

  <xsl:template name="tk:toc">
    <xsl:variable name="divs" select="tk:toc-divs(tei:body)"/>
    <xsl:if test="count($divs) gt 1 or $divs/tei:div">
      <nav class="toc" aria-labelledby="toc-title">
        <h2 id="toc-title">Contents</h2>
        <xsl:call-template name="tk:toc-list"><xsl:with-param name="divs" select="$divs"/></xsl:call-template>
      </nav>
    </xsl:if>
  </xsl:template>

  <xsl:template name="tk:toc-list">
    <xsl:param name="divs" as="element()*"/>
    <ol>
      <xsl:for-each select="$divs">
        <li>
          <a href="#{tk:id(.)}"><xsl:value-of select="tk:head-text(.)"/></a>
          <xsl:if test="tk:toc-divs(.)">
            <xsl:call-template name="tk:toc-list"><xsl:with-param name="divs" select="tk:toc-divs(.)"/></xsl:call-template>
          </xsl:if>
        </li>
      </xsl:for-each>
    </ol>
  </xsl:template>

  <xsl:template match="tei:front | tei:body | tei:back">
    <div class="{local-name()}">
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5">
    <section id="{tk:id(.)}" class="div {@type}">
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <!-- Heading level follows nesting depth: h2 for top divisions, down to h6. -->
  <xsl:template match="tei:head">
    <xsl:variable name="depth" select="count(ancestor::*[self::tei:div or starts-with(local-name(), 'div') and matches(local-name(), '^div\d$')])"/>
    <xsl:choose>
      <xsl:when test="parent::*[self::tei:div or matches(local-name(), '^div\d$')] and not(preceding-sibling::tei:head)">
        <xsl:element name="h{min((max((1, $depth)) + 1, 6))}">
          <xsl:apply-templates/>
        </xsl:element>
      </xsl:when>
      <xsl:otherwise>
        <p class="head"><xsl:apply-templates/></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:p | tei:ab">
    <p id="{tk:id(.)}"><xsl:apply-templates/></p>
  </xsl:template>

  <!-- A quote or cit standing between paragraphs is a block quotation. -->
  <xsl:template match="tei:quote[not(ancestor::tei:p | ancestor::tei:ab | ancestor::tei:l | ancestor::tei:head | ancestor::tei:item | ancestor::tei:note)] | tei:cit[not(ancestor::tei:p | ancestor::tei:l | ancestor::tei:note)]">
    <blockquote id="{tk:id(.)}">
      <xsl:apply-templates/>
    </blockquote>
  </xsl:template>

  <!-- Inline quotations: the marks are part of the transcribed text, so none are added. -->
  <xsl:template match="tei:quote | tei:q | tei:said">
    <span class="{local-name()}"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:list">
    <xsl:variable name="ordered" select="@type = ('ordered', 'numbered') or tei:label"/>
    <xsl:element name="{if ($ordered) then 'ol' else 'ul'}">
      <xsl:attribute name="class" select="string-join(('list', @type), ' ')"/>
      <xsl:apply-templates select="tei:item | tei:head"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:list/tei:head">
    <li class="list-head"><xsl:apply-templates/></li>
  </xsl:template>

  <xsl:template match="tei:item">
    <li>
      <xsl:if test="preceding-sibling::*[1][self::tei:label]">
        <span class="label"><xsl:apply-templates select="preceding-sibling::*[1]/node()"/></span>
        <xsl:text> </xsl:text>
      </xsl:if>
      <xsl:apply-templates/>
    </li>
  </xsl:template>

  <xsl:template match="tei:label">
    <span class="label"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:lg">
    <div class="lg" id="{tk:id(.)}"><xsl:apply-templates/></div>
  </xsl:template>

  <xsl:template match="tei:l">
    <span class="l"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:title">
    <cite class="title {@level}"><xsl:apply-templates/></cite>
  </xsl:template>

  <xsl:template match="tei:title[@level = ('a', 'u')]">
    <span class="title {@level}"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:hi | tei:emph">
    <xsl:variable name="rend" select="lower-case(string(@rend))"/>
    <xsl:choose>
      <xsl:when test="self::tei:emph or contains($rend, 'ital')"><em><xsl:apply-templates/></em></xsl:when>
      <xsl:when test="contains($rend, 'bold')"><strong><xsl:apply-templates/></strong></xsl:when>
      <xsl:when test="contains($rend, 'sup')"><sup><xsl:apply-templates/></sup></xsl:when>
      <xsl:when test="contains($rend, 'sub')"><sub><xsl:apply-templates/></sub></xsl:when>
      <xsl:otherwise><span class="hi {replace($rend, '[^a-z0-9\- ]', '')}"><xsl:apply-templates/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:foreign | tei:term | tei:mentioned | tei:gloss | tei:distinct">
    <i class="{local-name()}">
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
      <xsl:apply-templates/>
    </i>
  </xsl:template>

  <xsl:template match="tei:soCalled">
    <span class="soCalled"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:choice">
    <xsl:apply-templates select="*[not(tk:hidden-reading(.))]"/>
  </xsl:template>

  <xsl:template match="tei:sic | tei:corr | tei:orig | tei:reg | tei:abbr | tei:expan">
    <span class="{local-name()}"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:persName | tei:placeName | tei:orgName | tei:name | tei:rs">
    <span class="name {local-name()}"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:date | tei:time">
    <time>
      <xsl:variable name="iso" select="(@when, @from, @notBefore)[1]"/>
      <xsl:if test="$iso castable as xs:date or $iso castable as xs:gYearMonth or $iso castable as xs:gYear">
        <xsl:attribute name="datetime" select="$iso"/>
      </xsl:if>
      <xsl:apply-templates/>
    </time>
  </xsl:template>

  <xsl:template match="tei:ref">
    <xsl:variable name="url" select="tk:safe-url(@target)"/>
    <xsl:choose>
      <xsl:when test="exists($url)"><a href="{$url}"><xsl:apply-templates/></a></xsl:when>
      <xsl:otherwise><span class="ref"><xsl:apply-templates/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:ptr">
    <xsl:variable name="url" select="tk:safe-url(@target)"/>
    <xsl:if test="exists($url)"><a href="{$url}"><xsl:value-of select="$url"/></a></xsl:if>
  </xsl:template>

  <xsl:template match="tei:lb"><br/></xsl:template>

  <xsl:template match="tei:pb">
    <span class="pb" role="note" aria-label="page {@n}">
      <xsl:if test="@n"><xsl:value-of select="concat('[', @n, ']')"/></xsl:if>
    </span>
  </xsl:template>

  <xsl:template match="tei:milestone | tei:cb | tei:anchor | tei:index">
    <xsl:if test="@unit = ('section', 'part') or @rend">
      <span class="milestone" role="separator"> * </span>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:gap">
    <span class="gap" title="{normalize-space(string-join(('gap', @reason), ': '))}">[…]</span>
  </xsl:template>

  <xsl:template match="tei:figure">
    <figure id="{tk:id(.)}">
      <xsl:apply-templates select="tei:graphic"/>
      <xsl:if test="tei:head | tei:figDesc | tei:p">
        <figcaption><xsl:apply-templates select="tei:head | tei:figDesc | tei:p"/></figcaption>
      </xsl:if>
    </figure>
  </xsl:template>

  <xsl:template match="tei:figure/tei:head | tei:figDesc">
    <span class="{local-name()}"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- Images are not copied by the builder; only a safe relative URL is kept, as a link. -->
  <xsl:template match="tei:graphic">
    <xsl:variable name="url" select="tk:safe-url(@url)"/>
    <xsl:if test="exists($url) and not(matches($url, '^[a-z]+:', 'i'))">
      <a class="graphic" href="{$url}">image: <xsl:value-of select="$url"/></a>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:titlePage">
    <header class="titlePage"><xsl:apply-templates/></header>
  </xsl:template>

  <xsl:template match="tei:docTitle">
    <h1 class="docTitle">
      <xsl:for-each select="tei:titlePart">
        <span class="titlePart {@type}"><xsl:apply-templates/></span>
        <xsl:if test="position() ne last()"><br/></xsl:if>
      </xsl:for-each>
      <xsl:if test="not(tei:titlePart)"><xsl:apply-templates/></xsl:if>
    </h1>
  </xsl:template>

  <xsl:template match="tei:titlePart">
    <p class="titlePart {@type}"><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template match="tei:byline | tei:docImprint | tei:docDate | tei:docEdition | tei:dateline | tei:salute | tei:signed | tei:trailer | tei:argument | tei:epigraph | tei:imprimatur | tei:opener | tei:closer | tei:postscript | tei:stage | tei:speaker | tei:address">
    <div class="{local-name()}"><xsl:apply-templates/></div>
  </xsl:template>

  <xsl:template match="tei:addrLine">
    <span class="addrLine"><xsl:apply-templates/></span><br/>
  </xsl:template>

  <xsl:template match="tei:docAuthor">
    <span class="docAuthor"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:sp">
    <div class="sp"><xsl:apply-templates/></div>
  </xsl:template>

  <xsl:template match="tei:floatingText">
    <div class="floatingText"><xsl:apply-templates select="tei:body/node()"/></div>
  </xsl:template>

  <xsl:template match="tei:table">
    <table><xsl:apply-templates/></table>
  </xsl:template>
  <xsl:template match="tei:row"><tr><xsl:apply-templates/></tr></xsl:template>
  <xsl:template match="tei:cell"><td><xsl:apply-templates/></td></xsl:template>

  <xsl:template match="tei:del"><del><xsl:apply-templates/></del></xsl:template>
  <xsl:template match="tei:add"><ins><xsl:apply-templates/></ins></xsl:template>
  <xsl:template match="tei:supplied">[<xsl:apply-templates/>]</xsl:template>
  <xsl:template match="tei:space"><xsl:text> </xsl:text></xsl:template>

  <!-- Notes: a numbered reference where the note stands; the text at the end. -->
  <xsl:template match="tei:note">
    <xsl:variable name="n" select="tk:note-number(.)"/>
    <sup class="noteref"><a href="#{tk:id(.)}" id="ref-{tk:id(.)}"><xsl:value-of select="$n"/></a></sup>
  </xsl:template>

  <xsl:function name="tk:note-number" as="xs:string">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="string(($note/@n, count($note/preceding::tei:note[ancestor::tei:text] ) + 1)[1])"/>
  </xsl:function>

  <xsl:template name="tk:endnotes">
    <xsl:variable name="notes" select=".//tei:note[not(ancestor::tei:note)]"/>
    <xsl:if test="$notes">
      <section class="endnotes" aria-labelledby="notes-title">
        <h2 id="notes-title">Notes</h2>
        <ol class="notes">
          <xsl:for-each select="$notes">
            <li id="{tk:id(.)}" value="{if (tk:note-number(.) castable as xs:integer) then tk:note-number(.) else position()}">
              <xsl:apply-templates mode="note-body"/>
              <xsl:text> </xsl:text>
              <a class="backlink" href="#ref-{tk:id(.)}" aria-label="Back to the text of note {tk:note-number(.)}">↩</a>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template match="node()" mode="note-body">
    <xsl:apply-templates select="."/>
  </xsl:template>

  <xsl:template match="tei:p" mode="note-body">
    <span class="note-p"><xsl:apply-templates/></span><xsl:text> </xsl:text>
  </xsl:template>

  <!-- Registers and header material are rendered on their own pages, not in the text flow. -->
  <xsl:template match="tei:standOff | tei:teiHeader"/>

  <!-- Register lists in the back matter. -->
  <xsl:template match="tei:listPerson | tei:listPlace | tei:listOrg | tei:listBibl">
    <ul class="{local-name()}">
      <xsl:for-each select="*">
        <li id="{tk:id(.)}"><xsl:value-of select="normalize-space(string-join(.//text(), ' '))"/></li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <!-- Unknown TEI elements: their content is kept (reported once by tk:report-unknown). -->
  <xsl:template match="tei:*">
    <span class="tei-{local-name()}"><xsl:apply-templates/></span>
  </xsl:template>

</xsl:stylesheet>
