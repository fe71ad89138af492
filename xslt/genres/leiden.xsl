<?xml version="1.0" encoding="UTF-8"?>
<!--
  Inscriptions and diplomatic transcription: the editorial signs of the Leiden conventions
  as EpiDoc applies them, for every format (the default for any document). Two views:
  'corr' (the edited text, with the signs) and 'sic' (diplomatic: the text as it stands on
  the object, without expansions or restorations). The formats put the signs around the
  element's content: leiden-html.xsl (both views in the page, the reading switch becomes
  "edited / diplomatic"), leiden-text.xsl.

    element                      edited view                diplomatic view
    expan/ex                     L(ucius)                   L
    am (abbreviation mark)       left out                   shown
    supplied (lost, or none)     [Mar]cellus                cellus
    supplied[@reason=omitted]    ⟨a⟩                        left out
    supplied[@reason=subaudible] (a)                        left out
    supplied[@cert=low]          [Mar?]                     left out
    unclear                      ṇ (dot below each letter)  n
    gap, lost, n characters      [...] (n dots, up to 12)   the same
    gap, lost, unknown extent    [- - -]                    the same
    gap, illegible, n            .. (n dots)                the same
    gap, unit line               - - - - - -                the same
    del                          ⟦abc⟧                      abc
    add[@place]                  `abc´                      abc
    surplus                      {abc}                      abc
    space                        vac.                       vac.
    lb/@n                        line numbers (every fifth and where the numbering breaks)
    handShift                    [hand X]                   the same
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  exclude-result-prefixes="#all">

  <!-- The signs an element opens and closes with in the chosen view: ('(', ')') for ex;
       ('', '') where there are none, and always in the diplomatic view. -->
  <xsl:function name="tk:leiden-signs" as="xs:string+">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="if ($tk:diplomatic-view) then ('', '') else tk:edited-signs($el)"/>
  </xsl:function>

  <!-- The signs of the edited view, whichever view is chosen (the HTML page holds both). -->
  <xsl:function name="tk:edited-signs" as="xs:string+">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="q" select="if ($el/@cert = 'low') then '?' else ''"/>
    <xsl:sequence select="
      if ($el/self::tei:ex) then ('(', concat($q, ')'))
      else if ($el/self::tei:supplied[@reason = 'omitted']) then ('⟨', concat($q, '⟩'))
      else if ($el/self::tei:supplied[@reason = 'subaudible']) then ('(', concat($q, ')'))
      else if ($el/self::tei:supplied) then ('[', concat($q, ']'))
      else if ($el/self::tei:del) then ('⟦', '⟧')
      else if ($el/self::tei:add[@place]) then ('`', '´')
      else if ($el/self::tei:surplus) then ('{', '}')
      else ('', '')"/>
  </xsl:function>

  <!-- Whether an element's content is left out of the current view. -->
  <xsl:function name="tk:leiden-hidden" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="if ($tk:diplomatic-view) then exists($el/(self::tei:ex | self::tei:supplied))
      else exists($el/self::tei:am)"/>
  </xsl:function>

  <!-- Which view an element's content belongs to: 'edited', 'source' (diplomatic), or ''
       for both. -->
  <xsl:function name="tk:leiden-view" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="if ($el/(self::tei:ex | self::tei:supplied)) then 'edited'
      else if ($el/self::tei:am) then 'source' else ''"/>
  </xsl:function>

  <!-- Each letter followed by a combining dot below (U+0323), spaces left alone. -->
  <xsl:function name="tk:underdot" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:sequence select="string-join(for $c in string-to-codepoints(normalize-unicode($s, 'NFC')) return
      if ($c = (32, 9, 10, 13)) then codepoints-to-string($c) else codepoints-to-string(($c, 803)), '')"/>
  </xsl:function>

  <!-- A gap as the Leiden conventions write it. -->
  <xsl:function name="tk:gap-text" as="xs:string">
    <xsl:param name="gap" as="element()"/>
    <xsl:variable name="n" select="($gap/@quantity, $gap/@extent)[. castable as xs:integer][1] ! xs:integer(.)"/>
    <xsl:variable name="unit" select="lower-case(normalize-space(($gap/@unit, 'character')[1]))"/>
    <xsl:variable name="lost" select="not($gap/@reason = ('illegible', 'omitted'))"/>
    <xsl:variable name="ca" select="if ($gap/@precision = 'low' or $gap/@atLeast or $gap/@atMost) then 'ca.' else ''"/>
    <xsl:sequence select="
      if ($unit = ('line', 'lines')) then '- - - - - -'
      else if (exists($n) and $unit = ('character', 'characters', 'chars', 'char', 'letter', 'letters') and $n le 12 and $ca eq '')
        then (if ($lost) then concat('[', tk:repeat-string('.', $n), ']') else tk:repeat-string('.', $n))
      else if (exists($n) and $unit = ('character', 'characters', 'chars', 'char', 'letter', 'letters'))
        then (if ($lost) then concat('[- - ', $ca, $n, ' - -]') else concat('- - ', $ca, $n, ' - -'))
      else if ($tk:diplomatic) then (if ($lost) then '[- - -]' else '- - -')
      else '[…]'"/>
  </xsl:function>

  <xsl:function name="tk:repeat-string" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:param name="n" as="xs:integer"/>
    <xsl:sequence select="string-join((1 to $n) ! $s, '')"/>
  </xsl:function>

  <!-- A hand shift's label: the handNote's @n, else its id. -->
  <xsl:function name="tk:hand-label" as="xs:string">
    <xsl:param name="shift" as="element()"/>
    <xsl:variable name="id" select="tk:pointer-ids($shift/@new)[1]"/>
    <xsl:variable name="note" select="key('tk:app-by-id', ($id, '')[1], $tk:source)[1]"/>
    <xsl:sequence select="concat('[hand ', normalize-space(($note/@n, $id, '?')[1]), ']')"/>
  </xsl:function>

  <!-- A document is a diplomatic or epigraphic transcription when it holds the markup of
       one (expansions marked letter by letter, abbreviation marks, superfluous letters, hand
       shifts, an EpiDoc edition division, a sourceDoc): its reading switch is then "edited /
       diplomatic", and the source reading is the diplomatic view, without expansions and
       restorations. Elsewhere the signs are shown in both readings. -->
  <xsl:variable name="tk:diplomatic" as="xs:boolean"
    select="tk:has(('ex', 'am', 'surplus', 'handShift', 'sourceDoc'))
      or (tk:has('div') and exists($tk:source/*/tei:text//tei:div[@type = 'edition'][1]))"/>

  <xsl:variable name="tk:diplomatic-view" as="xs:boolean" select="$tk:diplomatic and $tk:reading = 'sic'"/>

</xsl:stylesheet>
