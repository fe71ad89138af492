<?xml version="1.0" encoding="UTF-8"?>
<!--
  Critical apparatus in the plain-text edition (shared part: apparatus.xsl).

  The text shows the base reading (lem). An entry on a numbered line is keyed by the line's
  number; any other gets a marker "[a1]" after its lemma, the way notes get "[1]". After the
  text, a part "Witnesses" (siglum and description) and "Apparatus": one item per entry,
  labelled with its line or marker, "lemma sigla ] reading sigla; reading sigla", "om." for
  an empty reading, "add." before a reading where the lemma is empty, then the entry's
  witness details and notes. Entries of an apparatus division (EpiDoc) are listed where the
  division stands.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  exclude-result-prefixes="#all">

  <!-- An entry's key: its line, else "a" and its number. -->
  <xsl:function name="tk:app-key" as="xs:string">
    <xsl:param name="app" as="element()"/>
    <xsl:sequence select="(tk:app-line($app), concat('a', tk:app-number($app)))[1]"/>
  </xsl:function>

  <xsl:template match="tei:app" mode="inline" priority="5">
    <xsl:choose>
      <xsl:when test="tk:is-external-app(.)"/>
      <xsl:otherwise>
        <xsl:apply-templates select="tk:base-reading(.)/node()" mode="inline"/>
        <xsl:if test="not($clean) and empty(tk:app-line(.))">
          <xsl:value-of select="concat('[', tk:app-key(.), ']')"/>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:listApp | tei:rdgGrp | tei:witDetail" mode="inline block" priority="5"/>

  <!-- An apparatus division: its heading and entries, in place. -->
  <xsl:template match="tei:div[@type = 'apparatus'][.//tei:app]" mode="block" priority="5">
    <xsl:if test="not($clean)">
      <xsl:apply-templates select="tei:head" mode="block"/>
      <xsl:if test="not(tei:head)"><tk:block kind="heading" level="1">Apparatus</tk:block></xsl:if>
      <xsl:apply-templates select="* except tei:head" mode="tk:apparatus-division"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:listApp" mode="tk:apparatus-division">
    <xsl:apply-templates select="tei:head" mode="block"/>
    <xsl:sequence select="tk:entry-blocks(.//tei:app)"/>
  </xsl:template>

  <xsl:template match="*" mode="tk:apparatus-division">
    <xsl:apply-templates select="." mode="block"/>
  </xsl:template>

  <!-- The part after the text: witnesses, then the entries of the text. -->
  <xsl:function name="tk:apparatus-blocks" as="element(tk:block)*">
    <xsl:variable name="entries" select="$tk:apps[not(tk:is-external-app(.))]"/>
    <xsl:if test="exists($tk:witnesses) and exists($tk:apps)">
      <tk:block kind="heading" level="1">Witnesses</tk:block>
      <xsl:variable name="items" select="($tk:source//tei:listWit)[1]//(tei:witness | tei:listWit[@xml:id])"/>
      <xsl:variable name="hang" select="max($items ! string-length(tk:witness-siglum(.))) + 2"/>
      <xsl:for-each select="$items">
        <tk:block kind="item" label="{tk:witness-siglum(.)}" hang="{$hang}" indent="0" group="witnesses">
          <xsl:value-of select="if (self::tei:witness) then tk:witness-description(.)
            else concat(normalize-space(tei:head), ' (', string-join(.//tei:witness ! tk:siglum-of(.), ', '), ')')"/>
        </tk:block>
      </xsl:for-each>
    </xsl:if>
    <xsl:if test="exists($entries)">
      <tk:block kind="heading" level="1">Apparatus</tk:block>
      <xsl:sequence select="tk:entry-blocks($entries)"/>
    </xsl:if>
  </xsl:function>

  <xsl:function name="tk:witness-siglum" as="xs:string">
    <xsl:param name="w" as="element()"/>
    <xsl:sequence select="if ($w/self::tei:witness) then tk:siglum-of($w) else tk:siglum(string($w/@xml:id))[1]"/>
  </xsl:function>

  <xsl:function name="tk:entry-blocks" as="element(tk:block)*">
    <xsl:param name="apps" as="element()*"/>
    <xsl:variable name="hang" select="max(($apps ! string-length(tk:app-key(.)), 1)) + 2"/>
    <xsl:for-each select="$apps">
      <tk:block kind="item" label="{tk:app-key(.)}" hang="{$hang}" indent="0" group="apparatus">
        <xsl:value-of select="tk:app-entry-text(.)"/>
      </tk:block>
    </xsl:for-each>
  </xsl:function>

  <!-- An entry as one line of text: "lemma A B ] reading C; om. D", details, notes. -->
  <xsl:function name="tk:app-entry-text" as="xs:string">
    <xsl:param name="app" as="element()"/>
    <xsl:variable name="readings" select="tk:readings($app)"/>
    <xsl:variable name="lem" select="$readings[self::tei:lem]"/>
    <xsl:variable name="addition" select="exists($lem) and tk:is-empty-reading($lem)"/>
    <xsl:variable name="groups" as="xs:string*">
      <xsl:for-each-group select="$readings[self::tei:rdg]" group-adjacent="generate-id(parent::tei:rdgGrp)">
        <xsl:variable name="type" select="parent::tei:rdgGrp/@type"/>
        <xsl:sequence select="concat(if ($type) then concat(normalize-space($type), ': ') else '',
          string-join(current-group() ! tk:reading-entry(., $app, $addition), '; '))"/>
      </xsl:for-each-group>
    </xsl:variable>
    <xsl:sequence select="normalize-space(string-join((
      if ($lem) then concat(tk:reading-entry($lem, $app, false()), ' ]') else (),
      string-join($groups, '; '),
      tk:wit-details((), $app) ! concat(string-join(tk:sigla-of(.), ' '), ': ', tk:reading-string(node())),
      $app//tei:note[ancestor::tei:app[1] is $app][not(ancestor::tei:note)] ! tk:reading-string(node())), ' '))"/>
  </xsl:function>

  <xsl:function name="tk:reading-entry" as="xs:string">
    <xsl:param name="r" as="element()"/>
    <xsl:param name="app" as="element()"/>
    <xsl:param name="addition" as="xs:boolean"/>
    <xsl:sequence select="string-join((
      if (tk:is-empty-reading($r)) then 'om.' else concat(if ($addition) then 'add. ' else '', tk:reading-string($r/node())),
      tk:sigla-of($r),
      tk:wit-details($r, $app) ! concat('(', tk:reading-string(node()), ')')), ' ')"/>
  </xsl:function>

  <xsl:function name="tk:sigla-of" as="xs:string*">
    <xsl:param name="r" as="element()"/>
    <xsl:variable name="pairs" select="tk:reading-sigla($r)"/>
    <xsl:sequence select="$pairs[position() mod 2 = 1]"/>
  </xsl:function>

</xsl:stylesheet>
