<?xml version="1.0" encoding="UTF-8"?>
<!--
  Shared by every output format: the reading (source or corrected), document metadata,
  identifiers, safe URLs, dates in words, and the list of elements the formats know.
  Imported by xslt/html/html.xsl and xslt/text/text.xsl (and so, through html, by epub).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  exclude-result-prefixes="#all">

  <xsl:include href="../genres/common.xsl"/>
  <xsl:include href="labels.xsl"/>
  <xsl:include href="editorial.xsl"/>

  <!-- Which text of a choice/app to show: 'corr' (corr, reg, expan: the editor's reading)
       or 'sic' (sic, orig, abbr: the source's reading). -->
  <xsl:param name="reading" as="xs:string" select="'corr'"/>

  <xsl:variable name="tk:reading" as="xs:string"
    select="if ($reading = ('sic', 'source', 'orig')) then 'sic' else 'corr'"/>

  <!-- The readings that are not shown in the current reading. -->
  <xsl:function name="tk:hidden-reading" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="exists($el/parent::tei:choice) and (
        if ($tk:reading = 'sic')
        then $el/(self::tei:corr | self::tei:reg | self::tei:expan)
             and exists($el/../(tei:sic | tei:orig | tei:abbr))
        else $el/(self::tei:sic | self::tei:orig | self::tei:abbr)
             and exists($el/../(tei:corr | tei:reg | tei:expan)))"/>
  </xsl:function>

  <!-- The label of a reading that is shown beside the one chosen, in brackets
       ("receive [sic: recieve]") by the formats that have no reading switch (EPUB, text). -->
  <xsl:function name="tk:reading-label" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="map{'sic': 'sic', 'corr': 'corr.', 'orig': 'orig.', 'reg': 'reg.',
      'abbr': 'abbr.', 'expan': 'expan.'}(local-name($el))"/>
  </xsl:function>

  <!-- "Located in place" for <location type="located_in_place">, a register entry's
       <birth>, "Birth". -->
  <xsl:function name="tk:fact-label" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="words" select="replace(replace(normalize-space(($el/@type[normalize-space()], local-name($el))[1]), '[_\-]+', ' '), '([a-z])([A-Z])', '$1 $2')"/>
    <xsl:sequence select="concat(upper-case(substring($words, 1, 1)), lower-case(substring($words, 2)))"/>
  </xsl:function>

  <!-- The header that describes a node: its own TEI's in a teiCorpus (a component keeps its
       title, authors and summary), else the document's. For the document node, or any node
       of a single TEI, the document's header. -->
  <xsl:function name="tk:header" as="element(tei:teiHeader)?">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="(($node/ancestor-or-self::*[tei:teiHeader])[last()], root($node)/*)[1]/tei:teiHeader[1]"/>
  </xsl:function>

  <!-- The title of a node's document, or of its component in a corpus (main title of the
       titleStmt, subtitle excluded). -->
  <xsl:function name="tk:title" as="xs:string">
    <xsl:param name="doc" as="node()"/>
    <xsl:variable name="ts" select="tk:header($doc)/tei:fileDesc/tei:titleStmt"/>
    <xsl:variable name="main" select="($ts/tei:title[@type = 'main'], $ts/tei:title[not(@type = ('sub', 'subtitle'))], $ts/tei:title)[1]"/>
    <xsl:sequence select="if ($main) then normalize-space(string-join($main//text()[not(ancestor::tei:note)], '')) else tk:label('untitled')"/>
  </xsl:function>

  <xsl:function name="tk:subtitle" as="xs:string?">
    <xsl:param name="doc" as="node()"/>
    <xsl:variable name="sub" select="tk:header($doc)/tei:fileDesc/tei:titleStmt/tei:title[@type = ('sub', 'subtitle')][1]"/>
    <xsl:sequence select="if ($sub) then normalize-space($sub) else ()"/>
  </xsl:function>

  <!-- Authors as display strings: persName, name or plain text, whichever the header uses. -->
  <xsl:function name="tk:authors" as="xs:string*">
    <xsl:param name="doc" as="node()"/>
    <xsl:for-each select="tk:header($doc)/tei:fileDesc/tei:titleStmt/tei:author">
      <xsl:variable name="name" select="(tei:persName[not(@type = 'variant')], tei:name, .)[1]"/>
      <xsl:variable name="parts" select="$name/(tei:forename, tei:surname)"/>
      <xsl:sequence select="normalize-space(if (count($parts) ge 2 and not($name/text()[normalize-space()]))
                                            then string-join($parts, ' ') else string($name))"/>
    </xsl:for-each>
  </xsl:function>

  <!-- What identifies a component of a corpus and when and whence it is, from its header, as
       [label, value] pairs: its date, its source, its identifier. -->
  <xsl:function name="tk:header-summary" as="array(xs:string)*">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="h" select="$tei/tei:teiHeader"/>
    <xsl:variable name="date" select="($h/tei:profileDesc/tei:creation//tei:date, $h/tei:profileDesc/tei:settingDesc//tei:date,
      $h/tei:fileDesc/tei:sourceDesc//tei:date, $h/tei:fileDesc/tei:titleStmt/tei:meeting)[normalize-space() or @when][1]"/>
    <xsl:variable name="source" select="($h/tei:fileDesc/tei:sourceDesc/*)[normalize-space()][1]"/>
    <xsl:variable name="id" select="(normalize-space($tei/@xml:id), $h/tei:fileDesc/tei:publicationStmt/tei:idno ! normalize-space())[. ne ''][1]"/>
    <xsl:sequence select="
      (if ($date) then [tk:label('summary.date'), (normalize-space($date)[. ne ''], string($date/@when))[1]] else ()),
      (if ($source) then [tk:label('summary.source'), normalize-space(string-join($source//text()[not(ancestor::tei:note)], ' '))] else ()),
      (if ($id) then [tk:label('summary.identifier'), $id] else ())"/>
  </xsl:function>

  <!-- Who speaks an utterance (u/@who) or a speech (sp/@who): for each pointer, the name of
       the person or role it points at (forename before surname), else the pointer itself. -->
  <xsl:key name="tk:who-target" match="*[@xml:id]" use="string(@xml:id)"/>

  <xsl:function name="tk:who" as="xs:string*">
    <xsl:param name="el" as="element()"/>
    <xsl:for-each select="tokenize(normalize-space($el/@who))">
      <xsl:variable name="id" select="if (starts-with(., '#')) then substring(., 2) else ''"/>
      <xsl:variable name="target" select="if ($id ne '') then key('tk:who-target', $id, root($el))[1] else ()"/>
      <xsl:variable name="name" select="($target/(tei:persName | tei:name | tei:orgName | tei:roleName)[normalize-space()][1],
        $target[self::tei:role | self::tei:persName | self::tei:name | self::tei:orgName][normalize-space()])[1]"/>
      <xsl:variable name="parts" select="($name/tei:forename, $name/tei:surname)"/>
      <xsl:sequence select="
        if ($name) then normalize-space(if (count($parts) ge 2 and not($name/text()[normalize-space()]))
          then string-join($parts ! normalize-space(), ' ') else string($name))
        else if ($id ne '') then $id else ."/>
    </xsl:for-each>
  </xsl:function>

  <xsl:function name="tk:language" as="xs:string">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="(root($doc)/*/@xml:lang, root($doc)/*/tei:text/@xml:lang,
                           root($doc)//tei:profileDesc/tei:langUsage/tei:language[1]/@ident, 'en')[1]"/>
  </xsl:function>

  <!-- A stable identifier for any element: its xml:id, else a path of element positions.
       The path is its parent's (memoised) and its own position: the element's own path need
       not be memoised as well, since its id is. -->
  <xsl:function name="tk:id" as="xs:string" cache="yes">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="parent" select="$el/parent::*"/>
    <xsl:sequence select="if ($el/@xml:id) then tk:safe-id(string($el/@xml:id))
      else if (exists($parent/parent::*))
        then concat(local-name($el), '-', tk:position-path($parent), '-', tk:sibling-position($el))
      else concat(local-name($el), '-', tk:position-path($el))"/>
  </xsl:function>

  <!-- "2-1-3": the element's position among its siblings, after its parent's (the root
       element has none). Memoised, so that siblings share their parent's path. -->
  <xsl:function name="tk:position-path" as="xs:string" cache="yes">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="parent" select="$el/parent::*"/>
    <xsl:sequence select="if (empty($parent)) then ''
      else if (empty($parent/parent::*)) then string(tk:sibling-position($el))
      else concat(tk:position-path($parent), '-', tk:sibling-position($el))"/>
  </xsl:function>

  <!-- Every element's position among its parent's element children, computed in one pass:
       counting preceding siblings for each element would take time in the square of their
       number (20,000 paragraphs: minutes). Evaluated only if a stylesheet uses it. -->
  <xsl:variable name="tk:sibling-positions" as="map(xs:string, xs:integer)">
    <xsl:map>
      <xsl:for-each select="//*[*]">
        <xsl:for-each select="*">
          <xsl:map-entry key="generate-id(.)" select="position()"/>
        </xsl:for-each>
      </xsl:for-each>
    </xsl:map>
  </xsl:variable>

  <!-- The source document (the global context item). -->
  <xsl:variable name="tk:source" as="document-node()?" select="."/>

  <xsl:function name="tk:sibling-position" as="xs:integer">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="if (root($el) is $tk:source)
                          then ($tk:sibling-positions(generate-id($el)), count($el/preceding-sibling::*) + 1)[1]
                          else count($el/preceding-sibling::*) + 1"/>
  </xsl:function>

  <!-- Ids become HTML ids: keep them to letters, marks, digits, '_', '.' and '-' in any script
       (ids in Greek or Ge'ez letters stay distinct). (Most ids are ASCII; translate() tells
       so far faster than a regular expression.) -->
  <!-- A text node beside a break inside a word (lb, pb, cb with @break="no"): the white space
       on that side is layout of the XML, not a word boundary (the Guidelines' reading), and the
       editions leave it out so that the word stays whole. -->
  <xsl:function name="tk:breaks-no" as="xs:boolean">
    <xsl:param name="n" as="node()?"/>
    <xsl:sequence select="exists($n[self::tei:lb or self::tei:pb or self::tei:cb][@break = ('no', 'false')])"/>
  </xsl:function>

  <!-- Whether text node $t stands beside such a break (then tk:joined trims it). -->
  <xsl:function name="tk:at-join" as="xs:boolean">
    <xsl:param name="t" as="text()"/>
    <xsl:sequence select="tk:breaks-no($t/following-sibling::node()[1]) or tk:breaks-no($t/preceding-sibling::node()[1])"/>
  </xsl:function>

  <xsl:function name="tk:joined" as="xs:string">
    <xsl:param name="t" as="text()"/>
    <xsl:variable name="before" select="tk:breaks-no($t/following-sibling::node()[1])"/>
    <xsl:variable name="after" select="tk:breaks-no($t/preceding-sibling::node()[1])"/>
    <xsl:sequence select="if ($before and $after) then replace($t, '^\s+|\s+$', '')
      else if ($before) then replace($t, '\s+$', '') else if ($after) then replace($t, '^\s+', '') else string($t)"/>
  </xsl:function>

  <xsl:function name="tk:safe-id" as="xs:string">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="if (translate($id, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-', '') eq '')
      then $id else replace($id, '[^\p{L}\p{M}\p{Nd}_.\-]', '_')"/>
  </xsl:function>

  <!-- A file name made from an id or a type: ASCII letters, digits, '_', '.' and '-'. -->
  <xsl:function name="tk:file-slug" as="xs:string">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="substring(replace($id, '[^A-Za-z0-9_.\-]', '_'), 1, 48)"/>
  </xsl:function>

  <!-- replace($s, '\s+', ' ') without a regular expression (Saxon's engine costs some
       hundreds of nanoseconds a character): each run of whitespace becomes one space. -->
  <xsl:function name="tk:squeeze" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:variable name="n" select="normalize-space($s)"/>
    <xsl:sequence select="if ($n eq '') then substring(' ', 1, string-length($s))
      else concat(if (normalize-space(substring($s, 1, 1)) eq '') then ' ' else '', $n,
                  if (normalize-space(substring($s, string-length($s))) eq '') then ' ' else '')"/>
  </xsl:function>

  <!-- A URL that may become a live link: relative, fragment, http(s) or mailto only.
       Anything else (javascript:, data:, vbscript:, file: ...) yields the empty sequence.
       Characters a URL cannot hold (a quotation mark, angle brackets ...) are escaped. -->
  <xsl:function name="tk:safe-url" as="xs:string?">
    <xsl:param name="url" as="xs:string?"/>
    <xsl:variable name="v" select="normalize-space(replace(string($url), '[\p{Cc}\s]', ''))"/>
    <xsl:variable name="u" select="if (matches($v, '[&quot;&lt;&gt;\\^`{|}]')) then iri-to-uri($v) else $v"/>
    <xsl:sequence select="
      if ($u = '') then ()
      else if (matches($u, '^(https?|mailto):', 'i')) then $u
      else if (matches($u, '^[A-Za-z][A-Za-z0-9+.\-]*:')) then ()
      else $u"/>
  </xsl:function>

  <!-- The edition's date for metadata: publicationStmt/date, else the first date in the header. -->
  <xsl:function name="tk:edition-date" as="xs:string?">
    <xsl:param name="doc" as="node()"/>
    <xsl:variable name="d" select="(root($doc)/*/tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:date,
                                    root($doc)/*/tei:teiHeader//tei:date)[1]"/>
    <xsl:sequence select="if ($d) then string(($d/@when, $d/@notAfter, $d/@to, $d/@notBefore, $d/@from, normalize-space($d))[1]) else ()"/>
  </xsl:function>

  <!-- The divisions that make the table of contents: divs with a head, any depth. -->
  <xsl:function name="tk:toc-divs" as="element()*">
    <xsl:param name="context" as="element()"/>
    <xsl:sequence select="$context/(tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4)"/>
  </xsl:function>

  <!-- A heading's text for tables of contents (notes left out). -->
  <xsl:function name="tk:head-text" as="xs:string">
    <xsl:param name="div" as="element()"/>
    <xsl:variable name="head" select="$div/tei:head[1]"/>
    <!-- without a head or a number: a title page is called so; another division by its first
         words ("Liminal", the type of an ELTeC novel's prefatory matter, tells a reader nothing) -->
    <xsl:variable name="words" select="tokenize(normalize-space(string-join($div//text()[not(ancestor::tei:note)][not(ancestor::*[parent::tei:choice][tk:hidden-reading(.)])], '')), ' ')"/>
    <xsl:variable name="type" select="($div/@type, tk:label('passage.section'))[1]"/>
    <xsl:sequence select="if ($head)
      then normalize-space(string-join($head//text()[not(ancestor::tei:note)][not(ancestor::*[parent::tei:choice][tk:hidden-reading(.)])]
        [not(ancestor::tei:rdg | ancestor::tei:witDetail)], ''))
      else if ($div/@n) then concat(upper-case(substring($type, 1, 1)), substring($type, 2), ' ', $div/@n)
      else if (lower-case($div/@type) = ('titlepage', 'title-page')) then tk:label('div.titlepage')
      else if ((empty($div/@type) or lower-case($div/@type) = 'liminal') and exists($words[. ne ''])) then concat(string-join($words[position() le 6], ' '), if (count($words) gt 6) then ' …' else '')
      else concat(upper-case(substring($type, 1, 1)), substring($type, 2))"/>
  </xsl:function>

  <!-- Names as a set (a map to true()), for tests run on every node: map:contains() looks a
       name up in one step, where "=" compares it with each name of a list in turn. -->
  <xsl:function name="tk:name-set" as="map(xs:string, xs:boolean)">
    <xsl:param name="names" as="xs:string*"/>
    <xsl:sequence select="map:merge($names ! map{.: true()})"/>
  </xsl:function>

  <!-- Elements every format renders on purpose; anything else is shown as text and reported once. -->
  <xsl:variable name="tk:known-elements" as="xs:string*" select="(
    'TEI', 'teiHeader', 'text', 'front', 'body', 'back', 'group', 'standOff',
    'div', 'div1', 'div2', 'div3', 'div4', 'div5', 'head', 'p', 'ab', 'lg', 'l', 'quote', 'q', 'cit',
    'said', 'list', 'item', 'label', 'note', 'hi', 'emph', 'foreign', 'term', 'title', 'soCalled',
    'mentioned', 'gloss', 'distinct', 'choice', 'sic', 'corr', 'orig', 'reg', 'abbr', 'expan',
    'persName', 'placeName', 'orgName', 'name', 'rs', 'date', 'time', 'num', 'measure',
    'forename', 'surname', 'roleName', 'addName', 'genName', 'nameLink',
    'ref', 'ptr', 'pb', 'lb', 'cb', 'milestone', 'gap', 'figure', 'figDesc', 'graphic',
    'titlePage', 'docTitle', 'titlePart', 'byline', 'docAuthor', 'docDate', 'docImprint',
    'opener', 'closer', 'dateline', 'salute', 'signed', 'trailer', 'epigraph', 'argument',
    'bibl', 'biblStruct', 'listBibl', 'author', 'editor', 'pubPlace', 'publisher', 'biblScope',
    'citedRange', 'idno', 'table', 'row', 'cell', 'seg', 'w', 'pc', 's', 'c', 'add', 'del',
    'unclear', 'supplied', 'space', 'sp', 'speaker', 'stage', 'postscript', 'address', 'addrLine',
    'floatingText', 'listPerson', 'listPlace', 'listOrg', 'listEvent', 'person', 'place', 'org',
    'event', 'eventName', 'imprimatur',
    'docEdition', 'lem', 'rdg', 'app', 'anchor', 'index', 'term', 'relatedItem', 'edition',
    'distributor', 'u', $tk:genre-elements)"/>

  <xsl:function name="tk:unknown-elements" as="xs:string*">
    <xsl:param name="doc" as="node()"/>
    <!-- distinct names first: comparing every element with the whole list costs far more -->
    <xsl:sequence select="sort(distinct-values(root($doc)/*/tei:text//tei:*/local-name())
      [not(. = $tk:known-elements)])"/>
  </xsl:function>

  <xsl:template name="tk:report-unknown">
    <xsl:for-each select="tk:unknown-elements(.)">
      <xsl:message select="concat('teikit-warning: element &lt;', ., '&gt; is not rendered specially; its text is kept')"/>
    </xsl:for-each>
  </xsl:template>

  <!-- An element that is a register or bibliography entry. An event is one in a listEvent, or
       in an event that is one (a part of a larger event); an event elsewhere (in a person's
       entry) is a fact of that entry, as toolkit.registers reads it. -->
  <xsl:function name="tk:is-entry" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="exists($el/(self::tei:person | self::tei:personGrp)[ancestor::tei:listPerson])
      or exists($el/self::tei:place[ancestor::tei:listPlace])
      or exists($el/self::tei:org[ancestor::tei:listOrg])
      or exists($el/self::tei:event[parent::tei:listEvent or parent::tei:event[tk:is-entry(.)]])
      or exists($el/(self::tei:bibl | self::tei:biblStruct)[ancestor::tei:listBibl][not(ancestor::tei:bibl | ancestor::tei:biblStruct)])"/>
  </xsl:function>

  <!-- ==== Dates: their sort keys and words, for the HTML, EPUB and text editions ==== -->

  <!-- The sort key of a date: its first ISO attribute, or nothing. -->
  <xsl:function name="tk:date-key" as="xs:string?">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="($el/(@when, @from, @notBefore, @when-iso, @from-iso, @notBefore-iso, @notAfter, @to)
      [matches(normalize-space(.), '^-?[0-9]{4}(-[0-9][0-9](-[0-9][0-9])?)?')]/normalize-space(.))[1]"/>
  </xsl:function>

  <!-- The element that dates an event: the event itself when it has dating attributes, else
       its first date. -->
  <xsl:function name="tk:event-dating" as="element()?">
    <xsl:param name="event" as="element()"/>
    <xsl:sequence select="($event[exists(tk:date-key(.))], $event/tei:date[exists(tk:date-key(.))])[1]"/>
  </xsl:function>

  <xsl:function name="tk:event-date-key" as="xs:string?">
    <xsl:param name="event" as="element()"/>
    <xsl:sequence select="tk:event-dating($event) ! tk:date-key(.)"/>
  </xsl:function>

  <!-- What an element's dating attributes say, in words: "23 June 1931", "1936 to 1938". -->
  <xsl:function name="tk:date-words" as="xs:string?">
    <xsl:param name="el" as="element()?"/>
    <xsl:variable name="when" select="normalize-space(($el/@when, $el/@when-iso)[1])"/>
    <xsl:variable name="from" select="normalize-space(($el/@from, $el/@notBefore, $el/@from-iso, $el/@notBefore-iso)[1])"/>
    <xsl:variable name="to" select="normalize-space(($el/@to, $el/@notAfter, $el/@to-iso, $el/@notAfter-iso)[1])"/>
    <xsl:sequence select="
      if ($when) then tk:format-date($when)
      else if ($from and $to) then tk:label('date.to', (tk:format-date($from), tk:format-date($to)))
      else if ($from) then tk:label('date.from', tk:format-date($from))
      else if ($to) then tk:label('date.until', tk:format-date($to)) else ()"/>
  </xsl:function>

  <!-- "7 November 1879" for full dates, the value itself otherwise. -->
  <xsl:function name="tk:format-date" as="xs:string">
    <xsl:param name="d" as="xs:string"/>
    <xsl:sequence select="if ($d castable as xs:date) then format-date(xs:date($d), '[D] [MNn] [Y]', $tk:ui-lang, (), ())
      else if ($d castable as xs:gYearMonth) then format-date(xs:date(concat($d, '-01')), '[MNn] [Y]', $tk:ui-lang, (), ())
      else $d"/>
  </xsl:function>

</xsl:stylesheet>
