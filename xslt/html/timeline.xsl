<?xml version="1.0" encoding="UTF-8"?>
<!--
  The timeline page: every dated expression of the text (date or time with @when, @from or
  @notBefore, else @notAfter or @to; notes included, register and bibliography entries
  left out) in date order, grouped by year, each with its words in context and a link to
  its passage; the events of the register (by their dating attributes, or their first date)
  among them, in the year each began, linked to their entries; above it, a row per year.
  Included by html.xsl.
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

  <!-- The events of the register that have a date. -->
  <xsl:variable name="tk:timeline-events" as="element()*" select="$tk:events[exists(tk:event-date-key(.))]"/>

  <!-- The date a timeline item is placed by: a date's, or an event's. -->
  <xsl:function name="tk:timeline-key" as="xs:string">
    <xsl:param name="item" as="element()"/>
    <xsl:sequence select="if ($item/self::tei:event) then tk:event-date-key($item) else tk:date-key($item)"/>
  </xsl:function>

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
    <xsl:variable name="all-years" select="sort($dates ! tk:date-year(tk:date-key(.)))"/>
    <xsl:variable name="years" select="distinct-values($all-years)"/>
    <h1><xsl:value-of select="tk:label('page.timeline')"/></h1>
    <xsl:if test="exists($dates)">
      <p class="lede">
        <xsl:value-of select="tk:label('timeline.lede', (count($dates), $years[1], $years[last()]))"/>
      </p>
    </xsl:if>
    <xsl:if test="exists($tk:timeline-events)">
      <p class="lede"><xsl:value-of select="tk:label('timeline.events-lede')"/></p>
    </xsl:if>
    <xsl:call-template name="tk:timeline-chart">
      <xsl:with-param name="all-years" select="$all-years"/>
    </xsl:call-template>
    <ol class="timeline">
      <xsl:for-each-group select="$dates, $tk:timeline-events" group-by="tk:date-year(tk:timeline-key(.))">
        <xsl:sort select="current-grouping-key()"/>
        <li class="year" id="year-{current-grouping-key()}">
          <h2><xsl:value-of select="current-grouping-key()"/></h2>
          <ul>
            <xsl:for-each select="current-group()[self::tei:event]">
              <xsl:sort select="tk:event-date-key(.)"/>
              <li class="event">
                <span class="when"><xsl:value-of select="tk:date-words(tk:event-dating(.))"/></span>
                <xsl:text> </xsl:text>
                <span class="kind"><xsl:value-of select="tk:label('timeline.event')"/></span>
                <xsl:text> </xsl:text>
                <a class="name event" href="{tk:entity-href(string(@xml:id))}"><xsl:value-of select="tk:entry-name(.)"/></a>
              </li>
            </xsl:for-each>
            <xsl:for-each select="current-group()[not(self::tei:event)]">
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
                <!-- the link lands on the date itself (its id: text.xsl) -->
                <a class="where" href="{tk:passage-href(tk:id(.))}"><xsl:value-of select="tk:passage-label($p)"/></a>
              </li>
            </xsl:for-each>
          </ul>
        </li>
      </xsl:for-each-group>
    </ol>
  </xsl:template>

  <!-- The span of years holding most dates: the narrowest run of years that holds four in
       five of them (all of them when there are few years). -->
  <xsl:function name="tk:dense-years" as="xs:integer*">
    <xsl:param name="all-years" as="xs:integer*"/>
    <xsl:variable name="n" select="count($all-years)"/>
    <xsl:variable name="k" select="xs:integer(ceiling($n * 0.8))"/>
    <xsl:variable name="widths" select="for $i in 1 to $n - $k + 1 return $all-years[$i + $k - 1] - $all-years[$i]"/>
    <xsl:variable name="best" select="index-of($widths, min($widths))[1]"/>
    <xsl:sequence select="if ($all-years[last()] - $all-years[1] le 20 or $n lt 10) then ($all-years[1], $all-years[last()])
      else ($all-years[$best], $all-years[$best + $k - 1])"/>
  </xsl:function>

  <!-- The chart: a row per year of the dense span, with a bar as long as its number of dates,
       and a row for the years before and after it; every row (at least 24 px high) links to
       its year below. All the years, by decade when they span more than sixty, in a
       disclosure. HTML rows, not a drawing: readable at any width, by any font size. -->
  <xsl:template name="tk:timeline-chart">
    <xsl:param name="all-years" as="xs:integer*"/>
    <xsl:variable name="years" select="distinct-values($all-years)"/>
    <xsl:if test="count($years) gt 1">
      <xsl:variable name="core" select="tk:dense-years($all-years)"/>
      <xsl:variable name="before" select="$all-years[. lt $core[1]]"/>
      <xsl:variable name="after" select="$all-years[. gt $core[2]]"/>
      <xsl:variable name="rows" as="map(*)*" select="(
        if (exists($before)) then map{'label': tk:label('timeline.before', $core[1]), 'n': count($before), 'href': concat('#year-', $before[1])} else (),
        for $y in $core[1] to $core[2] return
          map{'label': string($y), 'n': count($all-years[. = $y]), 'href': if ($y = $years) then concat('#year-', $y) else ()},
        if (exists($after)) then map{'label': tk:label('timeline.after', $core[2]), 'n': count($after), 'href': concat('#year-', $after[1])} else ())"/>
      <figure class="timeline-chart">
        <figcaption id="chart-title"><xsl:value-of select="tk:label('timeline.core', ($core[1], $core[2], count($all-years) - count($before) - count($after), count($all-years)))"/></figcaption>
        <xsl:call-template name="tk:year-rows"><xsl:with-param name="rows" select="$rows"/></xsl:call-template>
      </figure>
      <xsl:if test="exists($before) or exists($after)">
        <xsl:variable name="decades" select="$years[last()] - $years[1] gt 60"/>
        <details class="timeline-all">
          <summary><xsl:value-of select="tk:label('timeline.all', ($years[1], $years[last()]))"/></summary>
          <xsl:call-template name="tk:year-rows">
            <xsl:with-param name="rows" as="map(*)*">
              <xsl:for-each-group select="$all-years" group-adjacent="if ($decades) then . idiv 10 else .">
                <xsl:sequence select="map{'label': if ($decades) then concat(current-grouping-key() * 10, '–', current-grouping-key() * 10 + 9) else string(current-grouping-key()),
                  'n': count(current-group()), 'href': concat('#year-', current-group()[1])}"/>
              </xsl:for-each-group>
            </xsl:with-param>
          </xsl:call-template>
        </details>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <xsl:template name="tk:year-rows">
    <xsl:param name="rows" as="map(*)*"/>
    <xsl:variable name="max" select="max($rows ! ?n)"/>
    <ol class="year-rows">
      <xsl:for-each select="$rows">
        <!-- bar length in steps of 5 % (classes w0 ... w100: the pages carry no style attributes) -->
        <xsl:variable name="w" select="if (?n = 0) then 0 else max((1, xs:integer(round(?n * 20 div $max)))) * 5"/>
        <li>
          <xsl:variable name="content">
            <span class="row-label"><xsl:value-of select="?label"/></span>
            <span class="row-bar"><span class="bar w{$w}"></span></span>
            <span class="row-n"><xsl:value-of select="tk:label-n('timeline.dates', ?n, ())"/></span>
          </xsl:variable>
          <xsl:choose>
            <xsl:when test="exists(?href)"><a href="{?href}"><xsl:sequence select="$content"/></a></xsl:when>
            <xsl:otherwise><span class="row"><xsl:sequence select="$content"/></span></xsl:otherwise>
          </xsl:choose>
        </li>
      </xsl:for-each>
    </ol>
  </xsl:template>

</xsl:stylesheet>
