<?xml version="1.0" encoding="UTF-8"?>
<!--
  Notes in print (included by pdf.xsl), by the parameter $notes:
    foot   a note call (<a class="noteref">, a link to the note) where the note stands, and
           right after it the note itself, <span class="footnote">, which print.css floats to
           the foot of the page (float: footnote), so that call and note share a page. The
           note opens with its number, a link back to the call. A note is numbered as in the
           source (tk:note-label: its @n, or the mark its pointer shows).
    end    the call only; the notes are gathered after the text of each text (the EPUB's
           inline notes) or stay where they stand (detached notes, as in ELTeC).
    none   neither calls nor notes.
  A detached note (gathered in a division of notes and pointed at by a ref or ptr) becomes,
  in foot mode, a footnote at each of its pointers; the division it stood in is left out when
  nothing else stands there. A note inside a note stays in its note, in brackets.

  The call names the passage it stands in (data-passage): the builder moves that passage to
  the next page when the typesetter has set the note on another page than its call.

  A footnote's content is the endnote's (mode tk:endnote of the HTML edition), with its blocks
  turned into spans (mode tk:inline-blocks): the footnote stands inside a paragraph, where an
  HTML parser would close the paragraph at the first <p> or <ul>.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  xmlns:h="http://www.w3.org/1999/xhtml"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <!-- A note inside a note: in the flow of its note, in brackets. -->
  <xsl:template match="tei:note[ancestor::tei:note]" priority="4">
    <span class="note-inline"> [<xsl:apply-templates/>]</span>
  </xsl:template>

  <xsl:template match="tei:note[tk:is-inline-endnote(.)]" priority="3">
    <xsl:choose>
      <!-- A note standing between blocks (a transcriber's note between utterances): its call
           on a line of its own, which can be moved to the next page with its note. -->
      <xsl:when test="tk:is-container(..) and $tk:notes-mode ne 'none'">
        <p class="note-standalone" id="at-{tk:id(.)}">
          <xsl:call-template name="tk:note-call">
            <xsl:with-param name="note" select="."/>
            <xsl:with-param name="k" select="1"/>
            <xsl:with-param name="passage" select="concat('at-', tk:id(.))"/>
          </xsl:call-template>
        </p>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="tk:note-call">
          <xsl:with-param name="note" select="."/>
          <xsl:with-param name="k" select="1"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:ref[exists(tk:detached-target(.))] | tei:ptr[exists(tk:detached-target(.))]" priority="3">
    <xsl:variable name="note" select="tk:detached-target(.)"/>
    <xsl:call-template name="tk:note-call">
      <xsl:with-param name="note" select="$note"/>
      <xsl:with-param name="k" select="index-of(tk:note-pointers($note)/generate-id(), generate-id(.))[1]"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The k-th call of a note and, in foot mode, the note (its id made unique after the
       first call, for a note called twice). -->
  <xsl:template name="tk:note-call">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:param name="k" as="xs:integer"/>
    <!-- The id of the block the call stands in: by default, its passage's. -->
    <xsl:param name="passage" as="xs:string?" select="
      let $p := tk:passage(if ($note is .) then $note/.. else .)
      return if (tk:has-anchor($p)) then tk:id($p) else ''"/>
    <xsl:if test="$tk:notes-mode ne 'none'">
      <xsl:variable name="n" select="tk:note-label($note)"/>
      <xsl:variable name="id" select="concat(tk:id($note), if ($k gt 1 and $tk:notes-mode eq 'foot') then concat('-', $k) else '')"/>
      <a class="noteref" href="#{$id}" id="{tk:noteref-id($note, $k)}"
        data-passage="{$passage}" role="doc-noteref"
        aria-label="{tk:label('note.label', $n)}"><xsl:value-of select="$n"/></a>
      <xsl:if test="$tk:notes-mode eq 'foot'">
        <xsl:variable name="body" as="node()*">
          <xsl:for-each select="$note"><xsl:call-template name="tk:endnote-body"/></xsl:for-each>
        </xsl:variable>
        <span class="footnote" id="{$id}" role="doc-footnote">
          <xsl:apply-templates select="$body" mode="tk:inline-blocks"/>
        </span>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- A note's body as the HTML edition renders an endnote (back-link first). -->
  <xsl:template name="tk:endnote-body">
    <xsl:choose>
      <xsl:when test="not(node()[not(self::text()[not(normalize-space())])])">
        <p><xsl:call-template name="tk:backlink"/></p>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates select="." mode="tk:endnote"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The note's number, a link back to its (first) call. -->
  <xsl:template name="tk:backlink">
    <xsl:variable name="n" select="tk:note-label(.)"/>
    <a class="backlink" href="#{tk:noteref-id(., 1)}" role="doc-backlink"
      aria-label="{tk:label('note.back', $n)}"><xsl:value-of select="$n"/></a>
    <xsl:text> </xsl:text>
  </xsl:template>

  <!-- Detached notes: in foot mode printed at their calls, not where they stand (unless no
       call of theirs is printed); in end mode where they stand, as in the EPUB. -->
  <xsl:template match="tei:note[tk:is-detached-note(.)]" priority="3">
    <xsl:choose>
      <xsl:when test="$tk:notes-mode eq 'none'"/>
      <xsl:when test="$tk:notes-mode eq 'foot' and exists(tk:note-pointers(.))"/>
      <xsl:when test="preceding-sibling::*[1][self::tei:note[tk:is-detached-note(.)][tk:is-kept-in-place(.)]]"/>
      <xsl:otherwise>
        <xsl:variable name="stop" select="following-sibling::*[not(self::tei:note[tk:is-detached-note(.)][tk:is-kept-in-place(.)])][1]"/>
        <ol class="notes">
          <xsl:for-each select="., following-sibling::tei:note[tk:is-detached-note(.)][empty($stop) or . &lt;&lt; $stop]">
            <li id="{tk:id(.)}" class="note"><xsl:call-template name="tk:endnote-body"/></li>
          </xsl:for-each>
        </ol>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:function name="tk:is-kept-in-place" as="xs:boolean">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="$tk:notes-mode eq 'end' or ($tk:notes-mode eq 'foot' and empty(tk:note-pointers($note)))"/>
  </xsl:function>

  <!-- A division of detached notes that foot mode prints at their calls: left out whole. -->
  <xsl:function name="tk:is-omitted-division" as="xs:boolean">
    <xsl:param name="div" as="element()"/>
    <xsl:sequence select="$tk:notes-mode ne 'end' and tk:is-notes-division($div)
      and (every $n in $div/tei:note satisfies ($tk:notes-mode eq 'none' or exists(tk:note-pointers($n))))"/>
  </xsl:function>

  <!-- ==== End mode: the notes of a text, after its body ==== -->

  <xsl:function name="tk:text-endnotes" as="element(tei:note)*">
    <xsl:param name="text" as="element()"/>
    <xsl:sequence select="$tk:inline-endnotes[empty(ancestor::tei:note)][ancestor::tei:text[1] is $text]"/>
  </xsl:function>

  <xsl:template name="tk:print-endnotes">
    <xsl:variable name="notes" select="tk:text-endnotes(.)"/>
    <xsl:if test="$tk:notes-mode eq 'end' and exists($notes)">
      <section class="endnotes" id="{tk:notes-id(.)}" role="doc-endnotes" data-head="{tk:label('notes.title')}"
        aria-labelledby="{tk:notes-id(.)}-title" data-break="page">
        <h2 id="{tk:notes-id(.)}-title" data-head="{tk:label('notes.title')}"><xsl:value-of select="tk:label('notes.title')"/></h2>
        <ol class="notes">
          <xsl:for-each select="$notes">
            <li id="{tk:id(.)}" class="note"><xsl:call-template name="tk:endnote-body"/></li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- ==== Blocks as spans (inside a footnote) ==== -->

  <xsl:variable name="tk:block-names" as="map(xs:string, xs:boolean)" select="tk:name-set((
    'p', 'div', 'blockquote', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'caption', 'thead',
    'tbody', 'tfoot', 'tr', 'td', 'th', 'figure', 'figcaption', 'section', 'article', 'header',
    'footer', 'nav', 'aside', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'pre', 'address', 'main'))"/>

  <xsl:template match="h:*" mode="tk:inline-blocks">
    <xsl:choose>
      <xsl:when test="map:contains($tk:block-names, local-name())">
        <span class="{string-join(('b-' || local-name(), @class), ' ')}">
          <xsl:copy-of select="@* except @class"/>
          <xsl:apply-templates mode="tk:inline-blocks"/>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <xsl:copy>
          <xsl:copy-of select="@*"/>
          <xsl:apply-templates mode="tk:inline-blocks"/>
        </xsl:copy>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Line ends become spaces: WeasyPrint (70) fails on a line end left in a footnote. -->
  <xsl:template match="text()" mode="tk:inline-blocks" priority="1">
    <xsl:value-of select="translate(., '&#10;&#13;&#9;', '   ')"/>
  </xsl:template>

  <xsl:template match="node()" mode="tk:inline-blocks"><xsl:copy-of select="."/></xsl:template>

</xsl:stylesheet>
