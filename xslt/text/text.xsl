<?xml version="1.0" encoding="UTF-8"?>
<!--
  TEI to plain UTF-8 text. Entry stylesheet for `teikit build` (formats text and text-clean)
  and for toolkit.formats.text.clean_text_with_spans.

  Pass 1 (mode "block") turns the document into a flat sequence of tk:block elements, each
  holding its inline text (mode "inline"); pass 2 (tk:layout) wraps and lays them out.

  The reading edition has up to five parts, separated by a full-width rule of "=":
    1. the title block: the title page (or the header's title, subtitle and authors) and the
       source from sourceDesc;
    2. the text: the rest of <front>, then <body>;
    3. "Notes": the notes that stand in the running text, numbered as in the source (@n);
    4. the back matter (<back>), a bibliography laid out entry by entry;
    5. with appendices=yes, the registers (and any bibliography) kept outside <text>.
  The clean variant is the running text of <body> only, one block (paragraph, verse line,
  list item) a line: no headings, notes, numbers, figures or editorial signs.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  exclude-result-prefixes="#all">

  <xsl:import href="../common/common.xsl"/>
  <xsl:include href="../genres/text.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <!-- Maximum line length in characters. A line is longer only when it holds a single
       token that cannot be broken (a URL). -->
  <xsl:param name="width" as="xs:integer" select="72"/>
  <!-- 'end': note references as [n] in the text and a "Notes" part; 'none': neither. Notes
       that the source places as blocks of their own (a div of notes in <back>) stay. -->
  <xsl:param name="notes" as="xs:string" select="'end'"/>
  <!-- 'reading': the reading edition; 'clean': the running text of <body> only, one
       paragraph a line, no headings, notes or numbering (for Voyant, NLP pipelines). -->
  <xsl:param name="variant" as="xs:string" select="'reading'"/>
  <!-- 'yes' adds the registers (listPerson, listPlace, listOrg, listEvent) and any listBibl
       kept outside <text> as appendices (reading variant only). -->
  <xsl:param name="appendices" as="xs:string" select="'no'"/>
  <!-- 'yes' (clean variant only): the result is a JSON object {"text": the clean text,
       "spans": [...]}, one span per mention (persName, placeName, orgName, geogName, name,
       rs, date, time) with its character offsets [start, end) into the clean text. Clean
       whitespace: every space character is a space, each run of them one, none at a line's
       ends; an element's span covers its own text so normalised. -->
  <xsl:param name="spans" as="xs:string" select="'no'"/>

  <!-- The characters of $tk:spaces that the document holds, when the caller has looked
       (toolkit/formats/text.py searches the text it hands over, once); by default all of
       them. tk:norm searches a text only for these; with none, paragraphs are normalised by
       normalize-space() alone, which Saxon writes straight into the block (searching every
       paragraph for each character took a seventh of a novel's transform). -->
  <xsl:param name="spaces-present" as="xs:string" select="$tk:spaces"/>

  <xsl:variable name="clean" as="xs:boolean" select="$variant = 'clean'"/>
  <xsl:variable name="with-notes" as="xs:boolean" select="not($clean) and $notes ne 'none'"/>
  <xsl:variable name="with-spans" as="xs:boolean" select="$clean and $spans = 'yes'"/>
  <xsl:variable name="texts" as="element(tei:text)*" select="(/tei:TEI | /tei:teiCorpus//tei:TEI)/tei:text"/>
  <xsl:variable name="NL" as="xs:string" select="'&#10;'"/>

  <!-- Mentions that get a span in the clean text. -->
  <xsl:variable name="tk:mention-names" as="xs:string*"
    select="('persName', 'placeName', 'orgName', 'geogName', 'name', 'rs', 'date', 'time')"/>

  <!-- Elements that flow inside a paragraph. In a division, a run of them (or of bare text)
       becomes a paragraph; every other element is a block of its own. -->
  <xsl:variable name="tk:inline-names" as="xs:string*" select="(
    'hi', 'emph', 'foreign', 'term', 'title', 'soCalled', 'mentioned', 'gloss', 'distinct',
    'persName', 'placeName', 'orgName', 'geogName', 'name', 'rs', 'date', 'time', 'num',
    'measure', 'ref', 'ptr', 'choice', 'sic', 'corr', 'orig', 'reg', 'abbr', 'expan', 'seg', 'w',
    'pc', 'c', 'add', 'del', 'unclear', 'supplied', 'gap', 'lb', 'pb', 'cb', 'anchor', 'index',
    'app', 'lem', 'rdg', 'forename', 'surname', 'roleName', 'addName', 'genName', 'nameLink',
    'q', 'said', 'citedRange', 'biblScope', 'email', 'space', 'damage',
    'secl', 'subst', 'restore', 'handShift', 'fw', 'interpGrp', 'span', 'spanGrp')"/>
  <!-- The same names as a set: looking a name up costs one step, comparing it with the list
       (as "=" does) one for each name, and this test runs for every node of the text. -->
  <xsl:variable name="tk:inline-set" as="map(xs:string, xs:boolean)" select="tk:name-set($tk:inline-names)"/>

  <!-- ===== notes: which are which ===== -->

  <!-- A note standing as a block of its own (a div of notes in the back matter). -->
  <xsl:function name="tk:is-block-note" as="xs:boolean">
    <xsl:param name="n" as="element()"/>
    <xsl:sequence select="exists($n/parent::*[self::tei:div or matches(local-name(), '^div\d$')
      or self::tei:body or self::tei:front or self::tei:back or self::tei:group or self::tei:text
      or self::tei:floatingText])"/>
  </xsl:function>

  <!-- A note in the running text: referenced as [n] and printed in the Notes part. Notes on a
       figure or on an entry of a bibliography or register are annotations of that thing and
       are printed with it. -->
  <xsl:function name="tk:is-endnote" as="xs:boolean">
    <xsl:param name="n" as="element()"/>
    <xsl:sequence select="exists($n/self::tei:note) and exists($n/ancestor::tei:text)
      and empty($n/ancestor::tei:note) and empty($n/ancestor::tei:app) and not(tk:is-block-note($n))
      and empty($n/ancestor::*[self::tei:figure or self::tei:listBibl or self::tei:listPerson
        or self::tei:listPlace or self::tei:listOrg or self::tei:listEvent or self::tei:biblStruct])"/>
  </xsl:function>

  <xsl:variable name="endnotes" as="element(tei:note)*" select="$texts//tei:note[tk:is-endnote(.)]"/>

  <!-- The number of each of the author's endnotes: its @n, else its position among them.
       The editors' notes have marks of their own ("ed. 1", editorial.xsl). -->
  <xsl:variable name="note-number" as="map(xs:string, xs:string)">
    <xsl:map>
      <xsl:for-each select="$endnotes[not(tk:is-editorial(.))]">
        <xsl:map-entry key="generate-id(.)" select="string((@n[normalize-space()], position())[1])"/>
      </xsl:for-each>
    </xsl:map>
  </xsl:variable>

  <xsl:function name="tk:note-label" as="xs:string">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="concat('[', normalize-space(($note-number(generate-id($note)), tk:editorial-mark($note))[1]), ']')"/>
  </xsl:function>

  <!-- ===== entry point ===== -->

  <xsl:template match="/">
    <xsl:call-template name="tk:report-unknown"/>
    <xsl:choose>
      <xsl:when test="$clean">
        <xsl:variable name="blocks" as="element(tk:block)*">
          <xsl:apply-templates select="$texts/(tei:body | tei:group)" mode="block"/>
        </xsl:variable>
        <xsl:variable name="lines" as="element(tk:block)*" select="$blocks[normalize-space(.)]"/>
        <xsl:variable name="text" as="xs:string"
          select="string-join(($lines ! normalize-space(.), ''), $NL)"/>
        <xsl:choose>
          <xsl:when test="$with-spans">
            <xsl:value-of select="serialize(map{'text': $text, 'spans': array{tk:spans($lines)}},
                                            map{'method': 'json', 'indent': false()})"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="$text"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="parts" as="array(xs:string*)*">
          <xsl:sequence select="array{tk:part(tk:title-blocks(/))}"/>
          <xsl:sequence select="array{tk:part(tk:text-blocks())}"/>
          <xsl:sequence select="tk:genre-parts() ! array{tk:part(?*)}"/>
          <xsl:if test="$with-notes">
            <xsl:sequence select="array{tk:part(tk:notes-blocks())}"/>
          </xsl:if>
          <xsl:for-each select="$texts/tei:back">
            <xsl:sequence select="array{tk:part(tk:blocks-of(.))}"/>
          </xsl:for-each>
          <xsl:if test="$appendices = 'yes'">
            <xsl:for-each select="tk:appendix-lists(/)">
              <xsl:sequence select="array{tk:part(tk:blocks-of(.))}"/>
            </xsl:for-each>
          </xsl:if>
        </xsl:variable>
        <xsl:variable name="rule" select="tk:repeat('=', $width)"/>
        <!-- Each part's pieces written one after another: joining a novel's text into one
             string (twice, for the part and for the whole) cost a tenth of the transform. -->
        <xsl:for-each select="$parts[some $p in ?* satisfies $p ne '']">
          <xsl:if test="position() gt 1"><xsl:value-of select="concat($NL, $NL, $rule, $NL, $NL)"/></xsl:if>
          <xsl:for-each select="?*"><xsl:value-of select="."/></xsl:for-each>
        </xsl:for-each>
        <xsl:value-of select="$NL"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:function name="tk:blocks-of" as="element(tk:block)*">
    <xsl:param name="el" as="element()"/>
    <xsl:apply-templates select="$el" mode="block"/>
  </xsl:function>

  <xsl:function name="tk:text-blocks" as="element(tk:block)*">
    <xsl:for-each select="$texts">
      <!-- In a corpus, each text opens with its own title. -->
      <xsl:variable name="member" select="../self::tei:TEI[parent::tei:teiCorpus]"/>
      <xsl:if test="$member">
        <tk:block kind="heading" level="1"><xsl:value-of select="tk:title(.)"/></tk:block>
        <xsl:if test="not($clean)">
          <xsl:for-each select="tk:header-summary($member)">
            <tk:block kind="para" group="summary"><xsl:value-of select="concat(?1, ': ', ?2)"/></tk:block>
          </xsl:for-each>
        </xsl:if>
      </xsl:if>
      <xsl:sequence select="tk:genre-text-head(.)"/>
      <xsl:apply-templates select="tei:front" mode="block">
        <xsl:with-param name="skip-title-page" tunnel="yes" select="true()"/>
      </xsl:apply-templates>
      <xsl:apply-templates select="tei:body | tei:group" mode="block"/>
    </xsl:for-each>
  </xsl:function>

  <!-- The title page (centred) when the text has one, else the header's title, subtitle and
       authors; then the source the edition was made from. -->
  <xsl:function name="tk:title-blocks" as="element(tk:block)*">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:variable name="title-pages" select="$texts/tei:front/tei:titlePage"/>
    <xsl:choose>
      <xsl:when test="$title-pages">
        <xsl:apply-templates select="$title-pages" mode="block">
          <xsl:with-param name="align" tunnel="yes" select="'center'"/>
        </xsl:apply-templates>
      </xsl:when>
      <xsl:otherwise>
        <tk:block kind="title" align="center"><xsl:value-of select="tk:title($doc)"/></tk:block>
        <xsl:for-each select="tk:subtitle($doc)">
          <tk:block kind="para" align="center"><xsl:value-of select="."/></tk:block>
        </xsl:for-each>
        <xsl:for-each select="tk:authors($doc)[normalize-space()]">
          <tk:block kind="para" align="center" group="authors"><xsl:value-of select="."/></tk:block>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:variable name="desc" select="$doc/*/tei:teiHeader/tei:fileDesc/tei:sourceDesc"/>
    <xsl:variable name="source" select="($desc/(tei:bibl | tei:biblStruct | tei:biblFull | tei:msDesc | tei:p))[1]"/>
    <xsl:if test="$source">
      <xsl:variable name="text" select="if ($source/self::tei:p) then tk:inline-string($source) else tk:entry-text($source)"/>
      <xsl:if test="normalize-space($text)">
        <tk:block kind="para"><xsl:value-of select="tk:label('text.source', $text)"/></tk:block>
      </xsl:if>
    </xsl:if>
  </xsl:function>

  <xsl:function name="tk:notes-blocks" as="element(tk:block)*">
    <xsl:if test="exists($endnotes)">
      <xsl:variable name="hang" select="max($endnotes ! string-length(tk:note-label(.))) + 1"/>
      <tk:block kind="heading" level="1"><xsl:value-of select="tk:label('notes.title')"/></tk:block>
      <xsl:for-each select="$endnotes">
        <xsl:call-template name="tk:mixed">
          <xsl:with-param name="nodes" select="tk:editorial-lead(.), node()"/>
          <xsl:with-param name="kind" select="'note'"/>
          <xsl:with-param name="label" select="tk:note-label(.)"/>
          <xsl:with-param name="hang" select="$hang"/>
          <xsl:with-param name="indent" tunnel="yes" select="0"/>
        </xsl:call-template>
      </xsl:for-each>
    </xsl:if>
  </xsl:function>

  <!-- Lists outside <text> (standOff, or the header's sourceDesc never). -->
  <xsl:function name="tk:appendix-lists" as="element()*">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:sequence select="($doc/*/tei:standOff | $doc/tei:teiCorpus/tei:TEI/tei:standOff)
      //(tei:listPerson | tei:listPlace | tei:listOrg | tei:listEvent | tei:listBibl)
        [not(ancestor::*[self::tei:listPerson or self::tei:listPlace or self::tei:listOrg
                         or self::tei:listEvent or self::tei:listBibl])]"/>
  </xsl:function>

  <!-- ===== pass 1: blocks ===== -->

  <xsl:template match="text()" mode="block"/>
  <xsl:template match="comment() | processing-instruction()" mode="block"/>

  <xsl:template match="tei:teiHeader | tei:standOff | tei:facsimile | tei:sourceDoc" mode="block"/>

  <xsl:template match="tei:text | tei:front | tei:body | tei:back | tei:group | tei:floatingText" mode="block">
    <xsl:call-template name="tk:container"/>
  </xsl:template>

  <xsl:template match="tei:front/tei:titlePage" mode="block">
    <xsl:param name="skip-title-page" tunnel="yes" select="false()"/>
    <xsl:if test="not($skip-title-page) and not($clean)">
      <xsl:apply-templates select="*" mode="block">
        <xsl:with-param name="align" tunnel="yes" select="'center'"/>
      </xsl:apply-templates>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:titlePage" mode="block" priority="-0.2">
    <xsl:if test="not($clean)">
      <xsl:apply-templates select="*" mode="block">
        <xsl:with-param name="align" tunnel="yes" select="'center'"/>
      </xsl:apply-templates>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7" mode="block">
    <xsl:param name="align" tunnel="yes" select="'left'"/>
    <xsl:call-template name="tk:container">
      <xsl:with-param name="align" tunnel="yes"
        select="if (lower-case(@type) = ('dedication', 'titlepage', 'title-page')) then 'center' else $align"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Division headings, numbered as the source numbers them, underlined by level. -->
  <xsl:template match="tei:head" mode="block">
    <xsl:if test="not($clean)">
      <xsl:variable name="divs" select="count(ancestor::*[self::tei:div or matches(local-name(), '^div\d$')])"/>
      <xsl:choose>
        <xsl:when test="parent::*[self::tei:div or matches(local-name(), '^div\d$') or self::tei:body or self::tei:back or self::tei:front]">
          <tk:block kind="heading" level="{max((1, $divs))}"><xsl:apply-templates mode="inline"/></tk:block>
        </xsl:when>
        <xsl:when test="parent::*[self::tei:listBibl or self::tei:listPerson or self::tei:listPlace or self::tei:listOrg or self::tei:listEvent]">
          <tk:block kind="heading" level="{$divs + count(ancestor::*[self::tei:listBibl or self::tei:listPerson or self::tei:listPlace or self::tei:listOrg or self::tei:listEvent])}"><xsl:apply-templates mode="inline"/></tk:block>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="tk:para"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:docTitle" mode="block">
    <xsl:apply-templates select="*" mode="block"/>
  </xsl:template>

  <xsl:template match="tei:titlePart" mode="block">
    <xsl:if test="not($clean)">
      <xsl:variable name="main" select="@type = 'main' or (empty(@type) and empty(preceding-sibling::tei:titlePart))"/>
      <xsl:choose>
        <xsl:when test="$main"><tk:block kind="title"><xsl:apply-templates mode="inline"/></tk:block></xsl:when>
        <xsl:otherwise><xsl:call-template name="tk:para"/></xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:byline | tei:docAuthor | tei:docImprint | tei:docDate | tei:docEdition | tei:imprimatur" mode="block">
    <xsl:if test="not($clean)">
      <xsl:call-template name="tk:para"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:trailer" mode="block">
    <xsl:if test="not($clean)">
      <xsl:call-template name="tk:para">
        <xsl:with-param name="align" tunnel="yes" select="'center'"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:p | tei:ab | tei:salute | tei:signed | tei:speaker | tei:stage" mode="block">
    <xsl:call-template name="tk:mixed"/>
  </xsl:template>

  <!-- The same for a paragraph that reads as its text as it stands, by far the commonest kind
       in a novel, made directly: the result is identical, at a fraction of the cost. -->
  <xsl:template match="tei:p[tk:reads-as-text(.)] | tei:ab[tk:reads-as-text(.)]" mode="block">
    <xsl:param name="indent" tunnel="yes" as="xs:integer" select="0"/>
    <xsl:param name="align" tunnel="yes" as="xs:string" select="'left'"/>
    <xsl:variable name="text" select="if ($clean) then translate(., $tk:spaces, $tk:plain-spaces) else string(.)"/>
    <!-- In the reading text the block is normalised here, once (marked so: layout and the
         test for empty blocks then take it as it is). -->
    <xsl:variable name="norm" select="if ($clean) then '' else if ($spaces-present eq '') then normalize-space($text)
      else tk:norm($text)"/>
    <xsl:choose>
      <xsl:when test="$norm ne ''">
        <tk:block kind="para" indent="{$indent}" align="{$align}" normalised="yes"><xsl:value-of select="$norm"/></tk:block>
      </xsl:when>
      <xsl:when test="normalize-space($text)">
        <tk:block kind="para" indent="{$indent}" align="{$align}"><xsl:value-of select="$text"/></tk:block>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- Whether an element's text in this variant is its string value: it holds text alone, or
       (without mention spans) also inline elements that add or drop nothing (mode inline
       renders them by their content) and empty page, column and milestone markers. -->
  <xsl:function name="tk:reads-as-text" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="empty($el/*) or (not($with-spans) and (every $e in $el//* satisfies
      (namespace-uri($e) eq 'http://www.tei-c.org/ns/1.0'
       and (map:contains($tk:transparent-set, local-name($e))
            or (local-name($e) = ('pb', 'cb', 'milestone', 'anchor') and empty($e/node()))))))"/>
  </xsl:function>

  <xsl:variable name="tk:transparent-names" as="xs:string*" select="(
    'hi', 'emph', 'foreign', 'term', 'title', 'soCalled', 'mentioned', 'distinct', 'gloss',
    'persName', 'placeName', 'orgName', 'geogName', 'name', 'rs', 'date', 'time', 'num',
    'measure', 'seg', 'w', 'pc', 'c', 'add', 'unclear', 'q', 'said', 'quote', 'forename',
    'surname', 'roleName', 'addName', 'genName', 'nameLink')"/>
  <xsl:variable name="tk:transparent-set" as="map(xs:string, xs:boolean)" select="tk:name-set($tk:transparent-names)"/>

  <!-- A dateline heads a letter or an article: not running text. -->
  <xsl:template match="tei:dateline" mode="block">
    <xsl:if test="not($clean)">
      <xsl:call-template name="tk:mixed"/>
    </xsl:if>
  </xsl:template>

  <!-- An utterance: who speaks, then what they say ("A: Speech by A."). -->
  <xsl:template match="tei:u" mode="block">
    <xsl:variable name="who" as="text()?">
      <xsl:if test="not($clean) and exists(tk:who(.))"><xsl:value-of select="concat(string-join(tk:who(.), ', '), ': ')"/></xsl:if>
    </xsl:variable>
    <xsl:call-template name="tk:mixed">
      <xsl:with-param name="nodes" select="$who, node()"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Openers, closers, postscripts, speeches: their parts in turn. -->
  <xsl:template match="tei:opener | tei:closer | tei:postscript | tei:argument | tei:sp | tei:address" mode="block">
    <xsl:call-template name="tk:container"/>
  </xsl:template>

  <!-- Block quotations and epigraphs are indented by 4 per level (a quotation inside a cit
       or an epigraph takes the indent of its container). -->
  <xsl:template match="tei:quote | tei:cit | tei:q | tei:said | tei:epigraph" mode="block">
    <xsl:param name="indent" tunnel="yes" select="0"/>
    <xsl:call-template name="tk:container">
      <xsl:with-param name="indent" tunnel="yes" select="if (parent::tei:cit or parent::tei:epigraph) then $indent else $indent + 4"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:lg" mode="block">
    <xsl:call-template name="tk:container"/>
  </xsl:template>

  <!-- Verse lines keep their lines; consecutive lines of a stanza are not separated. -->
  <xsl:template match="tei:l" mode="block">
    <xsl:param name="indent" tunnel="yes" select="0"/>
    <tk:block kind="line" indent="{$indent + 2}" group="{generate-id(..)}"><xsl:apply-templates mode="inline"/></tk:block>
  </xsl:template>

  <xsl:template match="tei:list" mode="block">
    <xsl:apply-templates select="*" mode="block"/>
  </xsl:template>

  <xsl:template match="tei:list/tei:label" mode="block"/>

  <!-- A list item with its number: the preceding <label>, else @n, else its position in an
       ordered list; an unordered item gets a bullet. -->
  <xsl:template match="tei:item" mode="block">
    <xsl:variable name="prev" select="preceding-sibling::*[1][self::tei:label]"/>
    <xsl:variable name="label" select="
      if ($clean) then ''
      else if ($prev) then tk:inline-string($prev)
      else if (normalize-space(@n)) then concat(normalize-space(@n), '.')
      else if (tk:is-ordered(..)) then concat(count(preceding-sibling::tei:item) + 1, '.')
      else '*'"/>
    <xsl:call-template name="tk:mixed">
      <xsl:with-param name="kind" select="'item'"/>
      <xsl:with-param name="label" select="$label"/>
      <xsl:with-param name="hang" select="string-length($label) + 1"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:function name="tk:is-ordered" as="xs:boolean">
    <xsl:param name="list" as="element()"/>
    <xsl:sequence select="lower-case($list/@type) = ('ordered', 'numbered', 'enumerated')
      or matches(string($list/@rend), 'numbered|ordered|decimal|roman|alpha', 'i')"/>
  </xsl:function>

  <xsl:template match="tei:table" mode="block">
    <xsl:apply-templates select="*" mode="block"/>
  </xsl:template>

  <xsl:template match="tei:row" mode="block">
    <tk:block kind="para">
      <xsl:for-each select="tei:cell">
        <xsl:if test="position() gt 1"><xsl:value-of select="if ($clean) then ' ' else ' | '"/></xsl:if>
        <xsl:apply-templates mode="inline"/>
      </xsl:for-each>
    </tk:block>
  </xsl:template>

  <!-- A figure is its description in brackets, with the notes that annotate it. -->
  <xsl:template match="tei:figure" mode="block">
    <xsl:if test="not($clean)">
      <xsl:variable name="desc" as="xs:string*">
        <xsl:for-each select="* except (tei:graphic | tei:figure | tei:binaryObject)">
          <xsl:sequence select="tk:inline-string(.)"/>
        </xsl:for-each>
      </xsl:variable>
      <xsl:variable name="text" select="normalize-space(string-join($desc, ' '))"/>
      <xsl:call-template name="tk:para">
        <xsl:with-param name="content" as="text()">
          <xsl:value-of select="concat('[Figure', if ($text) then concat(': ', $text) else '', ']')"/>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:apply-templates select="tei:figure" mode="block"/>
    </xsl:if>
  </xsl:template>

  <!-- A section break (a row of stars in the source, or a milestone between blocks). -->
  <xsl:template match="tei:milestone" mode="block">
    <xsl:if test="not($clean) and not(lower-case(@unit) = ('page', 'line', 'column', 'folio'))">
      <tk:block kind="stars">*</tk:block>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:gap" mode="block">
    <xsl:if test="not($clean)"><tk:block kind="para">[…]</tk:block></xsl:if>
  </xsl:template>

  <xsl:template match="tei:pb | tei:lb | tei:cb | tei:anchor | tei:fw | tei:graphic | tei:index
    | tei:interpGrp | tei:spanGrp | tei:link | tei:linkGrp | tei:join | tei:joinGrp | tei:alt
    | tei:altGrp | tei:timeline | tei:binaryObject" mode="block"/>

  <!-- A note as a block of its own is printed in place; an endnote met between blocks keeps
       its reference there. -->
  <xsl:template match="tei:note" mode="block">
    <xsl:choose>
      <xsl:when test="$clean"/>
      <xsl:when test="tk:is-endnote(.)">
        <xsl:if test="$with-notes"><tk:block kind="para"><xsl:value-of select="tk:note-label(.)"/></tk:block></xsl:if>
      </xsl:when>
      <xsl:when test="normalize-space(@n)">
        <xsl:variable name="label" select="concat('[', normalize-space(@n), ']')"/>
        <xsl:call-template name="tk:mixed">
          <xsl:with-param name="kind" select="'item'"/>
          <xsl:with-param name="label" select="$label"/>
          <xsl:with-param name="hang" select="string-length($label) + 1"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="tk:mixed"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A bibliography: each entry formatted with a hanging indent, its notes below it. -->
  <xsl:template match="tei:listBibl" mode="block">
    <xsl:if test="not($clean)">
      <xsl:if test="not(tei:head) and not(ancestor::tei:text)">
        <tk:block kind="heading" level="1"><xsl:value-of select="tk:label('page.bibliography')"/></tk:block>
      </xsl:if>
      <xsl:apply-templates select="*" mode="block"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:bibl | tei:biblStruct | tei:biblFull" mode="block">
    <xsl:param name="indent" tunnel="yes" select="0"/>
    <xsl:if test="not($clean)">
      <xsl:variable name="group" select="generate-id()"/>
      <tk:block kind="entry" indent="{$indent}" group="{$group}"><xsl:value-of select="tk:entry-text(.)"/></tk:block>
      <xsl:for-each select=".//tei:note[not(ancestor::tei:note)][not(tk:is-endnote(.))]">
        <xsl:call-template name="tk:mixed">
          <xsl:with-param name="nodes" select="tk:editorial-lead(.), node()"/>
          <xsl:with-param name="kind" select="'item'"/>
          <xsl:with-param name="label" select="'*'"/>
          <xsl:with-param name="hang" select="2"/>
          <xsl:with-param name="indent" tunnel="yes" select="$indent + 4"/>
          <xsl:with-param name="group" select="$group"/>
        </xsl:call-template>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <!-- Registers: one entry per person, place, organisation or event; in an appendix they
       are sorted by name. -->
  <xsl:template match="tei:listPerson | tei:listPlace | tei:listOrg | tei:listEvent" mode="block">
    <xsl:if test="not($clean)">
      <xsl:variable name="nested" select="exists(ancestor::*[self::tei:listPerson or self::tei:listPlace or self::tei:listOrg or self::tei:listEvent])"/>
      <xsl:if test="not(tei:head) and not($nested)">
        <tk:block kind="heading" level="1">
          <xsl:value-of select="tk:label(concat('register.title.', map{'listPerson': 'persons', 'listPlace': 'places',
            'listOrg': 'organisations', 'listEvent': 'events'}(local-name())))"/>
        </tk:block>
      </xsl:if>
      <xsl:apply-templates select="tei:head" mode="block"/>
      <xsl:variable name="entries" select="tei:person | tei:personGrp | tei:place | tei:org | tei:event"/>
      <xsl:for-each select="$entries">
        <xsl:sort select="if (ancestor::tei:text) then '' else tk:sort-key(tk:entry-name(.))"/>
        <tk:block kind="entry"><xsl:value-of select="tk:register-entry(.)"/></tk:block>
        <!-- the entries within an entry (a city in its country, the parts of an event, an
             organisation's members), in their order, each under the one it belongs to -->
        <xsl:variable name="top" select="."/>
        <xsl:for-each select="descendant::*[tk:is-register-entry(.)]">
          <xsl:variable name="depth" select="count(ancestor::*[tk:is-register-entry(.)][. >> $top or . is $top])"/>
          <tk:block kind="entry" indent="{4 * $depth}"><xsl:value-of select="tk:register-entry(.)"/></tk:block>
        </xsl:for-each>
      </xsl:for-each>
      <xsl:apply-templates select="* except (tei:head | $entries)" mode="block"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:listPerson/tei:relation | tei:listRelation | tei:listPerson/tei:listRelation" mode="block"/>

  <!-- Anything else in block position: a container of blocks, or a paragraph of its text. -->
  <xsl:template match="*" mode="block" priority="-1">
    <xsl:call-template name="tk:container"/>
  </xsl:template>

  <!-- The children of a division-like element: runs of inline content (or stray text) form
       paragraphs, other elements are blocks. -->
  <xsl:template name="tk:container">
    <xsl:choose>
      <!-- Most divisions hold blocks only, between white space: there is no run to gather. -->
      <xsl:when test="empty(text()[normalize-space()]) and (every $e in * satisfies not(tk:is-inline($e)))">
        <xsl:apply-templates select="*" mode="block"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:for-each-group select="node()" group-adjacent="tk:is-inline(.)">
          <xsl:choose>
            <!-- the white space between blocks: nothing to make -->
            <xsl:when test="current-grouping-key() and empty(current-group()[not(self::text()) or normalize-space()])"/>
            <xsl:when test="current-grouping-key()">
              <xsl:variable name="content" as="node()*"><xsl:apply-templates select="current-group()" mode="inline"/></xsl:variable>
              <xsl:if test="normalize-space(string-join($content ! string(.), ''))">
                <xsl:call-template name="tk:para"><xsl:with-param name="content" select="$content"/></xsl:call-template>
              </xsl:if>
            </xsl:when>
            <xsl:otherwise>
              <xsl:apply-templates select="current-group()" mode="block"/>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:for-each-group>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:function name="tk:is-inline" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="not($node instance of element())
      or (namespace-uri($node) = 'http://www.tei-c.org/ns/1.0' and map:contains($tk:inline-set, local-name($node))
          and not(tk:has-blocks($node)))"/>
  </xsl:function>

  <xsl:function name="tk:has-blocks" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="exists($el/(tei:p | tei:ab | tei:l | tei:lg | tei:list | tei:table
      | tei:figure | tei:sp | tei:floatingText | tei:listBibl | tei:div))
      or (some $c in $el/(tei:quote | tei:cit | tei:q | tei:said) satisfies tk:has-blocks($c))"/>
  </xsl:function>

  <!-- Inside a paragraph (or item, or note): verse, lists, tables, figures and block
       quotations break it into blocks; everything else flows. -->
  <xsl:function name="tk:is-block-child" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="$node instance of element() and (
      exists($node/(self::tei:p | self::tei:ab | self::tei:l | self::tei:lg | self::tei:list
        | self::tei:table | self::tei:figure | self::tei:floatingText | self::tei:sp
        | self::tei:listBibl | self::tei:listPerson | self::tei:listPlace | self::tei:listOrg
        | self::tei:div))
      or (exists($node/(self::tei:quote | self::tei:cit | self::tei:q | self::tei:said | self::tei:epigraph))
          and tk:has-blocks($node)))"/>
  </xsl:function>

  <!-- Mixed content: a block of kind $kind per run of inline nodes, the first labelled; the
       block children in between rendered as blocks, indented under the label. -->
  <xsl:template name="tk:mixed">
    <xsl:param name="nodes" as="node()*" select="node()"/>
    <xsl:param name="kind" as="xs:string" select="'para'"/>
    <xsl:param name="label" as="xs:string?" select="()"/>
    <xsl:param name="hang" as="xs:integer" select="0"/>
    <xsl:param name="group" as="xs:string?" select="()"/>
    <xsl:param name="indent" tunnel="yes" as="xs:integer" select="0"/>
    <xsl:choose>
      <xsl:when test="empty($label) and not(some $n in $nodes satisfies tk:is-block-child($n))">
        <!-- The common case, a paragraph with no blocks inside: one block, built directly. -->
        <xsl:variable name="content" as="node()*"><xsl:apply-templates select="$nodes" mode="inline"/></xsl:variable>
        <xsl:if test="normalize-space(string-join($content ! string(.), ''))">
          <xsl:call-template name="tk:para">
            <xsl:with-param name="content" select="$content"/>
            <xsl:with-param name="kind" select="$kind"/>
            <xsl:with-param name="group" select="$group"/>
          </xsl:call-template>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="tk:mixed-blocks">
          <xsl:with-param name="nodes" select="$nodes"/>
          <xsl:with-param name="kind" select="$kind"/>
          <xsl:with-param name="label" select="$label"/>
          <xsl:with-param name="hang" select="$hang"/>
          <xsl:with-param name="group" select="$group"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="tk:mixed-blocks">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:param name="kind" as="xs:string"/>
    <xsl:param name="label" as="xs:string?"/>
    <xsl:param name="hang" as="xs:integer"/>
    <xsl:param name="group" as="xs:string?"/>
    <xsl:param name="indent" tunnel="yes" as="xs:integer" select="0"/>
    <xsl:variable name="under" select="$indent + (if ($hang gt 10) then 4 else $hang)"/>
    <xsl:variable name="groups">
      <xsl:for-each-group select="$nodes" group-adjacent="tk:is-block-child(.)">
        <tk:group block="{current-grouping-key()}">
          <xsl:choose>
            <xsl:when test="current-grouping-key()">
              <xsl:apply-templates select="current-group()" mode="block">
                <xsl:with-param name="indent" tunnel="yes" select="$under"/>
              </xsl:apply-templates>
            </xsl:when>
            <xsl:otherwise>
              <xsl:variable name="content" as="node()*"><xsl:apply-templates select="current-group()" mode="inline"/></xsl:variable>
              <xsl:if test="normalize-space(string-join($content ! string(.), ''))">
                <xsl:call-template name="tk:para">
                  <xsl:with-param name="content" select="$content"/>
                  <xsl:with-param name="kind" select="$kind"/>
                  <xsl:with-param name="group" select="$group"/>
                </xsl:call-template>
              </xsl:if>
            </xsl:otherwise>
          </xsl:choose>
        </tk:group>
      </xsl:for-each-group>
    </xsl:variable>
    <xsl:variable name="blocks" select="$groups/tk:group/tk:block"/>
    <xsl:variable name="first" select="$groups/tk:group[tk:block][1]"/>
    <xsl:if test="exists($label) and ($first/@block = 'true' or empty($first))">
      <tk:block kind="{$kind}" label="{$label}" hang="{$hang}" indent="{$indent}">
        <xsl:if test="exists($group)"><xsl:attribute name="group" select="$group"/></xsl:if>
      </tk:block>
    </xsl:if>
    <xsl:for-each select="$blocks">
      <xsl:choose>
        <xsl:when test="exists($label) and parent::tk:group/@block = 'false'">
          <xsl:copy>
            <xsl:copy-of select="@* except (@indent, @label, @hang)"/>
            <xsl:attribute name="indent" select="if (. is $blocks[1]) then $indent else $under"/>
            <xsl:if test=". is $blocks[1]">
              <xsl:attribute name="label" select="$label"/>
              <xsl:attribute name="hang" select="$hang"/>
            </xsl:if>
            <xsl:copy-of select="node()"/>
          </xsl:copy>
        </xsl:when>
        <xsl:otherwise>
          <xsl:sequence select="."/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- One block of inline content (the context element's, unless given). -->
  <xsl:template name="tk:para">
    <xsl:param name="content" as="node()*" select="()"/>
    <xsl:param name="kind" as="xs:string" select="'para'"/>
    <xsl:param name="group" as="xs:string?" select="()"/>
    <xsl:param name="indent" tunnel="yes" as="xs:integer" select="0"/>
    <xsl:param name="align" tunnel="yes" as="xs:string" select="'left'"/>
    <tk:block kind="{$kind}" indent="{$indent}" align="{$align}">
      <xsl:if test="exists($group)"><xsl:attribute name="group" select="$group"/></xsl:if>
      <xsl:choose>
        <xsl:when test="exists($content)"><xsl:sequence select="$content"/></xsl:when>
        <xsl:otherwise><xsl:apply-templates mode="inline"/></xsl:otherwise>
      </xsl:choose>
    </tk:block>
  </xsl:template>

  <!-- ===== bibliography entries ===== -->

  <!-- An entry as a citation. A bibl written with its own punctuation is kept as written; a
       structured one (elements only) is punctuated here: authors. “Article.” Book. Place:
       Publisher, date, pages. Only "ed."/"eds." (editors) and "In" (host item) are added. -->
  <xsl:function name="tk:entry-text" as="xs:string">
    <xsl:param name="b" as="element()"/>
    <xsl:variable name="text" as="xs:string">
      <xsl:choose>
        <xsl:when test="$b/text()[normalize-space()]">
          <xsl:sequence select="normalize-space(string-join($b/node()[not(self::tei:note[not(tk:is-endnote(.))])] ! tk:inline-string-of(.), ''))"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:sequence select="tk:cite(tk:units($b))"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:sequence select="if (matches($text, '[.?!][”’&quot;'')]?$') or $text = '') then $text else concat($text, '.')"/>
  </xsl:function>

  <!-- The parts of a structured entry, flattened, each with its kind. -->
  <xsl:function name="tk:units" as="element(tk:u)*">
    <xsl:param name="b" as="element()"/>
    <xsl:for-each select="$b/*">
      <xsl:choose>
        <xsl:when test="self::tei:note">
          <xsl:if test="$with-notes and tk:is-endnote(.)">
            <tk:u kind="noteref"><xsl:value-of select="tk:note-label(.)"/></tk:u>
          </xsl:if>
        </xsl:when>
        <xsl:when test="self::tei:analytic or self::tei:monogr or self::tei:imprint or self::tei:series">
          <xsl:sequence select="tk:units(.)"/>
        </xsl:when>
        <xsl:when test="self::tei:respStmt">
          <xsl:variable name="resp" select="normalize-space(string-join(tei:resp ! tk:inline-string(.), ', '))"/>
          <xsl:variable name="who" select="normalize-space(string-join((* except tei:resp) ! tk:inline-string(.), ', '))"/>
          <xsl:if test="$resp or $who">
            <tk:u kind="other"><xsl:value-of select="string-join(($resp[. ne ''], $who[. ne '']), ': ')"/></tk:u>
          </xsl:if>
        </xsl:when>
        <xsl:when test="self::tei:relatedItem">
          <xsl:variable name="host" select="(tei:bibl | tei:biblStruct)[1]"/>
          <xsl:if test="$host">
            <tk:u kind="related"><xsl:value-of select="tk:label('text.in', replace(tk:cite(tk:units($host)), '\.$', ''))"/></tk:u>
          </xsl:if>
        </xsl:when>
        <xsl:otherwise>
          <xsl:variable name="text" select="normalize-space(tk:inline-string(.))"/>
          <xsl:if test="$text">
            <tk:u kind="{tk:unit-kind(.)}"><xsl:value-of select="$text"/></tk:u>
          </xsl:if>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:function>

  <xsl:function name="tk:unit-kind" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="
      if ($e/self::tei:author) then 'author'
      else if ($e/self::tei:editor) then 'editor'
      else if ($e/self::tei:title) then (if ($e/@level = ('a', 'u')) then 'title-a' else if ($e/@level = 'j') then 'title-j' else 'title')
      else if ($e/self::tei:pubPlace) then 'place'
      else if ($e/self::tei:publisher or $e/self::tei:distributor) then 'publisher'
      else if ($e/self::tei:date) then 'date'
      else if ($e/(self::tei:biblScope | self::tei:citedRange)) then
        (if ($e/@unit = ('volume', 'vol')) then 'volume' else if ($e/@unit = ('issue', 'number', 'no')) then 'issue' else 'page')
      else 'other'"/>
  </xsl:function>

  <xsl:function name="tk:cite" as="xs:string">
    <xsl:param name="units" as="element(tk:u)*"/>
    <xsl:iterate select="$units">
      <xsl:param name="out" as="xs:string" select="''"/>
      <xsl:param name="prev" as="xs:string" select="''"/>
      <xsl:param name="editors" as="xs:integer" select="0"/>
      <xsl:param name="after-volume" as="xs:boolean" select="false()"/>
      <xsl:on-completion>
        <xsl:sequence select="concat($out, tk:ed-suffix($editors, $prev), if ($prev = 'date' and $after-volume) then ')' else '')"/>
      </xsl:on-completion>
      <xsl:variable name="kind" select="string(@kind)"/>
      <xsl:variable name="text" select="string(.)"/>
      <xsl:variable name="closed" select="concat($out, if ($kind = 'editor') then '' else tk:ed-suffix($editors, $prev))"/>
      <xsl:variable name="sep" select="
        if ($out = '' or $kind = 'noteref') then ''
        else if ($kind = $prev and $kind = ('author', 'editor')) then ', '
        else if ($prev = 'place' and $kind = 'publisher') then ': '
        else if ($prev = ('place', 'publisher') and $kind = 'date') then ', '
        else if ($prev = 'title-j' and $kind = 'volume') then ' '
        else if ($prev = 'title' and $kind = 'volume') then ', '
        else if ($prev = 'date' and not($after-volume) and $kind = 'place') then '; '
        else if ($prev = 'volume' and $kind = 'issue') then ':'
        else if ($prev = ('volume', 'issue') and $kind = 'date') then ' ('
        else if ($prev = 'date' and $after-volume and $kind = 'page') then '): '
        else if ($prev = 'date' and $after-volume) then '). '
        else if ($prev = ('date', 'publisher', 'volume', 'issue', 'page', 'related') and $kind = 'page') then ', '
        else if ($prev = 'title-a') then ' '
        else if (matches($closed, '[.?!:;,]$')) then ' '
        else '. '"/>
      <xsl:variable name="piece" select="if ($kind = 'title-a') then concat('“', $text, if (matches($text, '[.?!]$')) then '' else '.', '”') else $text"/>
      <xsl:next-iteration>
        <xsl:with-param name="out" select="concat($closed, $sep, $piece)"/>
        <xsl:with-param name="prev" select="if ($kind = 'noteref') then $prev else $kind"/>
        <xsl:with-param name="editors" select="if ($kind = 'editor') then $editors + 1 else 0"/>
        <xsl:with-param name="after-volume" select="$kind = ('volume', 'issue') or ($after-volume and $kind = 'date')"/>
      </xsl:next-iteration>
    </xsl:iterate>
  </xsl:function>

  <xsl:function name="tk:ed-suffix" as="xs:string">
    <xsl:param name="editors" as="xs:integer"/>
    <xsl:param name="prev" as="xs:string"/>
    <xsl:sequence select="if ($prev = 'editor' and $editors gt 0) then concat(', ', tk:label(if ($editors gt 1) then 'text.ed.other' else 'text.ed.one')) else ''"/>
  </xsl:function>

  <!-- ===== register entries ===== -->

  <xsl:function name="tk:entry-name" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="names" select="$e/(tei:persName | tei:placeName | tei:orgName | tei:geogName | tei:name | tei:label | tei:eventName)"/>
    <xsl:variable name="main" select="($names[not(@type = ('variant', 'abbreviation', 'alternative', 'full'))], $names)[1]"/>
    <xsl:sequence select="if ($main/tei:surname and $main/tei:forename)
      then normalize-space(concat(string-join($main/tei:surname ! normalize-space(.), ' '), ', ', string-join($main/(tei:forename | tei:nameLink | tei:roleName | tei:addName) ! normalize-space(.), ' ')))
      else normalize-space(tk:inline-string-of($main))"/>
  </xsl:function>

  <xsl:function name="tk:sort-key" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:sequence select="lower-case(replace(normalize-unicode($s, 'NFD'), '\p{Mn}', ''))"/>
  </xsl:function>

  <xsl:function name="tk:year" as="xs:string?">
    <xsl:param name="d" as="element()?"/>
    <xsl:variable name="v" select="string(($d/@when, $d/@notBefore, $d/@from, $d/@notAfter, $d/@to)[1])"/>
    <xsl:sequence select="if (matches($v, '^-?\d{4}')) then replace($v, '^(-?\d{4}).*$', '$1')
      else if ($d and normalize-space($d)) then normalize-space($d) else ()"/>
  </xsl:function>

  <!-- Name (life dates). Description. Also: variant names. Authority identifiers. -->
  <xsl:function name="tk:register-entry" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="name" select="tk:entry-name($e)"/>
    <xsl:variable name="birth" select="tk:year($e/tei:birth[1])"/>
    <xsl:variable name="death" select="tk:year($e/tei:death[1])"/>
    <!-- an event's own dating attributes (a date inside it is one of its facts) -->
    <xsl:variable name="when" select="$e[self::tei:event][exists(tk:date-key(.))] ! tk:date-words(.)"/>
    <xsl:variable name="dates" select="
      if ($birth and $death) then concat(' (', $birth, '–', $death, ')')
      else if ($birth) then concat(' (', tk:label('text.born', $birth), ')')
      else if ($death) then concat(' (', tk:label('text.died', $death), ')')
      else if ($when) then concat(' (', $when, ')') else ''"/>
    <xsl:variable name="main-el" select="($e/(tei:persName | tei:placeName | tei:orgName | tei:geogName | tei:name | tei:label | tei:eventName)[not(@type = ('variant', 'abbreviation', 'alternative', 'full'))], $e/*)[1]"/>
    <xsl:variable name="main-plain" select="normalize-space(tk:inline-string-of($main-el))"/>
    <!-- the other names, each once; a name of a kind ("alternative-name", "historical") with
         its kind, even when it repeats another -->
    <xsl:variable name="variants" select="distinct-values(
      $e/(tei:persName | tei:placeName | tei:orgName | tei:geogName | tei:name)[not(. is $main-el)] !
        (let $t := normalize-space(tk:inline-string-of(.)) return
         if ($t eq '') then ()
         else if (normalize-space(@type) and not(@type = 'variant')) then concat($t, ' (', lower-case(tk:fact-label(.)), ')')
         else if ($t = ($name, $main-plain)) then () else $t))"/>
    <xsl:variable name="desc" select="($e/(tei:note | tei:desc | tei:occupation | tei:p)) ! concat(string(tk:editorial-lead(.[self::tei:note])), tk:inline-string(.))"/>
    <xsl:variable name="ids" select="$e/tei:idno[normalize-space()] ! concat(
      if (normalize-space(@type)) then concat(upper-case(substring(normalize-space(@type), 1, 1)), substring(normalize-space(@type), 2), ': ') else '',
      normalize-space(.))"/>
    <!-- A birth or death that says more than its year (a place), a location's names, and
         whatever else the entry holds: "Label: text". Coordinates and identifiers in a
         location are data. -->
    <xsl:variable name="facts" select="$e/*[not(tk:is-entry-child(.))][normalize-space()] ! (
      let $text := normalize-space(string-join((node() except (tei:geo | tei:idno)) ! tk:inline-string-of(.), '')),
          $when := if (self::tei:birth or self::tei:death or empty(tk:date-key(.))) then () else tk:date-words(.)
      return if ($text eq '' or (self::tei:birth and $text eq $birth) or (self::tei:death and $text eq $death)) then ()
      else concat(tk:fact-label(.), ': ', $text, if ($when) then concat(' (', $when, ')') else ''))"/>
    <xsl:sequence select="string-join((
      concat($name, $dates),
      $desc[. ne ''],
      if (exists($variants)) then tk:label('text.also', string-join($variants, '; ')) else (),
      $facts,
      if (exists($ids)) then string-join($ids, '; ') else ()
      ) ! (if (matches(., '[.?!]$')) then . else concat(., '.')), ' ')"/>
  </xsl:function>

  <!-- A person, place, organisation or event entry (tk:is-entry: a person's own events are
       facts of that entry). -->
  <xsl:function name="tk:is-register-entry" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="tk:is-entry($el) and empty($el/(self::tei:bibl | self::tei:biblStruct))"/>
  </xsl:function>

  <!-- Children of a register entry that tk:register-entry shows in its own way (names,
       description, identifiers) or that are entries of their own. -->
  <xsl:function name="tk:is-entry-child" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="exists($el/(self::tei:persName | self::tei:placeName | self::tei:orgName
      | self::tei:geogName | self::tei:name | self::tei:label | self::tei:eventName | self::tei:note
      | self::tei:desc | self::tei:occupation | self::tei:p | self::tei:idno | self::tei:person
      | self::tei:personGrp | self::tei:place | self::tei:org | self::tei:listPerson
      | self::tei:listPlace | self::tei:listOrg | self::tei:listEvent))
      or tk:is-register-entry($el)"/>
  </xsl:function>


  <!-- ===== inline text ===== -->

  <xsl:function name="tk:inline-string" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="content" as="node()*"><xsl:apply-templates select="$el/node()" mode="inline"/></xsl:variable>
    <xsl:sequence select="normalize-space(string-join($content ! string(.), ''))"/>
  </xsl:function>

  <xsl:function name="tk:inline-string-of" as="xs:string">
    <xsl:param name="node" as="node()?"/>
    <xsl:variable name="content" as="node()*"><xsl:apply-templates select="$node" mode="inline"/></xsl:variable>
    <xsl:sequence select="string-join($content ! string(.), '')"/>
  </xsl:function>

  <!-- In the clean text every space character (no-break, thin...) and line separator is an
       ordinary space. -->
  <xsl:template match="text()" mode="inline">
    <xsl:variable name="t" select="if (tk:at-join(.)) then tk:joined(.) else string(.)"/>
    <xsl:value-of select="if ($clean) then translate($t, $tk:spaces, $tk:plain-spaces) else $t"/>
  </xsl:template>

  <xsl:template match="comment() | processing-instruction()" mode="inline"/>

  <!-- In the clean variant, a mention is wrapped so that its offsets can be measured. -->
  <xsl:template match="tei:*[local-name() = $tk:mention-names]" mode="inline">
    <xsl:choose>
      <xsl:when test="$with-spans">
        <tk:m element="{local-name()}" path="{tk:path(.)}">
          <xsl:for-each select="@xml:id"><xsl:attribute name="id" select="."/></xsl:for-each>
          <xsl:copy-of select="@ref | @key | @type | @when | @from | @to | @notBefore | @notAfter"/>
          <xsl:apply-templates mode="inline"/>
        </tk:m>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates mode="inline"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:note" mode="inline">
    <xsl:if test="$with-notes and tk:is-endnote(.)">
      <xsl:value-of select="tk:note-label(.)"/>
    </xsl:if>
  </xsl:template>

  <!-- A note inside a note is printed in parentheses where it stands. -->
  <xsl:template match="tei:note//tei:note" mode="inline" priority="1">
    <xsl:if test="not($clean)">
      <xsl:text> (</xsl:text><xsl:apply-templates select="tk:editorial-lead(.), node()" mode="inline"/><xsl:text>)</xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- "Editors' note: " (the catalogue's words) before an editorial note's own, as a text
       node; nothing before the author's. -->
  <xsl:function name="tk:editorial-lead" as="text()?">
    <xsl:param name="note" as="element()?"/>
    <xsl:if test="exists($note) and tk:is-editorial($note)">
      <xsl:value-of select="concat(tk:label('note.editorial'), ': ')"/>
    </xsl:if>
  </xsl:function>

  <!-- The reading chosen; in the reading edition, the other follows it in brackets,
       "receive [sic: recieve]". -->
  <xsl:template match="tei:choice" mode="inline">
    <xsl:apply-templates select="*[not(tk:hidden-reading(.))]" mode="inline"/>
    <xsl:if test="not($clean)">
      <xsl:for-each select="*[tk:hidden-reading(.)]">
        <xsl:variable name="other" select="normalize-space(tk:inline-string(.))"/>
        <xsl:if test="$other">
          <xsl:value-of select="concat(' [', tk:reading-label(.), ': ', $other, ']')"/>
        </xsl:if>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <!-- Deleted text: in the reading edition, in ⟦ ⟧ where it stands; not in the clean text. -->
  <xsl:template match="tei:del" mode="inline">
    <xsl:if test="not($clean)">
      <xsl:text>⟦</xsl:text><xsl:apply-templates mode="inline"/><xsl:text>⟧</xsl:text>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:lb" mode="inline">
    <xsl:if test="not(@break = ('no', 'false'))"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>

  <xsl:template match="tei:space" mode="inline">
    <xsl:text> </xsl:text>
  </xsl:template>

  <!-- Block-like elements met inside a line of text keep a space on either side. -->
  <xsl:template match="tei:p | tei:ab | tei:item | tei:l | tei:lg | tei:head | tei:cell | tei:label | tei:row | tei:list | tei:table
    | tei:byline | tei:docAuthor | tei:dateline | tei:salute | tei:signed | tei:trailer | tei:speaker | tei:stage | tei:opener | tei:closer" mode="inline">
    <xsl:text> </xsl:text><xsl:apply-templates mode="inline"/><xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template match="tei:pb | tei:cb | tei:milestone | tei:fw | tei:figure | tei:graphic
    | tei:index | tei:interpGrp | tei:spanGrp | tei:binaryObject" mode="inline"/>

  <xsl:template match="tei:gap" mode="inline">
    <xsl:if test="not($clean)"><xsl:text>[…]</xsl:text></xsl:if>
  </xsl:template>

  <xsl:template match="tei:supplied" mode="inline">
    <xsl:if test="not($clean)"><xsl:text>[</xsl:text></xsl:if>
    <xsl:apply-templates mode="inline"/>
    <xsl:if test="not($clean)"><xsl:text>]</xsl:text></xsl:if>
  </xsl:template>

  <!-- An empty pointer to the outside world (a URL with a scheme) shows its address; internal
       pointers, and project keys without a scheme ("K_7124"), show nothing. -->
  <xsl:template match="tei:ptr | tei:ref[not(normalize-space())]" mode="inline">
    <xsl:variable name="url" select="tk:safe-url(@target)"/>
    <xsl:if test="not($clean) and exists($url) and matches($url, '^[A-Za-z][A-Za-z0-9+.-]*:')">
      <xsl:value-of select="$url"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="*" mode="inline">
    <xsl:apply-templates mode="inline"/>
  </xsl:template>

  <!-- An XPath to the element from the root, with the tei: prefix (lxml-friendly). -->
  <xsl:function name="tk:path" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="string-join(for $a in $el/ancestor-or-self::* return
      concat('/', if (namespace-uri($a) = 'http://www.tei-c.org/ns/1.0') then concat('tei:', local-name($a))
                  else concat('*[local-name()=''', local-name($a), ''']'),
             '[', tk:same-name-position($a), ']'), '')"/>
  </xsl:function>

  <!-- Each element's position among its same-named siblings, for the whole document in one
       pass (counting preceding siblings per element grows with their number squared). -->
  <xsl:variable name="tk:same-name-positions" as="map(xs:string, xs:integer)">
    <xsl:map>
      <xsl:for-each-group select="//*" group-by="generate-id(..) || ' ' || node-name()">
        <xsl:for-each select="current-group()">
          <xsl:map-entry key="generate-id(.)" select="position()"/>
        </xsl:for-each>
      </xsl:for-each-group>
    </xsl:map>
  </xsl:variable>

  <xsl:function name="tk:same-name-position" as="xs:integer">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="if (root($el) is $tk:source)
      then ($tk:same-name-positions(generate-id($el)), count($el/preceding-sibling::*[node-name() eq node-name($el)]) + 1)[1]
      else count($el/preceding-sibling::*[node-name() eq node-name($el)]) + 1"/>
  </xsl:function>

  <!-- ===== clean text: mention spans ===== -->

  <!-- For each mention in the clean blocks, its [start, end) in the clean text (blocks are
       joined by one newline). Offsets follow normalize-space: leading and trailing
       whitespace dropped, each inner run of whitespace one space. -->
  <xsl:function name="tk:spans" as="map(*)*">
    <xsl:param name="lines" as="element(tk:block)*"/>
    <xsl:iterate select="$lines">
      <xsl:param name="offset" as="xs:integer" select="0"/>
      <xsl:variable name="b" select="."/>
      <xsl:if test="$b//tk:m">
        <xsl:variable name="pos" as="map(xs:string, xs:integer*)">
          <xsl:map>
            <xsl:iterate select="$b//text()">
              <xsl:param name="len" as="xs:integer" select="0"/>
              <xsl:param name="pending" as="xs:boolean" select="false()"/>
              <xsl:variable name="core" select="normalize-space(.)"/>
              <xsl:choose>
                <xsl:when test="$core = ''">
                  <xsl:next-iteration>
                    <xsl:with-param name="pending" select="$len gt 0"/>
                  </xsl:next-iteration>
                </xsl:when>
                <xsl:otherwise>
                  <xsl:variable name="start" select="$len + (if ($len gt 0 and ($pending or matches(., '^\s'))) then 1 else 0)"/>
                  <xsl:map-entry key="generate-id(.)" select="($start, $start + string-length($core))"/>
                  <xsl:next-iteration>
                    <xsl:with-param name="len" select="$start + string-length($core)"/>
                    <xsl:with-param name="pending" select="matches(., '\s$')"/>
                  </xsl:next-iteration>
                </xsl:otherwise>
              </xsl:choose>
            </xsl:iterate>
          </xsl:map>
        </xsl:variable>
        <xsl:for-each select="$b//tk:m">
          <xsl:variable name="ts" select=".//text()[normalize-space()]"/>
          <xsl:if test="exists($ts)">
            <xsl:variable name="start" select="$offset + $pos(generate-id($ts[1]))[1]"/>
            <xsl:variable name="end" select="$offset + $pos(generate-id($ts[last()]))[2]"/>
            <xsl:sequence select="map:merge((
              map{'start': $start, 'end': $end, 'text': normalize-space(.),
                  'element': string(@element), 'path': string(@path)},
              for $a in @* except (@element, @path) return map{local-name($a): string($a)}))"/>
          </xsl:if>
        </xsl:for-each>
      </xsl:if>
      <xsl:next-iteration>
        <xsl:with-param name="offset" select="$offset + string-length(normalize-space($b)) + 1"/>
      </xsl:next-iteration>
    </xsl:iterate>
  </xsl:function>

  <!-- ===== pass 2: layout ===== -->

  <!-- A part: its blocks laid out, blank lines between them, none between the lines of one
       group (a stanza; an entry and its notes); as pieces of text to be written in turn. -->
  <xsl:function name="tk:part" as="xs:string*">
    <xsl:param name="blocks" as="element(tk:block)*"/>
    <xsl:variable name="pieces" as="xs:string*">
      <!-- A run of plain paragraphs (normalised, left, unindented, unlabelled, ungrouped) is
           wrapped by one expression: the blocks' lines, a blank line between blocks, exactly
           as block by block, at a fraction of the cost. Other blocks one by one. -->
      <xsl:for-each-group select="$blocks[@normalised or @kind = 'stars' or @label != '' or normalize-space(.)]"
        group-adjacent="tk:is-plain-block(.)">
        <xsl:choose>
          <xsl:when test="current-grouping-key()">
            <xsl:if test="position() gt 1"><xsl:sequence select="concat($NL, $NL)"/></xsl:if>
            <xsl:sequence select="tk:wrap-plain-run(current-group())"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:variable name="first-group" select="position() = 1"/>
            <xsl:iterate select="current-group()">
              <xsl:param name="group" as="xs:string?" select="if ($first-group) then () else ''"/>
              <xsl:if test="position() gt 1 or not($first-group)">
                <xsl:sequence select="if (@group and @group = $group) then $NL else concat($NL, $NL)"/>
              </xsl:if>
              <xsl:sequence select="tk:layout(.)"/>
              <xsl:next-iteration>
                <xsl:with-param name="group" select="string(@group)"/>
              </xsl:next-iteration>
            </xsl:iterate>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:for-each-group>
    </xsl:variable>
    <xsl:sequence select="$pieces"/>
  </xsl:function>

  <xsl:function name="tk:is-plain-block" as="xs:boolean">
    <xsl:param name="b" as="element(tk:block)"/>
    <xsl:sequence select="exists($b/@normalised) and $b/@kind = 'para' and $b/@align = 'left'
      and $b/@indent = '0' and not($b/@label != '') and empty($b/@group)"/>
  </xsl:function>

  <!-- Plain blocks laid out together: joined by line ends, which the expression never crosses
       (multi-line mode: $ matches before each), so each keeps its own lines. -->
  <xsl:function name="tk:wrap-plain-run" as="xs:string">
    <xsl:param name="blocks" as="element(tk:block)+"/>
    <xsl:variable name="broken" select="replace(string-join($blocks ! string(.), $NL),
      concat('(.{1,', $width, '})(?: |$)|(\S{', $width + 1, ',})(?: |$)'), '$1$2&#10;', 'm;j')"/>
    <xsl:sequence select="substring($broken, 1, string-length($broken) - 1)"/>
  </xsl:function>

  <!-- Whitespace as a reader sees it: a run of space characters that holds an ordinary one
       (no-break spaces doubling a sentence space, say) is one space; a run of no-break
       spaces alone stays, and keeps its words together. Line separators (NEL, U+2028,
       U+2029) are ordinary spaces: a plain-text file ends its lines with LF only. -->
  <xsl:function name="tk:norm" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:variable name="n" select="normalize-space(
      if (some $c in $tk:line-separators satisfies contains($s, $c))
      then translate($s, '&#133;&#8232;&#8233;', '   ') else $s)"/>
    <xsl:sequence select="if (every $c in $tk:space-chars satisfies not(contains($n, $c))) then $n
      else string-join(tokenize($n, ' ')
        ! (if (translate(., $tk:spaces, '') eq .) then . else replace(., '^[\p{Zs}\p{Zl}\p{Zp}&#133;]+|[\p{Zs}\p{Zl}\p{Zp}&#133;]+$', ''))
        [. ne ''], ' ')"/>
  </xsl:function>

  <!-- The space characters (Unicode Zs) other than the ordinary space, and the line and
       paragraph separators (NEL, Zl, Zp), which a plain-text file must not hold as line ends. -->
  <xsl:variable name="tk:spaces" as="xs:string"
    select="codepoints-to-string((133, 160, 5760, 8192 to 8202, 8232, 8233, 8239, 8287, 12288))"/>
  <!-- Those the document holds ($spaces-present), one string a character: contains() per
       character finds them in a fraction of the time translate() takes over a whole
       paragraph (most paragraphs have none); and the line separators among them. -->
  <xsl:variable name="tk:space-chars" as="xs:string*"
    select="string-to-codepoints($spaces-present) ! codepoints-to-string(.)"/>
  <xsl:variable name="tk:line-separators" as="xs:string*"
    select="$tk:space-chars[. = ('&#133;', '&#8232;', '&#8233;')]"/>
  <xsl:variable name="tk:plain-spaces" as="xs:string" select="tk:repeat(' ', string-length($tk:spaces))"/>

  <xsl:function name="tk:layout" as="xs:string">
    <xsl:param name="b" as="element(tk:block)"/>
    <xsl:variable name="text" select="if ($b/@normalised) then string($b) else tk:norm(string($b))"/>
    <xsl:variable name="indent" select="tk:repeat(' ', xs:integer(($b/@indent, 0)[1]))"/>
    <xsl:variable name="center" select="$b/@align = 'center'"/>
    <xsl:choose>
      <xsl:when test="$b/@kind = 'title'">
        <xsl:variable name="lines" select="tokenize(tk:wrap($text, '', ''), $NL)"/>
        <xsl:sequence select="string-join(($lines, tk:repeat('=', max((0, $lines ! string-length(.))))) ! tk:center(.), $NL)"/>
      </xsl:when>
      <xsl:when test="$b/@kind = 'heading'">
        <xsl:variable name="lines" select="tokenize(tk:wrap($text, '', ''), $NL)"/>
        <xsl:variable name="char" select="('=', '-', '~')[min((3, xs:integer($b/@level)))]"/>
        <xsl:sequence select="string-join(($lines, tk:repeat($char, min((max((0, $lines ! string-length(.))), $width)))), $NL)"/>
      </xsl:when>
      <xsl:when test="$b/@kind = 'stars'">
        <xsl:sequence select="tk:center('*       *       *')"/>
      </xsl:when>
      <xsl:when test="$b/@kind = 'line' and ($b/@gutter or $b/@shift)">
        <xsl:sequence select="tk:numbered-line($b, $text)"/>
      </xsl:when>
      <xsl:when test="$b/@kind = 'line'">
        <xsl:sequence select="tk:wrap($text, $indent, concat($indent, '    '))"/>
      </xsl:when>
      <xsl:when test="$b/@kind = 'entry'">
        <xsl:sequence select="tk:wrap($text, $indent, concat($indent, '    '))"/>
      </xsl:when>
      <xsl:when test="$b/@label != ''">
        <xsl:variable name="label" select="string($b/@label)"/>
        <!-- The text hangs after the label; after a long label (a word run into the number
             in the source) by 4 only. -->
        <xsl:variable name="wanted" select="max((xs:integer(($b/@hang, 0)[1]), string-length($label) + 1))"/>
        <xsl:variable name="hang" select="if ($wanted gt 10) then 4 else $wanted"/>
        <xsl:sequence select="tk:wrap($text, concat($indent, $label, tk:repeat(' ', max((1, $hang - string-length($label))))), concat($indent, tk:repeat(' ', $hang)))"/>
      </xsl:when>
      <xsl:when test="$center">
        <!-- A centred block of more than one line is set in a narrower measure. -->
        <xsl:variable name="measure" select="if (string-length($text) le $width) then $width else max(($width - 16, 20))"/>
        <xsl:sequence select="string-join(tokenize(tk:wrap-to($text, '', '', $measure), $NL) ! tk:center(.), $NL)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="tk:wrap($text, $indent, $indent)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <xsl:function name="tk:repeat" as="xs:string">
    <xsl:param name="char" as="xs:string"/>
    <xsl:param name="n" as="xs:integer"/>
    <xsl:sequence select="string-join((for $i in 1 to $n return $char), '')"/>
  </xsl:function>

  <xsl:function name="tk:center" as="xs:string">
    <xsl:param name="line" as="xs:string"/>
    <xsl:sequence select="concat(tk:repeat(' ', max((0, ($width - string-length($line)) idiv 2))), $line)"/>
  </xsl:function>

  <!-- Greedy word wrap to $width: $first prefixes the first line, $rest the others. A token
       longer than the line gets a line of its own (after a label, the next line). -->
  <xsl:function name="tk:wrap" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="first" as="xs:string"/>
    <xsl:param name="rest" as="xs:string"/>
    <xsl:sequence select="tk:wrap-to($text, $first, $rest, $width)"/>
  </xsl:function>

  <xsl:function name="tk:wrap-to" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="first" as="xs:string"/>
    <xsl:param name="rest" as="xs:string"/>
    <xsl:param name="width" as="xs:integer"/>
    <!-- Greedy wrap by regular expression (much faster than word by word): each line is
         the longest run of words that fits, or one word longer than the line on its own. -->
    <xsl:variable name="t" select="if (contains($text, '  ') or starts-with($text, ' ') or ends-with($text, ' '))
      then string-join(tokenize($text, ' ')[. ne ''], ' ') else $text"/>
    <xsl:variable name="bare-first" select="if (normalize-space($first) eq '') then '' else replace($first, '\s+$', '')"/>
    <xsl:choose>
      <xsl:when test="$first eq $rest and $bare-first eq ''">
        <!-- every line alike (no label): one pass of the line-breaking expression -->
        <xsl:sequence select="string-join(tk:wrap-lines($t, $rest, $width), $NL)"/>
      </xsl:when>
      <xsl:when test="$t eq ''">
        <xsl:sequence select="$bare-first"/>
      </xsl:when>
      <xsl:when test="normalize-space($first) ne ''
                      and string-length($first) + string-length(substring-before(concat($t, ' '), ' ')) gt $width">
        <!-- a label whose first word does not fit beside it stands on a line of its own -->
        <xsl:sequence select="string-join(($bare-first, tk:wrap-lines($t, $rest, $width)), $NL)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="room" select="max((1, $width - string-length($first)))"/>
        <xsl:variable name="line1" select="replace($t, concat('^(\S{', $room + 1, ',}|.{1,', $room, '})(?: |$).*$'), '$1', ';j')"/>
        <xsl:variable name="remainder" select="substring($t, string-length($line1) + 2)"/>
        <xsl:sequence select="string-join((concat($first, $line1), tk:wrap-lines($remainder, $rest, $width)), $NL)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- The lines of $t (single-spaced) wrapped to $width, each with $prefix, as one string.
       $prefix is an indent, spaces only (every caller's; anything else would be read as part
       of the replacement). One replace puts each line break and the next line's prefix in
       place. The
       expression has no construct whose meaning differs between XPath and Java regular
       expressions for such text (no line terminators are left in it; both count code
       points), so Saxon's ";j" flag runs it on the Java engine, more than twice as fast. -->
  <xsl:function name="tk:wrap-lines" as="xs:string?">
    <xsl:param name="t" as="xs:string"/>
    <xsl:param name="prefix" as="xs:string"/>
    <xsl:param name="width" as="xs:integer"/>
    <xsl:if test="$t ne ''">
      <xsl:variable name="room" select="max((1, $width - string-length($prefix)))"/>
      <xsl:variable name="pattern" select="concat('(.{1,', $room, '})(?: |$)|(\S{', $room + 1, ',})(?: |$)')"/>
      <xsl:variable name="sep" select="concat($NL, $prefix)"/>
      <xsl:variable name="broken" select="replace($t, $pattern, concat('$1$2', $sep), ';j')"/>
      <xsl:sequence select="concat($prefix, substring($broken, 1, string-length($broken) - string-length($sep)))"/>
    </xsl:if>
  </xsl:function>

</xsl:stylesheet>
