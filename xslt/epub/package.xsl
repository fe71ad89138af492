<?xml version="1.0" encoding="UTF-8"?>
<!--
  The EPUB 3.3 package document, EPUB/package.opf (included by epub.xsl): metadata from the
  TEI header, a manifest of every file, and the spine in reading order.

  Metadata, and where each value comes from:
    dc:identifier    the $identifier parameter (the builder derives it from the edition)
    dc:title         titleStmt main title (title-type main), and the subtitle (title-type subtitle)
    dc:creator       each titleStmt author; display name, role aut, file-as when the name's
                     structure is known (persName parts, or an inverted "Surname, Forename")
    dc:contributor   each titleStmt editor (role edt) and each name in a titleStmt respStmt
    dc:language      the document's language
    dc:date          one: the edition's publication date (publicationStmt, else editionStmt), as
                     a W3CDTF date; never a date of the source description
    dc:publisher     publicationStmt publisher(s)
    dc:rights        publicationStmt availability, as stated (text and licence)
    dc:source        each bibliographic description in sourceDesc
    dc:subject       each keyword of textClass
    dcterms:modified the $modified parameter, else the edition's latest date
    schema:access*   accessibility metadata (EPUB Accessibility 1.1 discovery metadata)
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  xmlns:opf="http://www.idpf.org/2007/opf"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  exclude-result-prefixes="#all">

  <xsl:variable name="tk:header" as="element(tei:teiHeader)?" select="/*/tei:teiHeader"/>

  <xsl:template name="tk:opf">
    <package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id"
      xml:lang="{$tk:lang}">
      <xsl:if test="$tk:rtl"><xsl:attribute name="dir" select="'rtl'"/></xsl:if>
      <metadata>
        <xsl:namespace name="dc" select="'http://purl.org/dc/elements/1.1/'"/>
        <dc:identifier id="pub-id"><xsl:value-of select="normalize-space($identifier)"/></dc:identifier>
        <dc:title id="title"><xsl:value-of select="$tk:doc-title"/></dc:title>
        <meta refines="#title" property="title-type">main</meta>
        <xsl:for-each select="tk:subtitle($tk:root)[normalize-space()]">
          <dc:title id="subtitle"><xsl:value-of select="."/></dc:title>
          <meta refines="#subtitle" property="title-type">subtitle</meta>
        </xsl:for-each>
        <xsl:for-each select="tk:creators()">
          <dc:creator id="creator-{position()}"><xsl:value-of select="?name"/></dc:creator>
          <meta refines="#creator-{position()}" property="role" scheme="marc:relators">aut</meta>
          <xsl:if test="?file-as">
            <meta refines="#creator-{position()}" property="file-as"><xsl:value-of select="?file-as"/></meta>
          </xsl:if>
        </xsl:for-each>
        <xsl:for-each select="tk:contributors()">
          <dc:contributor id="contributor-{position()}"><xsl:value-of select="?name"/></dc:contributor>
          <xsl:if test="?role">
            <meta refines="#contributor-{position()}" property="role" scheme="marc:relators"><xsl:value-of select="?role"/></meta>
          </xsl:if>
          <xsl:if test="?file-as">
            <meta refines="#contributor-{position()}" property="file-as"><xsl:value-of select="?file-as"/></meta>
          </xsl:if>
        </xsl:for-each>
        <dc:language><xsl:value-of select="$tk:lang"/></dc:language>
        <xsl:for-each select="tk:publication-date()">
          <dc:date><xsl:value-of select="."/></dc:date>
        </xsl:for-each>
        <xsl:for-each select="distinct-values($tk:header/tei:fileDesc/tei:publicationStmt/tei:publisher ! normalize-space(.))[. ne '']">
          <dc:publisher><xsl:value-of select="."/></dc:publisher>
        </xsl:for-each>
        <xsl:for-each select="tk:rights()">
          <dc:rights><xsl:value-of select="."/></dc:rights>
        </xsl:for-each>
        <xsl:for-each select="tk:sources()">
          <dc:source><xsl:value-of select="."/></dc:source>
        </xsl:for-each>
        <xsl:for-each select="distinct-values($tk:header/tei:profileDesc/tei:textClass/tei:keywords/(tei:term | tei:list/tei:item) ! normalize-space(.))[. ne '']">
          <dc:subject><xsl:value-of select="."/></dc:subject>
        </xsl:for-each>
        <meta property="dcterms:modified"><xsl:value-of select="tk:modified()"/></meta>
        <xsl:call-template name="tk:accessibility-metadata"/>
      </metadata>
      <manifest>
        <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
        <xsl:for-each select="$tk:documents">
          <item id="{tk:item-id(?file)}" href="{?file}" media-type="application/xhtml+xml"/>
        </xsl:for-each>
        <xsl:for-each select="tokenize(normalize-space($asset-files), ' ')">
          <item id="asset-{position()}" href="{.}" media-type="{tk:media-type(.)}"/>
        </xsl:for-each>
        <xsl:for-each select="$tk:genre-files">
          <item id="genre-{position()}" href="{?path}" media-type="{?media-type}"/>
        </xsl:for-each>
      </manifest>
      <spine>
        <xsl:if test="$tk:rtl"><xsl:attribute name="page-progression-direction" select="'rtl'"/></xsl:if>
        <!-- The table of contents is a page of its own after the front matter, as in print. -->
        <xsl:for-each select="$tk:documents">
          <itemref idref="{tk:item-id(?file)}"/>
          <xsl:if test="?matter eq 'frontmatter' and not(subsequence($tk:documents, position() + 1, 1)?matter = 'frontmatter')">
            <itemref idref="nav"/>
          </xsl:if>
        </xsl:for-each>
      </spine>
    </package>
  </xsl:template>

  <xsl:function name="tk:item-id" as="xs:string">
    <xsl:param name="file" as="xs:string"/>
    <xsl:sequence select="concat('item-', replace(replace($file, '\.xhtml$', ''), '[^A-Za-z0-9_.\-]', '_'))"/>
  </xsl:function>

  <xsl:function name="tk:media-type" as="xs:string">
    <xsl:param name="path" as="xs:string"/>
    <xsl:variable name="ext" select="lower-case(replace($path, '^.*\.', ''))"/>
    <xsl:sequence select="(map {'css': 'text/css', 'xhtml': 'application/xhtml+xml', 'png': 'image/png',
      'jpg': 'image/jpeg', 'jpeg': 'image/jpeg', 'gif': 'image/gif', 'svg': 'image/svg+xml',
      'webp': 'image/webp', 'woff': 'font/woff', 'woff2': 'font/woff2', 'otf': 'font/otf',
      'ttf': 'font/ttf', 'js': 'application/javascript'}($ext), 'application/octet-stream')[1]"/>
  </xsl:function>

  <!-- ==== Names ==== -->

  <!-- A person or organisation named in the header, as a map: 'name' (display form) and
       'file-as' (sort form, only when the name's structure says which part is the surname). -->
  <xsl:function name="tk:agent" as="map(*)?">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="name" select="($el/(tei:persName | tei:name | tei:orgName)[not(@type = 'variant')],
      $el/(tei:persName | tei:name | tei:orgName), $el)[1]"/>
    <xsl:variable name="parts" select="$name/(tei:forename | tei:surname | tei:roleName | tei:addName
      | tei:genName | tei:nameLink)"/>
    <xsl:choose>
      <xsl:when test="exists($parts[self::tei:surname | self::tei:forename])
        and not($name/text()[normalize-space() and not(matches(., '^[\s,.]+$'))])">
        <!-- Sorted by surname; a name link (van, de) goes after the forenames: "Beethoven, Ludwig van". -->
        <xsl:variable name="surname" select="normalize-space(string-join($parts[self::tei:surname] ! normalize-space(.), ' '))"/>
        <xsl:variable name="forenames" select="normalize-space(string-join($parts[self::tei:forename | self::tei:nameLink] ! normalize-space(.), ' '))"/>
        <xsl:variable name="gen" select="normalize-space(string-join($parts[self::tei:genName] ! normalize-space(.), ' '))"/>
        <xsl:variable name="display" select="normalize-space(string-join($parts ! normalize-space(.), ' '))"/>
        <xsl:sequence select="map {
          'name': $display,
          'file-as': string-join(($surname[. ne ''], $forenames[. ne ''], $gen[. ne '']), ', ')}[$display ne '']"/>
      </xsl:when>
      <xsl:otherwise>
        <!-- Plain text: catalogue additions (life dates, [pseud.]) are left out of the display. -->
        <xsl:variable name="text" select="normalize-space(string-join($name//text()[not(ancestor::tei:note
          or ancestor::tei:idno or ancestor::tei:affiliation or ancestor::tei:email or ancestor::tei:date
          or ancestor::tei:address or ancestor::tei:ptr or ancestor::tei:ref)], ''))"/>
        <xsl:variable name="clean" select="normalize-space(replace(replace(replace($text,
          '\s*\[[^\]]*\]', ''), '\s*\([^()]*\d[^()]*\)\s*\.?\s*$', ''), '[\s,;]+$', ''))"/>
        <xsl:variable name="inverted" select="tokenize($clean, '\s*,\s*')"/>
        <xsl:choose>
          <xsl:when test="$clean eq ''"/>
          <xsl:when test="count($inverted) = (2, 3) and not($inverted = '')">
            <xsl:variable name="suffix" select="count($inverted) eq 3 and matches($inverted[3], '^(Jr|Sr|I{1,3}|IV|V|VI)\.?$')"/>
            <xsl:sequence select="map {
              'name': if (count($inverted) eq 2) then concat($inverted[2], ' ', $inverted[1])
                      else if ($suffix) then concat($inverted[2], ' ', $inverted[1], ', ', $inverted[3])
                      else string-join(($inverted[3], $inverted[2], $inverted[1]), ' '),
              'file-as': $clean}"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:sequence select="map {'name': $clean}"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <xsl:function name="tk:creators" as="map(*)*">
    <xsl:sequence select="$tk:header/tei:fileDesc/tei:titleStmt/tei:author ! tk:agent(.)"/>
  </xsl:function>

  <xsl:function name="tk:contributors" as="map(*)*">
    <xsl:variable name="ts" select="$tk:header/tei:fileDesc/tei:titleStmt"/>
    <xsl:variable name="all" as="map(*)*" select="
      $ts/tei:editor ! (tk:agent(.) ! map:put(., 'role', 'edt')),
      $ts/tei:respStmt/(tei:name | tei:persName | tei:orgName) ! tk:agent(.)"/>
    <!-- Each name once (the first mention, which may carry a role). -->
    <xsl:sequence select="for $i in 1 to count($all) return
      $all[$i][not(?name = (for $j in 1 to $i - 1 return $all[$j]?name))]
        [not(?name = tk:creators()?name)]"/>
  </xsl:function>

  <!-- ==== Dates ==== -->

  <!-- A W3CDTF date (YYYY, YYYY-MM, YYYY-MM-DD) from a TEI date: its normalised attributes,
       else an ISO date or a year in its text. -->
  <xsl:function name="tk:w3cdtf" as="xs:string?">
    <xsl:param name="date" as="element()?"/>
    <xsl:variable name="candidates" select="($date/@when, $date/@when-iso, $date/@notAfter, $date/@to,
      $date/@notBefore, $date/@from) ! normalize-space(.)"/>
    <xsl:variable name="text" select="normalize-space($date)"/>
    <xsl:sequence select="(
      $candidates[tk:is-w3cdtf(.)],
      replace($text, '^.*?(\d{4}-\d{2}-\d{2}).*$', '$1')[tk:is-w3cdtf(.)][matches($text, '\d{4}-\d{2}-\d{2}')],
      replace($text, '^.*?(^|\D)(\d{4})(\D.*)?$', '$2')[matches($text, '(^|\D)\d{4}(\D|$)')]
      )[1]"/>
  </xsl:function>

  <xsl:function name="tk:is-w3cdtf" as="xs:boolean">
    <xsl:param name="value" as="xs:string"/>
    <xsl:sequence select="($value castable as xs:date and matches($value, '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'))
      or ($value castable as xs:gYearMonth and matches($value, '^[0-9]{4}-[0-9]{2}$'))
      or matches($value, '^[0-9]{4}$')
      or ($value castable as xs:dateTime and matches($value, '^[0-9]{4}-[0-9]{2}-[0-9]{2}T.*(Z|[+\-][0-9]{2}:[0-9]{2})$'))"/>
  </xsl:function>

  <!-- The publication's date: the edition's own, never one from the source description. -->
  <xsl:function name="tk:publication-date" as="xs:string?">
    <xsl:variable name="fd" select="$tk:header/tei:fileDesc"/>
    <xsl:sequence select="(($fd/tei:publicationStmt/tei:date, $fd/tei:editionStmt//tei:date) ! tk:w3cdtf(.))[1]"/>
  </xsl:function>

  <!-- dcterms:modified: the parameter, else the latest full date the edition states for itself
       (publication, edition, revisions), at midnight UTC; 2000-01-01 when it states none. -->
  <xsl:function name="tk:modified" as="xs:string">
    <xsl:variable name="fd" select="$tk:header/tei:fileDesc"/>
    <xsl:variable name="dates" as="xs:date*" select="
      for $d in ($fd/tei:publicationStmt/tei:date, $fd/tei:editionStmt//tei:date) ! tk:w3cdtf(.),
          $full in (if (matches($d, '^\d{4}$')) then concat($d, '-01-01')
                    else if (matches($d, '^\d{4}-\d{2}$')) then concat($d, '-01')
                    else substring($d, 1, 10))
      return xs:date($full),
      for $w in $tk:header/tei:revisionDesc//tei:change/@when[normalize-space(.) castable as xs:date]
      return xs:date(normalize-space($w))"/>
    <xsl:sequence select="if (normalize-space($modified)) then normalize-space($modified)
      else if (exists($dates)) then concat(string(max($dates)), 'T00:00:00Z')
      else '2000-01-01T00:00:00Z'"/>
  </xsl:function>

  <!-- ==== Rights and sources ==== -->

  <xsl:function name="tk:rights" as="xs:string*">
    <xsl:for-each select="$tk:header/tei:fileDesc/tei:publicationStmt/tei:availability">
      <xsl:variable name="text" select="normalize-space(string-join(.//text(), ' '))"/>
      <xsl:variable name="licences" select="(.//tei:licence/@target ! normalize-space(.))[. ne ''][not(contains($text, .))]"/>
      <xsl:variable name="all" select="normalize-space(
        if ($text ne '' and exists($licences)) then concat($text, ' (', string-join($licences, ', '), ')')
        else if (exists($licences)) then tk:label('about.licence', string-join($licences, ', '))
        else $text)"/>
      <xsl:sequence select="$all[. ne '']"/>
    </xsl:for-each>
  </xsl:function>

  <!-- Each bibliographic description of the source, as one line of text. -->
  <xsl:function name="tk:sources" as="xs:string*">
    <xsl:for-each select="$tk:header/tei:fileDesc/tei:sourceDesc/(tei:bibl | tei:biblStruct | tei:biblFull | tei:msDesc | tei:listBibl/(tei:bibl | tei:biblStruct))">
      <xsl:variable name="line" select="if (text()[normalize-space() and matches(., '[\p{L}\p{N}\p{P}]')])
        then normalize-space(string-join(.//text()[not(ancestor::tei:note)], ''))
        else string-join(tk:source-parts(.), '. ')"/>
      <xsl:sequence select="replace($line, '\s+([,.;:])', '$1')[normalize-space(.) ne '']"/>
    </xsl:for-each>
  </xsl:function>

  <xsl:function name="tk:source-parts" as="xs:string*">
    <xsl:param name="el" as="element()"/>
    <xsl:for-each select="$el/*[not(self::tei:note)]">
      <xsl:choose>
        <xsl:when test="(self::tei:ref or self::tei:ptr) and not(normalize-space(.))">
          <xsl:sequence select="normalize-space(@target)[. ne '']"/>
        </xsl:when>
        <xsl:when test="self::tei:date and not(normalize-space(.))">
          <xsl:sequence select="tk:w3cdtf(.)"/>
        </xsl:when>
        <xsl:when test="self::tei:ref and normalize-space(@target)">
          <xsl:sequence select="concat(normalize-space(.), ' (', normalize-space(@target), ')')"/>
        </xsl:when>
        <xsl:when test="self::tei:respStmt">
          <xsl:sequence select="normalize-space(string-join(* ! normalize-space(.), ' '))[. ne '']"/>
        </xsl:when>
        <xsl:when test="*[not(self::tei:note)] and not(text()[normalize-space()])">
          <xsl:sequence select="string-join(tk:source-parts(.), '. ')[. ne '']"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:sequence select="replace(normalize-space(string-join(.//text()[not(ancestor::tei:note)], '')), '[.\s]+$', '')[. ne '']"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:function>

  <!-- ==== Accessibility (EPUB Accessibility 1.1 discovery metadata) ==== -->

  <xsl:template name="tk:accessibility-metadata">
    <xsl:variable name="notes" select="exists($tk:documents[?kind eq 'notes']) or exists($tk:detached-notes)"/>
    <xsl:variable name="registers" select="exists($tk:documents[?kind eq 'register'])"/>
    <meta xmlns="http://www.idpf.org/2007/opf" property="schema:accessMode">textual</meta>
    <xsl:if test="$tk:genre-images">
      <meta xmlns="http://www.idpf.org/2007/opf" property="schema:accessMode">visual</meta>
    </xsl:if>
    <meta xmlns="http://www.idpf.org/2007/opf" property="schema:accessModeSufficient">textual</meta>
    <xsl:for-each select="'structuralNavigation', 'tableOfContents', 'readingOrder', 'displayTransformability',
      if ($registers) then 'index' else ()">
      <meta xmlns="http://www.idpf.org/2007/opf" property="schema:accessibilityFeature"><xsl:value-of select="."/></meta>
    </xsl:for-each>
    <meta xmlns="http://www.idpf.org/2007/opf" property="schema:accessibilityHazard">none</meta>
    <!-- in the interface's language (the label catalogue), marked as such where the
         publication's is another -->
    <meta xmlns="http://www.idpf.org/2007/opf" property="schema:accessibilitySummary">
      <xsl:if test="tokenize(lower-case($tk:lang), '-')[1] ne tokenize(lower-case($tk:ui-lang), '-')[1]">
        <xsl:attribute name="xml:lang" select="$tk:ui-lang"/>
      </xsl:if>
      <xsl:value-of select="string-join((
        if ($tk:genre-images) then tk:label('epub.a11y.text-images') else tk:label('epub.a11y.text'),
        tk:label('epub.a11y.structure'),
        if ($notes) then tk:label('epub.a11y.notes') else (),
        if ($registers) then tk:label('epub.a11y.registers') else (),
        tk:label('epub.a11y.style')), ' ')"/>
    </meta>
  </xsl:template>

</xsl:stylesheet>
