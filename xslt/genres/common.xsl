<?xml version="1.0" encoding="UTF-8"?>
<!--
  Edition genres: what every format shares, one module per genre (included by
  xslt/common/common.xsl, so imported by every format). Each genre's per-format templates
  are its <genre>-html.xsl, <genre>-epub.xsl and <genre>-text.xsl beside it, gathered by
  html.xsl, epub.xsl and text.xsl in this folder: how a genre is shown is all in this folder.
    apparatus    critical apparatus: entries, sigla, witnesses
    leiden       inscriptions and diplomatic transcription: Leiden signs, edited/diplomatic
    verse        line numbers (verse, drama, numbered line breaks), split lines, indentation
    drama        cast lists, speeches, stage directions, the speaker index
    dictionary   entries, senses, translations, cross-references, the headword index
    letters      correspDesc, letter parts, previous and next letter
    facsimile    surfaces, zones, page images (local and IIIF)
    rendition    tagsDecl/rendition and @style compiled into a generated style sheet
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  exclude-result-prefixes="#all">

  <xsl:include href="apparatus.xsl"/>
  <xsl:include href="leiden.xsl"/>
  <xsl:include href="verse.xsl"/>
  <xsl:include href="drama.xsl"/>
  <xsl:include href="dictionary.xsl"/>
  <xsl:include href="letters.xsl"/>
  <xsl:include href="facsimile.xsl"/>
  <xsl:include href="rendition.xsl"/>

  <!-- The names of the TEI elements the document holds, found in one pass: each genre looks
       for its elements only when their name is here, so that a document of none of these
       genres (a novel, an essay) pays one scan, not one for each genre. -->
  <xsl:variable name="tk:names-present" as="map(xs:string, xs:boolean)"
    select="tk:name-set(distinct-values($tk:source//tei:*/local-name()))"/>

  <xsl:function name="tk:has" as="xs:boolean">
    <xsl:param name="names" as="xs:string+"/>
    <xsl:sequence select="some $n in $names satisfies map:contains($tk:names-present, $n)"/>
  </xsl:function>

  <!-- The elements the genre modules render on purpose (added to tk:known-elements). -->
  <xsl:variable name="tk:genre-elements" as="xs:string*" select="(
    'listApp', 'rdgGrp', 'witDetail', 'wit', 'witStart', 'witEnd', 'lacunaStart', 'lacunaEnd',
    'ex', 'am', 'surplus', 'subst', 'handShift', 'damage', 'restore', 'secl', 'g',
    'castList', 'castGroup', 'castItem', 'role', 'roleDesc', 'actor', 'set',
    'entry', 'entryFree', 'superEntry', 'form', 'orth', 'pron', 'hyph', 'syll', 'gramGrp', 'pos',
    'gen', 'number', 'case', 'per', 'tns', 'mood', 'iType', 'subc', 'colloc', 'sense', 'def',
    'usg', 'lbl', 'xr', 're', 'etym', 'hom', 'oRef', 'pRef',
    'facsimile', 'surface', 'surfaceGrp', 'zone', 'sourceDoc', 'line')"/>

</xsl:stylesheet>
