<?xml version="1.0" encoding="UTF-8"?>
<!--
  Permalinks of passages the TEI gives no xml:id (most novels): an id made from the passage's
  own words, not its position, so that an address stays valid when passages are added or
  removed elsewhere. Included by html.xsl (and so used by the EPUB too); the text format
  keeps common.xsl's tk:id.

  A passage or division without an xml:id gets "<kind>-<first words>-<fingerprint>": kind p,
  quote, list ... (the element's name), the first four words of its text (folded to a-z and
  0-9), and four base-36 digits summing the code points of its first 160 characters with their
  positions and its length. Passages with the same words get -2, -3 ... in document order.
  Anything else keeps common.xsl's position path.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <!-- The passages and divisions that have no xml:id, their content id by generate-id. -->
  <xsl:variable name="tk:content-ids" as="map(xs:string, xs:string)">
    <xsl:variable name="pairs" as="element(tk:c)*">
      <xsl:for-each select="$tk:texts//*[not(@xml:id)][tk:is-container(.) or exists(parent::*[tk:is-container(.)])]
          [not(self::tei:body | self::tei:front | self::tei:back | self::tei:group)][tk:has-anchor(.)]">
        <tk:c g="{generate-id(.)}" k="{tk:content-key(.)}"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:map>
      <xsl:for-each-group select="$pairs" group-by="@k">
        <xsl:for-each select="current-group()">
          <xsl:map-entry key="string(@g)" select="if (position() = 1) then string(@k) else concat(@k, '-', position())"/>
        </xsl:for-each>
      </xsl:for-each-group>
    </xsl:map>
  </xsl:variable>

  <!-- The element a content id was made for (the EPUB's chunk model looks ids up). -->
  <xsl:variable name="tk:content-elements" as="map(xs:string, element())"
    select="map:merge($tk:texts//*[not(@xml:id)][map:contains($tk:content-ids, generate-id(.))] ! map:entry($tk:content-ids(generate-id(.)), .))"/>

  <xsl:function name="tk:element-by-content-id" as="element()?">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="$tk:content-elements($id)"/>
  </xsl:function>

  <xsl:function name="tk:content-key" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="text" select="normalize-space(string-join(($el/tei:head, $el)[1]//text()[not(ancestor::tei:note)], ''))"/>
    <xsl:variable name="folded" select="lower-case(replace(normalize-unicode(substring($text, 1, 120), 'NFD'), '\p{Mn}', ''))"/>
    <xsl:variable name="words" select="(tokenize($folded, '[^a-z0-9]+')[. ne ''])[position() le 4]"/>
    <xsl:variable name="cps" select="string-to-codepoints(substring($text, 1, 160))"/>
    <xsl:variable name="sum" select="(sum(for-each-pair($cps, 1 to count($cps), function($c, $i) { $c * ($i mod 97 + 1) }))
      + string-length($text) * 7919) mod 1679616"/>
    <xsl:sequence select="concat(local-name($el), '-', if (exists($words)) then string-join($words, '-') else 'x', '-', tk:base36($sum, 4))"/>
  </xsl:function>

  <xsl:function name="tk:base36" as="xs:string">
    <xsl:param name="n" as="xs:integer"/>
    <xsl:param name="digits" as="xs:integer"/>
    <xsl:sequence select="string-join(reverse(for $i in 0 to $digits - 1 return
      substring('0123456789abcdefghijklmnopqrstuvwxyz', ($n idiv xs:integer(math:pow(36, $i))) mod 36 + 1, 1)), '')"
      xmlns:math="http://www.w3.org/2005/xpath-functions/math"/>
  </xsl:function>

  <!-- common.xsl's tk:id, with content ids for passages and divisions of the source. -->
  <xsl:function name="tk:id" as="xs:string" cache="yes">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="parent" select="$el/parent::*"/>
    <xsl:sequence select="if ($el/@xml:id) then tk:safe-id(string($el/@xml:id))
      else if (root($el) is $tk:source and map:contains($tk:content-ids, generate-id($el))) then $tk:content-ids(generate-id($el))
      else if (exists($parent/parent::*))
        then concat(local-name($el), '-', tk:position-path($parent), '-', tk:sibling-position($el))
      else concat(local-name($el), '-', tk:position-path($el))"/>
  </xsl:function>

  <!-- The about page's word on permalinks. -->
  <xsl:template name="tk:permalink-section">
    <xsl:variable name="passages" select="$tk:texts//*[exists(parent::*[tk:is-container(.)])][tk:has-anchor(.)]"/>
    <xsl:variable name="without" select="count($passages[not(@xml:id)])"/>
    <section aria-labelledby="about-permalinks">
      <h2 id="about-permalinks"><xsl:value-of select="tk:label('about.permalinks')"/></h2>
      <p><xsl:value-of select="if ($without = 0) then tk:label('about.permalinks.ids')
        else tk:label('about.permalinks.content', ($without, count($passages)))"/></p>
    </section>
  </xsl:template>

</xsl:stylesheet>
