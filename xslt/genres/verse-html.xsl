<?xml version="1.0" encoding="UTF-8"?>
<!--
  Verse lines and numbered line breaks in the HTML edition (shared part: verse.xsl).

  A line is a block (span class "l") with its number, when printed, in the left margin
  (span class "lineno"); @rend indentation becomes a class indent-1 ... indent-6. The
  second and later parts of a split line (l/@part) start where the earlier parts ended: the
  earlier parts' text stands before them, hidden (class "part-spacer", not read aloud), so
  the alignment needs no measurement and holds at any font size. A numbered line break
  (lb/@n) starts a new line with its number in the margin.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:template match="tei:l" priority="5">
    <xsl:variable name="label" select="tk:line-label(.)"/>
    <xsl:variable name="indent" select="tk:indent-level(.)"/>
    <span class="{string-join(('l', if (exists($indent)) then concat('indent-', $indent) else (),
      if (@part = ('M', 'F', 'm', 'f')) then 'part' else ()), ' ')}">
      <xsl:call-template name="tk:attrs"/>
      <xsl:if test="exists(tk:line-n(.))"><xsl:attribute name="data-n" select="tk:line-n(.)"/></xsl:if>
      <xsl:if test="exists($label)">
        <!-- (a space after the number: the line's first word stays a word in the page's text) -->
        <span class="lineno"><span class="visually-hidden">line </span><xsl:value-of select="$label"/></span>
        <xsl:text> </xsl:text>
      </xsl:if>
      <xsl:variable name="earlier" select="tk:earlier-parts(.)"/>
      <xsl:if test="exists($earlier)">
        <span class="part-spacer" aria-hidden="true"><xsl:value-of select="string-join($earlier ! tk:reading-string(node()), ' ')"/></span>
        <xsl:text> </xsl:text>
      </xsl:if>
      <xsl:apply-templates/>
      <xsl:for-each select="tk:apps-at(.)"><xsl:call-template name="tk:app-marker"/></xsl:for-each>
    </span>
  </xsl:template>

  <!-- A numbered line break: a new line, with its number when printed. The first one in its
       block starts the block and breaks nothing. -->
  <xsl:template match="tei:lb[@n]" priority="5">
    <xsl:variable name="label" select="tk:line-label(.)"/>
    <xsl:variable name="block" select="ancestor::*[self::tei:p or self::tei:ab or self::tei:l or self::tei:head or self::tei:item or self::tei:cell][1]"/>
    <!-- (a line end before the break, so that the words on either side stay two words in
         the page's text; none inside a broken word) -->
    <!-- A break inside a word (@break="no") is no br: the style sheet breaks the line
         there, and the page's text keeps the word whole. -->
    <xsl:variable name="after-text" select="exists($block//text()[normalize-space()][. &lt;&lt; current()])"/>
    <xsl:if test="$after-text and not(@break = 'no')">
      <xsl:text>&#10;</xsl:text>
      <br/>
    </xsl:if>
    <span class="{if ($after-text and @break = 'no') then 'lb break-no' else 'lb'}" id="{tk:id(.)}">
      <!-- (the number from the style sheet: a break may stand inside a word, whose letters
           would otherwise run into it in the page's text) -->
      <xsl:if test="exists($label)"><span class="lineno" data-n="{$label}"></span></xsl:if>
    </span>
    <xsl:for-each select="tk:apps-at(.)">
      <xsl:call-template name="tk:app-marker"/>
      <xsl:text> </xsl:text>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="tei:anchor[exists(tk:apps-at(.))]" priority="5">
    <xsl:for-each select="tk:apps-at(.)"><xsl:call-template name="tk:app-marker"/></xsl:for-each>
  </xsl:template>

</xsl:stylesheet>
