<?xml version="1.0" encoding="UTF-8"?>
<!--
  TEI to the files of an EPUB 3 publication. Entry stylesheet for `teikit build` (format epub).

  Imports the HTML stylesheet, so the text is rendered by the HTML edition's templates; this
  stylesheet overrides only what an e-reader needs: XHTML serialisation, one content document per
  section, endnotes with EPUB/DPUB-ARIA note semantics, links that cross content documents, the
  package document and the navigation document. The Python builder (toolkit/formats/epub.py)
  zips what this writes: mimetype and container first, then the files in a fixed order with
  fixed times.

  The principal result is the publication's files, each as two strings: its path in the
  container and its text, serialised here (the builder takes them as they are, without writing
  them to disk first):
    EPUB/NNN-<name>.xhtml   one content document per chunk of the text, in reading order: the
                            title page (the titlePage, or one made from the header), then each
                            top-level division of front, body and back (nested divisions stay
                            with their parent), and each run of content between divisions
    EPUB/notes.xhtml        the endnotes, grouped by the content document they are called from
                            (only when the text has notes)
    EPUB/register-*.xhtml   the registers of persons, places and organisations, and the
                            bibliography when it is not part of the text's back matter
    EPUB/nav.xhtml          the navigation document: table of contents, page list (when the
                            source's page breaks are marked), landmarks
    EPUB/package.opf        the package document: metadata, manifest, spine

  What is overridden from the HTML stylesheet (xslt/html/html.xsl and its modules):
    functions   tk:passage-href, tk:entity-href, tk:page-href (links lead to the content
                document that holds their target); variable $tk:pages (no map, timeline,
                search or about page)
    templates   tei:note and the ref/ptr that point at detached notes (notes.xsl), named
                templates tk:backlink, tk:permalink, tk:note-permalink, tk:heading-permalink
                (no permalinks in an e-book), tk:toc, tk:endnotes, tk:division-attributes
                (EPUB structural semantics of divisions); tei:titlePage, tei:pb (page-break
                markers), tei:choice (the reading not chosen in brackets), register lists in the text
                (rendered in place, registers.xsl)

  Modules (xsl:include, all in this folder):
    chunks.xsl     the chunk model: which file each part of the text is written to, and the
                   links between files
    notes.xsl      note references and endnotes
    registers.xsl  the register and bibliography appendices
    nav.xsl        the navigation document
    package.xsl    the package document and its metadata
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

  <xsl:import href="../html/html.xsl"/>

  <xsl:include href="chunks.xsl"/>
  <xsl:include href="notes.xsl"/>
  <xsl:include href="registers.xsl"/>
  <xsl:include href="nav.xsl"/>
  <xsl:include href="package.xsl"/>
  <xsl:include href="../genres/epub.xsl"/>

  <!-- No xsl:output: every file is serialised by serialize() (see the "/" template). -->

  <!-- dcterms:modified, an xs:dateTime in UTC ending in Z. Empty (the default): the edition's
       own latest date (tk:modified, package.xsl), so that the same source gives the same
       bytes. The builder passes the time of SOURCE_DATE_EPOCH when that is set. -->
  <xsl:param name="modified" as="xs:string" select="''"/>

  <!-- The publication's unique identifier (dc:identifier). The builder derives it from the
       edition's idno, else from its title and authors; never from the clock or at random. -->
  <xsl:param name="identifier" as="xs:string" required="yes"/>

  <!-- Path from the content documents to the style sheet folder (css/epub.css). -->
  <xsl:param name="assets" as="xs:string" select="'css'"/>

  <!-- The files the builder adds beside what this stylesheet writes, as paths relative to
       EPUB/, separated by spaces: they are listed in the manifest. -->
  <xsl:param name="asset-files" as="xs:string" select="'css/epub.css'"/>

  <!-- The language of the publication and of every content document. -->
  <xsl:variable name="tk:lang" as="xs:string"
    select="(tk:bcp47(tk:language(/))[. ne ''], 'und')[1]"/>

  <!-- The content documents are in the publication's language: words of the interface in
       them carry the interface's (pages.xsl). -->
  <xsl:variable name="tk:region-lang" as="xs:string" select="$tk:lang"/>

  <!-- Right-to-left scripts get dir="rtl" and an rtl page progression. -->
  <xsl:variable name="tk:rtl" as="xs:boolean"
    select="tk:dir($tk:lang) eq 'rtl'"/>

  <!-- Each chunk rendered: its map plus 'title' (of the XHTML page) and 'content'. -->
  <xsl:variable name="tk:chunk-documents" as="map(*)*">
    <xsl:for-each select="$tk:chunks">
      <xsl:variable name="i" select="position()"/>
      <!-- the first chunk of each text of a corpus opens with the text's own heading -->
      <xsl:variable name="component" select="?nodes[1]/ancestor::tei:text[parent::tei:TEI[parent::tei:teiCorpus]]"/>
      <xsl:variable name="opens" select="exists($component) and not($i gt 1 and
        ($tk:chunks[$i - 1]?nodes[1]/ancestor::tei:text[parent::tei:TEI]) is $component)"/>
      <xsl:variable name="content" as="node()*">
        <xsl:choose>
          <xsl:when test="?kind eq 'titlepage' and empty(?root)"><xsl:call-template name="tk:generated-title-page"/></xsl:when>
          <xsl:otherwise>
            <xsl:if test="$opens">
              <xsl:for-each select="$component">
                <xsl:call-template name="tk:text-header">
                  <xsl:with-param name="id" select="if (@xml:id) then tk:id(.) else tk:id(..)"/>
                </xsl:call-template>
              </xsl:for-each>
            </xsl:if>
            <xsl:apply-templates select="?nodes">
              <xsl:with-param name="tk:page" select="()" tunnel="yes"/>
            </xsl:apply-templates>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <xsl:sequence select="map:merge((., map {
        'title': if (?kind eq 'titlepage') then $tk:doc-title else ?label,
        'content': $content}))"/>
    </xsl:for-each>
  </xsl:variable>

  <!-- Every XHTML content document, in reading (spine) order: front matter and text, the
       endnotes, back matter, registers. -->
  <xsl:variable name="tk:documents" as="map(*)*" select="
    $tk:chunk-documents[?matter ne 'backmatter'], $tk:notes-document, $tk:genre-documents,
    $tk:chunk-documents[?matter eq 'backmatter'], $tk:register-documents"/>

  <!-- How the content documents and nav.xhtml are serialised. -->
  <xsl:variable name="tk:xhtml-serialization" as="map(*)" select="map{'method': 'xhtml',
    'html-version': 5.0, 'omit-xml-declaration': false(), 'indent': false(),
    'include-content-type': false(), 'encoding': 'UTF-8'}"/>

  <xsl:template match="/">
    <xsl:call-template name="tk:report-unknown"/>
    <xsl:for-each select="$tk:documents">
      <xsl:variable name="page" as="document-node()">
        <xsl:document>
          <xsl:call-template name="tk:xhtml-page">
            <xsl:with-param name="title" select="?title"/>
            <xsl:with-param name="matter" select="?matter"/>
            <xsl:with-param name="content" select="?content"/>
          </xsl:call-template>
        </xsl:document>
      </xsl:variable>
      <xsl:sequence select="'EPUB/' || ?file, serialize($page, $tk:xhtml-serialization)"/>
    </xsl:for-each>
    <xsl:variable name="nav" as="document-node()">
      <xsl:document><xsl:call-template name="tk:nav"/></xsl:document>
    </xsl:variable>
    <xsl:sequence select="'EPUB/nav.xhtml', serialize($nav, $tk:xhtml-serialization)"/>
    <xsl:for-each select="$tk:genre-files"><xsl:sequence select="'EPUB/' || ?path, ?text"/></xsl:for-each>
    <xsl:variable name="opf" as="document-node()">
      <xsl:document><xsl:call-template name="tk:opf"/></xsl:document>
    </xsl:variable>
    <xsl:sequence select="'EPUB/package.opf', serialize($opf, map{'method': 'xml',
      'indent': true(), 'omit-xml-declaration': false(), 'encoding': 'UTF-8'})"/>
  </xsl:template>

  <!-- The frame of every XHTML content document. -->
  <xsl:template name="tk:xhtml-page">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="matter" as="xs:string?" select="()"/>
    <xsl:param name="content" as="node()*"/>
    <html xml:lang="{$tk:lang}" lang="{$tk:lang}">
      <xsl:namespace name="epub" select="'http://www.idpf.org/2007/ops'"/>
      <xsl:if test="$tk:rtl"><xsl:attribute name="dir" select="'rtl'"/></xsl:if>
      <head>
        <meta charset="utf-8"/>
        <title><xsl:value-of select="$title"/></title>
        <link rel="stylesheet" type="text/css" href="{$assets}/epub.css"/>
        <xsl:call-template name="tk:genre-epub-head"/>
      </head>
      <body>
        <xsl:if test="$matter"><xsl:attribute name="epub:type" select="$matter"/></xsl:if>
        <!-- a landmark round the content, for assistive technology -->
        <main>
          <!-- a document without a heading of its own (a dedication) is named by its title -->
          <xsl:if test="empty($content/descendant-or-self::*[matches(local-name(), '^h[1-6]$')])">
            <h1 class="visually-hidden"><xsl:value-of select="$title"/></h1>
          </xsl:if>
          <xsl:call-template name="tk:valid"><xsl:with-param name="content" select="$content"/></xsl:call-template>
        </main>
      </body>
    </html>
  </xsl:template>

  <!-- The title page made from the header, for texts without a titlePage. -->
  <xsl:template name="tk:generated-title-page">
    <section class="titlePage" epub:type="titlepage">
      <h1 class="docTitle"><xsl:value-of select="$tk:doc-title"/></h1>
      <xsl:for-each select="tk:subtitle($tk:root)">
        <p class="subtitle"><xsl:value-of select="."/></p>
      </xsl:for-each>
      <xsl:for-each select="tk:creators()">
        <p class="author"><xsl:value-of select="?name"/></p>
      </xsl:for-each>
      <xsl:call-template name="tk:genre-title-page"/>
    </section>
  </xsl:template>

  <!-- A titlePage is the title page: it gets the EPUB semantics. -->
  <xsl:template match="tei:titlePage">
    <xsl:variable name="html" as="element()*"><xsl:apply-imports/></xsl:variable>
    <xsl:for-each select="$html">
      <xsl:copy>
        <xsl:attribute name="epub:type" select="'titlepage'"/>
        <xsl:copy-of select="@*, node()"/>
      </xsl:copy>
    </xsl:for-each>
  </xsl:template>

  <!-- Divisions: the HTML section, with the EPUB structural semantics of its type. -->
  <xsl:template name="tk:division-attributes">
    <xsl:variable name="semantics" select="tk:division-semantics(.)"/>
    <xsl:if test="exists($semantics)">
      <xsl:attribute name="epub:type" select="$semantics[1]"/>
      <xsl:if test="$semantics[2]"><xsl:attribute name="role" select="$semantics[2]"/></xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- epub:type and DPUB-ARIA role for a division's @type (empty when there is no match). -->
  <xsl:function name="tk:division-semantics" as="xs:string*">
    <xsl:param name="div" as="element()"/>
    <xsl:variable name="type" select="lower-case(normalize-space($div/@type))"/>
    <xsl:sequence select="
      if (tk:is-notes-division($div)) then ('endnotes', 'doc-endnotes')
      else map {
        'chapter': ('chapter', 'doc-chapter'), 'part': ('part', 'doc-part'),
        'book': ('part', 'doc-part'), 'volume': ('volume', ()),
        'preface': ('preface', 'doc-preface'), 'foreword': ('foreword', 'doc-foreword'),
        'introduction': ('introduction', 'doc-introduction'),
        'prologue': ('prologue', 'doc-prologue'), 'epilogue': ('epilogue', 'doc-epilogue'),
        'afterword': ('afterword', 'doc-afterword'), 'conclusion': ('conclusion', 'doc-conclusion'),
        'dedication': ('dedication', 'doc-dedication'), 'epigraph': ('epigraph', 'doc-epigraph'),
        'acknowledgments': ('acknowledgments', 'doc-acknowledgments'),
        'acknowledgements': ('acknowledgments', 'doc-acknowledgments'),
        'appendix': ('appendix', 'doc-appendix'), 'bibliography': ('bibliography', 'doc-bibliography'),
        'glossary': ('glossary', 'doc-glossary'), 'abstract': ('abstract', 'doc-abstract'),
        'colophon': ('colophon', 'doc-colophon'), 'titlepage': ('titlepage', ()),
        'title-page': ('titlepage', ())
      }($type)"/>
  </xsl:function>

  <!-- Headings: each content document opens with an h1 (a top-level division's heading),
       one level above the HTML edition's, where the page title is the h1. -->
  <xsl:template match="tei:head[parent::*[tk:is-container(.)]][not(preceding-sibling::tei:head)]" priority="2">
    <xsl:variable name="html" as="element()*"><xsl:next-match/></xsl:variable>
    <xsl:for-each select="$html">
      <xsl:choose>
        <xsl:when test="matches(local-name(), '^h[2-6]$')">
          <xsl:element name="h{number(substring(local-name(), 2)) - 1}" namespace="http://www.w3.org/1999/xhtml">
            <xsl:copy-of select="@*, node()"/>
          </xsl:element>
        </xsl:when>
        <xsl:otherwise><xsl:sequence select="."/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- Mentions carry no ids of their own: the registers' links lead to the passage, which
       the chunk model places in its content document. -->
  <xsl:function name="tk:mention-id" as="xs:string?">
    <xsl:param name="el" as="element()"/>
    <xsl:param name="entry" as="element()?"/>
    <xsl:sequence select="if (tk:has-anchor($el)) then tk:id($el) else ()"/>
  </xsl:function>

  <!-- No in-text table of contents: the reading system shows nav.xhtml. -->
  <xsl:template name="tk:toc"/>

  <!-- Endnotes are gathered in notes.xhtml, not at the end of a text (see notes.xsl). -->
  <xsl:template name="tk:endnotes"/>

  <!-- An e-book has no reading switch: the reading chosen at build time stands in the text,
       and the other follows it in brackets, "receive [sic: recieve]". -->
  <xsl:template match="tei:choice/tei:*[tk:hidden-reading(.)]" priority="3"/>

  <xsl:template match="tei:choice">
    <span class="choice">
      <xsl:call-template name="tk:attrs"/>
      <xsl:apply-templates/>
      <!-- its words only: a note inside it is not among the endnotes -->
      <xsl:for-each select="*[tk:hidden-reading(.)]">
        <xsl:variable name="other" select="normalize-space(string-join(.//text()[not(ancestor::tei:note)], ''))"/>
        <xsl:if test="$other">
          <span class="other-reading"><xsl:value-of select="concat(' [', tk:reading-label(.), ': ', $other, ']')"/></span>
        </xsl:if>
      </xsl:for-each>
    </span>
  </xsl:template>

  <!-- Page breaks of the source: EPUB page-break markers, which the page list in nav.xhtml
       points at; the page number stays visible, as in the HTML edition. -->
  <xsl:template match="tei:pb">
    <xsl:if test="normalize-space(@n)">
      <span class="pb" id="{tk:page-id(.)}" epub:type="pagebreak" role="doc-pagebreak"
        aria-label="{normalize-space(@n)}"><xsl:value-of select="concat('[', normalize-space(@n), ']')"/></span>
    </xsl:if>
  </xsl:template>

  <xsl:function name="tk:page-id" as="xs:string">
    <xsl:param name="pb" as="element()"/>
    <xsl:sequence select="if ($pb/@xml:id) then tk:id($pb) else concat('page-', tk:id($pb))"/>
  </xsl:function>

</xsl:stylesheet>
