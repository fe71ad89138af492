<?xml version="1.0" encoding="UTF-8"?>
<!--
  Drama, what every format shares: the speakers of a play and their speeches (for the
  speaker index), stage directions as blocks or within a line. Lines and their numbers are
  verse.xsl's. The formats: drama-html.xsl (cast list, speeches, stage directions, the page
  speakers.html), drama-text.xsl, drama-epub.xsl (the speaker index as an appendix).

  A speaker is named by the first token of sp/@who ("#w1"), else by the text of the
  speech's speaker element; the name shown is the cast list's role (or a person of the
  register) with that id, else the speaker's text as first written.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  exclude-result-prefixes="#all">

  <xsl:variable name="tk:speeches" as="element(tei:sp)*" select="if (tk:has('sp')) then $tk:source/*/tei:text//tei:sp else ()"/>

  <!-- The key a speech is indexed under. -->
  <xsl:function name="tk:speaker-key" as="xs:string">
    <xsl:param name="sp" as="element()"/>
    <xsl:variable name="who" select="tk:pointer-ids($sp/@who)[1]"/>
    <xsl:sequence select="if ($who) then $who else lower-case(normalize-space(string-join($sp/tei:speaker[1]//text(), '')))"/>
  </xsl:function>

  <!-- The speakers in order of first appearance: maps of key, name and speeches. -->
  <xsl:variable name="tk:speakers" as="map(*)*">
    <xsl:for-each-group select="$tk:speeches" group-by="tk:speaker-key(.)">
      <xsl:variable name="role" select="if (tk:pointer-ids(@who)[1]) then key('tk:app-by-id', current-grouping-key(), $tk:source)[1] else ()"/>
      <xsl:variable name="named" select="normalize-space(string-join(($role/(tei:persName, tei:name)[1], $role[not(tei:persName | tei:name)])[1]//text()[not(ancestor::tei:note)], ''))"/>
      <xsl:sequence select="map{'key': current-grouping-key(), 'speeches': current-group(),
        'name': if ($named) then $named else normalize-space(string-join(tei:speaker[1]//text()[not(ancestor::tei:note)], ''))}"/>
    </xsl:for-each-group>
  </xsl:variable>

  <!-- A stage direction that stands between blocks (not within a line or paragraph). -->
  <xsl:function name="tk:is-block-stage" as="xs:boolean">
    <xsl:param name="stage" as="element()"/>
    <xsl:sequence select="empty($stage/ancestor::*[self::tei:l or self::tei:p or self::tei:ab or self::tei:head
      or self::tei:speaker or self::tei:item or self::tei:cell or self::tei:seg])"/>
  </xsl:function>

  <!-- The division a speech is counted in for the index (its scene): its innermost one. -->
  <xsl:function name="tk:speech-division" as="element()?">
    <xsl:param name="sp" as="element()"/>
    <xsl:sequence select="$sp/ancestor::*[self::tei:div or self::tei:div1 or self::tei:div2 or self::tei:div3
      or self::tei:div4 or self::tei:div5][1]"/>
  </xsl:function>

</xsl:stylesheet>
