<?xml version="1.0" encoding="UTF-8"?>
<!--
  The map page: an SVG drawn at build time from the places' coordinates (location/geo,
  "lat long"), in an equirectangular projection of their bounding box, over a graticule
  with degree labels. No tiles, no outline data: nothing is fetched. Each point links to the
  place's register entry and has an accessible name; a table lists the same places.
  Included by html.xsl.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <!-- Width of the map's drawing in SVG units; the height follows the places' extent. -->
  <xsl:variable name="tk:map-width" as="xs:double" select="960"/>

  <!-- (latitude, longitude) of a location's geo, when it holds two numbers in range. -->
  <xsl:function name="tk:geo" as="xs:double*">
    <xsl:param name="location" as="element()?"/>
    <xsl:variable name="parts" select="tokenize(normalize-space(replace(string(($location/descendant-or-self::tei:geo)[1]), ',', ' ')), ' ')"/>
    <xsl:sequence select="
      if (count($parts) = 2 and (every $p in $parts satisfies $p castable as xs:double))
      then (let $lat := xs:double($parts[1]), $lon := xs:double($parts[2])
            return if (abs($lat) le 90 and abs($lon) le 180) then ($lat, $lon) else ())
      else ()"/>
  </xsl:function>

  <xsl:function name="tk:format-latlon" as="xs:string">
    <xsl:param name="ll" as="xs:double+"/>
    <xsl:sequence select="concat(format-number(abs($ll[1]), '0.00'), '° ', if ($ll[1] lt 0) then 'S' else 'N', ', ',
      format-number(abs($ll[2]), '0.00'), '° ', if ($ll[2] lt 0) then 'W' else 'E')"/>
  </xsl:function>

  <xsl:variable name="tk:geo-places" as="element()*" select="$tk:places[exists(tk:geo(tei:location[tei:geo][1]))]"/>

  <xsl:template name="tk:map-page">
    <xsl:variable name="points" as="map(*)*">
      <xsl:for-each select="$tk:geo-places">
        <xsl:variable name="ll" select="tk:geo(tei:location[tei:geo][1])"/>
        <xsl:sequence select="map{'place': ., 'lat': $ll[1], 'lon': $ll[2], 'name': tk:entry-name(.),
          'weight': count(tk:mentions(string(@xml:id)))}"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="lats" select="$points ! ?lat"/>
    <xsl:variable name="lons" select="$points ! ?lon"/>
    <!-- Bounding box with a margin, widened to whole graticule steps. -->
    <xsl:variable name="span" select="max((max($lons) - min($lons), max($lats) - min($lats), 4))"/>
    <xsl:variable name="step" select="(1, 2, 5, 10, 15, 20, 30)[. ge $span div 8][1]"/>
    <xsl:variable name="step" select="if ($step) then $step else 30"/>
    <xsl:variable name="west" select="max((-180, floor((min($lons) - $span * 0.06) div $step) * $step))"/>
    <xsl:variable name="east" select="min((180, ceiling((max($lons) + $span * 0.06) div $step) * $step))"/>
    <xsl:variable name="south" select="max((-90, floor((min($lats) - $span * 0.04) div $step) * $step))"/>
    <xsl:variable name="north" select="min((90, ceiling((max($lats) + $span * 0.04) div $step) * $step))"/>
    <xsl:variable name="k" select="$tk:map-width div ($east - $west)"/>
    <xsl:variable name="height" select="round(($north - $south) * $k)"/>
    <xsl:variable name="font" select="max((12, round($tk:map-width div 70)))"/>

    <h1>Map</h1>
    <p class="lede">
      <xsl:value-of select="concat(count($points), if (count($points) = 1) then ' place' else ' places',
        ' with coordinates, between ', tk:format-latlon(($south, $west)), ' and ', tk:format-latlon(($north, $east)),
        '. Equirectangular projection; lines every ', $step, '°. Each point links to the place in the register; larger points are mentioned more often.')"/>
    </p>
    <figure class="map">
      <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {$tk:map-width} {$height}" role="group" aria-labelledby="map-title" class="map-svg">
        <title id="map-title">Map of the places with coordinates</title>
        <rect class="sea" x="0" y="0" width="{$tk:map-width}" height="{$height}"/>
        <g class="graticule" aria-hidden="true">
          <xsl:for-each select="xs:integer($west div $step) to xs:integer($east div $step)">
            <xsl:variable name="lon" select=". * $step"/>
            <xsl:variable name="x" select="round(($lon - $west) * $k * 10) div 10"/>
            <line x1="{$x}" y1="0" x2="{$x}" y2="{$height}"/>
            <xsl:if test="$lon gt $west and $lon lt $east">
              <text x="{$x + 3}" y="{$height - 4}" font-size="{$font * 0.8}"><xsl:value-of select="concat(abs($lon), '°', if ($lon lt 0) then 'W' else if ($lon gt 0) then 'E' else '')"/></text>
            </xsl:if>
          </xsl:for-each>
          <xsl:for-each select="xs:integer($south div $step) to xs:integer($north div $step)">
            <xsl:variable name="lat" select=". * $step"/>
            <xsl:variable name="y" select="round(($north - $lat) * $k * 10) div 10"/>
            <line x1="0" y1="{$y}" x2="{$tk:map-width}" y2="{$y}"/>
            <xsl:if test="$lat gt $south and $lat lt $north">
              <text x="3" y="{$y - 3}" font-size="{$font * 0.8}"><xsl:value-of select="concat(abs($lat), '°', if ($lat lt 0) then 'S' else if ($lat gt 0) then 'N' else '')"/></text>
            </xsl:if>
          </xsl:for-each>
        </g>
        <!-- Points, most mentioned first; a label is drawn unless it would cover one already
             drawn (it then shows on hover and focus). -->
        <g class="places">
          <xsl:iterate select="sort($points, (), function($p) { -$p?weight })">
            <xsl:param name="boxes" as="array(xs:double)*" select="()"/>
            <xsl:variable name="x" select="round((?lon - $west) * $k * 10) div 10"/>
            <xsl:variable name="y" select="round(($north - ?lat) * $k * 10) div 10"/>
            <xsl:variable name="r" select="round((4 + math:sqrt(?weight) * 0.8) * 10) div 10" xmlns:math="http://www.w3.org/2005/xpath-functions/math"/>
            <xsl:variable name="r" select="min(($r, 14))"/>
            <xsl:variable name="w" select="string-length(?name) * $font * 0.56"/>
            <xsl:variable name="right" select="$x + $r + 3 + $w le $tk:map-width"/>
            <xsl:variable name="tx" select="if ($right) then $x + $r + 3 else $x - $r - 3"/>
            <xsl:variable name="box" select="[if ($right) then $tx else $tx - $w, $y - $font * 0.8, if ($right) then $tx + $w else $tx, $y + $font * 0.3]"/>
            <xsl:variable name="free" select="every $b in $boxes satisfies
              ($box(3) lt $b(1) or $box(1) gt $b(3) or $box(4) lt $b(2) or $box(2) gt $b(4))"/>
            <xsl:variable name="id" select="tk:id(?place)"/>
            <a href="{tk:entity-href(string(?place/@xml:id))}" id="map-{$id}" aria-label="{?name}" class="place">
              <title><xsl:value-of select="concat(?name, ' (', tk:format-latlon((?lat, ?lon)), ')')"/></title>
              <circle cx="{$x}" cy="{$y}" r="{$r}"/>
              <text x="{$tx}" y="{$y + $font * 0.35}" font-size="{$font}" class="{if ($free) then 'label' else 'label minor'}">
                <xsl:if test="not($right)"><xsl:attribute name="text-anchor" select="'end'"/></xsl:if>
                <xsl:value-of select="?name"/>
              </text>
            </a>
            <xsl:next-iteration>
              <xsl:with-param name="boxes" select="if ($free) then ($boxes, $box) else $boxes"/>
            </xsl:next-iteration>
          </xsl:iterate>
        </g>
      </svg>
      <figcaption>Places with coordinates in the register. Labels that would overlap show when the
        point has the pointer or the keyboard focus; all places are listed below.</figcaption>
    </figure>
    <table class="places-table">
      <caption>Places on the map</caption>
      <thead><tr><th scope="col">Place</th><th scope="col">Coordinates</th><th scope="col">Mentions</th></tr></thead>
      <tbody>
        <xsl:for-each select="$points">
          <xsl:sort select="tk:entry-sort-key(?place)" lang="en"/>
          <tr>
            <td><a href="{tk:entity-href(string(?place/@xml:id))}"><xsl:value-of select="?name"/></a></td>
            <td><xsl:value-of select="tk:format-latlon((?lat, ?lon))"/></td>
            <td><xsl:value-of select="?weight"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

</xsl:stylesheet>
