<?xml version="1.0" encoding="UTF-8"?>
<!--
  Verse and numbered lines, what every format shares: which line numbers are printed, split
  lines (l/@part), indentation from @rend. Drama uses the same lines (drama.xsl).

  Line numbers: a verse line's @n; a line break's @n (lb/@n, in prose or inscriptions that
  number their lines). In a verse edition (its body has at least five lines outside
  quotations, and more lines than paragraphs), lines without @n are counted in each
  division. A number is printed when it is a
  multiple of five, and wherever it breaks the sequence (not one more than the number of the
  line before it, as after a gap, or where a text starts at line 47). The number's last
  run of digits counts ("1.2.15" is line 15 of scene 1.2); a number with no digits is
  always printed.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  exclude-result-prefixes="#all">

  <!-- Verse lines that are the text's own (not quoted in a paragraph, a note or an epigraph). -->
  <xsl:variable name="tk:own-lines" as="element(tei:l)*"
    select="if (not(tk:has('l'))) then () else $tk:source/(tei:TEI | tei:teiCorpus/tei:TEI)/tei:text//tei:l[not(ancestor::tei:note | ancestor::tei:p
      | ancestor::tei:quote | ancestor::tei:cit | ancestor::tei:epigraph | ancestor::tei:figure | ancestor::tei:app | ancestor::tei:l)]"/>

  <!-- Lines are counted when none is numbered and the text is verse: at least five lines,
       and more lines than paragraphs. -->
  <xsl:variable name="tk:count-lines" as="xs:boolean"
    select="count($tk:own-lines) ge 5
      and count($tk:own-lines) ge count($tk:source/*/tei:text/tei:body//tei:p)"/>

  <!-- The number of each line that has one, and whether it is printed: a map from
       generate-id() to (number, 'show' or ''), made in one pass over the lines. -->
  <xsl:variable name="tk:line-marks" as="map(xs:string, xs:string+)">
    <xsl:map>
      <xsl:iterate select="$tk:own-lines[@n or $tk:count-lines]">
        <xsl:param name="prev" as="xs:string?" select="()"/>
        <xsl:param name="count" as="xs:integer" select="0"/>
        <xsl:param name="scope" as="xs:string" select="''"/>
        <xsl:variable name="here" select="generate-id((ancestor::tei:div | ancestor::tei:body | ancestor::tei:front | ancestor::tei:back)[last()])"/>
        <xsl:variable name="k" select="if ($here eq $scope) then $count + 1 else 1"/>
        <!-- A second or third part of a split line keeps the first part's number. -->
        <xsl:variable name="part" select="@part = ('M', 'F', 'm', 'f')"/>
        <xsl:variable name="n" select="if (@n) then normalize-space(@n) else string(if ($part) then $count else $k)"/>
        <xsl:map-entry key="generate-id(.)" select="$n, if (not($part) and tk:breaks-or-fifth($n, $prev)) then 'show' else ''"/>
        <xsl:next-iteration>
          <xsl:with-param name="prev" select="$n"/>
          <xsl:with-param name="count" select="if ($part) then $count else $k"/>
          <xsl:with-param name="scope" select="$here"/>
        </xsl:next-iteration>
      </xsl:iterate>
      <xsl:iterate select="if (tk:has('lb')) then $tk:source/*/tei:text//tei:lb[@n][not(ancestor::tei:note | ancestor::tei:app)] else ()">
        <xsl:param name="prev" as="xs:string?" select="()"/>
        <xsl:variable name="n" select="normalize-space(@n)"/>
        <xsl:map-entry key="generate-id(.)" select="$n, if (tk:breaks-or-fifth($n, $prev)) then 'show' else ''"/>
        <xsl:next-iteration>
          <xsl:with-param name="prev" select="$n"/>
        </xsl:next-iteration>
      </xsl:iterate>
    </xsl:map>
  </xsl:variable>

  <!-- The line number an l or lb carries or is counted, if any. -->
  <xsl:function name="tk:line-n" as="xs:string?">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="$tk:line-marks(generate-id($el))[1]"/>
  </xsl:function>

  <!-- The number to print beside a line, if any: of a number with a prefix ("1.2.15", the
       act and scene standing in the headings), its last run of digits. -->
  <xsl:function name="tk:line-label" as="xs:string?">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="mark" select="$tk:line-marks(generate-id($el))"/>
    <xsl:sequence select="if ($mark[2] eq 'show') then replace($mark[1], '^.*[^0-9]([0-9]+[^0-9]{0,2})$', '$1') else ()"/>
  </xsl:function>

  <!-- Whether number $n is printed after $prev: a multiple of five, or not one more than
       the number before it (with the same prefix), or without digits. -->
  <xsl:function name="tk:breaks-or-fifth" as="xs:boolean">
    <xsl:param name="n" as="xs:string"/>
    <xsl:param name="prev" as="xs:string?"/>
    <xsl:variable name="digits" select="replace($n, '^.*?([0-9]+)[^0-9]*$', '$1')"/>
    <xsl:variable name="pdigits" select="if (exists($prev)) then replace($prev, '^.*?([0-9]+)[^0-9]*$', '$1') else ''"/>
    <xsl:sequence select="
      if (not(matches($n, '[0-9]'))) then true()
      else if (xs:integer($digits) mod 5 eq 0) then true()
      else if (empty($prev)) then xs:integer($digits) ne 1
      else if (not(matches($prev, '[0-9]'))) then true()
      else substring($n, 1, string-length($n) - string-length(replace($n, '^.*?([0-9]+[^0-9]*)$', '$1')))
             ne substring($prev, 1, string-length($prev) - string-length(replace($prev, '^.*?([0-9]+[^0-9]*)$', '$1')))
           or xs:integer($digits) ne xs:integer($pdigits) + 1"/>
  </xsl:function>

  <!-- Indentation of a line from @rend ('indent', 'indent(2)', 'indent2', 'i2'): 1 to 6. -->
  <xsl:function name="tk:indent-level" as="xs:integer?">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="r" select="lower-case(normalize-space($el/@rend))"/>
    <xsl:sequence select="if (matches($r, '(^|\s)(indent|i)\(?([0-9]?)\)?(\s|$)'))
      then min((6, max((1, xs:integer(('0' || replace($r, '^.*?(indent|i)\(?([0-9]?)\)?(\s.*)?$', '$2'))))))) else ()"/>
  </xsl:function>

  <!-- The parts of a split line before this one (l/@part 'M' or 'F'): the preceding lines
       back to the initial part, in order. -->
  <xsl:function name="tk:earlier-parts" as="element(tei:l)*">
    <xsl:param name="l" as="element()"/>
    <xsl:if test="$l/@part = ('M', 'F', 'm', 'f')">
      <xsl:variable name="prev" select="$l/preceding::tei:l[1]"/>
      <xsl:if test="$prev/@part = ('I', 'M', 'i', 'm')">
        <xsl:sequence select="tk:earlier-parts($prev), $prev"/>
      </xsl:if>
    </xsl:if>
  </xsl:function>

</xsl:stylesheet>
