<?xml version="1.0" encoding="UTF-8"?>
<!--
  Mode tk:valid: the last pass over what a page holds (the HTML <main>, each EPUB content
  document's body), which keeps it valid HTML whatever the TEI nests. Included by html.xsl.

  TEI lets blocks stand inside phrases: a paragraph or a list inside a note inside a
  paragraph, a cast list or a table inside a quotation, paragraphs inside a licence or any
  element a project defines. HTML allows no block inside a span, an i or a p, and no link
  inside a link. The templates render each element for what it is; this pass looks at what the
  result holds, so that every rendering (of today's elements and of those added later) stays
  valid:
    - a phrase element (span, i, cite, sup ...) or a p that holds a block becomes a div, with
      its attributes (the class says what it was);
    - a heading that holds a block becomes a div with role="heading" and its aria-level;
    - a link that holds a link (a name linked to its register entry, holding a note
      reference) becomes a span: the inner link, which may be a note's only reference, stays;
    - an id already used earlier on the page is dropped (links lead to the first);
    - a carriage return becomes a line feed (HTML cannot carry one, not even as a character
      reference).
  What is already valid is copied as it is. Call tk:valid with the content.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:h="http://www.w3.org/1999/xhtml"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tk="urn:teikit"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <!-- HTML elements that may hold phrasing content only. -->
  <xsl:variable name="tk:phrasing-only" as="map(xs:string, xs:boolean)" select="tk:name-set((
    'span', 'i', 'b', 'em', 'strong', 'cite', 'sup', 'sub', 's', 'small', 'code', 'time', 'q',
    'abbr', 'dfn', 'mark', 'u', 'bdi', 'bdo', 'var', 'kbd', 'samp', 'data', 'label', 'p'))"/>

  <!-- The same and headings: elements a block may not stand in. -->
  <xsl:variable name="tk:phrasing-content" as="map(xs:string, xs:boolean)" select="map:merge(($tk:phrasing-only,
    tk:name-set(('h1', 'h2', 'h3', 'h4', 'h5', 'h6'))))"/>

  <!-- HTML elements that are not phrasing content (they may not stand in the above). -->
  <xsl:variable name="tk:flow-only" as="map(xs:string, xs:boolean)" select="tk:name-set((
    'address', 'article', 'aside', 'blockquote', 'details', 'dialog', 'div', 'dl', 'dt', 'dd',
    'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
    'header', 'hgroup', 'hr', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section',
    'table', 'caption', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th', 'ul'))"/>

  <!-- What a page holds, through the pass: $content may be a document or elements alone. -->
  <xsl:template name="tk:valid">
    <xsl:param name="content" as="node()*"/>
    <xsl:variable name="ids" select="$content/descendant-or-self::*/@id"/>
    <xsl:choose>
      <!-- Most pages need nothing: they are copied as they are, at a fraction of the cost. -->
      <xsl:when test="empty($content/descendant-or-self::*[if (self::h:a) then exists(ancestor::h:a)
          else map:contains($tk:flow-only, local-name())
            and exists(ancestor::*[map:contains($tk:phrasing-content, local-name())])])
        and empty($content/descendant-or-self::text()[contains(., '&#13;')])
        and count($ids) eq count(distinct-values($ids))">
        <xsl:sequence select="$content"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="$content" mode="tk:valid">
          <xsl:with-param name="tk:first-ids" tunnel="yes" select="map:merge(
            $ids ! map:entry(string(.), ..), map{'duplicates': 'use-first'})"/>
        </xsl:apply-templates>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:function name="tk:holds-block" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="some $d in $el/descendant::* satisfies map:contains($tk:flow-only, local-name($d))"/>
  </xsl:function>

  <xsl:template match="document-node()" mode="tk:valid">
    <xsl:apply-templates mode="tk:valid"/>
  </xsl:template>

  <xsl:template match="*" mode="tk:valid">
    <xsl:copy>
      <xsl:apply-templates select="@*, node()" mode="tk:valid"/>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="h:*[map:contains($tk:phrasing-only, local-name())][tk:holds-block(.)]" mode="tk:valid">
    <div>
      <xsl:apply-templates select="@* except (@datetime, @value)" mode="tk:valid"/>
      <xsl:if test="not(@class)"><xsl:attribute name="class" select="local-name()"/></xsl:if>
      <xsl:apply-templates mode="tk:valid"/>
    </div>
  </xsl:template>

  <xsl:template match="h:h1[tk:holds-block(.)] | h:h2[tk:holds-block(.)] | h:h3[tk:holds-block(.)]
    | h:h4[tk:holds-block(.)] | h:h5[tk:holds-block(.)] | h:h6[tk:holds-block(.)]" mode="tk:valid">
    <div role="heading" aria-level="{substring(local-name(), 2)}">
      <xsl:apply-templates select="@*" mode="tk:valid"/>
      <xsl:if test="not(@class)"><xsl:attribute name="class" select="'heading'"/></xsl:if>
      <xsl:apply-templates mode="tk:valid"/>
    </div>
  </xsl:template>

  <xsl:template match="h:a[descendant::h:a]" mode="tk:valid" priority="2">
    <xsl:element name="{if (tk:holds-block(.)) then 'div' else 'span'}">
      <xsl:apply-templates select="@* except (@href, @rel, @target, @hreflang, @type, @download, @ping, @referrerpolicy)" mode="tk:valid"/>
      <xsl:apply-templates mode="tk:valid"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="@id" mode="tk:valid">
    <xsl:param name="tk:first-ids" as="map(xs:string, element())" tunnel="yes"/>
    <xsl:if test="$tk:first-ids(string(.)) is ..">
      <xsl:copy/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="@*" mode="tk:valid">
    <xsl:copy/>
  </xsl:template>

  <xsl:template match="text()" mode="tk:valid">
    <xsl:value-of select="if (contains(., '&#13;')) then translate(., '&#13;', '&#10;') else ."/>
  </xsl:template>

  <xsl:template match="comment() | processing-instruction()" mode="tk:valid">
    <xsl:copy/>
  </xsl:template>

</xsl:stylesheet>
