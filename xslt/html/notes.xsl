<?xml version="1.0" encoding="UTF-8"?>
<!--
  Notes: a numbered reference where the note stands (a jump link to the endnote; edition.js
  turns it into a popover), and all notes again as endnotes, each with a back-link to its
  reference. Numbers come from @n. Included by html.xsl.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <!-- Notes of the text that become endnotes: not notes inside notes, and not the notes that
       describe a register or bibliography entry (those belong to the entry). -->
  <xsl:function name="tk:is-endnote" as="xs:boolean">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="exists($note/self::tei:note[ancestor::tei:text]
      [not(ancestor::tei:note)][not(ancestor::*[self::tei:person or self::tei:personGrp or self::tei:place or self::tei:org or self::tei:bibl or self::tei:biblStruct][tk:is-entry(.)])])"/>
  </xsl:function>

  <xsl:variable name="tk:endnotes" as="element()*" select="//tei:text//tei:note[tk:is-endnote(.)]"/>

  <!-- The label of each endnote: its @n; when some notes have an @n, the others are lettered
       (a, b ...); when none has, they are numbered in order. -->
  <xsl:variable name="tk:endnote-labels" as="map(xs:string, xs:string)">
    <xsl:variable name="numbered" select="exists($tk:endnotes[normalize-space(@n)])"/>
    <xsl:map>
      <xsl:for-each select="$tk:endnotes">
        <xsl:variable name="pos" select="position()"/>
        <xsl:map-entry key="generate-id(.)" select="
          if (normalize-space(@n)) then normalize-space(@n)
          else if ($numbered) then tk:letters(count(preceding::tei:note[tk:is-endnote(.)][not(normalize-space(@n))]) + 1)
          else string($pos)"/>
      </xsl:for-each>
    </xsl:map>
  </xsl:variable>

  <xsl:function name="tk:letters" as="xs:string">
    <xsl:param name="n" as="xs:integer"/>
    <xsl:number value="$n" format="a"/>
  </xsl:function>

  <xsl:function name="tk:note-number" as="xs:string">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="($tk:endnote-labels(generate-id($note)), normalize-space($note/@n)[. ne ''], '*')[1]"/>
  </xsl:function>

  <xsl:template match="tei:note">
    <xsl:choose>
      <xsl:when test="tk:is-endnote(.)">
        <xsl:variable name="n" select="tk:note-number(.)"/>
        <sup class="noteref"><a href="#{tk:id(.)}" id="ref-{tk:id(.)}" role="doc-noteref" aria-label="Note {$n}"><xsl:value-of select="$n"/></a></sup>
      </xsl:when>
      <xsl:otherwise>
        <!-- Notes elsewhere (in the header, inside notes): in the flow, in brackets. -->
        <span class="note-inline"> [<xsl:apply-templates/>]</span>
      </xsl:otherwise>
    </xsl:choose>
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
        <h2 id="{tk:notes-id(.)}-title">Notes</h2>
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
    <xsl:variable name="n" select="tk:note-number(.)"/>
    <a class="backlink" href="#ref-{tk:id(.)}" role="doc-backlink" aria-label="Back to the reference to note {$n}"><xsl:value-of select="$n"/></a>
    <xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template name="tk:note-permalink">
    <xsl:text> </xsl:text>
    <a class="permalink" href="#{tk:id(.)}" aria-label="Permalink: note {tk:note-number(.)}">¶</a>
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
      <xsl:if test="$first"><xsl:for-each select="$note"><xsl:call-template name="tk:backlink"/></xsl:for-each></xsl:if>
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
