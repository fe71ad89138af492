<?xml version="1.0" encoding="UTF-8"?>
<!--
  Registers (mode tk:register): persons, places, organisations, events and the bibliography.
  Apply the mode to a listPerson/listPlace/listOrg/listEvent/listBibl, or to one entry. Each entry shows
  its names, dates, description, authority links, and every passage that mentions it
  ("mentioned in", linking back to the paragraph or note). Included by html.xsl.

  Parameter of the mode: level (xs:integer, default 2), the heading level of the list.
  Events are listed in date order (their dating attributes, or those of their first date),
  each with its dates, place, the event it is part of and its parts.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <!-- Persons named as authors or editors of bibliography entries. -->
  <xsl:key name="tk:authorship" match="tei:listBibl//tei:author//*[@ref] | tei:listBibl//tei:editor//*[@ref] | tei:listBibl//tei:author[@ref] | tei:listBibl//tei:editor[@ref]"
    use="for $t in tokenize(@ref) return if (starts-with($t, '#')) then substring($t, 2) else ()"/>

  <!-- The elements of the text that point at $id (names, refs, bibls), in document order. -->
  <xsl:function name="tk:mentions" as="element()*">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="key('tk:pointers', $id, $tk:root)"/>
  </xsl:function>

  <!-- The name an entry is listed under. -->
  <xsl:function name="tk:entry-name" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="names" select="$e/(tei:persName | tei:placeName | tei:orgName | tei:eventName | tei:name | tei:geogName | tei:settlement | tei:country),
      $e/self::tei:event/tei:label"/>
    <xsl:variable name="main" select="($names[not(@type = ('variant', 'abbreviation', 'historical', 'alt', 'nickname'))], $names)[1]"/>
    <xsl:sequence select="if ($main) then normalize-space(string-join($main//text()[not(ancestor::tei:note)], ''))
      else if ($e/tei:title) then normalize-space($e/tei:title[1]) else normalize-space(($e/@xml:id, local-name($e))[1])"/>
  </xsl:function>

  <!-- Sort key: surname first for persons, then the name, case and accents aside. -->
  <xsl:function name="tk:entry-sort-key" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="pn" select="($e/tei:persName[not(@type = ('variant', 'nickname'))], $e/tei:persName)[1]"/>
    <xsl:variable name="key" select="if ($pn/tei:surname) then string-join(($pn/tei:surname, $pn/tei:forename), ' ') else tk:entry-name($e)"/>
    <xsl:sequence select="lower-case(replace(normalize-unicode(normalize-space($key), 'NFD'), '[\p{Mn}''‘’“”&quot;]', ''))"/>
  </xsl:function>

  <xsl:template match="tei:listPerson | tei:listPlace | tei:listOrg" mode="tk:register">
    <xsl:param name="level" as="xs:integer" select="2"/>
    <xsl:param name="imprints" as="xs:boolean" select="false()"/>
    <!-- places named only as places of publication are listed apart (tk:register-page) -->
    <xsl:variable name="entries" select=".//(tei:person | tei:personGrp | tei:place | tei:org)[tk:is-entry(.)]
      [not(self::tei:place) or tk:is-imprint-only(.) = $imprints]"/>
    <xsl:variable name="inner" select="if (tei:head and not($imprints)) then $level + 1 else $level"/>
    <xsl:if test="exists($entries) or not($imprints)">
    <div class="register {local-name()}">
      <xsl:if test="@xml:id and not($imprints)"><xsl:attribute name="id" select="tk:id(.)"/></xsl:if>
      <xsl:if test="tei:head and not($imprints)">
        <xsl:element name="h{min(($level, 6))}"><xsl:apply-templates select="tei:head[1]/node()"/></xsl:element>
      </xsl:if>
      <xsl:variable name="groups" as="element()*">
        <xsl:for-each-group select="$entries" group-by="upper-case(substring(tk:entry-sort-key(.), 1, 1))">
          <xsl:sort select="current-grouping-key()" lang="en"/>
          <tk:group letter="{if (matches(current-grouping-key(), '^\p{Lu}$')) then current-grouping-key() else '#'}">
            <xsl:for-each select="current-group()">
              <xsl:sort select="tk:entry-sort-key(.)" lang="en"/>
              <tk:item ref="{generate-id(.)}"/>
            </xsl:for-each>
          </tk:group>
        </xsl:for-each-group>
      </xsl:variable>
      <xsl:variable name="prefix" select="concat(tk:id(.), if ($imprints) then '-imprint-' else '-')"/>
      <!-- entries by generate-id, so the sorted lists are looked up, not searched -->
      <xsl:variable name="by-gid" as="map(xs:string, element())"
        select="map:merge(for $e in $entries return map{generate-id($e): $e})"/>
      <xsl:choose>
        <xsl:when test="count($entries) gt 20">
          <nav class="az" aria-label="{tk:label('register.letters')}">
            <ul>
              <xsl:for-each select="$groups">
                <li><a href="#{$prefix}{@letter}"><xsl:value-of select="@letter"/></a></li>
              </xsl:for-each>
            </ul>
          </nav>
          <xsl:for-each select="$groups">
            <section class="letter" aria-labelledby="{$prefix}{@letter}">
              <xsl:element name="h{min(($inner, 6))}">
                <xsl:attribute name="id" select="concat($prefix, @letter)"/>
                <xsl:attribute name="class" select="'letter-head'"/>
                <xsl:value-of select="@letter"/>
              </xsl:element>
              <xsl:variable name="ids" select="tk:item/@ref"/>
              <xsl:apply-templates select="for $i in $ids return $by-gid(string($i))" mode="tk:register">
                <xsl:with-param name="level" select="$inner + 1"/>
              </xsl:apply-templates>
            </section>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates select="for $i in $groups/tk:item/@ref return $by-gid(string($i))" mode="tk:register">
            <xsl:with-param name="level" select="$inner"/>
          </xsl:apply-templates>
        </xsl:otherwise>
      </xsl:choose>
    </div>
    </xsl:if>
  </xsl:template>

  <!-- Events: in date order (undated ones last), parts of events among them. -->
  <xsl:template match="tei:listEvent" mode="tk:register">
    <xsl:param name="level" as="xs:integer" select="2"/>
    <div class="register listEvent">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="tk:id(.)"/></xsl:if>
      <xsl:if test="tei:head">
        <xsl:element name="h{min(($level, 6))}"><xsl:apply-templates select="tei:head[1]/node()"/></xsl:element>
      </xsl:if>
      <xsl:for-each select=".//tei:event[tk:is-entry(.)]">
        <xsl:sort select="(tk:event-date-key(.), '~')[1]"/>
        <xsl:sort select="tk:entry-sort-key(.)" lang="en"/>
        <xsl:apply-templates select="." mode="tk:register">
          <xsl:with-param name="level" select="if (tei:head) then $level + 1 else $level"/>
        </xsl:apply-templates>
      </xsl:for-each>
    </div>
  </xsl:template>


  <xsl:template match="tei:person | tei:personGrp | tei:place | tei:org | tei:event" mode="tk:register">
    <xsl:param name="level" as="xs:integer" select="2"/>
    <xsl:param name="tk:page" as="xs:string?" tunnel="yes"/>
    <xsl:variable name="kind" select="if (self::tei:place) then 'place' else if (self::tei:org) then 'org' else if (self::tei:event) then 'event' else 'pers'"/>
    <xsl:variable name="name" select="tk:entry-name(.)"/>
    <article class="entry {$kind}" id="{tk:id(.)}" aria-labelledby="{tk:id(.)}-name">
      <xsl:element name="h{min(($level, 6))}">
        <xsl:attribute name="id" select="concat(tk:id(.), '-name')"/>
        <xsl:value-of select="$name"/>
        <xsl:call-template name="tk:heading-permalink">
          <xsl:with-param name="id" select="tk:id(.)"/>
          <xsl:with-param name="label" select="$name"/>
        </xsl:call-template>
      </xsl:element>
      <xsl:variable name="facts" as="element()*">
        <xsl:call-template name="tk:entry-facts"/>
      </xsl:variable>
      <xsl:if test="$facts">
        <dl class="facts"><xsl:sequence select="$facts"/></dl>
      </xsl:if>
      <xsl:for-each select="tei:note | tei:desc | tei:p | tei:ab">
        <p class="desc">
          <xsl:call-template name="tk:editorial-label"/>
          <xsl:apply-templates/>
        </p>
      </xsl:for-each>
      <xsl:call-template name="tk:authority-links"/>
      <xsl:if test="$kind = 'pers'">
        <xsl:variable name="works" select="key('tk:authorship', string(@xml:id), $tk:root)/ancestor::*[tk:is-entry(.)][1]"/>
        <xsl:if test="$works">
          <p class="works"><xsl:value-of select="tk:label('register.works')"/></p>
          <ul class="works">
            <xsl:for-each select="$works">
              <xsl:variable name="href" select="tk:relative(tk:entity-href(string(@xml:id)), $tk:page)"/>
              <li><xsl:choose>
                <xsl:when test="$href"><a href="{$href}"><xsl:value-of select="tk:bibl-short(.)"/></a></xsl:when>
                <xsl:otherwise><xsl:value-of select="tk:bibl-short(.)"/></xsl:otherwise>
              </xsl:choose></li>
            </xsl:for-each>
          </ul>
        </xsl:if>
      </xsl:if>
      <xsl:call-template name="tk:mentions-list"/>
    </article>
  </xsl:template>

  <!-- Names, dates, type and coordinates of an entry, as dt/dd pairs. -->
  <xsl:template name="tk:entry-facts">
    <xsl:param name="tk:page" as="xs:string?" tunnel="yes"/>
    <xsl:variable name="main-name" select="tk:entry-name(.)"/>
    <xsl:variable name="others" select="(tei:persName | tei:placeName | tei:orgName | tei:eventName | tei:name)[normalize-space() ne $main-name]"/>
    <xsl:if test="$others">
      <dt><xsl:value-of select="tk:label('register.also')"/></dt>
      <dd>
        <xsl:for-each select="$others">
          <xsl:apply-templates/>
          <xsl:variable name="qual" select="string-join((@type[not(. = 'variant')], if (@from or @to or @notAfter or @notBefore) then tk:date-norm(.) else ()), ', ')"/>
          <xsl:if test="$qual"><span class="qual"> (<xsl:value-of select="$qual"/>)</span></xsl:if>
          <xsl:if test="position() ne last()">; </xsl:if>
        </xsl:for-each>
      </dd>
    </xsl:if>
    <xsl:if test="@type">
      <dt><xsl:value-of select="tk:label('register.type')"/></dt><dd><xsl:value-of select="replace(@type, '-', ' ')"/></dd>
    </xsl:if>
    <xsl:if test="self::tei:event">
      <xsl:call-template name="tk:event-facts"/>
    </xsl:if>
    <xsl:for-each select="tei:birth | tei:death | tei:floruit">
      <dt><xsl:value-of select="tk:label(if (self::tei:birth) then 'register.born' else if (self::tei:death) then 'register.died' else 'register.active')"/></dt>
      <dd>
        <xsl:variable name="d" select="tk:date-norm(.)"/>
        <xsl:choose>
          <xsl:when test="normalize-space()"><xsl:apply-templates/></xsl:when>
          <xsl:when test="$d"><xsl:value-of select="tk:format-date($d)"/></xsl:when>
        </xsl:choose>
      </dd>
    </xsl:for-each>
    <xsl:for-each select="tei:occupation | tei:affiliation | tei:residence | tei:nationality | tei:faith | tei:education">
      <dt><xsl:value-of select="tk:label(concat('register.', local-name()))"/></dt>
      <dd><xsl:apply-templates/></dd>
    </xsl:for-each>
    <xsl:for-each select="tei:location[tei:geo]">
      <xsl:variable name="ll" select="tk:geo(.)"/>
      <dt><xsl:value-of select="tk:label('register.coordinates')"/></dt>
      <dd>
        <xsl:choose>
          <xsl:when test="exists($ll)">
            <xsl:value-of select="tk:format-latlon($ll)"/>
            <xsl:if test="$tk:pages = 'map'">
              <xsl:text> · </xsl:text>
              <a href="{tk:relative(concat(tk:page-href('map'), '#map-', tk:id(..)), $tk:page)}"><xsl:value-of select="tk:label('register.on-map')"/></a>
            </xsl:if>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="normalize-space(tei:geo)"/></xsl:otherwise>
        </xsl:choose>
      </dd>
    </xsl:for-each>
    <xsl:for-each select="tei:location[not(tei:geo)][normalize-space()]">
      <dt><xsl:value-of select="tk:label('register.location')"/></dt><dd><xsl:apply-templates/></dd>
    </xsl:for-each>
    <xsl:for-each select="tei:location[tei:geo][* except tei:geo][normalize-space(string-join((* except tei:geo, text()), ''))]">
      <dt><xsl:value-of select="tk:fact-label(.)"/></dt>
      <dd><xsl:apply-templates select="node() except tei:geo"/></dd>
    </xsl:for-each>
    <!-- Whatever else the entry says (an event, a sex, a relation, a project's own element):
         its words are part of the edition. An event's label (its name), the date that dates it
         and its parts are shown above. -->
    <xsl:for-each select="*[not(tk:is-entry(.))][not(self::tei:persName | self::tei:placeName
      | self::tei:orgName | self::tei:name | self::tei:birth | self::tei:death | self::tei:floruit
      | self::tei:occupation | self::tei:affiliation | self::tei:residence | self::tei:nationality
      | self::tei:faith | self::tei:education | self::tei:location | self::tei:note | self::tei:desc
      | self::tei:p | self::tei:ab | self::tei:idno | self::tei:listPerson | self::tei:listPlace
      | self::tei:listOrg | self::tei:listEvent | self::tei:eventName | self::tei:geogName | self::tei:settlement
      | self::tei:country)][not(self::tei:label and parent::tei:event)][not(. is tk:event-dating(..))][normalize-space()]">
      <dt><xsl:value-of select="tk:fact-label(.)"/></dt>
      <dd><xsl:apply-templates/></dd>
    </xsl:for-each>
  </xsl:template>

  <!-- An event's date, place (@where), the event it is part of and its parts. -->
  <xsl:template name="tk:event-facts">
    <xsl:param name="tk:page" as="xs:string?" tunnel="yes"/>
    <xsl:variable name="when" select="tk:date-words(tk:event-dating(.))"/>
    <xsl:if test="$when">
      <dt><xsl:value-of select="tk:label('register.date')"/></dt><dd><xsl:value-of select="$when"/></dd>
    </xsl:if>
    <xsl:variable name="where" select="for $t in tokenize(normalize-space(@where))[starts-with(., '#')]
      return key('tk:by-id', substring($t, 2), $tk:root)[1][tk:is-entry(.)]"/>
    <xsl:if test="exists($where)">
      <dt><xsl:value-of select="tk:label('register.where')"/></dt>
      <dd><xsl:call-template name="tk:entry-links"><xsl:with-param name="entries" select="$where"/></xsl:call-template></dd>
    </xsl:if>
    <xsl:variable name="parent" select="ancestor::tei:event[1][tk:is-entry(.)]"/>
    <xsl:if test="exists($parent)">
      <dt><xsl:value-of select="tk:label('register.part-of')"/></dt>
      <dd><xsl:call-template name="tk:entry-links"><xsl:with-param name="entries" select="$parent"/></xsl:call-template></dd>
    </xsl:if>
    <xsl:variable name="parts" select="(tei:event | tei:listEvent//tei:event)[tk:is-entry(.)][ancestor::tei:event[1] is current()]"/>
    <xsl:if test="exists($parts)">
      <dt><xsl:value-of select="tk:label('register.parts')"/></dt>
      <dd><xsl:call-template name="tk:entry-links"><xsl:with-param name="entries" select="$parts"/></xsl:call-template></dd>
    </xsl:if>
  </xsl:template>

  <!-- Links to entries, by name, separated by semicolons. -->
  <xsl:template name="tk:entry-links">
    <xsl:param name="entries" as="element()*"/>
    <xsl:param name="tk:page" as="xs:string?" tunnel="yes"/>
    <xsl:for-each select="$entries">
      <a href="{tk:relative(tk:entity-href(string(@xml:id)), $tk:page)}"><xsl:value-of select="tk:entry-name(.)"/></a>
      <xsl:if test="position() ne last()">; </xsl:if>
    </xsl:for-each>
  </xsl:template>


  <!-- Authority identifiers as links where the scheme is known, as text otherwise. -->
  <xsl:template name="tk:authority-links">
    <xsl:variable name="ids" select="tei:idno[normalize-space()]"/>
    <xsl:if test="$ids">
      <ul class="authority">
        <xsl:for-each select="$ids">
          <xsl:variable name="v" select="normalize-space()"/>
          <xsl:variable name="t" select="lower-case(@type)"/>
          <xsl:variable name="url" select="
            if (matches($v, '^https?://')) then tk:safe-url($v)
            else if ($t = 'wikidata' and matches($v, '^Q\d+$')) then concat('https://www.wikidata.org/wiki/', $v)
            else if ($t = 'viaf' and matches($v, '^\d+$')) then concat('https://viaf.org/viaf/', $v)
            else if ($t = 'geonames' and matches($v, '^\d+$')) then concat('https://www.geonames.org/', $v)
            else if ($t = 'gnd' and matches($v, '^[0-9X\-]+$')) then concat('https://d-nb.info/gnd/', $v)
            else if ($t = ('doi') and matches($v, '^10\.')) then concat('https://doi.org/', $v)
            else if ($t = ('orcid') and matches($v, '^[0-9X\-]{19}$')) then concat('https://orcid.org/', $v)
            else ()"/>
          <xsl:variable name="label" select="
            if ($t = 'wikidata') then 'Wikidata' else if ($t = 'viaf') then 'VIAF' else if ($t = 'geonames') then 'GeoNames'
            else if ($t = 'gnd') then 'GND' else if ($t = 'doi') then 'DOI' else if ($t = 'orcid') then 'ORCID'
            else if (@type) then string(@type) else tk:label('register.identifier')"/>
          <li>
            <xsl:value-of select="$label"/>
            <xsl:text>: </xsl:text>
            <xsl:choose>
              <xsl:when test="exists($url)"><a class="external" href="{$url}"><xsl:value-of select="$v"/></a></xsl:when>
              <xsl:otherwise><xsl:value-of select="$v"/></xsl:otherwise>
            </xsl:choose>
          </li>
        </xsl:for-each>
      </ul>
    </xsl:if>
  </xsl:template>

  <!-- Every passage that points at this entry, once each, with how often. -->
  <xsl:template name="tk:mentions-list">
    <xsl:param name="tk:page" as="xs:string?" tunnel="yes"/>
    <xsl:param name="verb" as="xs:string" select="'mentions.in'"/>
    <xsl:variable name="all" select="tk:mentions(string(@xml:id))"/>
    <xsl:variable name="imprints" select="if (self::tei:place) then $all[tk:is-imprint(.)] else ()"/>
    <xsl:variable name="mentions" select="$all except $imprints"/>
    <xsl:if test="exists($imprints)">
      <p class="mentions-head"><xsl:value-of select="tk:label-n('mentions.imprint', count($imprints), ())"/></p>
    </xsl:if>
    <xsl:choose>
      <xsl:when test="empty($mentions) and exists($imprints)"/>
      <xsl:when test="empty($mentions)">
        <p class="mentions-none"><xsl:value-of select="tk:label('mentions.none')"/></p>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="passages" as="element()*">
          <xsl:variable name="entry" select="."/>
          <xsl:for-each-group select="$mentions" group-by="generate-id(tk:passage(.))">
            <xsl:variable name="p" select="tk:passage(.)"/>
            <!-- the first mention of the passage itself, where it has an id of its own -->
            <xsl:variable name="first" select="current-group()[self::tei:persName or self::tei:placeName or self::tei:orgName
              or self::tei:eventName or self::tei:name or self::tei:rs or self::tei:bibl or self::tei:biblStruct][1]"/>
            <!-- the id the mention carries: that of the entry it is rendered as a link to -->
            <xsl:variable name="carried" select="if ($first/(self::tei:bibl | self::tei:biblStruct)) then tk:bibl-entry($first) else tk:ref-entry($first)"/>
            <xsl:variable name="id" select="if ($first) then (tk:mention-id($first, $carried), tk:id($p))[1] else tk:id($p)"/>
            <li>
              <a href="{tk:relative(tk:passage-href($id), $tk:page)}"><xsl:value-of select="tk:passage-label($p)"/></a>
              <xsl:if test="count(current-group()) gt 1">
                <span class="times"> (<xsl:value-of select="count(current-group())"/>×)</span>
              </xsl:if>
            </li>
          </xsl:for-each-group>
        </xsl:variable>
        <p class="mentions-head">
          <xsl:value-of select="concat(tk:label-n($verb, count($passages), ()),
            if (count($mentions) gt count($passages)) then concat(' ', tk:label('mentions.times', count($mentions))) else '', ':')"/>
        </p>
        <ul class="mentions"><xsl:sequence select="$passages"/></ul>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ==== Bibliography ==== -->

  <xsl:template match="tei:listBibl" mode="tk:register">
    <xsl:param name="level" as="xs:integer" select="2"/>
    <div class="register listBibl">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="tk:id(.)"/></xsl:if>
      <xsl:if test="tei:head">
        <xsl:element name="h{min(($level, 6))}"><xsl:apply-templates select="tei:head[1]/node()"/></xsl:element>
      </xsl:if>
      <xsl:for-each-group select="*[not(self::tei:head)]" group-adjacent="exists(self::tei:listBibl)">
        <xsl:choose>
          <xsl:when test="current-grouping-key()">
            <xsl:apply-templates select="current-group()" mode="tk:register">
              <xsl:with-param name="level" select="if (../tei:head) then $level + 1 else $level"/>
            </xsl:apply-templates>
          </xsl:when>
          <xsl:when test="current-group()[tk:is-entry(.)]">
            <ul class="bibliography">
              <xsl:apply-templates select="current-group()[tk:is-entry(.)]" mode="tk:register"/>
            </ul>
          </xsl:when>
        </xsl:choose>
      </xsl:for-each-group>
    </div>
  </xsl:template>

  <xsl:template match="tei:bibl | tei:biblStruct" mode="tk:register">
    <li class="entry bibl" id="{tk:id(.)}">
      <p class="citation">
        <xsl:call-template name="tk:citation"/>
        <xsl:call-template name="tk:heading-permalink">
          <xsl:with-param name="id" select="tk:id(.)"/>
          <xsl:with-param name="label" select="tk:bibl-short(.)"/>
        </xsl:call-template>
      </p>
      <xsl:variable name="notes" select=".//tei:note[not(ancestor::tei:note)]"/>
      <xsl:if test="$notes">
        <ul class="bibl-notes">
          <xsl:for-each select="$notes">
            <li>
              <xsl:if test="@type">
                <span class="note-type"><xsl:value-of select="tk:bibl-note-label(@type)"/>: </span>
              </xsl:if>
              <xsl:apply-templates/>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:if>
      <xsl:call-template name="tk:mentions-list">
        <xsl:with-param name="verb" select="'mentions.cited'"/>
      </xsl:call-template>
    </li>
  </xsl:template>

  <xsl:function name="tk:bibl-note-label" as="xs:string">
    <xsl:param name="type" as="xs:string"/>
    <xsl:sequence select="if ($type = ('url', 'source', 'correction', 'letter')) then tk:label(concat('bibl.', if ($type = 'url') then 'address' else $type))
      else concat(upper-case(substring($type, 1, 1)), replace(substring($type, 2), '-', ' '))"/>
  </xsl:function>

  <!-- "Cliff 1991": first author's surname (or name) and year, else the title. -->
  <xsl:function name="tk:bibl-short" as="xs:string">
    <xsl:param name="b" as="element()"/>
    <xsl:variable name="who" select="($b//(tei:author | tei:editor))[1]"/>
    <xsl:variable name="name" select="if ($who//tei:surname) then normalize-space(($who//tei:surname)[1])
      else normalize-space(tokenize(normalize-space($who), '\s+')[last()])"/>
    <xsl:variable name="year" select="(for $d in $b//tei:date[not(ancestor::tei:note)] return replace(normalize-space(($d/@when, $d)[1]), '^([0-9]{4}).*$', '$1'))[1]"/>
    <xsl:variable name="title" select="normalize-space(($b//tei:title[not(ancestor::tei:note)])[1])"/>
    <xsl:sequence select="
      if ($name and $year and matches($year, '^[0-9]{4}$')) then concat($name, ' ', $year, ', ', $title)
      else if ($name) then concat($name, ', ', $title)
      else if ($title) then $title else normalize-space($b)"/>
  </xsl:function>

  <!-- A citation from a structured bibl (author, title, imprint, scope, no punctuation of its
       own); a bibl with its own punctuation is rendered as it stands. -->
  <xsl:template name="tk:citation">
    <xsl:variable name="structured" select="not(text()[normalize-space()]) and not(self::tei:biblStruct)"/>
    <xsl:choose>
      <xsl:when test="self::tei:biblStruct">
        <xsl:for-each select="tei:analytic | tei:monogr | tei:series">
          <xsl:call-template name="tk:citation-parts"/>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="$structured">
        <xsl:call-template name="tk:citation-parts"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="node() except tei:note"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="tk:citation-parts">
    <xsl:variable name="authors" select="tei:author"/>
    <xsl:variable name="editors" select="tei:editor"/>
    <xsl:variable name="titles-a" select="tei:title[@level = 'a']"/>
    <xsl:variable name="titles-m" select="tei:title[not(@level = 'a')]"/>
    <xsl:variable name="imprint" select="(tei:pubPlace | tei:publisher | tei:distributor | tei:date | tei:imprint/*)"/>
    <xsl:if test="$authors">
      <xsl:for-each select="$authors">
        <span class="author"><xsl:apply-templates/></span>
        <xsl:if test="position() lt last()"><xsl:value-of select="if (position() = last() - 1) then concat(' ', tk:label('bibl.and'), ' ') else ', '"/></xsl:if>
      </xsl:for-each>
      <xsl:text>, </xsl:text>
    </xsl:if>
    <xsl:if test="$editors and not($authors)">
      <xsl:for-each select="$editors">
        <span class="editor"><xsl:apply-templates/></span>
        <xsl:if test="position() lt last()"><xsl:value-of select="if (position() = last() - 1) then concat(' ', tk:label('bibl.and'), ' ') else ', '"/></xsl:if>
      </xsl:for-each>
      <xsl:value-of select="concat(' ', tk:label(if (count($editors) gt 1) then 'bibl.ed.other' else 'bibl.ed.one'), ', ')"/>
    </xsl:if>
    <xsl:for-each select="$titles-a">
      <span class="title a">“<xsl:apply-templates/>”</span>
      <xsl:text>, </xsl:text>
    </xsl:for-each>
    <xsl:for-each select="$titles-m">
      <xsl:if test="position() = 1 and $titles-a and not(@level = 'j')"><xsl:value-of select="tk:label('bibl.in')"/><xsl:text> </xsl:text></xsl:if>
      <cite class="title"><xsl:apply-templates/></cite>
      <xsl:if test="position() lt last()"><xsl:text>, </xsl:text></xsl:if>
    </xsl:for-each>
    <xsl:if test="$editors and $authors">
      <xsl:value-of select="concat(', ', tk:label('bibl.edited'), ' ')"/>
      <xsl:for-each select="$editors">
        <span class="editor"><xsl:apply-templates/></span>
        <xsl:if test="position() lt last()"><xsl:value-of select="concat(' ', tk:label('bibl.and'), ' ')"/></xsl:if>
      </xsl:for-each>
    </xsl:if>
    <xsl:for-each select="tei:biblScope[@unit = ('volume', 'issue')]">
      <xsl:value-of select="if (@unit = 'volume') then ' ' else concat(', ', tk:label('bibl.no'), ' ')"/>
      <span class="biblScope"><xsl:apply-templates/></span>
    </xsl:for-each>
    <xsl:if test="$imprint">
      <xsl:text> (</xsl:text>
      <xsl:for-each select="$imprint">
        <span class="{local-name()}"><xsl:apply-templates/></span>
        <xsl:variable name="next" select="following-sibling::*[. intersect $imprint][1]"/>
        <xsl:choose>
          <xsl:when test="empty($next)"/>
          <xsl:when test="self::tei:pubPlace and $next/self::tei:publisher">: </xsl:when>
          <xsl:when test="self::tei:date and $next/self::tei:pubPlace">; </xsl:when>
          <xsl:otherwise>, </xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
      <xsl:text>)</xsl:text>
    </xsl:if>
    <xsl:for-each select="tei:biblScope[not(@unit = ('volume', 'issue'))] | tei:citedRange">
      <xsl:text>, </xsl:text>
      <xsl:if test="@unit = 'page'"><xsl:value-of select="concat(tk:label(if (matches(., '[\-–]')) then 'bibl.pp' else 'bibl.p'), ' ')"/></xsl:if>
      <span class="{local-name()}"><xsl:apply-templates/></span>
    </xsl:for-each>
    <xsl:for-each select="tei:idno | tei:ref | tei:ptr">
      <xsl:text>, </xsl:text>
      <xsl:apply-templates select="."/>
    </xsl:for-each>
    <xsl:text>.</xsl:text>
  </xsl:template>

  <!-- ==== Name cards ==== -->

  <!-- entries.json (the builder makes it entries.js, which the text page loads): each entry's
       name, dates, a line of description, identifiers and number of mentions, by id, for the
       cards edition.js shows when a name has the pointer or the focus. -->
  <xsl:template name="tk:entries-data">
    <xsl:variable name="entries" select="$tk:persons | $tk:places | $tk:orgs | $tk:events | $tk:bibls"/>
    <xsl:if test="exists($entries)">
      <xsl:result-document href="entries.json" method="json" indent="no" encoding="UTF-8">
        <xsl:sequence select="map:merge(for $e in $entries[@xml:id] return map:entry(tk:safe-id(string($e/@xml:id)), map:merge((
          map{'n': if ($e/self::tei:bibl or $e/self::tei:biblStruct) then tk:bibl-short($e) else tk:entry-name($e),
              'm': count(tk:mentions(string($e/@xml:id)))},
          let $d := string-join(($e/(tei:birth | tei:death)/(if (normalize-space()) then normalize-space() else tk:date-norm(.)),
            $e/self::tei:event/tk:date-words(tk:event-dating(.)), $e/@type[not($e/self::tei:bibl)]/replace(., '-', ' ')), ' – ')
          return if ($d) then map{'d': $d} else (),
          let $t := normalize-space(string-join(($e/(tei:note | tei:desc))[1]//text(), ''))
          return if ($t) then map{'t': if (string-length($t) gt 220) then concat(substring($t, 1, 217), '…') else $t} else (),
          let $i := $e/tei:idno[normalize-space()]/concat(if (@type) then concat(@type, ' ') else '', normalize-space())
          return if (exists($i)) then map{'i': array{$i}} else ()))), map{'duplicates': 'use-first'})"/>
      </xsl:result-document>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
