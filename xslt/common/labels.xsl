<?xml version="1.0" encoding="UTF-8"?>
<!--
  The interface's words: every label a format writes (headings, buttons, navigation, messages)
  comes from the catalogue labels.xml beside this file, in the language of the interface.
  Included by common.xsl, so the HTML, EPUB, text and any later format share it.

  The interface language ($tk:ui-lang) is the parameter ui-lang (the option ui-lang of teikit build)
  when given, else the document's language (TEI/@xml:lang, text/@xml:lang, the first
  langUsage language): the catalogue's language that matches it best (the whole BCP 47 tag,
  then its primary subtag; ISO 639-2 codes such as "ger" or "fre" are understood), else English.

  Functions:
    tk:label($key)             the label, e.g. tk:label('page.persons') = 'Persons'
    tk:label($key, $args)      with {1}, {2} ... replaced by $args in order
    tk:label-n($key, $n, $args) a count: the key's plural form for $n in the interface
                               language (key.one, key.few, key.many ... as CLDR names them,
                               falling back to key.other), with {n} replaced by $n
    tk:labels-json($keys)      the labels of $keys as one JSON object (for scripts)
  Variables: $tk:ui-lang (the tag, e.g. 'de'), $tk:ui-dir ('ltr' or 'rtl').

  A key missing from the catalogue is an error at build time (XTMM9000, naming the key), so a
  label cannot be left out silently; a language missing a label falls back to English.
  How to add a label: docs/labels.md.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  xmlns:l="urn:teikit:labels"
  exclude-result-prefixes="#all">

  <!-- The interface language as a BCP 47 tag; empty: the document's language. -->
  <xsl:param name="ui-lang" as="xs:string" select="''"/>

  <xsl:variable name="tk:label-catalogue" as="element(l:labels)" select="doc('labels.xml')/l:labels"/>

  <!-- ISO 639-2 codes of the catalogue's languages, as TEI files often give them. -->
  <xsl:variable name="tk:label-codes" as="map(xs:string, xs:string)" select="map{
    'eng': 'en', 'ger': 'de', 'deu': 'de', 'fre': 'fr', 'fra': 'fr', 'ita': 'it', 'spa': 'es',
    'rus': 'ru', 'ara': 'ar'}"/>

  <xsl:variable name="tk:ui-lang" as="xs:string">
    <xsl:variable name="wanted" select="if (normalize-space($ui-lang)) then normalize-space($ui-lang)
      else string((/*/@xml:lang, /*/tei:text/@xml:lang, /tei:teiCorpus/tei:TEI[1]/@xml:lang,
                   //tei:profileDesc/tei:langUsage/tei:language[1]/@ident, 'en')[1])"/>
    <xsl:variable name="have" select="$tk:label-catalogue/l:languages/l:language/@tag/string()"/>
    <xsl:variable name="tag" select="lower-case(replace($wanted, '_', '-'))"/>
    <xsl:variable name="primary" select="string(tokenize($tag, '-')[1])"/>
    <xsl:sequence select="($have[lower-case(.) = $tag], $have[. = $primary],
      $have[. = $tk:label-codes($primary)], 'en')[1]"/>
  </xsl:variable>

  <xsl:variable name="tk:ui-dir" as="xs:string"
    select="string(($tk:label-catalogue/l:languages/l:language[@tag = $tk:ui-lang]/@dir, 'ltr')[1])"/>

  <!-- key -> text in the interface language, English where it has none. -->
  <xsl:variable name="tk:labels" as="map(xs:string, xs:string)" select="map:merge(
    for $label in $tk:label-catalogue/l:label
    return map:entry(string($label/@key),
      string(($label/l:t[@xml:lang = $tk:ui-lang], $label/l:t[@xml:lang = 'en'])[1])))"/>

  <xsl:function name="tk:label" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="if (map:contains($tk:labels, $key)) then $tk:labels($key)
      else error(QName('http://www.w3.org/2005/xqt-errors', 'XTMM9000'), concat('teikit: no label ', $key, ' in xslt/common/labels.xml'))"/>
  </xsl:function>

  <xsl:function name="tk:label" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="args" as="xs:anyAtomicType*"/>
    <xsl:sequence select="tk:fill(tk:label($key), $args)"/>
  </xsl:function>

  <!-- {1}, {2} ... of $template replaced by $args (each placeholder stands once; no regular
       expression, since labels are filled for every note and entry of a document). -->
  <xsl:function name="tk:fill" as="xs:string">
    <xsl:param name="template" as="xs:string"/>
    <xsl:param name="args" as="xs:anyAtomicType*"/>
    <xsl:iterate select="1 to count($args)">
      <xsl:param name="s" select="$template"/>
      <xsl:on-completion select="$s"/>
      <xsl:variable name="slot" select="concat('{', ., '}')"/>
      <xsl:next-iteration>
        <xsl:with-param name="s" select="if (contains($s, $slot))
          then concat(substring-before($s, $slot), string($args[current()]), substring-after($s, $slot)) else $s"/>
      </xsl:next-iteration>
    </xsl:iterate>
  </xsl:function>

  <!-- The CLDR plural category of a whole number in the interface language. -->
  <xsl:function name="tk:plural" as="xs:string">
    <xsl:param name="n" as="xs:integer"/>
    <xsl:variable name="m10" select="$n mod 10"/>
    <xsl:variable name="m100" select="$n mod 100"/>
    <xsl:sequence select="
      if ($tk:ui-lang = 'ru') then
        (if ($m10 = 1 and $m100 ne 11) then 'one'
         else if ($m10 = (2, 3, 4) and not($m100 = (12, 13, 14))) then 'few' else 'many')
      else if ($tk:ui-lang = 'ar') then
        (if ($n = 0) then 'zero' else if ($n = 1) then 'one' else if ($n = 2) then 'two'
         else if ($m100 ge 3 and $m100 le 10) then 'few' else if ($m100 ge 11) then 'many' else 'other')
      else if ($tk:ui-lang = 'fr') then (if ($n le 1) then 'one' else 'other')
      else (if ($n = 1) then 'one' else 'other')"/>
  </xsl:function>

  <!-- The labels the interface language has (key -> text), and English's. -->
  <xsl:variable name="tk:labels-own" as="map(xs:string, xs:string)" select="map:merge(
    for $t in $tk:label-catalogue/l:label/l:t[@xml:lang = $tk:ui-lang] return map:entry(string($t/../@key), string($t)))"/>
  <xsl:variable name="tk:labels-en" as="map(xs:string, xs:string)" select="map:merge(
    for $t in $tk:label-catalogue/l:label/l:t[@xml:lang = 'en'] return map:entry(string($t/../@key), string($t)))"/>

  <xsl:function name="tk:label-n" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="n" as="xs:integer"/>
    <xsl:param name="args" as="xs:anyAtomicType*"/>
    <!-- a language without this label counts as English does, whose words stand in -->
    <xsl:variable name="own" select="map:contains($tk:labels-own, concat($key, '.other'))"/>
    <xsl:variable name="words" select="if ($own) then $tk:labels-own else $tk:labels-en"/>
    <xsl:variable name="form" select="concat($key, '.', if ($own) then tk:plural($n) else if ($n = 1) then 'one' else 'other')"/>
    <xsl:variable name="text" select="($words($form), $words(concat($key, '.other')), tk:label(concat($key, '.other')))[1]"/>
    <xsl:sequence select="tk:fill(replace($text, '\{n\}', string($n)), $args)"/>
  </xsl:function>

  <!-- The labels of $keys as a JSON object, for the scripts of a page. -->
  <xsl:function name="tk:labels-json" as="xs:string">
    <xsl:param name="keys" as="xs:string*"/>
    <xsl:sequence select="serialize(map:merge($keys ! map:entry(., tk:label(.))), map{'method': 'json'})"/>
  </xsl:function>

</xsl:stylesheet>
