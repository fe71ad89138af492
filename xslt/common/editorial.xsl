<?xml version="1.0" encoding="UTF-8"?>
<!--
  Editorial notes: the editors' notes, told apart from the author's in every format. Included
  by common.xsl.

  The definition is teikit check's (toolkit/check/document.py, is_editorial), documented once
  in docs/check.md ("Editorial notes"): a note whose @type is "editorial", or that has a @resp
  unless its @type says it is the author's ("authorial", "author", "auth"), and any note
  inside such a note. tests/formats/test_editorial.py holds the two to the same answers.

  Every format marks such a note with the catalogue's label (note.editorial, "Editors' note")
  and keeps it out of the author's numbering: where an editorial note has a mark of its own,
  it is note.editorial.mark ("ed. 1"), numbered in the editors' own series.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  exclude-result-prefixes="#all">

  <!-- Note types that say a note is the author's, whoever is named responsible for it. -->
  <xsl:variable name="tk:authors-note-types" as="xs:string*" select="('authorial', 'author', 'auth')"/>

  <xsl:function name="tk:is-editorial" as="xs:boolean">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="exists($note/ancestor-or-self::tei:note[
      lower-case(normalize-space(@type)) eq 'editorial'
      or (normalize-space(@resp) and not(lower-case(normalize-space(@type)) = $tk:authors-note-types))])"/>
  </xsl:function>

  <!-- The editors' notes of the text (register entries' notes aside), in document order,
       each with its number: its @n, else its place in the editors' series. -->
  <xsl:variable name="tk:editorial-numbers" as="map(xs:string, xs:string)">
    <xsl:map>
      <xsl:for-each select="(/tei:TEI/tei:text | /tei:teiCorpus/tei:TEI/tei:text)//tei:note[tk:is-editorial(.)]">
        <xsl:map-entry key="generate-id(.)" select="(normalize-space(@n)[. ne ''], string(position()))[1]"/>
      </xsl:for-each>
    </xsl:map>
  </xsl:variable>

  <!-- An editorial note's number in the editors' series, or nothing for any other note. -->
  <xsl:function name="tk:editorial-number" as="xs:string?">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="$tk:editorial-numbers(generate-id($note))"/>
  </xsl:function>

  <!-- The mark of an editorial note ("ed. 1"), or nothing for any other note. -->
  <xsl:function name="tk:editorial-mark" as="xs:string?">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="tk:editorial-number($note) ! tk:label('note.editorial.mark', .)"/>
  </xsl:function>

</xsl:stylesheet>
