<?xml version="1.0" encoding="UTF-8"?>
<!--
  Notes: a numbered reference where the note stands (a jump link to the endnote; edition.js
  turns it into a popover), and all notes again as endnotes, each with a back-link to its
  reference. Numbers come from @n. Included by html.xsl.

  A detached note is gathered elsewhere (a back division of notes, as in ELTeC) and pointed
  at by a ref or ptr of the text: the pointer becomes its note reference, and the note is
  rendered where it stands, in a list, with a back-link to the pointer. Its label is the
  mark the pointer shows ("[1]" gives 1), else the note's number (tk:note-label).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <!-- Notes of the text that are numbered: not notes inside notes, and not the notes that
       describe a register or bibliography entry (those belong to the entry). -->
  <xsl:function name="tk:is-numbered-note" as="xs:boolean">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="exists($note/self::tei:note[ancestor::tei:text]
      [not(ancestor::tei:note)][not(ancestor::*[tk:is-entry(.)])][not(ancestor::tei:app)])"/>
  </xsl:function>

  <!-- Numbered notes that go to the endnotes (the detached ones stay where they stand). -->
  <xsl:function name="tk:is-endnote" as="xs:boolean">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="tk:is-numbered-note($note) and not(tk:is-detached-note($note))"/>
  </xsl:function>

  <xsl:variable name="tk:numbered-notes" as="element()*" select="//tei:text//tei:note[tk:is-numbered-note(.)]"/>
  <xsl:variable name="tk:endnotes" as="element()*" select="$tk:numbered-notes[not(tk:is-detached-note(.))]"/>

  <!-- ==== Detached notes ==== -->

  <!-- ref and ptr elements of the text, by the ids they point at. -->
  <xsl:key name="tk:ref-targets" match="tei:ref[@target][ancestor::tei:text] | tei:ptr[@target][ancestor::tei:text]"
    use="for $t in tokenize(normalize-space(@target), ' ')[starts-with(., '#')] return substring($t, 2)"/>

  <!-- Notes standing in a division (or front, body, back, noteGrp) that a ref or ptr of the
       text points at, from outside the note; worked out once. -->
  <xsl:variable name="tk:detached-notes" as="element(tei:note)*"
    select="for $n in $tk:texts//tei:note[@xml:id]
        [parent::*[self::tei:div or self::tei:div1 or self::tei:div2 or self::tei:div3 or self::tei:div4
          or self::tei:div5 or self::tei:div6 or self::tei:div7 or self::tei:text[parent::tei:group]
          or self::tei:front or self::tei:body or self::tei:back or self::tei:noteGrp]]
        [empty(ancestor::*[tk:is-entry(.)])]
      return $n[exists(key('tk:ref-targets', string(@xml:id), $tk:root)[not(ancestor::tei:note intersect $n)])]"/>
  <xsl:variable name="tk:detached-ids" as="map(xs:string, xs:boolean)"
    select="map:merge($tk:detached-notes ! map:entry(generate-id(.), true()))"/>

  <xsl:function name="tk:is-detached-note" as="xs:boolean">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="map:contains($tk:detached-ids, generate-id($note))"/>
  </xsl:function>

  <!-- The pointers of the text to a detached note that are shown, in document order. -->
  <xsl:function name="tk:note-pointers" as="element()*">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="key('tk:ref-targets', string($note/@xml:id), $tk:root)
      [empty(ancestor::*[parent::tei:choice][tk:hidden-reading(.)])]"/>
  </xsl:function>

  <!-- The detached note a ref or ptr points at, if any. -->
  <xsl:function name="tk:detached-target" as="element(tei:note)?">
    <xsl:param name="pointer" as="element()"/>
    <xsl:variable name="first" select="tokenize(normalize-space($pointer/@target), ' ')[1]"/>
    <xsl:sequence select="if (starts-with($first, '#'))
      then key('tk:by-id', substring($first, 2), $tk:root)[1][self::tei:note][tk:is-detached-note(.)]
      else ()"/>
  </xsl:function>

  <!-- A note's label: its number (tk:note-number); for a detached note, the mark its first
       pointer shows in the source ("[1]" gives 1; an empty ref, its @n). -->
  <xsl:function name="tk:note-label" as="xs:string">
    <xsl:param name="note" as="element()"/>
    <xsl:variable name="pointer" select="if (tk:is-detached-note($note)) then tk:note-pointers($note)[1] else ()"/>
    <xsl:variable name="mark" select="replace(normalize-space(string($pointer)), '^[\[(]\s*(.*?)\s*[\])]$', '$1')"/>
    <xsl:sequence select="($mark[. ne ''], normalize-space($pointer/@n)[. ne ''], tk:note-number($note))[1]"/>
  </xsl:function>

  <!-- The id of the k-th reference to a note (the back-link goes to the first). -->
  <xsl:function name="tk:noteref-id" as="xs:string">
    <xsl:param name="note" as="element()"/>
    <xsl:param name="k" as="xs:integer?"/>
    <xsl:sequence select="concat('ref-', tk:id($note), if ($k gt 1) then concat('-', $k) else '')"/>
  </xsl:function>

  <xsl:template match="tei:ref[exists(tk:detached-target(.))] | tei:ptr[exists(tk:detached-target(.))]" priority="2">
    <xsl:variable name="note" select="tk:detached-target(.)"/>
    <xsl:variable name="n" select="tk:note-label($note)"/>
    <xsl:variable name="k" select="index-of(tk:note-pointers($note)/generate-id(), generate-id(.))[1]"/>
    <sup class="noteref"><a href="#{tk:id($note)}" id="{tk:noteref-id($note, $k)}" role="doc-noteref" aria-label="{tk:note-aria-label($note)}"><xsl:value-of select="$n"/></a></sup>
  </xsl:template>

  <!-- Detached notes are rendered where they stand; a run of them makes one list. -->
  <xsl:template match="tei:note[tk:is-detached-note(.)]" priority="2">
    <xsl:if test="not(preceding-sibling::*[1][self::tei:note[tk:is-detached-note(.)]])">
      <xsl:variable name="stop" select="following-sibling::*[not(self::tei:note[tk:is-detached-note(.)])][1]"/>
      <ol class="notes">
        <xsl:for-each select="., following-sibling::tei:note[tk:is-detached-note(.)][empty($stop) or . &lt;&lt; $stop]">
          <li id="{tk:id(.)}"><xsl:apply-templates select="." mode="tk:endnote"/></li>
        </xsl:for-each>
      </ol>
    </xsl:if>
  </xsl:template>

  <!-- ==== Numbers ==== -->

  <!-- The label of each of the author's endnotes: its @n; when some notes have an @n, the
       others are lettered (a, b ...); when none has, they are numbered in order. The editors'
       notes are not in this series (tk:note-number gives them their own marks, "ed. 1"). -->
  <xsl:variable name="tk:endnote-labels" as="map(xs:string, xs:string)">
    <xsl:variable name="authors" select="$tk:numbered-notes[not(tk:is-editorial(.))]"/>
    <xsl:variable name="numbered" select="exists($authors[normalize-space(@n)])"/>
    <xsl:map>
      <xsl:for-each select="$authors[normalize-space(@n)]">
        <xsl:map-entry key="generate-id(.)" select="normalize-space(@n)"/>
      </xsl:for-each>
      <xsl:for-each select="$authors[not(normalize-space(@n))]">
        <xsl:map-entry key="generate-id(.)" select="if ($numbered) then tk:letters(position()) else string(position())"/>
      </xsl:for-each>
    </xsl:map>
  </xsl:variable>

  <xsl:function name="tk:letters" as="xs:string">
    <xsl:param name="n" as="xs:integer"/>
    <xsl:number value="$n" format="a"/>
  </xsl:function>

  <xsl:function name="tk:note-number" as="xs:string">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="($tk:endnote-labels(generate-id($note)), tk:editorial-mark($note), normalize-space($note/@n)[. ne ''], '*')[1]"/>
  </xsl:function>

  <xsl:template match="tei:note">
    <xsl:choose>
      <xsl:when test="tk:is-endnote(.)">
        <xsl:variable name="n" select="tk:note-number(.)"/>
        <sup class="{string-join(('noteref', 'editorial'[tk:is-editorial(current())]), ' ')}"><a href="#{tk:id(.)}" id="ref-{tk:id(.)}" role="doc-noteref" aria-label="{tk:note-aria-label(.)}"><xsl:value-of select="$n"/></a></sup>
      </xsl:when>
      <xsl:otherwise>
        <!-- Notes elsewhere (in the header, inside notes): in the flow, in brackets. -->
        <span class="{string-join(('note-inline', 'editorial'[tk:is-editorial(current())]), ' ')}"> [<xsl:call-template name="tk:editorial-label"/><xsl:apply-templates/>]</span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- What a note reference is called: "Note 12", "Editors' note 1". -->
  <xsl:function name="tk:note-aria-label" as="xs:string">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="if (exists(tk:editorial-number($note))) then tk:label('note.editorial.label', tk:editorial-number($note))
      else tk:label('note.label', tk:note-label($note))"/>
  </xsl:function>

  <!-- "Editors' note: " before the words of an editorial note (the context), in the
       interface's language; nothing for the author's notes. -->
  <xsl:template name="tk:editorial-label">
    <xsl:if test="self::tei:note and tk:is-editorial(.)">
      <span class="note-kind"><xsl:call-template name="tk:ui-lang-attributes"/><xsl:value-of select="tk:label('note.editorial')"/></span>
      <xsl:text>: </xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- The id of a text's endnotes section: "notes", or one per text in a corpus. -->
  <xsl:function name="tk:notes-id" as="xs:string">
    <xsl:param name="text" as="element()"/>
    <xsl:sequence select="if ($text/preceding::tei:text or $text/following::tei:text or $text/ancestor::tei:text)
      then concat('notes-', tk:id($text)) else 'notes'"/>
  </xsl:function>

  <xsl:template name="tk:endnotes">
    <xsl:variable name="notes" select="$tk:endnotes[ancestor::tei:text[1] is current()]"/>
    <xsl:if test="$notes">
      <section class="endnotes" id="{tk:notes-id(.)}" role="doc-endnotes" aria-labelledby="{tk:notes-id(.)}-title">
        <h2 id="{tk:notes-id(.)}-title"><xsl:call-template name="tk:ui-lang-attributes"/><xsl:value-of select="tk:label('notes.title')"/></h2>
        <ol class="notes">
          <xsl:for-each select="$notes">
            <li id="{tk:id(.)}">
              <xsl:apply-templates select="." mode="tk:endnote"/>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- The number, which is the link back to the reference. -->
  <xsl:template name="tk:backlink">
    <xsl:variable name="n" select="tk:note-label(.)"/>
    <a class="backlink" href="#{tk:noteref-id(., 1)}" role="doc-backlink" aria-label="{tk:label('note.back', $n)}"><xsl:value-of select="$n"/></a>
    <xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template name="tk:note-permalink">
    <xsl:text> </xsl:text>
    <!-- for the pointer only, as in headings: the note is reached from its reference -->
    <a class="permalink" href="#{tk:id(.)}" aria-hidden="true" tabindex="-1" title="{tk:label('permalink', tk:label('passage.note', tk:note-label(.)))}" data-passage="{tk:label('passage.note', tk:note-label(.))}">¶</a>
  </xsl:template>

  <!-- An endnote's body: each paragraph of the note, and each run of phrase content between
       them, as one block; the back-link opens the first, the permalink closes the last. -->
  <xsl:template match="tei:note" mode="tk:endnote">
    <xsl:variable name="note" select="."/>
    <xsl:for-each-group select="node()[not(self::text()[not(normalize-space())] and $note/tei:p)]"
      group-adjacent="if (self::tei:p) then generate-id() else 'phrase'">
      <xsl:call-template name="tk:note-block">
        <xsl:with-param name="note" select="$note"/>
        <xsl:with-param name="content" select="if (self::tei:p) then node() else current-group()"/>
        <xsl:with-param name="first" select="position() = 1"/>
        <xsl:with-param name="last" select="position() = last()"/>
      </xsl:call-template>
    </xsl:for-each-group>
    <xsl:if test="not(node()[not(self::text()[not(normalize-space())])])">
      <p><xsl:call-template name="tk:backlink"/><xsl:call-template name="tk:note-permalink"/></p>
    </xsl:if>
  </xsl:template>

  <xsl:template name="tk:note-block">
    <xsl:param name="note" as="element()"/>
    <xsl:param name="content" as="node()*"/>
    <xsl:param name="first" as="xs:boolean"/>
    <xsl:param name="last" as="xs:boolean"/>
    <xsl:variable name="block" select="some $c in $content/descendant-or-self::* satisfies tk:is-block($c) and not($c/self::tei:p)"/>
    <xsl:element name="{if ($block) then 'div' else 'p'}">
      <xsl:if test="$block"><xsl:attribute name="class" select="'p'"/></xsl:if>
      <xsl:if test="$first"><xsl:for-each select="$note"><xsl:call-template name="tk:backlink"/><xsl:call-template name="tk:editorial-label"/></xsl:for-each></xsl:if>
      <xsl:apply-templates select="$content"/>
      <xsl:if test="$last"><xsl:for-each select="$note"><xsl:call-template name="tk:note-permalink"/></xsl:for-each></xsl:if>
    </xsl:element>
  </xsl:template>

  <!-- Mode note-body renders a note's children inline (paragraphs as spans), for importing
       stylesheets that put a whole note in one paragraph. -->
  <xsl:template match="node()" mode="note-body">
    <xsl:apply-templates select="."/>
  </xsl:template>

  <xsl:template match="tei:p" mode="note-body">
    <span class="note-p"><xsl:apply-templates/></span><xsl:text> </xsl:text>
  </xsl:template>

</xsl:stylesheet>
