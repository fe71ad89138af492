<?xml version="1.0" encoding="UTF-8"?>
<!--
  TEI to one HTML document laid out as a printed book. Entry stylesheet for `teikit build`
  (format pdf); the builder (toolkit/formats/pdf.py) typesets what this writes with WeasyPrint
  and print.css (CSS Paged Media): pages, running heads, footnotes, page references.

  Imports the EPUB stylesheet, so the text is rendered by the same templates as the HTML and
  EPUB editions; this stylesheet overrides only what a printed book needs. The book, in order:
    half-title       the title alone
    title page       the text's own titlePage when it has one, else one made from the header;
                     the edition's makers and publisher below it
    edition page     edition statement, publication, availability, the source, how to cite
    contents         every division (two levels) and every part of the back matter, with the
                     page it starts on
    the text         front matter, body, back matter (a bibliography in the text stays there,
                     every entry with the pages that cite it); notes at the foot of the page
                     of their call (notes.xsl), or gathered after the text
    registers        persons, places, organisations kept outside the text, each entry with the
                     pages that mention it (registers.xsl)
    corrections      every correction of the source, with its page (registers.xsl)
    about            editorial principles, the source, revisions (the HTML edition's page)

  Every link is a fragment of this one document: tk:passage-href, tk:entity-href and
  tk:page-href are overridden to say so.

  Pages. What only the layout knows, the builder writes in: an element with data-page-of="id"
  gets the page the element with that id is set on, one with data-pages-of="id id ..." the
  pages of those elements, each once, runs as ranges ("3, 7, 12–14"). Every element that
  begins a page is marked data-break="page" (print.css breaks the page there); the builder lays
  out the book from one such mark to the next, and each part again only when a page it prints
  has changed (toolkit/formats/pdf.py).

  Words: every label comes from the catalogue (xslt/common/labels.xml, tk:label).

  Modules (xsl:include, all in this folder):
    notes.xsl      footnotes and endnotes
    apparatus.xsl  a critical apparatus: a second footnote series, or a line-keyed list
    registers.xsl  the print registers, page references, the list of corrections
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  xmlns:h="http://www.w3.org/1999/xhtml"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:import href="../epub/epub.xsl"/>

  <xsl:include href="notes.xsl"/>
  <xsl:include href="apparatus.xsl"/>
  <xsl:include href="registers.xsl"/>

  <xsl:output method="xhtml" html-version="5" encoding="UTF-8" indent="no" include-content-type="no" omit-xml-declaration="yes"/>

  <!-- Where notes go: 'foot' (at the foot of the page of their call), 'end' (gathered after
       the text, as in the EPUB) or 'none' (left out, with their calls). -->
  <xsl:param name="notes" as="xs:string" select="'foot'"/>

  <!-- The EPUB's identifier parameter is not used in print. -->
  <xsl:param name="identifier" as="xs:string" select="''"/>

  <xsl:variable name="tk:notes-mode" as="xs:string"
    select="if ($notes = ('end', 'none')) then $notes else 'foot'"/>

  <!-- The title page the text brings, if any: printed as the book's title page. -->
  <xsl:variable name="tk:main-title-page" as="element(tei:titlePage)?"
    select="(/tei:TEI/tei:text/tei:front/tei:titlePage)[1]"/>

  <!-- Authors for the running head of left-hand pages, else the title. -->
  <xsl:variable name="tk:running-author" as="xs:string"
    select="(string-join(tk:authors($tk:root), ', ')[. ne ''], $tk:doc-title)[1]"/>

  <!-- ==== Links: one document ==== -->

  <xsl:function name="tk:passage-href" as="xs:string">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="concat('#', $id)"/>
  </xsl:function>

  <xsl:function name="tk:entity-href" as="xs:string?">
    <xsl:param name="id" as="xs:string"/>
    <xsl:variable name="el" select="key('tk:by-id', $id, $tk:root)[1]"/>
    <xsl:sequence select="if ($el and tk:is-entry($el)) then concat('#', tk:id($el)) else ()"/>
  </xsl:function>

  <xsl:function name="tk:page-href" as="xs:string">
    <xsl:param name="page" as="xs:string"/>
    <xsl:sequence select="concat('#', if ($page = $tk:register-keys) then concat('register-', $page)
      else if ($page = ('text', 'notes', 'about')) then $page else 'contents')"/>
  </xsl:function>

  <!-- ==== The book ==== -->

  <xsl:template match="/">
    <xsl:call-template name="tk:report-unknown"/>
    <html lang="{$tk:lang}">
      <xsl:if test="$tk:rtl"><xsl:attribute name="dir" select="'rtl'"/></xsl:if>
      <head>
        <meta charset="utf-8"/>
        <title><xsl:value-of select="string-join(($tk:doc-title, tk:subtitle(.)), ': ')"/></title>
        <xsl:for-each select="tk:authors(.)">
          <meta name="author" content="{.}"/>
        </xsl:for-each>
        <meta name="description" content="{tk:print-citation()}"/>
        <xsl:variable name="keywords" select="distinct-values(tei:TEI/tei:teiHeader/tei:profileDesc/tei:textClass/tei:keywords//tei:term/normalize-space()[. ne ''])"/>
        <xsl:if test="exists($keywords)">
          <meta name="keywords" content="{string-join($keywords, ', ')}"/>
        </xsl:if>
        <meta name="generator" content="teikit"/>
        <meta name="dcterms.created" content="{tk:modified()}"/>
        <meta name="dcterms.modified" content="{tk:modified()}"/>
      </head>
      <body data-author="{$tk:running-author}" data-list="{tk:label('print.page-list')}">
        <section class="half-title" aria-label="{tk:label('print.half-title')}">
          <p class="half-title"><xsl:value-of select="$tk:doc-title"/></p>
        </section>
        <xsl:call-template name="tk:title-page"/>
        <xsl:call-template name="tk:edition-page"/>
        <xsl:call-template name="tk:print-toc"/>
        <main id="text" data-break="page">
          <xsl:apply-templates select="$tk:texts"/>
        </main>
        <xsl:call-template name="tk:print-registers"/>
        <xsl:call-template name="tk:corrections"/>
        <xsl:call-template name="tk:print-about"/>
      </body>
    </html>
  </xsl:template>

  <!-- The title page: the text's own, else one made from the header; then the imprint. -->
  <xsl:template name="tk:title-page">
    <section class="title-page" aria-label="{tk:label('div.titlepage')}" data-break="page">
      <xsl:choose>
        <xsl:when test="$tk:main-title-page">
          <xsl:apply-templates select="$tk:main-title-page">
            <xsl:with-param name="tk:on-title-page" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </xsl:when>
        <xsl:otherwise><xsl:call-template name="tk:generated-title-page"/></xsl:otherwise>
      </xsl:choose>
      <xsl:variable name="ts" select="$tk:header/tei:fileDesc/tei:titleStmt"/>
      <xsl:variable name="ps" select="$tk:header/tei:fileDesc/tei:publicationStmt"/>
      <div class="imprint">
        <xsl:for-each select="$ts/tei:editor">
          <p class="editor">
            <xsl:call-template name="tk:label-around">
              <xsl:with-param name="key" select="'print.edited-by'"/>
              <xsl:with-param name="content" as="node()*"><xsl:apply-templates mode="tk:header"/></xsl:with-param>
            </xsl:call-template>
          </p>
        </xsl:for-each>
        <xsl:for-each select="$ts/tei:respStmt[* except tei:resp]">
          <p class="resp">
            <span class="resp-what"><xsl:value-of select="normalize-space(string-join(tei:resp, '; '))"/></span>
            <xsl:if test="tei:resp">: </xsl:if>
            <xsl:for-each select="* except tei:resp">
              <xsl:apply-templates select="." mode="tk:header"/>
              <xsl:if test="position() ne last()">, </xsl:if>
            </xsl:for-each>
          </p>
        </xsl:for-each>
        <xsl:variable name="publisher" select="$ps/(tei:publisher | tei:distributor | tei:authority)[normalize-space()]"/>
        <xsl:if test="$publisher or $ps/tei:pubPlace">
          <p class="publisher">
            <xsl:value-of select="string-join(($publisher[1], $ps/tei:pubPlace[1], tk:publication-date()[not(contains($publisher[1], .))]) ! normalize-space(.)[. ne ''], ' · ')"/>
          </p>
        </xsl:if>
      </div>
    </section>
  </xsl:template>

  <!-- The text's title page is printed once, as the book's title page. -->
  <xsl:template match="tei:titlePage">
    <xsl:param name="tk:on-title-page" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:if test="$tk:on-title-page or not(. is $tk:main-title-page)">
      <xsl:next-match/>
    </xsl:if>
  </xsl:template>

  <!-- The back of the title page: what edition this is and how to cite it. The header's
       elements are printed again on the about pages, so their ids are left out here. -->
  <xsl:template name="tk:edition-page">
    <xsl:variable name="fd" select="$tk:header/tei:fileDesc"/>
    <xsl:variable name="page" as="element()">
      <section class="edition-page" aria-label="{tk:label('about.edition')}" data-break="page">
        <p class="edition-title"><xsl:value-of select="string-join(($tk:doc-title, tk:subtitle($tk:root)), ': ')"/></p>
        <xsl:for-each select="$fd/tei:editionStmt/tei:edition">
          <p class="edition"><xsl:apply-templates mode="tk:header"/></p>
        </xsl:for-each>
        <xsl:for-each select="$fd/tei:editionStmt/tei:p">
          <p class="edition"><xsl:apply-templates mode="tk:header"/></p>
        </xsl:for-each>
        <xsl:for-each select="$fd/tei:publicationStmt">
          <p class="publication">
            <xsl:value-of select="string-join(((tei:publisher | tei:distributor | tei:authority)[1], tei:pubPlace[1],
              (tei:date[1]/normalize-space()[. ne ''], tei:date[1]/@when)[1]) ! normalize-space(.)[. ne ''], ', ')"/>
          </p>
          <xsl:for-each select="tei:idno[normalize-space()]">
            <p class="idno"><xsl:value-of select="string-join((@type, normalize-space()), ': ')"/></p>
          </xsl:for-each>
          <xsl:for-each select="tei:availability">
            <div class="availability"><xsl:apply-templates select="." mode="tk:header-block"/></div>
          </xsl:for-each>
        </xsl:for-each>
        <xsl:if test="$fd/tei:sourceDesc[normalize-space()]">
          <div class="source">
            <p class="label"><xsl:value-of select="tk:label('about.source')"/></p>
            <xsl:for-each select="$fd/tei:sourceDesc/*">
              <xsl:apply-templates select="." mode="tk:header-block"/>
            </xsl:for-each>
          </div>
        </xsl:if>
        <div class="cite">
          <p class="label"><xsl:value-of select="tk:label('cite.title')"/></p>
          <p class="citation"><xsl:value-of select="tk:print-citation()"/></p>
          <p><xsl:value-of select="tk:label('print.cite-help')"/></p>
        </div>
        <p class="colophon"><xsl:value-of select="tk:label('print.colophon')"/></p>
      </section>
    </xsl:variable>
    <xsl:apply-templates select="$page" mode="tk:without-ids"/>
  </xsl:template>

  <!-- The edition's citation (the about page's Chicago style, without an address). -->
  <xsl:function name="tk:print-citation" as="xs:string">
    <xsl:sequence select="tk:cite-fill(tk:cite-template('chicago'), map{})"/>
  </xsl:function>

  <!-- A label with {1} standing for nodes (a name with its markup). -->
  <xsl:template name="tk:label-around">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="content" as="node()*"/>
    <xsl:variable name="label" select="tk:label($key, '{1}')"/>
    <xsl:value-of select="substring-before($label, '{1}')"/>
    <xsl:sequence select="$content"/>
    <xsl:value-of select="substring-after($label, '{1}')"/>
  </xsl:template>

  <xsl:template match="@id" mode="tk:without-ids"/>
  <xsl:template match="@* | node()" mode="tk:without-ids">
    <xsl:copy><xsl:apply-templates select="@* | node()" mode="tk:without-ids"/></xsl:copy>
  </xsl:template>

  <!-- ==== Contents ==== -->

  <xsl:template name="tk:print-toc">
    <nav class="toc" id="contents" role="doc-toc" aria-labelledby="contents-title" data-break="page">
      <h2 id="contents-title" data-head="{tk:label('nav.contents')}"><xsl:value-of select="tk:label('nav.contents')"/></h2>
      <ol>
        <xsl:for-each select="$tk:texts">
          <xsl:variable name="component" select="count($tk:texts) gt 1"/>
          <xsl:choose>
            <xsl:when test="$component">
              <li>
                <xsl:call-template name="tk:toc-entry">
                  <xsl:with-param name="id" select="tk:id(.)"/>
                  <xsl:with-param name="label" select="tk:text-title(.)"/>
                </xsl:call-template>
                <ol><xsl:call-template name="tk:print-toc-divs"/></ol>
              </li>
            </xsl:when>
            <xsl:otherwise><xsl:call-template name="tk:print-toc-divs"/></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
        <xsl:for-each select="tk:print-back-sections()">
          <li>
            <xsl:call-template name="tk:toc-entry">
              <xsl:with-param name="id" select="?id"/>
              <xsl:with-param name="label" select="?label"/>
            </xsl:call-template>
          </li>
        </xsl:for-each>
      </ol>
    </nav>
  </xsl:template>

  <!-- The divisions of a text, two levels deep, and its endnotes. -->
  <xsl:template name="tk:print-toc-divs">
    <xsl:for-each select="(tei:front, tei:body, tei:group, tei:back)/tk:toc-level(.)">
      <li>
        <xsl:call-template name="tk:toc-entry">
          <xsl:with-param name="id" select="tk:id(.)"/>
          <xsl:with-param name="label" select="tk:nav-label(.)"/>
        </xsl:call-template>
        <xsl:variable name="sub" select="tk:toc-level(.)"/>
        <xsl:if test="$sub">
          <ol>
            <xsl:for-each select="$sub">
              <li>
                <xsl:call-template name="tk:toc-entry">
                  <xsl:with-param name="id" select="tk:id(.)"/>
                  <xsl:with-param name="label" select="tk:nav-label(.)"/>
                </xsl:call-template>
              </li>
            </xsl:for-each>
          </ol>
        </xsl:if>
      </li>
      <xsl:if test="parent::tei:body and not(following-sibling::*[tk:is-division(.)]) and $tk:notes-mode eq 'end'
        and exists(tk:text-endnotes(ancestor::tei:text[1]))">
        <li>
          <xsl:call-template name="tk:toc-entry">
            <xsl:with-param name="id" select="tk:notes-id(ancestor::tei:text[1])"/>
            <xsl:with-param name="label" select="tk:label('notes.title')"/>
          </xsl:call-template>
        </li>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- The divisions printed directly inside an element (a group's texts included). -->
  <xsl:function name="tk:toc-level" as="element()*">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="tk:subdivisions($el)[not(tk:is-omitted-division(.))]"/>
  </xsl:function>

  <xsl:template name="tk:toc-entry">
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="label" as="xs:string"/>
    <a class="toc-entry" href="#{$id}"><span class="toc-label"><xsl:value-of select="$label"/></span><xsl:text> </xsl:text><span class="toc-page" data-page-of="{$id}"></span></a>
  </xsl:template>

  <!-- A text's title: its own header's (a TEI in a teiCorpus), else a heading or its type. -->
  <xsl:function name="tk:text-title" as="xs:string">
    <xsl:param name="text" as="element()"/>
    <xsl:variable name="ts" select="$text/parent::tei:TEI/tei:teiHeader/tei:fileDesc/tei:titleStmt"/>
    <xsl:variable name="title" select="($ts/tei:title[@type = 'main'], $ts/tei:title[not(@type = ('sub', 'subtitle'))], $ts/tei:title)[1]"/>
    <xsl:sequence select="
      if ($title[normalize-space()]) then normalize-space(string-join($title//text()[not(ancestor::tei:note)], ''))
      else tk:nav-label($text)"/>
  </xsl:function>

  <!-- ==== The text ==== -->

  <!-- Every text is an article the contents can point at, the texts of a group too; each
       after the first begins a page. -->
  <xsl:template match="tei:text">
    <article class="text" id="{tk:id(.)}">
      <xsl:if test="preceding-sibling::*[1][self::tei:text] or (. intersect $tk:texts and not(. is $tk:texts[1]))">
        <xsl:attribute name="data-break" select="'page'"/>
      </xsl:if>
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="tk:bcp47(@xml:lang)"/></xsl:if>
      <xsl:if test="count($tk:texts) gt 1 and . intersect $tk:texts">
        <h2 class="text-title" data-head="{tk:text-title(.)}"><xsl:value-of select="tk:text-title(.)"/></h2>
      </xsl:if>
      <xsl:apply-templates select="tei:front"/>
      <xsl:apply-templates select="tei:body | tei:group"/>
      <xsl:call-template name="tk:print-endnotes"/>
      <xsl:apply-templates select="tei:back"/>
    </article>
  </xsl:template>

  <xsl:template match="tei:group">
    <div class="group">
      <xsl:call-template name="tk:attrs"/>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <!-- Headings carry their text without notes, for running heads and bookmarks; and keep
       the HTML edition's levels (the EPUB raises the first heading of a division to h1, since
       each of its documents begins there; the book has one outline). -->
  <xsl:template match="tei:head | tei:docTitle">
    <xsl:variable name="label" select="tk:label-text(.)"/>
    <xsl:variable name="raised" select="exists(self::tei:head[parent::*[tk:is-container(.)]][not(preceding-sibling::tei:head)])"/>
    <xsl:variable name="html" as="node()*"><xsl:next-match/></xsl:variable>
    <xsl:for-each select="$html">
      <xsl:choose>
        <xsl:when test="self::*[matches(local-name(), '^h[1-6]$')]">
          <xsl:variable name="level" select="xs:integer(substring(local-name(), 2)) + (if ($raised) then 1 else 0)"/>
          <xsl:element name="h{min(($level, 6))}">
            <xsl:copy-of select="@*"/>
            <xsl:attribute name="data-head" select="$label"/>
            <xsl:copy-of select="node()"/>
          </xsl:element>
        </xsl:when>
        <xsl:otherwise><xsl:sequence select="."/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- Divisions with no heading get one for the running head from the contents' label; the
       divisions of a text's front, body and back, and of a group, each begin a page. -->
  <xsl:template match="tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7">
    <xsl:if test="not(tk:is-omitted-division(.))">
      <xsl:variable name="label" select="tk:nav-label(.)"/>
      <xsl:variable name="top" select="exists(parent::tei:front | parent::tei:body | parent::tei:back | parent::tei:group)"/>
      <xsl:variable name="html" as="element()"><xsl:next-match/></xsl:variable>
      <xsl:for-each select="$html">
        <xsl:copy>
          <xsl:copy-of select="@*"/>
          <xsl:attribute name="data-head" select="$label"/>
          <xsl:if test="$top"><xsl:attribute name="data-break" select="'page'"/></xsl:if>
          <xsl:copy-of select="node()"/>
        </xsl:copy>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <!-- id and lang of every element, as in the HTML edition; and an id for every element the
       print edition refers to by page: mentions of register entries, corrections. -->
  <xsl:template name="tk:attrs">
    <xsl:if test="tk:has-anchor(.) or tk:is-page-target(.)"><xsl:attribute name="id" select="tk:id(.)"/></xsl:if>
    <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="tk:bcp47(@xml:lang)"/></xsl:if>
  </xsl:template>

  <!-- A mention's id: its own, so that the registers can give its page. -->
  <xsl:function name="tk:mention-id" as="xs:string?">
    <xsl:param name="el" as="element()"/>
    <xsl:param name="entry" as="element()?"/>
    <xsl:sequence select="if (tk:has-anchor($el) or tk:is-page-target($el)) then tk:id($el) else ()"/>
  </xsl:function>

  <!-- A cross-reference to a passage, a note or an entry of the book gives its page. -->
  <xsl:template match="tei:ref | tei:ptr">
    <xsl:variable name="html" as="node()*"><xsl:next-match/></xsl:variable>
    <xsl:sequence select="$html"/>
    <xsl:for-each select="$html[self::h:a[starts-with(@href, '#')][not(@class)]]">
      <xsl:call-template name="tk:xref-page"/>
    </xsl:for-each>
  </xsl:template>

  <!-- " (p. 12)" after a link (the context item) to an element of the book. -->
  <xsl:template name="tk:xref-page">
    <span class="xref-page">
      <xsl:value-of select="concat(' (', tk:label('bibl.p'), ' ')"/>
      <span class="page-of" data-page-of="{substring(@href, 2)}"></span>
      <xsl:text>)</xsl:text>
    </span>
  </xsl:template>

  <!-- Only the reading chosen at build time, as in the EPUB; no permalinks on paper. -->
  <xsl:template name="tk:heading-permalink">
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="label" as="xs:string"/>
  </xsl:template>

  <!-- A copy of an HTML result with its headings one level lower (h1 becomes h2, ...), the
       section with id $drop left out, data-head on the headings, and the page after each
       cross-reference that has none yet (mode tk:demote). -->
  <xsl:template match="element()" mode="tk:demote">
    <xsl:param name="drop" as="xs:string*" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="@aria-labelledby = $drop"/>
      <xsl:when test="matches(local-name(), '^h[1-5]$')">
        <xsl:element name="h{xs:integer(substring(local-name(), 2)) + 1}">
          <xsl:copy-of select="@*"/>
          <xsl:attribute name="data-head" select="normalize-space(.)"/>
          <xsl:apply-templates mode="tk:demote"/>
        </xsl:element>
      </xsl:when>
      <xsl:otherwise>
        <xsl:copy>
          <xsl:copy-of select="@*"/>
          <xsl:apply-templates mode="tk:demote"/>
        </xsl:copy>
        <xsl:if test="self::h:a[starts-with(@href, '#')][not(@class)][not(following-sibling::node()[1][self::h:span[@class eq 'xref-page']])]"><xsl:call-template name="tk:xref-page"/></xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="text() | comment()" mode="tk:demote"><xsl:copy/></xsl:template>

  <!-- About this edition: the HTML edition's page, less how to cite it (on the edition page)
       and its permanent addresses (a web page's). -->
  <xsl:template name="tk:print-about">
    <xsl:variable name="about" as="node()*">
      <xsl:for-each select="$tk:root"><xsl:call-template name="tk:about-page"/></xsl:for-each>
    </xsl:variable>
    <section class="about backmatter" id="about" data-break="page">
      <xsl:apply-templates select="$about" mode="tk:demote">
        <xsl:with-param name="drop" select="('cite', 'about-permalinks')" tunnel="yes"/>
      </xsl:apply-templates>
    </section>
  </xsl:template>

</xsl:stylesheet>
