<?xml version="1.0" encoding="UTF-8"?>
<!--
  The timeline page: every dated expression of the text (date or time with @when, @from or
  @notBefore, else @notAfter or @to; notes included, register and bibliography entries
  left out) in date order, grouped by year, each with its words in context and a link to
  its passage; above it, an SVG bar per year. Included by html.xsl.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:variable name="tk:timeline-dates" as="element()*"
    select="//tei:text//(tei:date | tei:time)[exists(tk:date-key(.))][not(ancestor::*[tk:is-entry(.)])]
            [not(ancestor::*[parent::tei:choice][tk:hidden-reading(.)])]"/>

  <xsl:function name="tk:date-year" as="xs:integer">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="xs:integer(replace($key, '^(-?[0-9]{4}).*$', '$1'))"/>
  </xsl:function>

  <!-- Some words either side of a date, from the nearest text nodes of its passage as read
       (notes inside the passage and readings not shown left out). The passage is searched,
       not the preceding axis, which Saxon walks to the start of the document. -->
  <xsl:function name="tk:date-context" as="xs:string*">
    <xsl:param name="date" as="element()"/>
    <xsl:variable name="p" select="tk:passage($date)"/>
    <xsl:variable name="before" select="tk:squeeze(string-join((($p//text()[. &lt;&lt; $date])[position() gt last() - 24]
      [not(ancestor::tei:note[. >> $p])][not(ancestor::*[parent::tei:choice][tk:hidden-reading(.)])]), ''))"/>
    <xsl:variable name="after" select="tk:squeeze(string-join((($p//text()[. &gt;&gt; $date][not(ancestor::*[. is $date])])[position() le 24]
      [not(ancestor::tei:note[. >> $p])][not(ancestor::*[parent::tei:choice][tk:hidden-reading(.)])]), ''))"/>
    <xsl:sequence select="(
      if (string-length($before) gt 70) then concat('…', replace(substring($before, string-length($before) - 69), '^\S*\s', '')) else replace($before, '^\s+', ''),
      if (string-length($after) gt 70) then concat(replace(substring($after, 1, 70), '\s\S*$', ''), '…') else replace($after, '\s+$', ''))"/>
  </xsl:function>

  <xsl:template name="tk:timeline-page">
    <xsl:variable name="dates" select="$tk:timeline-dates"/>
    <xsl:variable name="years" select="sort(distinct-values($dates ! tk:date-year(tk:date-key(.))))"/>
    <h1>Timeline</h1>
    <p class="lede">
      <xsl:value-of select="concat(count($dates), ' dated expressions of the text and notes, from ',
        $years[1], ' to ', $years[last()], ', in date order; each links to its passage.')"/>
    </p>
    <xsl:call-template name="tk:timeline-chart">
      <xsl:with-param name="dates" select="$dates"/>
      <xsl:with-param name="years" select="$years"/>
    </xsl:call-template>
    <ol class="timeline">
      <xsl:for-each-group select="$dates" group-by="tk:date-year(tk:date-key(.))">
        <xsl:sort select="current-grouping-key()"/>
        <li class="year" id="year-{current-grouping-key()}">
          <h2><xsl:value-of select="current-grouping-key()"/></h2>
          <ul>
            <xsl:for-each select="current-group()">
              <xsl:sort select="tk:date-key(.)"/>
              <xsl:variable name="p" select="tk:passage(.)"/>
              <xsl:variable name="ctx" select="tk:date-context(.)"/>
              <li>
                <span class="when"><xsl:value-of select="tk:date-norm(.)"/></span>
                <xsl:text> </xsl:text>
                <span class="context">
                  <xsl:value-of select="$ctx[1]"/>
                  <mark><xsl:value-of select="normalize-space(string-join(.//text()[not(ancestor::*[parent::tei:choice][tk:hidden-reading(.)])][not(ancestor::tei:note)], ''))"/></mark>
                  <xsl:value-of select="$ctx[2]"/>
                </span>
                <xsl:text> </xsl:text>
                <a class="where" href="{tk:passage-href(tk:id($p))}"><xsl:value-of select="tk:passage-label($p)"/></a>
              </li>
            </xsl:for-each>
          </ul>
        </li>
      </xsl:for-each-group>
    </ol>
  </xsl:template>

  <!-- One bar per year from the first to the last, its height the number of dates. -->
  <xsl:template name="tk:timeline-chart">
    <xsl:param name="dates" as="element()*"/>
    <xsl:param name="years" as="xs:integer*"/>
    <xsl:variable name="first" select="$years[1]"/>
    <xsl:variable name="last" select="$years[last()]"/>
    <xsl:variable name="counts" as="map(xs:integer, xs:integer)">
      <xsl:map>
        <xsl:for-each-group select="$dates" group-by="tk:date-year(tk:date-key(.))">
          <xsl:map-entry key="current-grouping-key()" select="count(current-group())"/>
        </xsl:for-each-group>
      </xsl:map>
    </xsl:variable>
    <xsl:variable name="max" select="max(map:keys($counts) ! $counts(.))" xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
    <xsl:variable name="n" select="$last - $first + 1"/>
    <xsl:variable name="bw" select="max((2, min((24, floor(900 div $n)))))"/>
    <xsl:variable name="w" select="$n * $bw + 60"/>
    <xsl:variable name="h" select="160"/>
    <xsl:if test="count($years) gt 1">
      <figure class="timeline-chart">
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {$w} {$h + 24}" role="group" aria-labelledby="chart-title" class="chart-svg">
          <title id="chart-title">Number of dated expressions per year</title>
          <line class="axis" x1="30" y1="{$h}" x2="{$w - 30}" y2="{$h}"/>
          <xsl:for-each select="$years">
            <xsl:variable name="c" select="$counts(current())"/>
            <xsl:variable name="bh" select="max((2, round($c * ($h - 20) div $max)))"/>
            <xsl:variable name="x" select="30 + (. - $first) * $bw"/>
            <a href="#year-{.}" aria-label="{.}: {$c} {if ($c = 1) then 'date' else 'dates'}">
              <title><xsl:value-of select="concat(., ': ', $c)"/></title>
              <rect class="bar" x="{$x}" y="{$h - $bh}" width="{max(($bw - 1, 1))}" height="{$bh}"/>
            </a>
          </xsl:for-each>
          <xsl:variable name="every" select="(10, 20, 50, 100, 200, 500)[. * $bw ge 44][1]"/>
          <xsl:for-each select="($first to $last)[. mod $every = 0 and . - $first ge 44 div $bw and $last - . ge 44 div $bw], $first, $last">
            <xsl:variable name="x" select="30 + (. - $first) * $bw + $bw div 2"/>
            <text class="tick" x="{$x}" y="{$h + 18}" text-anchor="middle" font-size="12" aria-hidden="true"><xsl:value-of select="."/></text>
          </xsl:for-each>
        </svg>
        <figcaption>Dated expressions per year (<xsl:value-of select="$first"/>–<xsl:value-of select="$last"/>); each bar links to its year below.</figcaption>
      </figure>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
