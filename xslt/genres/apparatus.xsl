<?xml version="1.0" encoding="UTF-8"?>
<!--
  Critical apparatus, what every format shares (TEI Guidelines ch. 12): which app elements
  are entries, how they are numbered and keyed (line or marker), witnesses and their sigla,
  and an entry's readings in order. The formats lay them out: apparatus-html.xsl (text with
  every reading in the page, a witness switch, entries as popovers and as a list),
  apparatus-epub.xsl (entries as endnotes), apparatus-text.xsl (an apparatus part keyed by
  line or marker).

  Understood:
    parallel segmentation    app in the text: lem (the base text) and rdg, rdgGrp (groups,
                             nested), witDetail, note; an empty lem is an addition, an empty
                             rdg an omission ("om.")
    location-referenced      app with @loc (EpiDoc: div[@type='apparatus']/listApp/app), keyed
                             to the line whose lb/@n or l/@n is @loc
    double-endpoint          app with @from (and @to) pointing at anchors in the text
  Sigla: a @wit token "#X" (or a bare "X") names a witness (or a listWit, a group whose
  members it stands for, or a bibl); its siglum is @n, else abbr[@type='siglum'], else
  idno[@type='siglum'], else its xml:id. @source and @resp of a reading are shown as sigla too.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  exclude-result-prefixes="#all">

  <!-- Elements of the apparatus by xml:id (witnesses, groups, anchors, readings). -->
  <xsl:key name="tk:app-by-id" match="*[@xml:id]" use="string(@xml:id)"/>

  <!-- Lines by their number, for apparatus entries that name a line (@loc). -->
  <xsl:key name="tk:break-no" match="tei:lb[@break = ('no', 'false')]" use="'no'"/>
  <xsl:key name="tk:line-by-n" match="tei:text//tei:lb[@n] | tei:text//tei:l[@n]" use="normalize-space(@n)"/>

  <!-- Entries that stand apart from the text they annotate (location-referenced or
       double-endpoint): their lemma is not in the text flow. -->
  <xsl:function name="tk:is-external-app" as="xs:boolean">
    <xsl:param name="app" as="element()"/>
    <xsl:sequence select="exists($app/@loc | $app/@from) or exists($app/ancestor::tei:listApp)
      or exists($app/ancestor::tei:div[@type = 'apparatus'])"/>
  </xsl:function>

  <!-- Every apparatus entry, in document order: the app elements of the text, those nested
       in a reading of another included (each is an entry of its own, after its parent). -->
  <xsl:variable name="tk:apps" as="element(tei:app)*"
    select="if (tk:has('app')) then $tk:source//tei:text//tei:app else ()"/>

  <xsl:variable name="tk:app-numbers" as="map(xs:string, xs:integer)">
    <xsl:map>
      <xsl:for-each select="$tk:apps">
        <xsl:map-entry key="generate-id(.)" select="position()"/>
      </xsl:for-each>
    </xsl:map>
  </xsl:variable>

  <!-- An entry's number: its position among the entries. -->
  <xsl:function name="tk:app-number" as="xs:integer">
    <xsl:param name="app" as="element()"/>
    <xsl:sequence select="($tk:app-numbers(generate-id($app)), 0)[1]"/>
  </xsl:function>

  <!-- The line an entry is keyed to: @loc; the number of the verse line holding it (or its
       starting anchor); else that of the nearest numbered line break before it in the same
       block. Empty when the text numbers no lines there. -->
  <xsl:function name="tk:app-line" as="xs:string?">
    <xsl:param name="app" as="element()"/>
    <xsl:variable name="at" select="if ($app/@from) then (key('tk:app-by-id', substring-after(normalize-space($app/@from), '#'), root($app)), $app)[1] else $app"/>
    <xsl:variable name="l" select="$at/ancestor::tei:l[@n][1]"/>
    <xsl:variable name="block" select="$at/ancestor::*[self::tei:p or self::tei:ab or self::tei:l or self::tei:lg or self::tei:div][1]"/>
    <xsl:variable name="lb" select="($at/preceding::tei:lb[@n][1])[exists($block) and . >> $block]"/>
    <xsl:sequence select="if (normalize-space($app/@loc)) then normalize-space($app/@loc)
      else if ($l) then normalize-space($l/@n)
      else if ($lb) then normalize-space($lb/@n)
      else ()"/>
  </xsl:function>

  <!-- The element of the text an external entry refers to: its starting anchor, else the
       first line numbered @loc. -->
  <xsl:function name="tk:app-anchor" as="element()?">
    <xsl:param name="app" as="element()"/>
    <xsl:sequence select="if ($app/@from) then key('tk:app-by-id', substring-after(normalize-space($app/@from), '#'), root($app))[1]
      else if (normalize-space($app/@loc)) then key('tk:line-by-n', normalize-space(tokenize(normalize-space($app/@loc), '[\s,\-–]')[1]), root($app))[not(ancestor::tei:app)][1]
      else ()"/>
  </xsl:function>

  <!-- The end anchor of a double-endpoint entry (where its marker stands in the text). -->
  <xsl:function name="tk:app-end" as="element()?">
    <xsl:param name="app" as="element()"/>
    <xsl:sequence select="if ($app/@to) then key('tk:app-by-id', substring-after(normalize-space($app/@to), '#'), root($app))[1]
      else tk:app-anchor($app)"/>
  </xsl:function>

  <!-- External entries pointing at an element of the text (an anchor or a numbered line). -->
  <xsl:function name="tk:apps-at" as="element(tei:app)*">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="if (exists($tk:external-apps)) then $tk:apps-by-end(generate-id($el)) else ()"/>
  </xsl:function>

  <xsl:variable name="tk:apps-by-end" as="map(xs:string, element(tei:app)*)">
    <xsl:map>
      <xsl:for-each-group select="$tk:external-apps[exists(tk:app-end(.))]" group-by="generate-id(tk:app-end(.))">
        <xsl:map-entry key="current-grouping-key()" select="current-group()"/>
      </xsl:for-each-group>
    </xsl:map>
  </xsl:variable>

  <xsl:variable name="tk:external-apps" as="element(tei:app)*" select="$tk:apps[tk:is-external-app(.)]"/>

  <!-- The readings of an entry in order: lem first (wherever it stands), then the rdg
       elements, each with the rdgGrp it belongs to. -->
  <xsl:function name="tk:readings" as="element()*">
    <xsl:param name="app" as="element()"/>
    <xsl:variable name="all" select="$app/(tei:lem | tei:rdg | tei:rdgGrp//(tei:lem | tei:rdg))"/>
    <xsl:sequence select="$all[self::tei:lem], $all[self::tei:rdg]"/>
  </xsl:function>

  <!-- The reading shown in the running text: lem, else the first reading. -->
  <xsl:function name="tk:base-reading" as="element()?">
    <xsl:param name="app" as="element()"/>
    <xsl:sequence select="(tk:readings($app))[1]"/>
  </xsl:function>

  <!-- ==== Witnesses and sigla ==== -->

  <xsl:variable name="tk:witnesses" as="element()*"
    select="if (tk:has('witness')) then $tk:source//tei:listWit//tei:witness[not(ancestor::tei:witness)] else ()"/>

  <xsl:function name="tk:siglum-of" as="xs:string">
    <xsl:param name="w" as="element()"/>
    <xsl:sequence select="normalize-space((
      $w/@n[normalize-space()], $w/tei:abbr[@type = 'siglum'], $w/tei:idno[@type = 'siglum'],
      $w/tei:label[@type = 'siglum'], $w/@xml:id)[1])"/>
  </xsl:function>

  <!-- A witness's description: its text without its siglum and notes. -->
  <xsl:function name="tk:witness-description" as="xs:string">
    <xsl:param name="w" as="element()"/>
    <xsl:variable name="skip" select="$w/(tei:abbr[@type = 'siglum'] | tei:idno[@type = 'siglum'] | tei:label[@type = 'siglum'] | tei:head)"/>
    <xsl:sequence select="normalize-space(string-join($w//text()[not(ancestor::tei:note)][not(ancestor::* intersect $skip)][not(ancestor::tei:witness[. is $w]/tei:witness intersect ancestor::*)], ''))"/>
  </xsl:function>

  <!-- The tokens of a pointer attribute, without their '#'. -->
  <xsl:function name="tk:pointer-ids" as="xs:string*">
    <xsl:param name="value" as="xs:string?"/>
    <xsl:sequence select="tokenize(normalize-space($value), ' ')[. ne ''] ! (if (starts-with(., '#')) then substring(., 2) else .)"/>
  </xsl:function>

  <!-- A siglum for a pointer token: the element it names (witness, group, bibl, person),
       else the token itself. Returns (siglum, id of the element or ''). -->
  <xsl:function name="tk:siglum" as="xs:string+">
    <xsl:param name="id" as="xs:string"/>
    <xsl:variable name="el" select="key('tk:app-by-id', $id, $tk:source)[1]"/>
    <xsl:sequence select="
      if ($el/self::tei:witness) then (tk:siglum-of($el), $id)
      else if ($el/self::tei:listWit) then (normalize-space(($el/@n, $el/tei:head/tei:abbr[@type = 'siglum'], $id)[1]), $id)
      else if ($el/self::tei:bibl or $el/self::tei:biblStruct) then (normalize-space(($el/@n, $el/tei:abbr[@type = 'siglum'], $el/(.//tei:author)[1]/tei:surname, $el)[1]), $id)
      else if ($el/self::tei:person or $el/self::tei:editor or $el/self::tei:respStmt) then (normalize-space(($el/@n, ($el//tei:surname)[1], $el/tei:persName[1], $el)[1]), $id)
      else ($id, '')"/>
  </xsl:function>

  <!-- The witness ids a reading's @wit stands for, groups expanded to their members. -->
  <xsl:function name="tk:witness-ids" as="xs:string*">
    <xsl:param name="reading" as="element()"/>
    <xsl:sequence select="distinct-values(for $id in tk:pointer-ids($reading/@wit) return
      let $el := key('tk:app-by-id', $id, $tk:source)[1]
      return if ($el/self::tei:listWit) then $el//tei:witness/@xml:id/string() else $id)"/>
  </xsl:function>

  <!-- The sigla a reading cites, as (siglum, id) pairs flattened: its witnesses, then its
       @source and @resp (editors' conjectures, printed editions). -->
  <xsl:function name="tk:reading-sigla" as="xs:string*">
    <xsl:param name="reading" as="element()"/>
    <xsl:sequence select="for $id in (tk:pointer-ids($reading/@wit), tk:pointer-ids($reading/@source), tk:pointer-ids($reading/@resp)) return tk:siglum($id)"/>
  </xsl:function>

  <!-- The witDetail statements about a reading (by @target), or about the entry as a whole. -->
  <xsl:function name="tk:wit-details" as="element()*">
    <xsl:param name="reading" as="element()?"/>
    <xsl:param name="app" as="element()"/>
    <xsl:sequence select="$app//tei:witDetail[not(ancestor::tei:app[1] except $app)]
      [if (empty($reading)) then empty(tk:pointer-ids(@target)) or empty(tk:pointer-ids(@target)[. = $app//(tei:lem | tei:rdg)/@xml:id])
       else tk:pointer-ids(@target) = string($reading/@xml:id)]"/>
  </xsl:function>

  <!-- Whether a reading has no text (an omission; for the lemma, an addition in the others). -->
  <xsl:function name="tk:is-empty-reading" as="xs:boolean">
    <xsl:param name="reading" as="element()"/>
    <xsl:sequence select="not(normalize-space(string-join($reading//text()[not(ancestor::tei:note | ancestor::tei:witDetail)], ''))) and empty($reading//tei:gap)"/>
  </xsl:function>

  <!-- ==== A reading as text (Leiden signs kept), for entries and the text edition ==== -->

  <xsl:function name="tk:reading-string" as="xs:string">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:variable name="parts" as="item()*"><xsl:apply-templates select="$nodes" mode="tk:reading-text"/></xsl:variable>
    <xsl:sequence select="normalize-space(string-join($parts ! string(.), ''))"/>
  </xsl:function>

  <xsl:template match="text()" mode="tk:reading-text"><xsl:value-of select="."/></xsl:template>
  <xsl:template match="tei:note | tei:witDetail | comment() | processing-instruction()" mode="tk:reading-text"/>
  <xsl:template match="tei:lb | tei:l | tei:p | tei:ab" mode="tk:reading-text">
    <xsl:if test="not(@break = 'no')"><xsl:text> </xsl:text></xsl:if>
    <xsl:apply-templates mode="tk:reading-text"/>
  </xsl:template>
  <!-- A nested entry (an entry of its own): its base reading. -->
  <xsl:template match="tei:app" mode="tk:reading-text">
    <xsl:apply-templates select="tk:base-reading(.)/node()" mode="tk:reading-text"/>
  </xsl:template>
  <xsl:template match="tei:choice" mode="tk:reading-text">
    <xsl:apply-templates select="*[not(tk:hidden-reading(.))]" mode="tk:reading-text"/>
  </xsl:template>
  <xsl:template match="*" mode="tk:reading-text">
    <xsl:variable name="signs" select="tk:leiden-signs(.)"/>
    <xsl:value-of select="$signs[1]"/>
    <xsl:choose>
      <xsl:when test="self::tei:unclear and not($tk:diplomatic-view)"><xsl:value-of select="tk:underdot(tk:reading-string(node()))"/></xsl:when>
      <xsl:when test="self::tei:gap"><xsl:value-of select="tk:gap-text(.)"/></xsl:when>
      <xsl:when test="tk:leiden-hidden(.)"/>
      <xsl:otherwise><xsl:apply-templates mode="tk:reading-text"/></xsl:otherwise>
    </xsl:choose>
    <xsl:value-of select="$signs[2]"/>
  </xsl:template>

</xsl:stylesheet>
