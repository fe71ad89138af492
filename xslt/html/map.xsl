<?xml version="1.0" encoding="UTF-8"?>
<!--
  The map page: an SVG drawn at build time from the places' coordinates (location/geo,
  "lat long"), in an equirectangular projection of their bounding box, over the land
  (Natural Earth's, 1:110m, from data/land.xml, which ships with the toolkit: see
  data/README.md) and a graticule with degree labels. No tiles: nothing is fetched. Each
  point links to the place's register entry and has an accessible name; a table lists the
  same places.
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

  <!-- The land's rings (chunks of lon lat pairs, with bounding boxes: data/make_land.py),
       read only when a map is drawn. A file of the toolkit's own, not the user's: no
       DOCTYPE, nothing to expand. -->
  <xsl:variable name="tk:land" as="element()*" select="doc('data/land.xml')/land/ring"/>

  <!-- How far outside the drawing (in SVG units) a coastline is followed point by point. -->
  <xsl:variable name="tk:land-margin" as="xs:double" select="8"/>

  <!-- The land within a window (width x height units, $k units a degree, its top left corner
       at $west, $north), as SVG path data, '' when none: the rings whose box reaches the window,
       each projected and thinned by tk:land-ring. -->
  <xsl:function name="tk:land-path" as="xs:string">
    <xsl:param name="west" as="xs:double"/>
    <xsl:param name="north" as="xs:double"/>
    <xsl:param name="k" as="xs:double"/>
    <xsl:param name="width" as="xs:double"/>
    <xsl:param name="height" as="xs:double"/>
    <xsl:variable name="east" select="$west + $width div $k"/>
    <xsl:variable name="south" select="$north - $height div $k"/>
    <xsl:sequence select="string-join(
      $tk:land[xs:double(@e) ge $west and xs:double(@w) le $east and xs:double(@n) ge $south and xs:double(@s) le $north]
      ! tk:land-ring(., $west, $north, $k, $width, $height), '')"/>
  </xsl:function>

  <xsl:function name="tk:land-ring" as="xs:string?">
    <xsl:param name="ring" as="element()"/>
    <xsl:param name="west" as="xs:double"/>
    <xsl:param name="north" as="xs:double"/>
    <xsl:param name="k" as="xs:double"/>
    <xsl:param name="width" as="xs:double"/>
    <xsl:param name="height" as="xs:double"/>
    <xsl:variable name="m" select="$tk:land-margin"/>
    <!-- The ring's points as lon, lat, lon, lat ...: each chunk's but its last (the next
         chunk's first; the last chunk's is the ring's first, where Z returns). A chunk whose
         box lies beyond one side of the window gives its first point alone: the shortcut to
         the next chunk lies beyond that side too. -->
    <xsl:variable name="md" select="$m div $k"/>
    <xsl:variable name="deg" as="xs:double*" select="$ring/c ! (
      if (xs:double(@e) lt $west - $md or xs:double(@n) lt $north - ($height + $m) div $k
          or xs:double(@w) gt $west + ($width + $m) div $k or xs:double(@s) gt $north + $md)
      then (substring-before(., ' '), substring-before(substring-after(., ' '), ' '))
      else (let $t := tokenize(., ' ') return subsequence($t, 1, count($t) - 2))) ! xs:double(.)"/>
    <!-- each point: x and y in tenths of a unit, and the side of the window (with its margin)
         it lies beyond, -1, 0 (neither) or 1, across and down -->
    <xsl:variable name="points" as="array(xs:integer)*">
      <xsl:for-each-group select="$deg" group-adjacent="(position() - 1) idiv 2">
        <xsl:variable name="x" select="(current-group()[1] - $west) * $k"/>
        <xsl:variable name="y" select="($north - current-group()[2]) * $k"/>
        <xsl:sequence select="[xs:integer(round($x * 10)), xs:integer(round($y * 10)),
          if ($x lt -$m) then -1 else if ($x gt $width + $m) then 1 else 0,
          if ($y lt -$m) then -1 else if ($y gt $height + $m) then 1 else 0]"/>
      </xsl:for-each-group>
    </xsl:variable>
    <!-- Of a run of points beyond one side, the first and last are kept: the shortcut between
         them lies beyond that side too, out of sight, so what shows is unchanged. Then of a
         run of points in the same square of one unit, the first (a unit is about a pixel). -->
    <xsl:variable name="across" select="tk:ends-of-runs-beyond($points, 3)"/>
    <xsl:variable name="down" select="tk:ends-of-runs-beyond($across, 4)"/>
    <xsl:variable name="kept" as="array(xs:integer)*">
      <xsl:for-each-group select="$down" group-adjacent="floor(?1 div 10) || ' ' || floor(?2 div 10)">
        <xsl:sequence select="current-group()[1]"/>
      </xsl:for-each-group>
    </xsl:variable>
    <xsl:if test="count($kept) ge 3">
      <xsl:sequence select="concat('M', string-join($kept ! concat(tk:tenths(?1), ',', tk:tenths(?2)), ' '), 'Z')"/>
    </xsl:if>
  </xsl:function>

  <!-- $points with each run of points beyond one side (member $side of each point, -1 or 1)
       reduced to its first and last. -->
  <xsl:function name="tk:ends-of-runs-beyond" as="array(xs:integer)*">
    <xsl:param name="points" as="array(xs:integer)*"/>
    <xsl:param name="side" as="xs:integer"/>
    <xsl:for-each-group select="$points" group-adjacent="?($side)">
      <xsl:sequence select="if (current-grouping-key() eq 0) then current-group() else current-group()[position() = (1, last())]"/>
    </xsl:for-each-group>
  </xsl:function>

  <!-- 1234 as "123.4", -5 as "-0.5", 20 as "2". -->
  <xsl:function name="tk:tenths" as="xs:string">
    <xsl:param name="t" as="xs:integer"/>
    <xsl:sequence select="concat(if ($t lt 0) then '-' else '', abs($t) idiv 10,
      if (abs($t) mod 10 ne 0) then concat('.', abs($t) mod 10) else '')"/>
  </xsl:function>

  <xsl:variable name="tk:geo-places" as="element()*" select="$tk:places[exists(tk:geo(tei:location[tei:geo][1]))]"/>

  <!-- Imprints: a mention of a place inside pubPlace names where a cited work was published,
       not a place the text is about; the map and the register keep such mentions apart. -->
  <xsl:function name="tk:is-imprint" as="xs:boolean">
    <xsl:param name="mention" as="element()"/>
    <xsl:sequence select="exists($mention/ancestor-or-self::tei:pubPlace)"/>
  </xsl:function>

  <!-- A place mentioned, and only as a place of publication. -->
  <xsl:function name="tk:is-imprint-only" as="xs:boolean">
    <xsl:param name="place" as="element()"/>
    <xsl:variable name="m" select="tk:mentions(string($place/@xml:id))"/>
    <xsl:sequence select="exists($m) and (every $x in $m satisfies tk:is-imprint($x))"/>
  </xsl:function>

  <xsl:template name="tk:map-page">
    <xsl:variable name="points" as="map(*)*">
      <xsl:for-each select="$tk:geo-places">
        <xsl:variable name="ll" select="tk:geo(tei:location[tei:geo][1])"/>
        <xsl:variable name="m" select="tk:mentions(string(@xml:id))"/>
        <xsl:variable name="imprints" select="count($m[tk:is-imprint(.)])"/>
        <xsl:sequence select="map{'place': ., 'lat': $ll[1], 'lon': $ll[2], 'name': tk:entry-name(.),
          'weight': count($m) - $imprints, 'imprints': $imprints, 'imprint': $imprints gt 0 and $imprints = count($m)}"/>
      </xsl:for-each>
    </xsl:variable>
    <!-- A detail map of the densest part when the places spread wide: the window a quarter
         of the extent wide (and as high, in degrees) around the place with most neighbours. -->
    <xsl:variable name="lon-span" select="max($points ! ?lon) - min($points ! ?lon)"/>
    <xsl:variable name="lat-span" select="max($points ! ?lat) - min($points ! ?lat)"/>
    <xsl:variable name="win" select="max(($lon-span, $lat-span)) div 4"/>
    <xsl:variable name="near" as="array(map(*))*" select="
      for $p in $points return array{$points[abs(?lon - $p?lon) le $win div 2 and abs(?lat - $p?lat) le $win div 2]}"/>
    <xsl:variable name="best" select="max($near ! array:size(.))" xmlns:array="http://www.w3.org/2005/xpath-functions/array"/>
    <xsl:variable name="detail" select="($near[array:size(.) = $best])[1]?*" xmlns:array="http://www.w3.org/2005/xpath-functions/array"/>

    <h1><xsl:value-of select="tk:label('page.map')"/></h1>
    <p class="lede">
      <xsl:value-of select="tk:label('map.lede', (tk:label-n('map.places', count($points), ()),
        tk:format-latlon((min($points ! ?lat), min($points ! ?lon))), tk:format-latlon((max($points ! ?lat), max($points ! ?lon)))))"/>
    </p>
    <!-- The zoomable map (map.js over the vendored Leaflet) takes the drawings' place when
         scripts run; the drawings below are the map without them. -->
    <div class="map-live-wrap" hidden="hidden">
      <fieldset class="map-layers">
        <legend><xsl:value-of select="tk:label('map.show')"/></legend>
        <label><input type="checkbox" name="layer" value="text" checked="checked"/><xsl:text> </xsl:text><span class="key-text"><xsl:value-of select="tk:label('map.layer.text')"/></span></label>
        <xsl:if test="exists($points[?imprints gt 0])">
          <label><input type="checkbox" name="layer" value="imprint" checked="checked"/><xsl:text> </xsl:text><span class="key-imprint"><xsl:value-of select="tk:label('map.layer.imprint')"/></span></label>
        </xsl:if>
      </fieldset>
      <div id="map-live" class="map-live" role="application" aria-label="{tk:label('map.title')}" aria-describedby="map-live-help"
        data-zoom-in="{tk:label('map.zoom-in')}" data-zoom-out="{tk:label('map.zoom-out')}"></div>
      <p id="map-live-help" class="map-help"><xsl:value-of select="tk:label('map.live')"/></p>
    </div>
    <figure class="map map-static">
      <xsl:call-template name="tk:map-svg">
        <xsl:with-param name="points" select="$points"/>
        <xsl:with-param name="prefix" select="'map-'"/>
        <xsl:with-param name="title" select="tk:label('map.title')"/>
      </xsl:call-template>
      <figcaption><xsl:value-of select="tk:label('map.caption')"/></figcaption>
    </figure>
    <xsl:if test="$lon-span gt 40 and count($detail) ge 4 and count($detail) lt count($points)">
      <xsl:variable name="title" select="tk:label('map.detail', (count($detail), ($detail[?weight = max($detail ! ?weight)])[1]?name))"/>
      <figure class="map map-static">
        <xsl:call-template name="tk:map-svg">
          <xsl:with-param name="points" select="$detail"/>
          <xsl:with-param name="prefix" select="'map-detail-'"/>
          <xsl:with-param name="title" select="$title"/>
        </xsl:call-template>
        <figcaption><xsl:value-of select="$title"/></figcaption>
      </figure>
    </xsl:if>
    <div class="table-wrap">
      <table class="places-table">
        <caption><xsl:value-of select="tk:label('map.table')"/></caption>
        <thead><tr>
          <th scope="col"><xsl:value-of select="tk:label('map.col.place')"/></th>
          <th scope="col"><xsl:value-of select="tk:label('map.col.coords')"/></th>
          <th scope="col"><xsl:value-of select="tk:label('map.col.text')"/></th>
          <xsl:if test="exists($points[?imprints gt 0])"><th scope="col"><xsl:value-of select="tk:label('map.col.imprint')"/></th></xsl:if>
        </tr></thead>
        <tbody>
          <xsl:for-each select="$points">
            <xsl:sort select="tk:entry-sort-key(?place)" lang="{$tk:ui-lang}"/>
            <tr class="place-row" data-lat="{?lat}" data-lon="{?lon}" data-weight="{?weight}" data-imprints="{?imprints}">
              <td><a href="{tk:entity-href(string(?place/@xml:id))}"><xsl:value-of select="?name"/></a></td>
              <td><xsl:value-of select="tk:format-latlon((?lat, ?lon))"/></td>
              <td><xsl:value-of select="?weight"/></td>
              <xsl:if test="exists($points[?imprints gt 0])"><td><xsl:value-of select="?imprints"/></td></xsl:if>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
  </xsl:template>

  <!-- One map: the points' bounding box with a margin, graticule lines at whole steps. -->
  <xsl:template name="tk:map-svg">
    <xsl:param name="points" as="map(*)*"/>
    <xsl:param name="prefix" as="xs:string"/>
    <xsl:param name="title" as="xs:string"/>
    <xsl:variable name="lats" select="$points ! ?lat"/>
    <xsl:variable name="lons" select="$points ! ?lon"/>
    <xsl:variable name="span" select="max((max($lons) - min($lons), max($lats) - min($lats), 4))"/>
    <xsl:variable name="step" select="((1, 2, 5, 10, 15, 20, 30)[. ge $span div 8], 30)[1]"/>
    <xsl:variable name="margin" select="max((0.5, $span * 0.05))"/>
    <xsl:variable name="west" select="max((-180, min($lons) - $margin * 1.5))"/>
    <xsl:variable name="east" select="min((180, max($lons) + $margin * 3))"/>
    <xsl:variable name="south" select="max((-90, min($lats) - $margin))"/>
    <xsl:variable name="north" select="min((90, max($lats) + $margin))"/>
    <xsl:variable name="k" select="$tk:map-width div ($east - $west)"/>
    <xsl:variable name="height" select="max((round(($north - $south) * $k), 120))"/>
    <xsl:variable name="font" select="round($tk:map-width div 52)"/>
    <xsl:variable name="title-id" select="concat($prefix, 'title')"/>
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {$tk:map-width} {$height}" role="group" aria-labelledby="{$title-id}" class="map-svg">
      <title id="{$title-id}"><xsl:value-of select="$title"/></title>
      <rect class="sea" x="0" y="0" width="{$tk:map-width}" height="{$height}"/>
      <xsl:variable name="land" select="tk:land-path($west, $north, $k, $tk:map-width, $height)"/>
      <xsl:if test="$land ne ''">
        <path class="land" d="{$land}" aria-hidden="true"/>
      </xsl:if>
      <g class="graticule" aria-hidden="true">
        <xsl:for-each select="xs:integer(ceiling($west div $step)) to xs:integer(floor($east div $step))">
          <xsl:variable name="lon" select=". * $step"/>
          <xsl:variable name="x" select="round(($lon - $west) * $k * 10) div 10"/>
          <line x1="{$x}" y1="0" x2="{$x}" y2="{$height}"/>
          <text x="{$x + 3}" y="{$height - 4}" font-size="{$font * 0.8}"><xsl:value-of select="concat(abs($lon), '°', if ($lon lt 0) then 'W' else if ($lon gt 0) then 'E' else '')"/></text>
        </xsl:for-each>
        <xsl:for-each select="xs:integer(ceiling($south div $step)) to xs:integer(floor($north div $step))">
          <xsl:variable name="lat" select=". * $step"/>
          <xsl:variable name="y" select="round(($north - $lat) * $k * 10) div 10"/>
          <line x1="0" y1="{$y}" x2="{$tk:map-width}" y2="{$y}"/>
          <text x="3" y="{$y - 3}" font-size="{$font * 0.8}"><xsl:value-of select="concat(abs($lat), '°', if ($lat lt 0) then 'S' else if ($lat gt 0) then 'N' else '')"/></text>
        </xsl:for-each>
      </g>
      <!-- Points, most mentioned first; a label is drawn unless it would cover one already
           drawn (it then shows on hover and focus). -->
      <g class="places">
        <xsl:iterate select="sort($points, (), function($p) { -$p?weight })">
          <xsl:param name="boxes" as="array(xs:double)*" select="()"/>
          <xsl:variable name="x" select="round((?lon - $west) * $k * 10) div 10"/>
          <xsl:variable name="y" select="round(($north - ?lat) * $k * 10) div 10"/>
          <xsl:variable name="r" select="min((round((5 + math:sqrt(?weight)) * 10) div 10, 16))" xmlns:math="http://www.w3.org/2005/xpath-functions/math"/>
          <xsl:variable name="w" select="string-length(?name) * $font * 0.56"/>
          <xsl:variable name="right" select="$x + $r + 3 + $w le $tk:map-width"/>
          <xsl:variable name="tx" select="if ($right) then $x + $r + 3 else $x - $r - 3"/>
          <xsl:variable name="box" select="[if ($right) then $tx - $r else $tx - $w, $y - $font * 0.8, if ($right) then $tx + $w else $tx + $r, $y + $font * 0.4]"/>
          <xsl:variable name="free" select="every $b in $boxes satisfies
            ($box(3) lt $b(1) or $box(1) gt $b(3) or $box(4) lt $b(2) or $box(2) gt $b(4))"/>
          <a href="{tk:entity-href(string(?place/@xml:id))}" id="{$prefix}{tk:id(?place)}" aria-label="{?name}" class="{if (?imprint) then 'place imprint' else 'place'}">
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
  </xsl:template>

</xsl:stylesheet>
