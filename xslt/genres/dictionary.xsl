<?xml version="1.0" encoding="UTF-8"?>
<!--
  Dictionaries, what every format shares: entries and their headwords (for the
  alphabetical index and for cross-references that name a headword without pointing at
  it), and how senses are numbered. The formats: dictionary-html.xsl (entries as blocks,
  headwords.html), dictionary-text.xsl, dictionary-epub.xsl.

  An entry is entry, entryFree or an entry of a superEntry; its headword the orth of its
  form[@type='lemma'] (or its first orth, or its first form). Senses are numbered when an
  entry or sense has more than one: by their @n, else 1, 2, 3 (a, b, c one level down).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  exclude-result-prefixes="#all">

  <xsl:variable name="tk:entries" as="element()*"
    select="if (tk:has(('entry', 'entryFree'))) then $tk:source/*/tei:text//(tei:entry | tei:entryFree)[not(ancestor::tei:entry | ancestor::tei:entryFree)] else ()"/>

  <xsl:variable name="tk:dictionary" as="xs:boolean" select="exists($tk:entries)"/>

  <xsl:function name="tk:headword" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="form" select="($entry/tei:form[@type = ('lemma', 'headword')], $entry/tei:form, $entry//tei:form)[1]"/>
    <xsl:variable name="orth" select="($form/tei:orth, $entry//tei:orth)[1]"/>
    <xsl:sequence select="normalize-space(string-join((($orth, $form)[1])//text()[not(ancestor::tei:note | ancestor::tei:pron)], ''))"/>
  </xsl:function>

  <xsl:key name="tk:entry-by-headword" match="tei:entry | tei:entryFree" use="lower-case(tk:headword(.))"/>

  <!-- The entry a cross-reference leads to: its @target, else the entry whose headword it
       names. -->
  <xsl:function name="tk:xr-entry" as="element()?">
    <xsl:param name="ref" as="element()"/>
    <xsl:variable name="target" select="tk:pointer-ids($ref/@target)[1]"/>
    <xsl:sequence select="if ($target) then key('tk:app-by-id', $target, $tk:source)[1]
      else if (exists($tk:entries) and normalize-space($ref)) then key('tk:entry-by-headword', lower-case(normalize-space($ref)), $tk:source)[1]
      else ()"/>
  </xsl:function>

  <!-- Alphabetical order ignoring case and accents. -->
  <xsl:function name="tk:headword-key" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:sequence select="lower-case(replace(normalize-unicode($s, 'NFD'), '[\p{Mn}\p{P}]', ''))"/>
  </xsl:function>

  <!-- The letter a headword is listed under. -->
  <xsl:function name="tk:headword-letter" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:variable name="k" select="tk:headword-key($s)"/>
    <xsl:sequence select="if ($k eq '') then '#' else upper-case(substring($k, 1, 1))"/>
  </xsl:function>

  <!-- A sense's label among its siblings, when there are several: @n, else 1, 2 ... (a,
       b ... inside a sense). -->
  <xsl:function name="tk:sense-label" as="xs:string?">
    <xsl:param name="sense" as="element()"/>
    <xsl:variable name="siblings" select="$sense/../tei:sense"/>
    <xsl:variable name="pos" select="count($sense/preceding-sibling::tei:sense) + 1"/>
    <xsl:sequence select="if (count($siblings) lt 2 and not(normalize-space($sense/@n))) then ()
      else if (normalize-space($sense/@n)) then normalize-space($sense/@n)
      else if ($sense/parent::tei:sense) then codepoints-to-string(96 + min(($pos, 26)))
      else string($pos)"/>
  </xsl:function>

</xsl:stylesheet>
