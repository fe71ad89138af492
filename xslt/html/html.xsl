<?xml version="1.0" encoding="UTF-8"?>
<!--
  TEI to an HTML5 reading edition. Entry stylesheet for `teikit build` (format html).

  Results, relative to the base output URI (the builder's staging folder):
    main result          index.html: title page, dedication, contents, text, endnotes
    persons.html         listPerson entries   (only when the document has persons)
    places.html          listPlace entries    (only when it has places)
    organisations.html   listOrg entries      (only when it has organisations)
    events.html          listEvent entries    (only when it has events), in date order
    bibliography.html    listBibl entries     (only when it has a bibliography)
    map.html             SVG map of the places with coordinates (only when there are some)
    timeline.html        the text's dated expressions in order (only when there are some)
    search.html          client-side full-text search over search-index.js
    search-index.json    the search index, made here at build time (the builder turns it
                         into search-index.js, which search.html loads)
    about.html           editorial principles, source description, how to cite
  The builder copies assets/ (edition.css, edition.js, search.js) beside them.

  Modules (xsl:include, all in this folder):
    text.xsl       the text flow, default mode: divisions, paragraphs, quotations, names, dates ...
    notes.xsl      note references (popover + jump link) and endnotes with back-links
    registers.xsl  mode tk:register: listPerson/listPlace/listOrg/listEvent/listBibl and
                   their entries
    pages.xsl      the page frame (tk:page), navigation and the secondary pages
    search.xsl     the search index (mode tk:plain gives a passage's text)
    map.xsl        the SVG map
    timeline.xsl   the timeline
    valid.xsl      mode tk:valid, the last pass over each page's content: valid HTML whatever
                   the TEI nests (blocks inside phrases, links inside links)

  Interface for stylesheets that import this one (xslt/epub/epub.xsl):
    Link targets all come from these functions; override them to change where things live.
      tk:entity-href($id)    register or bibliography entry, e.g. 'persons.html#pers-trotsky'
                             (empty sequence when $id is no entry)
      tk:passage-href($id)   a passage of the text, e.g. 'index.html#sec-2a-p3'
      tk:page-href($page)    one of the pages by key: 'text', 'persons', 'places',
                             'organisations', 'events', 'bibliography', 'map', 'timeline',
                             'search', 'about'
    Registers render through mode tk:register: apply it to a listPerson, listPlace, listOrg,
    listEvent or listBibl (entries sorted, each with its "mentioned in" links), or to one entry.
    Named templates: tk:toc and tk:endnotes (called from the tei:text template), tk:page
    (the page frame), tk:pages (writes every secondary page; the "/" template calls it),
    tk:permalink, tk:note-permalink and tk:heading-permalink (the ¶ links).
    Functions: tk:note-number($note), tk:note-label($note), tk:is-endnote($note), tk:passage($node) (the passage a
    node belongs to), tk:passage-label($passage), tk:mentions($id).
    The tunnel parameter tk:page (the key of the page being written) lets links within the
    same page become plain fragments.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:import href="../common/common.xsl"/>

  <xsl:include href="text.xsl"/>
  <xsl:include href="notes.xsl"/>
  <xsl:include href="registers.xsl"/>
  <xsl:include href="pages.xsl"/>
  <xsl:include href="search.xsl"/>
  <xsl:include href="map.xsl"/>
  <xsl:include href="timeline.xsl"/>
  <xsl:include href="citation.xsl"/>
  <xsl:include href="permalinks.xsl"/>
  <xsl:include href="downloads.xsl"/>
  <xsl:include href="valid.xsl"/>
  <xsl:include href="../genres/html.xsl"/>

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no"
    include-content-type="no"/>

  <!-- Path from the pages to the asset folder (css, js), relative. -->
  <xsl:param name="assets" as="xs:string" select="'assets'"/>

  <!-- The Content-Security-Policy of every page: nothing leaves the page's folder, no inline
       script or style, no plugins, no form submission. -->
  <xsl:variable name="tk:csp" as="xs:string"
    select="&quot;default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'&quot;"/>

  <!-- The document, for functions (which have no context item). -->
  <xsl:variable name="tk:root" as="document-node()" select="/"/>

  <!-- The texts of the document: the TEI's, or each TEI's of a corpus. -->
  <xsl:variable name="tk:texts" as="element(tei:text)*"
    select="/tei:TEI/tei:text | /tei:teiCorpus/tei:TEI/tei:text"/>

  <!-- Elements by xml:id. -->
  <xsl:key name="tk:by-id" match="*[@xml:id]" use="string(@xml:id)"/>

  <!-- Pointers from the text (front, body, back; notes included, register and bibliography
       entries excluded) to an id: the '#id' tokens of @ref, @target, @corresp and @sameAs. -->
  <xsl:key name="tk:pointers"
    match="tei:text//*[@ref or @target or @corresp or @sameAs][not(ancestor-or-self::*[tk:is-entry(.)])]"
    use="for $t in tokenize(string-join((@ref, @target, @corresp, @sameAs), ' '))
         return if (starts-with($t, '#')) then substring($t, 2) else ()"/>

  <!-- Register entries and what lists them. -->
  <xsl:variable name="tk:persons" as="element()*" select="//(tei:listPerson//tei:person | tei:listPerson//tei:personGrp)"/>
  <xsl:variable name="tk:places" as="element()*" select="//tei:listPlace//tei:place"/>
  <xsl:variable name="tk:orgs" as="element()*" select="//tei:listOrg//tei:org"/>
  <xsl:variable name="tk:events" as="element()*" select="//tei:listEvent//tei:event[tk:is-entry(.)]"/>
  <xsl:variable name="tk:bibls" as="element()*" select="//tei:listBibl//(tei:bibl | tei:biblStruct)[not(ancestor::tei:bibl | ancestor::tei:biblStruct)]"/>

  <!-- Which pages this document gets, by key, in navigation order. -->
  <xsl:variable name="tk:pages" as="xs:string*" select="(
    'text',
    if (exists($tk:persons)) then 'persons' else (),
    if (exists($tk:places)) then 'places' else (),
    if (exists($tk:orgs)) then 'organisations' else (),
    if (exists($tk:events)) then 'events' else (),
    if (exists($tk:bibls)) then 'bibliography' else (),
    if (exists($tk:geo-places)) then 'map' else (),
    if (exists($tk:timeline-dates) or exists($tk:timeline-events)) then 'timeline' else (),
    $tk:genre-pages,
    'search', 'downloads', 'about')"/>

  <xsl:function name="tk:page-title" as="xs:string">
    <xsl:param name="page" as="xs:string"/>
    <xsl:sequence select="tk:label(concat('page.', $page))"/>
  </xsl:function>

  <!-- ==== Link targets: override these in importing stylesheets ==== -->

  <xsl:function name="tk:page-href" as="xs:string">
    <xsl:param name="page" as="xs:string"/>
    <xsl:sequence select="if ($page = 'text') then 'index.html' else concat($page, '.html')"/>
  </xsl:function>

  <xsl:function name="tk:entity-href" as="xs:string?">
    <xsl:param name="id" as="xs:string"/>
    <xsl:variable name="el" select="key('tk:by-id', $id, $tk:root)[1]"/>
    <xsl:variable name="page" select="
      if (empty($el) or not(tk:is-entry($el))) then ()
      else if ($el/self::tei:person or $el/self::tei:personGrp) then 'persons'
      else if ($el/self::tei:place) then 'places'
      else if ($el/self::tei:org) then 'organisations'
      else if ($el/self::tei:event) then 'events'
      else 'bibliography'"/>
    <xsl:sequence select="if ($page) then concat(tk:page-href($page), '#', tk:safe-id($id)) else ()"/>
  </xsl:function>

  <xsl:function name="tk:passage-href" as="xs:string">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="concat(tk:page-href('text'), '#', $id)"/>
  </xsl:function>

  <!-- Where a '#id' pointer leads: an entry, else the passage holding the element. -->
  <xsl:function name="tk:id-href" as="xs:string?">
    <xsl:param name="id" as="xs:string"/>
    <xsl:variable name="el" select="key('tk:by-id', $id, $tk:root)[1]"/>
    <xsl:sequence select="
      if (empty($el)) then ()
      else if (tk:is-entry($el)) then tk:entity-href($id)
      else if ($el/ancestor-or-self::tei:text and not($el/ancestor::*[tk:is-entry(.)]))
        then tk:passage-href(tk:html-id($el))
      else ()"/>
  </xsl:function>

  <!-- The HTML id an element of the text is reachable by (its own, or its passage's). -->
  <xsl:function name="tk:html-id" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="if ($el[self::tei:note[tk:is-endnote(.)] or tk:has-anchor(.)]) then tk:id($el) else tk:id(tk:passage($el))"/>
  </xsl:function>

  <!-- A link as seen from $page: the page's own name is dropped, leaving a fragment. -->
  <!-- An empty $href (a target without an id or page) stays empty: callers link only to what exists. -->
  <xsl:function name="tk:relative" as="xs:string?">
    <xsl:param name="href" as="xs:string?"/>
    <xsl:param name="page" as="xs:string?"/>
    <xsl:variable name="own" select="if ($page) then concat(tk:page-href($page), '#') else ()"/>
    <xsl:sequence select="if ($own and starts-with($href, $own)) then concat('#', substring-after($href, '#')) else $href"/>
  </xsl:function>

  <!-- ==== Entry point ==== -->

  <xsl:template match="/">
    <xsl:call-template name="tk:report-unknown"/>
    <xsl:call-template name="tk:genre-files"/>
    <xsl:call-template name="tk:pages"/>
    <xsl:call-template name="tk:page">
      <xsl:with-param name="page" select="'text'"/>
      <xsl:with-param name="title" select="tk:title(.)"/>
      <xsl:with-param name="scripts" select="tk:page-scripts('text')"/>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
