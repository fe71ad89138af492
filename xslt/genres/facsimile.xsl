<?xml version="1.0" encoding="UTF-8"?>
<!--
  Facsimiles, what every format shares: the surfaces of facsimile and sourceDoc, their
  images (local files the builder copied, web addresses, IIIF image services), their zones,
  and which surface or zone an element of the text (@facs) stands for. The formats:
  facsimile-html.xsl (the page images beside the text, zones lit up with their text),
  facsimile-epub.xsl (the local page images as an appendix), facsimile-text.xsl (a
  documentary transcription from sourceDoc).

  Coordinates: a surface's box (@ulx @uly @lrx @lry) is its coordinate space, which its
  image fills; a surface without a box takes its image's size in pixels (graphic/@width and
  @height in px, else the image file's own size). Zones are boxes (@ulx ... @lry) or polygons
  (@points) in that space.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  exclude-result-prefixes="#all">

  <!-- The local images the builder copied into the edition (toolkit/facsimile.py), one a
       line: "address as written TAB path in the edition TAB width TAB height". Images not
       listed are not part of the edition: web addresses are linked, other files left out. -->
  <xsl:param name="facsimile-images" as="xs:string" select="''"/>

  <xsl:variable name="tk:local-images" as="map(xs:string, xs:string*)"
    select="map:merge(for $line in tokenize($facsimile-images, '\n')[normalize-space()]
      return let $f := tokenize($line, '\t') return map:entry($f[1], tail($f)), map{'duplicates': 'use-first'})"/>

  <xsl:variable name="tk:surfaces" as="element()*"
    select="if (tk:has('surface')) then $tk:source//(tei:facsimile | tei:sourceDoc)//tei:surface[not(ancestor::tei:surface)] else ()"/>

  <!-- The image of a surface: its first graphic the edition holds (copied), else its first
       web image, else its first graphic. -->
  <xsl:function name="tk:surface-graphic" as="element()?">
    <xsl:param name="surface" as="element()"/>
    <xsl:variable name="all" select="$surface/tei:graphic | $surface/tei:surfaceGrp//tei:graphic"/>
    <xsl:sequence select="($all[exists(tk:image-path(@url))], $all[exists(tk:remote-kind(@url))], $all)[1]"/>
  </xsl:function>

  <!-- Whether a surface has anything to show: an image the edition holds, a web image, or
       a transcription (a sourceDoc's lines). -->
  <xsl:function name="tk:shows" as="xs:boolean">
    <xsl:param name="surface" as="element()"/>
    <xsl:variable name="g" select="tk:surface-graphic($surface)"/>
    <xsl:sequence select="exists(tk:image-path($g/@url)) or exists(tk:remote-kind($g/@url)) or exists($surface//tei:line)"/>
  </xsl:function>

  <!-- The path of a graphic's copied file in the edition, if it was copied. -->
  <xsl:function name="tk:image-path" as="xs:string?">
    <xsl:param name="url" as="xs:string?"/>
    <xsl:sequence select="if ($url) then $tk:local-images(normalize-space($url))[1] else ()"/>
  </xsl:function>

  <!-- A web address of an image, and what it is: 'iiif-image' (an IIIF Image API request or
       info.json), 'iiif-manifest', or 'image'. -->
  <xsl:function name="tk:remote-kind" as="xs:string?">
    <xsl:param name="url" as="xs:string?"/>
    <xsl:variable name="u" select="normalize-space($url)"/>
    <xsl:sequence select="if (not(matches($u, '^https?://', 'i'))) then ()
      else if (matches($u, '/info\.json$') or matches($u, '/(full|square|\d+,\d+,\d+,\d+|pct:[^/]+)/(full|max|\d*,\d*|!?\d+,\d+|pct:[\d.]+)/!?\d+(\.\d+)?/(default|color|gray|bitonal|native)\.\w+$')) then 'iiif-image'
      else if (matches($u, 'manifest(\.json)?$', 'i')) then 'iiif-manifest'
      else 'image'"/>
  </xsl:function>

  <!-- The IIIF image service an image request belongs to (its base, without the request). -->
  <xsl:function name="tk:iiif-service" as="xs:string?">
    <xsl:param name="url" as="xs:string?"/>
    <xsl:variable name="u" select="normalize-space($url)"/>
    <xsl:sequence select="if (tk:remote-kind($u) ne 'iiif-image') then ()
      else if (ends-with($u, '/info.json')) then substring($u, 1, string-length($u) - 10)
      else replace($u, '/[^/]+/[^/]+/[^/]+/[^/]+$', '')"/>
  </xsl:function>

  <!-- A surface's coordinate box: (x, y, width, height), from its own box, else its image's
       size. Empty when neither is known. -->
  <xsl:function name="tk:surface-box" as="xs:decimal*">
    <xsl:param name="surface" as="element()"/>
    <xsl:variable name="g" select="tk:surface-graphic($surface)"/>
    <xsl:variable name="own" select="tk:box($surface)"/>
    <xsl:variable name="px" select="($g/@width, $g/@height) ! replace(normalize-space(.), 'px$', '')"/>
    <xsl:variable name="file" select="tail(tk:local-image-entry($g/@url))"/>
    <xsl:sequence select="if (exists($own)) then $own
      else if (count($px) eq 2 and (every $v in $px satisfies $v castable as xs:decimal)) then (0, 0, $px ! xs:decimal(.))
      else if (count($file) eq 2) then (0, 0, $file ! xs:decimal(.))
      else ()"/>
  </xsl:function>

  <xsl:function name="tk:local-image-entry" as="xs:string*">
    <xsl:param name="url" as="xs:string?"/>
    <xsl:sequence select="if ($url) then $tk:local-images(normalize-space($url)) else ()"/>
  </xsl:function>

  <!-- The box of an element with @ulx @uly @lrx @lry: (x, y, width, height). -->
  <xsl:function name="tk:box" as="xs:decimal*">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="v" select="($el/@ulx, $el/@uly, $el/@lrx, $el/@lry)"/>
    <xsl:sequence select="if (count($v) eq 4 and (every $a in $v satisfies $a castable as xs:decimal)
      and xs:decimal($v[3]) gt xs:decimal($v[1]) and xs:decimal($v[4]) gt xs:decimal($v[2]))
      then (xs:decimal($v[1]), xs:decimal($v[2]), xs:decimal($v[3]) - xs:decimal($v[1]), xs:decimal($v[4]) - xs:decimal($v[2]))
      else ()"/>
  </xsl:function>

  <!-- The points of a zone's polygon, as "x,y x,y ..." when well formed. -->
  <xsl:function name="tk:points" as="xs:string?">
    <xsl:param name="zone" as="element()"/>
    <xsl:variable name="p" select="normalize-space($zone/@points)"/>
    <xsl:sequence select="if (matches($p, '^-?\d+(\.\d+)?,-?\d+(\.\d+)?( -?\d+(\.\d+)?,-?\d+(\.\d+)?){2,}$')) then $p else ()"/>
  </xsl:function>

  <!-- The elements a @facs names by '#id' (surfaces, zones, graphics). -->
  <xsl:function name="tk:facs-targets" as="element()*">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="for $t in tokenize(normalize-space($el/@facs), ' ')[starts-with(., '#')]
      return key('tk:app-by-id', substring($t, 2), $tk:source)[1]"/>
  </xsl:function>

  <!-- The surface an element's @facs leads to (its zone's surface). -->
  <xsl:function name="tk:facs-surface" as="element()?">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="(tk:facs-targets($el) ! ancestor-or-self::tei:surface[last()])[1]"/>
  </xsl:function>

  <!-- The HTML id of a surface's figure and of a zone's shape. -->
  <xsl:function name="tk:facs-id" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="concat('facs-', tk:id($el))"/>
  </xsl:function>

  <!-- Elements of the text that point at zones, by the zone (for the zone's link back). -->
  <xsl:key name="tk:by-facs" match="tei:text//*[@facs]" use="tk:pointer-ids(@facs)"/>

  <!-- A surface's label: @n, else "Page" and its position. -->
  <xsl:function name="tk:surface-label" as="xs:string">
    <xsl:param name="surface" as="element()"/>
    <xsl:sequence select="if (normalize-space($surface/@n)) then concat('Page ', normalize-space($surface/@n))
      else concat('Page ', count($surface/preceding::tei:surface[not(ancestor::tei:surface)]) + 1)"/>
  </xsl:function>

</xsl:stylesheet>
