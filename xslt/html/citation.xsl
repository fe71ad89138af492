<?xml version="1.0" encoding="UTF-8"?>
<!--
  The citation kit: the edition's bibliographic data read from the TEI header, the citations
  made of it (Chicago, MLA, APA; BibTeX, RIS, CSL-JSON), and the metadata reference managers
  read from the pages (Highwire citation_*, Dublin Core, COinS; schema.org JSON-LD as a file
  beside the pages, since the pages carry no inline script). Included by html.xsl.

  Where the data come from:
    authors         titleStmt/author (persName: surname, forenames)
    title           the main title and the subtitle
    editors         titleStmt/editor and the names of titleStmt/respStmt
    version         editionStmt/edition/@n
    publisher       publicationStmt/publisher (distributor, authority)
    issued          publicationStmt/date (the first release)
    modified        the latest revisionDesc/change/@when, when later than issued
    original        sourceDesc's first bibl or biblStruct: its journal or book title
                    (title not of level a) and date, e.g. Links, 13 October 2017
    address         the parameter base-url (the option base-url of teikit build) and the page

  Each citation is a template the page fills in: {passage} (e.g. "III.c ¶ 1"), {url} (the
  passage's address), {accessed} and {accessed-iso} (the day it is read), {reading} (the
  source's reading, when chosen); a stretch between [[ and ]] is left out when a value in it
  is empty. The about page shows the edition's citations filled in at build time (passage,
  access date and reading empty); edition.js fills them in for a passage (data-cite-* on body).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <!-- The address the edition is published at (its folder, e.g. https://example.org/chimes/);
       empty: none, and citations give no address. -->
  <xsl:param name="base-url" as="xs:string" select="''"/>

  <xsl:variable name="tk:base-url" as="xs:string?"
    select="let $u := tk:safe-url(normalize-space($base-url))
            return if (exists($u) and matches($u, '^https?://', 'i')) then concat(replace($u, '/+$', ''), '/') else ()"/>

  <!-- The canonical address of a page, if the edition has one. -->
  <xsl:function name="tk:canonical" as="xs:string?">
    <xsl:param name="page" as="xs:string"/>
    <xsl:sequence select="if (exists($tk:base-url)) then concat($tk:base-url, tk:page-href($page)) else ()"/>
  </xsl:function>

  <xsl:variable name="tk:cite" as="map(xs:string, item()*)">
    <xsl:variable name="fd" select="/*/tei:teiHeader/tei:fileDesc"/>
    <xsl:variable name="names" as="map(xs:string, xs:string)*">
      <xsl:for-each select="$fd/tei:titleStmt/tei:author">
        <xsl:variable name="pn" select="(tei:persName[not(@type = 'variant')], tei:name, .)[1]"/>
        <xsl:variable name="full" select="tk:authors(/)[position() = current()/(count(preceding-sibling::tei:author) + 1)]"/>
        <xsl:sequence select="if ($pn/tei:surname) then map{'family': normalize-space(string-join($pn/tei:surname, ' ')),
            'given': normalize-space(string-join($pn/tei:forename, ' '))}
          else if (contains($full, ' ')) then map{'family': tokenize($full, ' ')[last()],
            'given': string-join(tokenize($full, ' ')[position() lt last()], ' ')}
          else map{'family': string($full), 'given': ''}"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="source" select="($fd/tei:sourceDesc//(tei:bibl | tei:biblStruct))[1]"/>
    <xsl:variable name="issued" select="tk:edition-date(/)"/>
    <xsl:variable name="changes" select="/*/tei:teiHeader/tei:revisionDesc//tei:change/@when[. castable as xs:date]/string()"/>
    <xsl:variable name="latest" select="max($changes ! xs:date(.))"/>
    <xsl:map>
      <xsl:map-entry key="'authors'" select="$names"/>
      <xsl:map-entry key="'title'" select="string-join((tk:title(/), tk:subtitle(/)), ': ')"/>
      <xsl:map-entry key="'editors'" select="$fd/tei:titleStmt/(tei:editor | tei:respStmt/(tei:name | tei:persName | tei:orgName))/normalize-space()"/>
      <xsl:map-entry key="'version'" select="string(($fd/tei:editionStmt/tei:edition/@n)[1])"/>
      <xsl:map-entry key="'publisher'" select="normalize-space(($fd/tei:publicationStmt/(tei:publisher | tei:distributor | tei:authority))[1])"/>
      <xsl:map-entry key="'issued'" select="string($issued)"/>
      <xsl:map-entry key="'modified'" select="if (exists($latest) and $issued castable as xs:date and $latest gt xs:date($issued)) then string($latest) else ''"/>
      <xsl:map-entry key="'container'" select="normalize-space(($source//tei:title[not(@level = 'a')])[1])"/>
      <xsl:map-entry key="'original'" select="string(($source//tei:date[not(ancestor::tei:note)])[1]/(@when, @from, @notBefore, normalize-space(.))[1])"/>
      <xsl:map-entry key="'language'" select="tk:bcp47(tk:language(/))"/>
      <xsl:map-entry key="'id'" select="string(($fd/tei:publicationStmt/tei:idno)[1])"/>
    </xsl:map>
  </xsl:variable>

  <xsl:function name="tk:cite-year" as="xs:string">
    <xsl:param name="d" as="xs:string"/>
    <xsl:sequence select="replace($d, '^(-?\d{4}).*$', '$1')"/>
  </xsl:function>

  <!-- A date as the interface writes it ("November 27, 2026"); other values as they are. -->
  <xsl:function name="tk:cite-date" as="xs:string">
    <xsl:param name="d" as="xs:string"/>
    <xsl:sequence select="if ($d castable as xs:date) then format-date(xs:date($d), tk:label('cite.term.date-format'), $tk:ui-lang, (), ()) else $d"/>
  </xsl:function>

  <!-- "Greene, Doug Enaa" or "Greene, D. E." (APA), the authors joined. -->
  <xsl:function name="tk:cite-authors" as="xs:string">
    <xsl:param name="style" as="xs:string"/>
    <xsl:variable name="a" select="$tk:cite?authors"/>
    <xsl:variable name="each" select="for $i in 1 to count($a) return
      if ($style = 'apa') then string-join(($a[$i]?family, string-join(tokenize($a[$i]?given, '\s+')[.] ! concat(substring(., 1, 1), '.'), ' ')[.]), ', ')
      else if ($i = 1) then string-join(($a[$i]?family, $a[$i]?given[.]), ', ')
      else string-join(($a[$i]?given[.], $a[$i]?family), ' ')"/>
    <xsl:sequence select="if (count($each) le 1) then string($each)
      else concat(string-join($each[position() lt last()], ', '), if ($style = 'apa') then ', &amp; ' else concat(', ', tk:label('bibl.and'), ' '), $each[last()])"/>
  </xsl:function>

  <!-- The citation templates, by style: chicago, mla, apa, bibtex, ris, csl. -->
  <xsl:function name="tk:cite-template" as="xs:string">
    <xsl:param name="style" as="xs:string"/>
    <xsl:variable name="c" select="$tk:cite"/>
    <xsl:variable name="title" select="$c?title"/>
    <xsl:variable name="editors" select="string-join($c?editors, ', ')"/>
    <xsl:variable name="original" select="if ($c?container) then string-join(($c?container, tk:cite-date($c?original)[.]), ', ') else ''"/>
    <xsl:variable name="authors" select="tk:cite-authors($style)"/>
    <xsl:choose>
      <xsl:when test="$style = 'chicago'">
        <xsl:sequence select="string-join((
          concat($authors[.], '. '[$authors], '“', $title, '.”'),
          '[[{passage}.]]', '[[({reading}).]]',
          if ($editors) then concat(tk:label('cite.term.edited'), ' ', $editors, '.') else (),
          if ($c?version) then concat(tk:label('cite.term.edition'), ' ', $c?version, '.') else (),
          concat(string-join(($c?publisher[.], tk:cite-year($c?issued)[.]), ', '), '.'),
          if ($c?modified) then concat(tk:label('cite.term.modified'), ' ', tk:cite-date($c?modified), '.') else (),
          concat('[[', tk:label('cite.term.accessed'), ' {accessed}.]]'), '[[{url}.]]',
          if ($original) then concat(tk:label('cite.term.original'), ' ', $original, '.') else ()), ' ')"/>
      </xsl:when>
      <xsl:when test="$style = 'mla'">
        <xsl:sequence select="string-join((
          concat($authors[.], '. '[$authors], '“', $title, '.”'),
          '[[{passage}.]]', '[[({reading}).]]',
          concat(string-join((
            if ($editors) then concat(tk:label('cite.term.edited'), ' ', $editors) else (),
            if ($c?version) then concat(tk:label('cite.term.version'), ' ', $c?version) else (),
            $c?publisher[.], tk:cite-date(($c?modified[.], $c?issued)[1])[.]), ', '), '[[, {url}]].'),
          concat('[[', tk:label('cite.term.accessed'), ' {accessed}.]]'),
          if ($original) then concat(tk:label('cite.term.original'), ' ', $original, '.') else ()), ' ')"/>
      </xsl:when>
      <xsl:when test="$style = 'apa'">
        <xsl:sequence select="string-join((
          concat($authors[.], ' '[$authors], '(', tk:cite-year($c?issued), ').'),
          concat($title, '[[, {passage}]]', if ($editors or $c?version) then concat(' (',
            string-join((if ($editors) then concat($editors, ', ', tk:label('cite.term.apa-ed')) else (),
                         if ($c?version) then concat(tk:label('cite.term.version'), ' ', $c?version) else ()), '; '), ')') else (), '.'),
          '[[({reading}).]]',
          concat($c?publisher, '.')[$c?publisher],
          concat('[[', tk:label('cite.term.retrieved', ('{accessed}', '{url}')), ']]'),
          if ($c?original) then concat('(', tk:label('cite.term.original-apa', tk:cite-year($c?original)), ')') else ()), ' ')"/>
      </xsl:when>
      <xsl:when test="$style = 'bibtex'">
        <xsl:variable name="key" select="lower-case(replace(concat(($c?authors?family)[1], tk:cite-year($c?issued), tokenize($title, '\W+')[string-length(.) gt 3][1]), '[^A-Za-z0-9]', ''))"/>
        <xsl:sequence select="string-join((
          concat('@book{', ($key[.], 'edition')[1], ','),
          concat('  author = {', string-join($c?authors ! string-join((?family, ?given[.]), ', '), ' and '), '},')[exists($c?authors)],
          concat('  title = {', tk:bibtex($title), '[[, {passage}]]},'),
          concat('  editor = {{', tk:bibtex($editors), '}},')[$editors],
          concat('  edition = {', $c?version, '},')[$c?version],
          concat('  publisher = {', tk:bibtex($c?publisher), '},')[$c?publisher],
          concat('  year = {', tk:cite-year($c?issued), '},')[$c?issued],
          concat('  date = {', ($c?modified[.], $c?issued)[1], '},')[$c?issued],
          '[[  url = {{url}},]]', '[[  urldate = {{accessed-iso}},]]',
          concat('  note = {', tk:bibtex(concat(tk:label('cite.term.original'), ' ', $original)), '[[; {reading}]]},')[$original],
          concat('  langid = {', $c?language, '}'), '}'), '&#10;')"/>
      </xsl:when>
      <xsl:when test="$style = 'ris'">
        <xsl:sequence select="string-join((
          'TY  - BOOK',
          $c?authors ! concat('AU  - ', string-join((?family, ?given[.]), ', ')),
          concat('TI  - ', $title),
          '[[SE  - {passage}]]',
          $c?editors ! concat('A2  - ', .),
          concat('ET  - ', $c?version)[$c?version],
          concat('PB  - ', $c?publisher)[$c?publisher],
          concat('PY  - ', tk:cite-year($c?issued))[$c?issued],
          concat('DA  - ', translate(($c?modified[.], $c?issued)[1], '-', '/'))[$c?issued],
          '[[UR  - {url}]]', '[[Y2  - {accessed-iso}]]',
          concat('N1  - ', tk:label('cite.term.original'), ' ', $original)[$original],
          '[[N1  - {reading}]]',
          concat('LA  - ', $c?language), 'ER  - '), '&#10;')"/>
      </xsl:when>
      <xsl:otherwise>
        <!-- CSL-JSON: the values are JSON strings (edition.js escapes what it fills in) -->
        <xsl:variable name="s" select="function($v) { substring(serialize($v, map{'method': 'json'}), 2, string-length(serialize($v, map{'method': 'json'})) - 2) }"/>
        <xsl:sequence select="concat('[{&quot;id&quot;: &quot;', $s(($c?id[.], 'edition')[1]), '&quot;, &quot;type&quot;: &quot;book&quot;, ',
          '&quot;title&quot;: &quot;', $s($title), '[[, {passage}]]&quot;, ',
          '&quot;author&quot;: [', string-join($c?authors ! concat('{&quot;family&quot;: &quot;', $s(?family), '&quot;, &quot;given&quot;: &quot;', $s(?given), '&quot;}'), ', '), '], ',
          if ($editors) then concat('&quot;editor&quot;: [{&quot;literal&quot;: &quot;', $s($editors), '&quot;}], ') else '',
          if ($c?version) then concat('&quot;version&quot;: &quot;', $s($c?version), '&quot;, ') else '',
          if ($c?publisher) then concat('&quot;publisher&quot;: &quot;', $s($c?publisher), '&quot;, ') else '',
          if ($c?issued) then concat('&quot;issued&quot;: {&quot;raw&quot;: &quot;', $s(($c?modified[.], $c?issued)[1]), '&quot;}, ') else '',
          if ($original) then concat('&quot;original-date&quot;: {&quot;raw&quot;: &quot;', $s($c?original), '&quot;}, &quot;original-title&quot;: &quot;', $s($c?container), '&quot;, ') else '',
          '[[&quot;URL&quot;: &quot;{url}&quot;, ]][[&quot;accessed&quot;: {&quot;raw&quot;: &quot;{accessed-iso}&quot;}, ]][[&quot;note&quot;: &quot;{reading}&quot;, ]]',
          '&quot;language&quot;: &quot;', $c?language, '&quot;}]')"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <xsl:function name="tk:bibtex" as="xs:string">
    <xsl:param name="s" as="xs:string?"/>
    <xsl:sequence select="replace(replace(string($s), '([{}\\])', '\\$1'), '([&amp;%$#_])', '\\$1')"/>
  </xsl:function>

  <xsl:variable name="tk:cite-styles" as="xs:string*" select="('chicago', 'mla', 'apa', 'bibtex', 'ris', 'csl')"/>

  <!-- A template filled in: placeholders from $values (absent ones empty), and the [[ ]]
       stretches with an empty value left out. -->
  <xsl:function name="tk:cite-fill" as="xs:string">
    <xsl:param name="template" as="xs:string"/>
    <xsl:param name="values" as="map(xs:string, xs:string)"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:analyze-string select="$template" regex="\[\[(.*?)\]\]" flags="s">
        <xsl:matching-substring>
          <xsl:variable name="keys" select="analyze-string(regex-group(1), '\{(passage|url|accessed-iso|accessed|reading)\}')/fn:match/fn:group/string()" xmlns:fn="http://www.w3.org/2005/xpath-functions"/>
          <xsl:sequence select="if (every $k in $keys satisfies ($values($k), '')[1] ne '') then tk:cite-values(regex-group(1), $values) else ''"/>
        </xsl:matching-substring>
        <xsl:non-matching-substring><xsl:sequence select="tk:cite-values(., $values)"/></xsl:non-matching-substring>
      </xsl:analyze-string>
    </xsl:variable>
    <!-- lines left empty by a stretch left out; in prose, spaces left doubled -->
    <xsl:variable name="s" select="replace(string-join($parts, ''), '&#10;\s*&#10;', '&#10;')"/>
    <xsl:sequence select="if (contains($s, '&#10;')) then $s else normalize-space($s)"/>
  </xsl:function>

  <xsl:function name="tk:cite-values" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:param name="values" as="map(xs:string, xs:string)"/>
    <xsl:sequence select="replace(replace($s, '\{url\}', replace(($values('url'), '')[1], '\$', '\\\$')), '\{(passage|accessed|accessed-iso|reading)\}', '')"/>
  </xsl:function>

  <!-- ==== In the page head ==== -->

  <xsl:template name="tk:citation-meta">
    <xsl:param name="page" as="xs:string"/>
    <xsl:variable name="c" select="$tk:cite"/>
    <xsl:for-each select="tk:canonical($page)"><link rel="canonical" href="{.}"/></xsl:for-each>
    <link rel="alternate" type="application/ld+json" href="edition.jsonld"/>
    <meta name="citation_title" content="{$c?title}"/>
    <xsl:for-each select="$c?authors">
      <meta name="citation_author" content="{string-join((?family, ?given[.]), ', ')}"/>
    </xsl:for-each>
    <xsl:for-each select="$c?editors"><meta name="citation_editor" content="{.}"/></xsl:for-each>
    <xsl:if test="$c?issued">
      <meta name="citation_publication_date" content="{translate($c?issued, '-', '/')}"/>
      <meta name="citation_online_date" content="{translate(($c?modified[.], $c?issued)[1], '-', '/')}"/>
    </xsl:if>
    <xsl:if test="$c?publisher"><meta name="citation_publisher" content="{$c?publisher}"/></xsl:if>
    <xsl:if test="$c?version"><meta name="citation_edition" content="{$c?version}"/></xsl:if>
    <meta name="citation_language" content="{$c?language}"/>
    <xsl:for-each select="tk:canonical('text')">
      <meta name="citation_public_url" content="{.}"/>
      <meta name="citation_fulltext_html_url" content="{.}"/>
    </xsl:for-each>
    <meta name="DC.title" content="{$c?title}"/>
    <xsl:for-each select="$c?authors"><meta name="DC.creator" content="{string-join((?family, ?given[.]), ', ')}"/></xsl:for-each>
    <xsl:if test="$c?issued"><meta name="DC.date" content="{$c?issued}"/></xsl:if>
    <xsl:if test="$c?publisher"><meta name="DC.publisher" content="{$c?publisher}"/></xsl:if>
    <meta name="DC.language" content="{$c?language}"/>
    <meta name="DC.type" content="Text"/>
  </xsl:template>

  <!-- COinS (an OpenURL in a title, which Zotero reads), once on the text and about pages. -->
  <xsl:template name="tk:coins">
    <xsl:variable name="c" select="$tk:cite"/>
    <xsl:variable name="kv" select="(
      'ctx_ver=Z39.88-2004', 'rft_val_fmt=info:ofi/fmt:kev:mtx:book', 'rft.genre=book',
      concat('rft.btitle=', encode-for-uri($c?title)),
      for $a in $c?authors return (concat('rft.aulast=', encode-for-uri($a?family)), if ($a?given) then concat('rft.aufirst=', encode-for-uri($a?given)) else ()),
      concat('rft.pub=', encode-for-uri($c?publisher))[$c?publisher],
      concat('rft.date=', $c?issued)[$c?issued],
      concat('rft.edition=', encode-for-uri($c?version))[$c?version],
      concat('rft_id=', encode-for-uri(tk:canonical('text')))[exists(tk:canonical('text'))])"/>
    <span class="Z3988" title="{string-join($kv, '&amp;')}"></span>
  </xsl:template>

  <!-- The data edition.js needs to cite a passage, on body. -->
  <xsl:template name="tk:cite-attributes">
    <xsl:for-each select="$tk:cite-styles">
      <xsl:attribute name="data-cite-{.}" select="tk:cite-template(.)"/>
    </xsl:for-each>
    <xsl:if test="exists($tk:base-url)"><xsl:attribute name="data-base-url" select="$tk:base-url"/></xsl:if>
  </xsl:template>

  <!-- The about page's section: the edition's citations, the files for reference managers. -->
  <xsl:template name="tk:cite-section">
    <section aria-labelledby="cite" class="cite-kit">
      <h2 id="cite"><xsl:value-of select="tk:label('cite.title')"/></h2>
      <xsl:call-template name="tk:coins"/>
      <xsl:variable name="values" select="map{'url': string(tk:canonical('text'))}"/>
      <dl class="citations">
        <xsl:for-each select="('chicago', 'mla', 'apa')">
          <dt><xsl:value-of select="map{'chicago': 'Chicago', 'mla': 'MLA', 'apa': 'APA'}(.)"/></dt>
          <dd><p class="citation cite-{.}"><xsl:value-of select="tk:cite-fill(tk:cite-template(.), $values)"/></p></dd>
        </xsl:for-each>
      </dl>
      <xsl:if test="empty($tk:base-url)"><p class="cite-note"><xsl:value-of select="tk:label('cite.no-address')"/></p></xsl:if>
      <h3><xsl:value-of select="tk:label('cite.files')"/></h3>
      <ul class="cite-files">
        <li><a href="citation.bib" type="application/x-bibtex" download="">BibTeX</a></li>
        <li><a href="citation.ris" type="application/x-research-info-systems" download="">RIS</a></li>
        <li><a href="citation.json" type="application/vnd.citationstyles.csl+json" download="">CSL-JSON</a></li>
        <li><a href="edition.jsonld" type="application/ld+json" download="">schema.org JSON-LD</a></li>
      </ul>
      <p><xsl:value-of select="tk:label('cite.help')"/></p>
    </section>
  </xsl:template>

  <!-- The files for reference managers, beside the pages. -->
  <xsl:template name="tk:cite-files">
    <xsl:variable name="values" select="map{'url': string(tk:canonical('text'))}"/>
    <xsl:result-document href="citation.bib" method="text" encoding="UTF-8">
      <xsl:value-of select="tk:cite-fill(tk:cite-template('bibtex'), $values) || '&#10;'"/>
    </xsl:result-document>
    <xsl:result-document href="citation.ris" method="text" encoding="UTF-8">
      <xsl:value-of select="tk:cite-fill(tk:cite-template('ris'), $values) || '&#10;'"/>
    </xsl:result-document>
    <xsl:result-document href="citation.json" method="text" encoding="UTF-8">
      <xsl:value-of select="tk:cite-fill(tk:cite-template('csl'), $values) || '&#10;'"/>
    </xsl:result-document>
    <xsl:variable name="c" select="$tk:cite"/>
    <xsl:result-document href="edition.jsonld" method="json" indent="yes" encoding="UTF-8">
      <xsl:sequence select="map:merge((
        map{'@context': 'https://schema.org', '@type': 'Book', 'name': $c?title, 'inLanguage': $c?language,
            'author': array{$c?authors ! map{'@type': 'Person', 'familyName': ?family, 'givenName': ?given,
                                             'name': normalize-space(concat(?given, ' ', ?family))}}},
        if (exists($c?editors)) then map{'editor': array{$c?editors ! map{'@type': 'Organization', 'name': .}}} else (),
        if ($c?version) then map{'version': $c?version, 'bookEdition': $c?version} else (),
        if ($c?publisher) then map{'publisher': map{'@type': 'Organization', 'name': $c?publisher}} else (),
        if ($c?issued) then map{'datePublished': $c?issued} else (),
        if ($c?modified) then map{'dateModified': $c?modified} else (),
        if (exists(tk:canonical('text'))) then map{'url': tk:canonical('text')} else (),
        if ($c?container) then map{'isBasedOn': map{'@type': 'CreativeWork', 'name': $c?container,
            'datePublished': $c?original}} else ()))"/>
    </xsl:result-document>
  </xsl:template>

</xsl:stylesheet>
