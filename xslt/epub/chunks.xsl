<?xml version="1.0" encoding="UTF-8"?>
<!--
  The chunk model of the EPUB (included by epub.xsl): how the text is split into content
  documents, what each is called, and in which document any element of the text ends up, so
  that links, note references and back-links can cross documents.

  A chunk is one content document: the title page; each top-level division of front, body and
  back (and each text of a group); or a run of non-division content between them. Page breaks
  and milestones between divisions join the next chunk (the previous one at the end), so they
  never make a file of their own.
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

  <xsl:function name="tk:is-division" as="xs:boolean">
    <xsl:param name="el" as="node()"/>
    <xsl:sequence select="exists($el/(self::tei:div | self::tei:div1 | self::tei:div2 | self::tei:div3
      | self::tei:div4 | self::tei:div5 | self::tei:div6 | self::tei:div7))
      or exists($el/self::tei:text[parent::tei:group])"/>
  </xsl:function>

  <!-- The divisions directly inside a division (or a front, body, back). -->
  <xsl:function name="tk:subdivisions" as="element()*">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="$el/*[tk:is-division(.)] | $el/tei:body/*[tk:is-division(.)]
      | $el/tei:group/tei:text"/>
  </xsl:function>

  <!-- Content that makes no page of its own: page and column breaks, milestones, anchors. -->
  <xsl:function name="tk:is-substantial" as="xs:boolean">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:sequence select="exists($nodes[self::text()[normalize-space()] or self::*[not(self::tei:pb
      or self::tei:cb or self::tei:lb or self::tei:milestone or self::tei:anchor or self::tei:fw
      or self::tei:index)]])"/>
  </xsl:function>

  <!-- The chunks in reading order, each a map:
         kind     'titlepage', 'division' or 'run'
         matter   'frontmatter', 'bodymatter' or 'backmatter' (the body's epub:type)
         root     the division (kind 'division') or titlePage, else empty
         nodes    the children of front/body/back that the chunk renders
         file     the file name, 'NNN-name.xhtml' (NNN: the position, so names never collide)
         label    its name in the table of contents and in its title -->
  <xsl:variable name="tk:chunks" as="map(*)*">
    <xsl:variable name="raw" as="map(*)*">
      <xsl:if test="empty($tk:texts/tei:front/tei:titlePage)">
        <xsl:sequence select="map {'kind': 'titlepage', 'matter': 'frontmatter', 'root': (), 'nodes': ()}"/>
      </xsl:if>
      <xsl:for-each select="$tk:texts/(tei:front | tei:body | tei:group | tei:back)">
        <xsl:variable name="matter" select="if (self::tei:front) then 'frontmatter'
          else if (self::tei:back) then 'backmatter' else 'bodymatter'"/>
        <xsl:variable name="groups" as="map(*)*">
          <xsl:for-each-group select="node()[self::* or self::text()[normalize-space()]]"
            group-adjacent="if (tk:is-division(.) or self::tei:titlePage) then generate-id(.) else 'run'">
            <xsl:sequence select="map {
              'kind': if (tk:is-division(.)) then 'division' else if (self::tei:titlePage) then 'titlepage' else 'run',
              'matter': $matter,
              'root': if (tk:is-division(.) or self::tei:titlePage) then . else (),
              'nodes': current-group()}"/>
          </xsl:for-each-group>
        </xsl:variable>
        <!-- Runs that make no page of their own, and closing matter after the last division
             ("THE END", a printer's imprint), join their neighbours. -->
        <xsl:variable name="kept" as="xs:integer*"
          select="for $i in 1 to count($groups) return
            if ($groups[$i]?kind ne 'run') then $i
            else if (not(tk:is-substantial($groups[$i]?nodes))) then ()
            else if (empty($groups[position() gt $i][?kind ne 'run'])
                     and exists($groups[position() lt $i][?kind eq 'division'])) then ()
            else $i"/>
        <xsl:for-each select="$kept">
          <xsl:variable name="k" select="position()"/>
          <xsl:variable name="from" select="if ($k eq 1) then 1 else ."/>
          <xsl:variable name="to" select="if ($k eq count($kept)) then count($groups) else $kept[$k + 1] - 1"/>
          <xsl:sequence select="map:put($groups[current()], 'nodes',
            for $g in $groups[position() = $from to $to] return $g?nodes)"/>
        </xsl:for-each>
      </xsl:for-each>
    </xsl:variable>
    <xsl:for-each select="$raw">
      <xsl:variable name="slug" select="
        if (?kind eq 'titlepage') then 'titlepage'
        else if (?root/@xml:id) then tk:file-slug(string(?root/@xml:id))
        else if (normalize-space(?root/@type)) then tk:file-slug(lower-case(normalize-space(?root/@type)))
        else map {'frontmatter': 'front', 'bodymatter': 'text', 'backmatter': 'back'}(?matter)"/>
      <xsl:sequence select="map:merge((., map {
        'file': concat(format-number(position(), '000'), '-', $slug, '.xhtml'),
        'label': tk:chunk-label(.)}))"/>
    </xsl:for-each>
  </xsl:variable>

  <xsl:function name="tk:chunk-label" as="xs:string">
    <xsl:param name="chunk" as="map(*)"/>
    <xsl:variable name="head" select="($chunk?nodes/self::tei:head ! tk:label-text(.))[. ne ''][1]"/>
    <xsl:sequence select="
      if ($chunk?kind eq 'titlepage') then tk:label('passage.titlepage')
      else if ($chunk?kind eq 'division') then tk:nav-label($chunk?root)
      else if ($head) then $head
      else if ($chunk?matter eq 'bodymatter') then (tk:title($chunk?nodes[1])[normalize-space()], $tk:doc-title)[1]
      else if ($chunk?matter eq 'frontmatter') then tk:label('passage.front')
      else tk:label('passage.back')"/>
  </xsl:function>

  <!-- The document's title, never empty (a title, a nav entry, dc:title must have text). -->
  <xsl:variable name="tk:doc-title" as="xs:string" select="(tk:title($tk:root)[normalize-space()], tk:label('untitled'))[1]"/>

  <!-- A division's name for the table of contents: all its heads (a chapter's number and title
       are often two), else its type and number. -->
  <xsl:function name="tk:nav-label" as="xs:string">
    <xsl:param name="div" as="element()"/>
    <xsl:variable name="heads" select="($div/tei:head, $div/tei:front/tei:titlePage/tei:docTitle)
      ! tk:label-text(.)[. ne '']"/>
    <xsl:sequence select="if (exists($heads)) then string-join($heads, ' ')
      else let $t := tk:head-text($div) return if (normalize-space($t)) then $t else tk:label('passage.section')"/>
  </xsl:function>

  <!-- The text of an element as shown in the current reading, without notes. -->
  <xsl:function name="tk:label-text" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="normalize-space(string-join($el//text()[not(ancestor::tei:note)]
      [not(ancestor::*[parent::tei:choice][tk:hidden-reading(.)])][not(ancestor::tei:rdg | ancestor::tei:witDetail)], ''))"/>
  </xsl:function>

  <!-- Top-level node (child of front/body/group/back) to the file of its chunk. -->
  <xsl:variable name="tk:file-by-node" as="map(xs:string, xs:string)"
    select="map:merge(for $c in $tk:chunks, $n in $c?nodes return map:entry(generate-id($n), $c?file))"/>

  <!-- The content document an element of the text flow is rendered in. -->
  <xsl:function name="tk:chunk-file" as="xs:string?">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="(for $a in reverse($node/ancestor-or-self::node()) return $tk:file-by-node(generate-id($a)))[1]"/>
  </xsl:function>

  <!-- The content document any element is rendered in: notes.xhtml for (what is inside) an
       inline endnote, a register page or the bibliography's chunk for an entry, else the
       chunk of the text that holds it. -->
  <xsl:function name="tk:file-of" as="xs:string?">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="entry" select="$el/ancestor-or-self::*[tk:is-entry(.)][1]"/>
    <xsl:sequence select="
      if ($el/ancestor-or-self::tei:note[tk:is-inline-endnote(.)]) then $tk:notes-file
      else if ($entry) then tk:entry-file($entry)
      else tk:chunk-file($el)"/>
  </xsl:function>

  <!-- The element an HTML id was made from by tk:id: its xml:id, else its path of positions
       (local name, then the position of each ancestor below the root). -->
  <xsl:function name="tk:element-by-html-id" as="element()?">
    <xsl:param name="id" as="xs:string"/>
    <xsl:variable name="by-id" select="key('tk:by-id', $id, $tk:root)[1]"/>
    <xsl:choose>
      <xsl:when test="$by-id"><xsl:sequence select="$by-id"/></xsl:when>
      <xsl:when test="exists(tk:element-by-content-id($id))"><xsl:sequence select="tk:element-by-content-id($id)"/></xsl:when>
      <xsl:when test="matches($id, '^[A-Za-z][A-Za-z0-9_.]*(-\d+)+$')">
        <xsl:variable name="name" select="replace($id, '^([A-Za-z][A-Za-z0-9_.]*)(-\d+)+$', '$1')"/>
        <xsl:variable name="steps" select="tokenize(substring($id, string-length($name) + 2), '-') ! xs:integer(.)"/>
        <xsl:iterate select="$steps">
          <xsl:param name="at" as="element()?" select="$tk:root/*"/>
          <xsl:on-completion><xsl:sequence select="$at[local-name() eq $name][tk:id(.) eq $id]"/></xsl:on-completion>
          <xsl:next-iteration><xsl:with-param name="at" select="$at/*[current()]"/></xsl:next-iteration>
        </xsl:iterate>
      </xsl:when>
    </xsl:choose>
  </xsl:function>

  <!-- ==== The HTML stylesheet's link targets, for a publication of many documents ==== -->

  <!-- A passage by its HTML id: the document that holds it. -->
  <xsl:function name="tk:passage-href" as="xs:string">
    <xsl:param name="id" as="xs:string"/>
    <xsl:variable name="el" select="tk:element-by-html-id($id)"/>
    <xsl:variable name="file" select="if ($el) then tk:file-of($el) else ()"/>
    <xsl:sequence select="concat(($file, $tk:chunks[1]?file)[1], '#', $id)"/>
  </xsl:function>

  <!-- A register or bibliography entry: its register page, or the chunk that holds it. -->
  <xsl:function name="tk:entity-href" as="xs:string?">
    <xsl:param name="id" as="xs:string"/>
    <xsl:variable name="el" select="key('tk:by-id', $id, $tk:root)[1]"/>
    <xsl:sequence select="if ($el and tk:is-entry($el)) then concat(tk:entry-file($el), '#', tk:safe-id($id)) else ()"/>
  </xsl:function>

  <!-- The pages of the HTML edition, as documents of the publication. Pages the EPUB does
       not have (map, timeline, search, about) lead to the table of contents. -->
  <xsl:function name="tk:page-href" as="xs:string">
    <xsl:param name="page" as="xs:string"/>
    <xsl:sequence select="
      if ($page eq 'text') then $tk:text-file
      else if ($page eq 'notes') then $tk:notes-file
      else ($tk:register-hrefs($page), 'nav.xhtml')[1]"/>
  </xsl:function>

  <xsl:variable name="tk:text-file" as="xs:string" select="($tk:chunks[?matter eq 'bodymatter'], $tk:chunks)[1]?file"/>

  <!-- Only these pages exist in the publication (the HTML stylesheet links to the map when
       'map' is among them). -->
  <xsl:variable name="tk:pages" as="xs:string*" select="'text', $tk:register-keys[exists(tk:register-lists(.))]"/>

</xsl:stylesheet>
