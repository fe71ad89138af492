<?xml version="1.0" encoding="UTF-8"?>
<!--
  Notes as EPUB endnotes (included by epub.xsl).

  Two kinds of TEI notes become endnotes:
    inline notes     a note where its reference mark stands (the TEI default, and the essay's):
                     the mark is rendered in place as a note reference, the note goes to
                     notes.xhtml, under the name of the content document it is called from
    detached notes   a note gathered elsewhere (a back division of notes, say) and pointed at by
                     a ref or ptr in the text (as in ELTeC): the pointer becomes the note
                     reference and the note is rendered where it stands, in a list of endnotes
  A note reference is <a epub:type="noteref" role="doc-noteref" id="ref-ID" href="FILE#ID">;
  an endnote is <li epub:type="endnote" id="ID">, whose body the HTML stylesheet renders (mode
  tk:endnote) and which opens with the back-link <a role="doc-backlink" href="FILE#ref-ID">, in
  an <ol> inside a section with epub:type="endnotes" role="doc-endnotes". The list items carry
  no role="doc-endnote": DPUB-ARIA 1.1 deprecated it (the items of a doc-endnotes section are
  its endnotes), and EPUBCheck warns about it. Note numbers are the HTML edition's
  (tk:note-number), except that a detached note keeps the mark its pointer shows. Notes in
  register and bibliography entries belong to the entry.
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

  <xsl:variable name="tk:notes-file" as="xs:string" select="'notes.xhtml'"/>

  <!-- Which notes are which, worked out once (the tests below run for every note matched);
       the detached notes are the HTML stylesheet's (tk:detached-notes, tk:is-detached-note). -->
  <xsl:variable name="tk:inline-endnotes" as="element(tei:note)*"
    select="$tk:texts//tei:note[empty(ancestor::*[tk:is-entry(.)])][empty(ancestor::tei:app)][not(map:contains($tk:detached-ids, generate-id(.)))]
      [empty(ancestor::*[parent::tei:choice][tk:hidden-reading(.)])]"/>
  <xsl:variable name="tk:inline-ids" as="map(xs:string, xs:boolean)"
    select="map:merge($tk:inline-endnotes ! map:entry(generate-id(.), true()))"/>

  <xsl:function name="tk:is-detached-note" as="xs:boolean">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="map:contains($tk:detached-ids, generate-id($note))"/>
  </xsl:function>

  <xsl:function name="tk:is-inline-endnote" as="xs:boolean">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="map:contains($tk:inline-ids, generate-id($note))"/>
  </xsl:function>

  <!-- ==== In the text ==== -->

  <xsl:template match="tei:note[tk:is-inline-endnote(.)]" priority="2">
    <xsl:variable name="n" select="tk:note-label(.)"/>
    <sup class="noteref"><a epub:type="noteref" role="doc-noteref" id="{tk:noteref-id(., 1)}"
      href="{$tk:notes-file}#{tk:id(.)}" aria-label="{tk:note-aria-label(.)}"><xsl:value-of select="$n"/></a></sup>
  </xsl:template>

  <xsl:template match="tei:ref[exists(tk:detached-target(.))] | tei:ptr[exists(tk:detached-target(.))]" priority="2">
    <xsl:variable name="note" select="tk:detached-target(.)"/>
    <xsl:variable name="n" select="tk:note-label($note)"/>
    <xsl:variable name="k" select="index-of(tk:note-pointers($note)/generate-id(), generate-id(.))[1]"/>
    <sup class="noteref"><a epub:type="noteref" role="doc-noteref" id="{tk:noteref-id($note, $k)}"
      href="{tk:chunk-file($note)}#{tk:id($note)}" aria-label="{tk:note-aria-label($note)}"><xsl:value-of select="$n"/></a></sup>
  </xsl:template>

  <!-- Detached notes are rendered where they stand; a run of them makes one list. -->
  <xsl:template match="tei:note[tk:is-detached-note(.)]" priority="2">
    <xsl:if test="not(preceding-sibling::*[1][self::tei:note[tk:is-detached-note(.)]])">
      <xsl:variable name="stop" select="following-sibling::*[not(self::tei:note[tk:is-detached-note(.)])][1]"/>
      <ol class="notes">
        <xsl:for-each select="., following-sibling::tei:note[tk:is-detached-note(.)][empty($stop) or . &lt;&lt; $stop]">
          <xsl:call-template name="tk:endnote"/>
        </xsl:for-each>
      </ol>
    </xsl:if>
  </xsl:template>

  <!-- A division that holds nothing but detached notes (and headings) is a notes section. -->
  <xsl:function name="tk:is-notes-division" as="xs:boolean">
    <xsl:param name="div" as="element()"/>
    <xsl:sequence select="exists($div/tei:note[tk:is-detached-note(.)])
      and empty($div/*[not(self::tei:head or self::tei:pb or self::tei:milestone or self::tei:note[tk:is-detached-note(.)])])"/>
  </xsl:function>

  <!-- ==== Endnotes ==== -->

  <!-- One endnote; the context item is the note. -->
  <xsl:template name="tk:endnote">
    <li id="{tk:id(.)}" class="note" epub:type="endnote">
      <xsl:choose>
        <!-- An empty note: its number and back-link only (mode tk:endnote would give two). -->
        <xsl:when test="not(node()[not(self::text()[not(normalize-space())])])">
          <p><xsl:call-template name="tk:backlink"/></p>
        </xsl:when>
        <xsl:otherwise><xsl:apply-templates select="." mode="tk:endnote"/></xsl:otherwise>
      </xsl:choose>
    </li>
  </xsl:template>

  <!-- Where the note reference of a note is. Inline notes: the content document that was
       rendered with it (notes.xhtml for notes inside notes); detached notes: the chunk of the
       first pointer shown. -->
  <xsl:function name="tk:noteref-href" as="xs:string?">
    <xsl:param name="note" as="element()"/>
    <xsl:variable name="pointer" select="if (tk:is-detached-note($note)) then tk:note-pointers($note)[1] else ()"/>
    <xsl:sequence select="
      if (tk:is-detached-note($note)) then (if ($pointer) then concat(tk:file-of($pointer), '#', tk:noteref-id($note, 1)) else ())
      else if ($note/ancestor::tei:note[tk:is-inline-endnote(.)]) then concat($tk:notes-file, '#', tk:noteref-id($note, 1))
      else concat($tk:noteref-files(tk:noteref-id($note, 1)), '#', tk:noteref-id($note, 1))"/>
  </xsl:function>

  <!-- The back-link that opens an endnote (the HTML edition's, with a link across files). -->
  <xsl:template name="tk:backlink">
    <xsl:variable name="n" select="tk:note-label(.)"/>
    <xsl:variable name="href" select="tk:noteref-href(.)"/>
    <!-- A note whose text opens with its own mark (as transcribed: "* I do not mind") gets an
         arrow, not the mark a second time. -->
    <xsl:variable name="marked" select="tk:is-detached-note(.) and matches(normalize-space(.),
      concat('^[\[(]?\s*', replace($n, '([.\\^$*+?(){}\[\]|\-])', '\\$1'), '([\])\.:,]|\s|$)'))"/>
    <xsl:choose>
      <xsl:when test="exists($href)">
        <a class="backlink" href="{$href}" role="doc-backlink" aria-label="{tk:label('note.back', $n)}"><xsl:value-of
          select="if ($marked) then '&#x21A9;&#xFE0E;' else $n"/></a>
      </xsl:when>
      <xsl:otherwise><span class="note-label"><xsl:value-of select="$n"/></span></xsl:otherwise>
    </xsl:choose>
    <xsl:text> </xsl:text>
  </xsl:template>

  <!-- No permalinks in an e-book. -->
  <xsl:template name="tk:note-permalink"/>
  <xsl:template name="tk:permalink"/>
  <xsl:template name="tk:passage-number">
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="passage" as="element()"/>
  </xsl:template>
  <xsl:template name="tk:heading-permalink">
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="label" as="xs:string"/>
  </xsl:template>

  <!-- Which file each rendered note reference is in (from the rendered content documents). -->
  <xsl:variable name="tk:noteref-files" as="map(xs:string, xs:string)"
    select="map:merge(for $d in $tk:chunk-documents, $a in $d?content/descendant-or-self::*:a[@epub:type = 'noteref']
      return map:entry(string($a/@id), $d?file), map {'duplicates': 'use-first'})"/>

  <!-- The inline endnotes whose reference made it into the text (and the notes inside them). -->
  <xsl:variable name="tk:listed-endnotes" as="element(tei:note)*"
    select="$tk:inline-endnotes[map:contains($tk:noteref-files, tk:noteref-id((ancestor-or-self::tei:note[tk:is-inline-endnote(.)])[1], 1))]"/>

  <!-- notes.xhtml: the endnotes of each content document under its name. -->
  <xsl:variable name="tk:notes-document" as="map(*)?">
    <xsl:if test="exists($tk:listed-endnotes)">
      <xsl:variable name="groups" as="map(*)*">
        <xsl:for-each-group select="$tk:listed-endnotes"
          group-adjacent="$tk:noteref-files(tk:noteref-id((ancestor-or-self::tei:note[tk:is-inline-endnote(.)])[1], 1))">
          <xsl:variable name="list" as="element()">
            <ol class="notes">
              <xsl:for-each select="current-group()"><xsl:call-template name="tk:endnote"/></xsl:for-each>
            </ol>
          </xsl:variable>
          <xsl:sequence select="map {'file': current-grouping-key(), 'list': $list}"/>
        </xsl:for-each-group>
      </xsl:variable>
      <xsl:variable name="content" as="element()">
        <section epub:type="endnotes" role="doc-endnotes" aria-labelledby="notes-title">
          <h1 id="notes-title"><xsl:call-template name="tk:ui-lang-attributes"><xsl:with-param name="region-lang" select="$tk:lang"/></xsl:call-template><xsl:value-of select="tk:label('notes.title')"/></h1>
          <xsl:choose>
            <xsl:when test="count($groups) eq 1"><xsl:sequence select="$groups?list"/></xsl:when>
            <xsl:otherwise>
              <xsl:for-each select="$groups">
                <xsl:variable name="file" select="?file"/>
                <section class="notes-group" aria-labelledby="notes-{position()}">
                  <h2 id="notes-{position()}"><a href="{$file}"><xsl:value-of select="$tk:chunks[?file eq $file]?label"/></a></h2>
                  <xsl:sequence select="?list"/>
                </section>
              </xsl:for-each>
            </xsl:otherwise>
          </xsl:choose>
        </section>
      </xsl:variable>
      <xsl:sequence select="map {'file': $tk:notes-file, 'kind': 'notes', 'matter': 'backmatter',
        'label': tk:label('notes.title'), 'title': tk:label('notes.title'), 'content': $content}"/>
    </xsl:if>
  </xsl:variable>

</xsl:stylesheet>
