<?xml version="1.0" encoding="UTF-8"?>
<!--
  Registers (persons, places, organisations, events) and bibliography as appendices (included by epub.xsl), rendered by the HTML
  stylesheet's register mode (tk:register, xslt/html/registers.xsl): entries sorted, each with
  its names, dates, description, authority links and the passages that mention it.

  A list that stands in the text (the essay's bibliography in a back division) is rendered
  where it stands, in its chunk; lists outside the text (standOff, or elsewhere) get a page
  of their own, EPUB/register-<key>.xhtml, after the back matter. Names in the text link to
  the entries through tk:entity-href (chunks.xsl).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  xmlns:epub="http://www.idpf.org/2007/ops"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <!-- The registers, in appendix order, by the HTML edition's page keys. -->
  <xsl:variable name="tk:register-keys" as="xs:string*" select="'persons', 'places', 'organisations', 'events', 'bibliography'"/>

  <!-- The outermost lists of each register that have entries, by key. -->
  <xsl:variable name="tk:register-list-map" as="map(xs:string, element()*)" select="map {
    'persons': $tk:root//tei:listPerson[not(ancestor::tei:listPerson)][exists(.//*[tk:is-entry(.)])],
    'places': $tk:root//tei:listPlace[not(ancestor::tei:listPlace)][exists(.//*[tk:is-entry(.)])],
    'organisations': $tk:root//tei:listOrg[not(ancestor::tei:listOrg)][exists(.//*[tk:is-entry(.)])],
    'events': $tk:root//tei:listEvent[not(ancestor::tei:listEvent)][exists(.//*[tk:is-entry(.)])],
    'bibliography': $tk:root//tei:listBibl[not(ancestor::tei:listBibl)][exists(.//*[tk:is-entry(.)])]}"/>

  <xsl:function name="tk:register-lists" as="element()*">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="$tk:register-list-map($key)"/>
  </xsl:function>

  <!-- The file that holds the first list of a register (a page-href for the HTML templates). -->
  <xsl:variable name="tk:register-hrefs" as="map(xs:string, xs:string)" select="map:merge(
    for $key in $tk:register-keys, $list in tk:register-lists($key)[1]
    return map:entry($key, if ($list/ancestor::tei:text) then tk:chunk-file($list) else tk:register-file($key)))"/>

  <xsl:function name="tk:register-key" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="
      if ($entry/self::tei:person or $entry/self::tei:personGrp) then 'persons'
      else if ($entry/self::tei:place) then 'places'
      else if ($entry/self::tei:org) then 'organisations'
      else if ($entry/self::tei:event) then 'events'
      else 'bibliography'"/>
  </xsl:function>

  <xsl:function name="tk:register-file" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="concat('register-', $key, '.xhtml')"/>
  </xsl:function>

  <xsl:function name="tk:entry-file" as="xs:string?">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="if ($entry/ancestor::tei:text) then tk:chunk-file($entry)
      else tk:register-file(tk:register-key($entry))"/>
  </xsl:function>

  <!-- A list in the text is rendered in full where it stands. -->
  <xsl:template match="tei:listPerson | tei:listPlace | tei:listOrg | tei:listEvent | tei:listBibl">
    <xsl:variable name="depth" select="count(ancestor::*[tk:is-division(.)])"/>
    <xsl:apply-templates select="." mode="tk:register">
      <xsl:with-param name="level" select="min(($depth + 2, 6))"/>
      <xsl:with-param name="tk:page" select="tk:register-page-key(.)" tunnel="yes"/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- An entry of a list in the text is followed by the lists of another kind it holds (the
       places of an event, the events of a person): a list in the text is rendered where it
       stands, and no other list of the edition holds those (the list templates take the
       persons, places and organisations nested in a list of any of these kinds, and the
       events nested in events). -->
  <xsl:template match="tei:person[ancestor::tei:text] | tei:personGrp[ancestor::tei:text]
      | tei:place[ancestor::tei:text] | tei:org[ancestor::tei:text] | tei:event[ancestor::tei:text]" mode="tk:register">
    <xsl:param name="level" as="xs:integer" select="2"/>
    <xsl:next-match>
      <xsl:with-param name="level" select="$level"/>
    </xsl:next-match>
    <xsl:apply-templates mode="tk:register"
        select="if (self::tei:event) then (tei:listPerson | tei:listPlace | tei:listOrg) else tei:listEvent">
      <xsl:with-param name="level" select="min(($level + 1, 6))"/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- One page for each register whose lists stand outside the text. -->
  <xsl:variable name="tk:register-documents" as="map(*)*">
    <xsl:for-each select="$tk:register-keys">
      <xsl:variable name="key" select="."/>
      <xsl:variable name="lists" select="tk:register-lists($key)[empty(ancestor::tei:text)]"/>
      <xsl:if test="exists($lists)">
        <xsl:variable name="content" as="element()">
          <section class="register-page {$key}">
            <xsl:if test="$key eq 'bibliography'">
              <xsl:attribute name="epub:type" select="'bibliography'"/>
              <xsl:attribute name="role" select="'doc-bibliography'"/>
            </xsl:if>
            <xsl:for-each select="$tk:root">
              <xsl:call-template name="tk:register-page">
                <xsl:with-param name="lists" select="$lists"/>
                <xsl:with-param name="page" select="$key"/>
              </xsl:call-template>
            </xsl:for-each>
          </section>
        </xsl:variable>
        <xsl:sequence select="map {
          'file': tk:register-file($key), 'kind': 'register', 'register': $key,
          'matter': 'backmatter', 'label': tk:page-title($key), 'title': tk:page-title($key),
          'content': $content}"/>
      </xsl:if>
    </xsl:for-each>
  </xsl:variable>

</xsl:stylesheet>
