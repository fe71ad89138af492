<?xml version="1.0" encoding="UTF-8"?>
<!--
  Rendition, what the HTML and EPUB editions share: the CSS a document declares
  (tagsDecl/rendition with @scheme 'css' and an xml:id, pointed at by @rendition) and the
  CSS it writes on elements (@style), compiled into one generated style sheet of classes
  (rendition.css), so that no page carries inline style and the Content-Security-Policy
  (style-src 'self') holds. rendition-html.xsl puts the classes on the elements.

  The CSS is sanitised, declaration by declaration: only the properties of typography and
  layout in $tk:css-properties pass, with values made of letters, digits, '#', '.', '%',
  '-', ',' and spaces (no url(), no expression, no escapes, no comments, no at-rules), sizes
  in relative units only (em, rem, %, keywords); a colour passes only as one of the named
  colours in $tk:css-colours, each replaced by a shade with 4.5:1 contrast on white.
  Anything else is left out. @rendition/@selector rules (CSS selectors on TEI names) are not
  applied. Known @rend values are mapped by the text templates as before.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  exclude-result-prefixes="#all">

  <xsl:variable name="tk:css-properties" as="xs:string*" select="('font-style', 'font-weight',
    'font-variant', 'font-variant-caps', 'font-size', 'text-decoration', 'text-decoration-line',
    'text-decoration-style', 'text-transform', 'text-align', 'letter-spacing', 'word-spacing',
    'vertical-align', 'text-indent', 'margin-left', 'margin-right', 'padding-left', 'line-height',
    'white-space', 'color', 'border', 'border-bottom', 'border-top', 'float')"/>

  <xsl:variable name="tk:css-colours" as="map(xs:string, xs:string)" select="map{
    'red': '#b00000', 'darkred': '#8b0000', 'blue': '#1f4fbf', 'darkblue': '#00008b',
    'green': '#2a6b2a', 'darkgreen': '#006400', 'purple': '#6b2a86', 'brown': '#7a4a14',
    'gray': '#555555', 'grey': '#555555', 'black': '#1a1a1a', 'orange': '#a04800',
    'maroon': '#800000', 'navy': '#000080', 'teal': '#006666', 'olive': '#5c5c00'}"/>

  <!-- One declaration "property: value", sanitised, or nothing. -->
  <xsl:function name="tk:css-declaration" as="xs:string?">
    <xsl:param name="decl" as="xs:string"/>
    <xsl:variable name="prop" select="lower-case(normalize-space(substring-before($decl, ':')))"/>
    <xsl:variable name="value" select="lower-case(normalize-space(substring-after($decl, ':')))"/>
    <xsl:variable name="safe" select="matches($value, '^[a-z0-9#.%, \-]{1,80}$') and not(matches($value, 'expression|url|javascript|behavio'))"/>
    <xsl:sequence select="
      if (not($safe) or not($prop = $tk:css-properties)) then ()
      else if ($prop eq 'color') then (if (map:contains($tk:css-colours, $value)) then concat('color: ', $tk:css-colours($value)) else ())
      else if ($prop = ('font-size', 'letter-spacing', 'word-spacing', 'text-indent', 'margin-left', 'margin-right', 'padding-left', 'line-height')
               and matches($value, '\d(px|pt|cm|mm|in|pc)')) then ()
      else if ($prop = ('border', 'border-bottom', 'border-top') and matches($value, '#')) then ()
      else concat($prop, ': ', $value)"/>
  </xsl:function>

  <xsl:function name="tk:css-rules" as="xs:string*">
    <xsl:param name="css" as="xs:string?"/>
    <xsl:sequence select="tokenize(string($css), ';') ! tk:css-declaration(.)"/>
  </xsl:function>

  <!-- The declared renditions that are CSS, by id. -->
  <xsl:variable name="tk:renditions" as="map(xs:string, xs:string*)"
    select="map:merge($tk:source/*/tei:teiHeader[tk:has('rendition')]//tei:tagsDecl/tei:rendition[@xml:id]
      [not(@scheme) or lower-case(@scheme) = 'css'][not(@selector)]
      ! map:entry(string(@xml:id), tk:css-rules(string(.))), map{'duplicates': 'use-first'})"/>

  <!-- The distinct @style values of the text, in order: class s-1, s-2 ... -->
  <xsl:variable name="tk:styles" as="xs:string*"
    select="sort(distinct-values($tk:source/*/tei:text//@style ! normalize-space(.)))[exists(tk:css-rules(.))]"/>

  <xsl:variable name="tk:style-classes" as="map(xs:string, xs:string)"
    select="map:merge(for $i in 1 to count($tk:styles) return map:entry($tk:styles[$i], concat('s-', $i)))"/>

  <!-- The classes an element gets from @rendition and @style. -->
  <xsl:function name="tk:rendition-classes" as="xs:string*">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="(tokenize(normalize-space($el/@rendition), ' ')[starts-with(., '#')]
        ! substring(., 2)[map:contains($tk:renditions, .)][exists($tk:renditions(.))] ! concat('r-', tk:safe-id(.)),
      $tk:style-classes(normalize-space($el/@style)))"/>
  </xsl:function>

  <!-- The generated style sheet: empty when the document declares nothing that passes. -->
  <xsl:variable name="tk:rendition-css" as="xs:string">
    <xsl:variable name="rules" as="xs:string*">
      <xsl:for-each select="map:keys($tk:renditions)[exists($tk:renditions(.))]">
        <xsl:sort select="."/>
        <xsl:sequence select="concat('.r-', tk:safe-id(.), ' { ', string-join($tk:renditions(.), '; '), '; }')"/>
      </xsl:for-each>
      <xsl:for-each select="$tk:styles">
        <xsl:sequence select="concat('.', $tk:style-classes(.), ' { ', string-join(tk:css-rules(.), '; '), '; }')"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:sequence select="if (empty($rules)) then ''
      else string-join(('/* Made by teikit from the document''s rendition declarations and @style, sanitised (xslt/genres/rendition.xsl). */', $rules, ''), '&#10;')"/>
  </xsl:variable>

</xsl:stylesheet>
