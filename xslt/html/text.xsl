<?xml version="1.0" encoding="UTF-8"?>
<!--
  The text flow (default mode): divisions, headings, paragraphs, quotations, lists, verse,
  names, dates, readings, links. Included by html.xsl.

  Every element that is a passage (a child of a division: a paragraph, a block quotation,
  a list ...) gets an HTML id from tk:id, so that permalinks, "mentioned in" links, search
  results and the timeline can point at it.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <!-- ==== Passages ==== -->

  <xsl:function name="tk:is-container" as="xs:boolean">
    <xsl:param name="el" as="element()?"/>
    <xsl:sequence select="exists($el/(self::tei:div | self::tei:div1 | self::tei:div2 | self::tei:div3
      | self::tei:div4 | self::tei:div5 | self::tei:div6 | self::tei:div7 | self::tei:body
      | self::tei:front | self::tei:back | self::tei:group))"/>
  </xsl:function>

  <!-- The passage a node belongs to: its endnote, else the child of a division holding it
       (a heading stands for its division), else its division. -->
  <xsl:function name="tk:passage" as="element()">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="note" select="($node/ancestor-or-self::tei:note[tk:is-endnote(.)])[1]"/>
    <xsl:variable name="child" select="$node/ancestor-or-self::*[exists(parent::*[tk:is-container(.)])][1]"/>
    <xsl:sequence select="
      if ($note) then $note
      else if ($child/self::tei:head or $child/self::tei:pb or $child/self::tei:milestone) then $child/..
      else if ($child) then $child
      else ($node/ancestor-or-self::*[tk:is-container(.)][1], $node/ancestor-or-self::*[last()])[1]"/>
  </xsl:function>

  <!-- Elements that carry an HTML id: passages, divisions, and anything with an xml:id
       (the first, when an id is repeated). -->
  <xsl:function name="tk:has-anchor" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="
      if ($el/@xml:id) then key('tk:by-id', string($el/@xml:id), root($el))[1] is $el
      else (tk:is-container($el) and not($el/self::tei:body | $el/self::tei:front | $el/self::tei:back))
        or (exists($el/parent::*[tk:is-container(.)]) and not($el/self::tei:head | $el/self::tei:pb
            | $el/self::tei:milestone | $el/self::tei:lb | $el/self::tei:note | $el/self::tei:anchor))"/>
  </xsl:function>

  <!-- A short human label for a passage: "note 12", "II.a ¶ 3", "Dedication". -->
  <xsl:function name="tk:passage-label" as="xs:string" cache="yes">
    <xsl:param name="p" as="element()"/>
    <xsl:variable name="div" select="$p/ancestor-or-self::*[tk:is-container(.)][not(self::tei:body | self::tei:front | self::tei:back)][1]"/>
    <xsl:variable name="where" select="
      if ($div) then tk:division-label($div)
      else if ($p/ancestor-or-self::tei:front) then tk:label('passage.front')
      else if ($p/ancestor-or-self::tei:back) then tk:label('passage.back') else tk:label('passage.text')"/>
    <xsl:sequence select="
      if ($p/self::tei:note) then tk:label('passage.note', tk:note-label($p))
      else if (tk:is-container($p)) then $where
      else if ($p/self::tei:titlePage) then tk:label('passage.titlepage')
      else concat($where, ' ¶ ', tk:block-ordinal($p))"/>
  </xsl:function>

  <!-- A passage's number among the text blocks of its parent, computed for the whole document
       in one pass (counting preceding siblings per passage grows with their number squared). -->
  <xsl:variable name="tk:block-ordinals" as="map(xs:string, xs:integer)">
    <xsl:map>
      <xsl:for-each select="//*[*[tk:is-text-block(.)]]">
        <xsl:for-each select="*[tk:is-text-block(.)]">
          <xsl:map-entry key="generate-id(.)" select="position()"/>
        </xsl:for-each>
      </xsl:for-each>
    </xsl:map>
  </xsl:variable>

  <xsl:function name="tk:block-ordinal" as="xs:integer">
    <xsl:param name="p" as="element()"/>
    <xsl:sequence select="if (root($p) is $tk:source) then
        ($tk:block-ordinals(generate-id($p)), count($p/preceding-sibling::*[tk:is-text-block(.)]) + 1)[1]
      else count($p/preceding-sibling::*[tk:is-text-block(.)]) + 1"/>
  </xsl:function>

  <!-- Paragraph-like children of a division (they are counted by passage labels). -->
  <xsl:function name="tk:is-text-block" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="exists($el/(self::tei:p | self::tei:ab | self::tei:quote | self::tei:cit
      | self::tei:lg | self::tei:list | self::tei:table | self::tei:figure | self::tei:sp
      | self::tei:l | self::tei:q | self::tei:said | self::tei:floatingText))"/>
  </xsl:function>

  <!-- "II.a" from division numbers; the heading (shortened) where there are none. -->
  <xsl:function name="tk:division-label" as="xs:string" cache="yes">
    <xsl:param name="div" as="element()"/>
    <xsl:variable name="chain" select="$div/ancestor-or-self::*[tk:is-container(.)][not(self::tei:body | self::tei:front | self::tei:back | self::tei:group)]"/>
    <xsl:variable name="head" select="tk:head-text($div)"/>
    <xsl:sequence select="
      if (every $d in $chain satisfies normalize-space($d/@n)) then string-join($chain/normalize-space(@n), '.')
      else if (string-length($head) gt 48) then concat(substring($head, 1, 45), '…')
      else $head"/>
  </xsl:function>

  <!-- id and lang attributes, for every element template. -->
  <xsl:template name="tk:attrs">
    <xsl:if test="tk:has-anchor(.)"><xsl:attribute name="id" select="tk:id(.)"/></xsl:if>
    <xsl:if test="@xml:lang">
      <xsl:attribute name="lang" select="tk:bcp47(@xml:lang)"/>
      <xsl:variable name="dir" select="tk:dir(@xml:lang)"/>
      <xsl:if test="$dir ne tk:dir((ancestor::*[@xml:lang][1]/@xml:lang, tk:language(.))[1])">
        <xsl:attribute name="dir" select="$dir"/>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- lang (and dir) for words of the interface written inside a region of another language
       (the contents' heading of an English text under an Arabic interface): the interface's
       own, so that they are read and laid out as what they are. The region's language is
       $region-lang, by default that of the context node (its nearest xml:lang, else the
       document's); nothing is written where the two are the same language. -->
  <xsl:template name="tk:ui-lang-attributes">
    <xsl:param name="region-lang" as="xs:string?"
      select="if (. instance of node()) then tk:bcp47((ancestor-or-self::*[@xml:lang][1]/@xml:lang, tk:language(.))[1]) else ()"/>
    <xsl:if test="exists($region-lang) and lower-case(tokenize($region-lang, '-')[1]) ne lower-case(tokenize($tk:ui-lang, '-')[1])">
      <xsl:attribute name="lang" select="$tk:ui-lang"/>
      <xsl:if test="tk:dir($region-lang) ne $tk:ui-dir"><xsl:attribute name="dir" select="$tk:ui-dir"/></xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- HTML wants BCP 47 language tags, which use the two-letter ISO 639-1 code where there
       is one; TEI files often carry ISO 639-2 codes ("fre", "lat", "eng"). -->
  <xsl:variable name="tk:iso639-2to1" as="map(xs:string, xs:string)" select="map{
    'alb': 'sq', 'ara': 'ar', 'arm': 'hy', 'baq': 'eu', 'bre': 'br', 'bul': 'bg', 'cat': 'ca',
    'ces': 'cs', 'chi': 'zh', 'cor': 'kw', 'cym': 'cy', 'cze': 'cs', 'dan': 'da', 'deu': 'de',
    'dut': 'nl', 'ell': 'el', 'eng': 'en', 'est': 'et', 'eus': 'eu', 'fas': 'fa', 'fin': 'fi',
    'fra': 'fr', 'fre': 'fr', 'geo': 'ka', 'ger': 'de', 'gla': 'gd', 'gle': 'ga', 'glg': 'gl',
    'glv': 'gv', 'gre': 'el', 'heb': 'he', 'hin': 'hi', 'hrv': 'hr', 'hun': 'hu', 'hye': 'hy',
    'ice': 'is', 'isl': 'is', 'ita': 'it', 'jpn': 'ja', 'kat': 'ka', 'lat': 'la', 'lav': 'lv',
    'lit': 'lt', 'mac': 'mk', 'may': 'ms', 'mkd': 'mk', 'msa': 'ms', 'nld': 'nl', 'nor': 'no',
    'oci': 'oc', 'per': 'fa', 'pol': 'pl', 'por': 'pt', 'ron': 'ro', 'rum': 'ro', 'rus': 'ru',
    'san': 'sa', 'slk': 'sk', 'slo': 'sk', 'slv': 'sl', 'spa': 'es', 'sqi': 'sq', 'srp': 'sr',
    'swe': 'sv', 'tur': 'tr', 'ukr': 'uk', 'wel': 'cy', 'yid': 'yi', 'zho': 'zh'}"/>

  <xsl:function name="tk:bcp47" as="xs:string">
    <xsl:param name="code" as="xs:string?"/>
    <xsl:variable name="c" select="normalize-space($code)"/>
    <xsl:variable name="primary" select="lower-case(tokenize($c, '-')[1])"/>
    <xsl:sequence select="if (map:contains($tk:iso639-2to1, $primary))
      then string-join(($tk:iso639-2to1($primary), tail(tokenize($c, '-'))), '-')
      else if (map:contains($tk:language-names, $primary)) then $tk:language-names($primary)
      else if (matches($c, '^([A-Za-z]{2,3}|[xX])(-[A-Za-z0-9]{1,8})*$')) then $c else ''"
      xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
  </xsl:function>

  <!-- Language names some projects write in @xml:lang ("german"), as BCP 47 tags; any other
       value that is not a well-formed tag with a two- or three-letter language is dropped
       (lang=""), since a browser or reading system cannot use it. -->
  <xsl:variable name="tk:language-names" as="map(xs:string, xs:string)" select="map{
    'german': 'de', 'deutsch': 'de', 'english': 'en', 'french': 'fr', 'latin': 'la',
    'greek': 'el', 'italian': 'it', 'spanish': 'es', 'dutch': 'nl', 'arabic': 'ar',
    'hebrew': 'he', 'syriac': 'syr', 'russian': 'ru', 'polish': 'pl', 'czech': 'cs'}"/>

  <!-- Text direction for a language tag: its script subtag decides where there is one
       (ar-Latn is left to right), else its language. -->
  <xsl:variable name="tk:rtl-scripts" select="('arab', 'hebr', 'syrc', 'thaa', 'nkoo', 'phnx',
    'samr', 'mand', 'adlm', 'rohg', 'armi', 'nbat', 'palm', 'sarb', 'narb', 'avst', 'phli')"/>
  <xsl:variable name="tk:rtl-languages" select="('ar', 'he', 'yi', 'fa', 'ur', 'ps', 'sd', 'ug',
    'dv', 'ckb', 'syr', 'syc', 'arc', 'xpu', 'phn', 'ota', 'prs', 'pnb', 'ks', 'ji', 'iw', 'lad',
    'jrb', 'jpr', 'ara', 'heb', 'per', 'fas', 'urd', 'yid', 'arz', 'apc', 'acm', 'ajp', 'ary',
    'aeb', 'ayl', 'sam', 'mid', 'bal', 'azb', 'glk', 'mzn', 'lrc', 'bqi', 'hbo', 'jbe')"/>

  <xsl:function name="tk:dir" as="xs:string">
    <xsl:param name="code" as="xs:string?"/>
    <xsl:variable name="parts" select="tokenize(lower-case(normalize-space($code)), '-')"/>
    <xsl:variable name="script" select="$parts[position() gt 1][string-length(.) eq 4][1]"/>
    <xsl:sequence select="if (exists($script)) then (if ($script = $tk:rtl-scripts) then 'rtl' else 'ltr')
      else if ($parts[1] = $tk:rtl-languages) then 'rtl' else 'ltr'"/>
  </xsl:function>

  <!-- The permalink that ends a heading or an entry (a division's heading, a register entry's
       name, a bibliography entry): a space and the ¶ link to $id, for the pointer only (the
       heading is reached from the contents, and a screen reader would read "permalink" in
       every heading). The EPUB stylesheet overrides it with nothing. -->
  <xsl:template name="tk:heading-permalink">
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="label" as="xs:string"/>
    <xsl:text> </xsl:text>
    <a class="permalink" href="#{$id}" aria-hidden="true" tabindex="-1" title="{tk:label('permalink', $label)}">¶</a>
  </xsl:template>

  <!-- A passage's permalink: its number, shown in the margin (the number passage labels and
       citations give: "III.c ¶ 3" is the division's third block), which offers a citation of
       the passage when followed (edition.js). The EPUB stylesheet overrides it with nothing. -->
  <xsl:template name="tk:permalink">
    <xsl:if test="tk:has-anchor(.)">
      <xsl:call-template name="tk:passage-number">
        <xsl:with-param name="id" select="tk:id(.)"/>
        <xsl:with-param name="passage" select="tk:passage(.)"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="tk:passage-number">
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="passage" as="element()"/>
    <xsl:variable name="label" select="tk:passage-label($passage)"/>
    <xsl:text> </xsl:text>
    <a class="permalink pnum" href="#{$id}" aria-label="{tk:label('paragraph.cite', $label)}" data-passage="{$label}">
      <xsl:value-of select="if (tk:is-text-block($passage) and $passage/parent::*[tk:is-container(.)]) then tk:block-ordinal($passage) else '¶'"/>
    </a>
  </xsl:template>

  <!-- ==== Block structure ==== -->

  <!-- Elements rendered as HTML blocks; a p holding one becomes a div. -->
  <xsl:function name="tk:is-block" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="exists($el/(self::tei:list | self::tei:table | self::tei:lg | self::tei:figure
      | self::tei:floatingText | self::tei:sp | self::tei:listBibl | self::tei:listPerson
      | self::tei:listPlace | self::tei:listOrg | self::tei:listEvent | self::tei:p | self::tei:ab | self::tei:byline
      | self::tei:docImprint | self::tei:docDate | self::tei:docEdition | self::tei:dateline
      | self::tei:salute | self::tei:signed | self::tei:trailer | self::tei:argument
      | self::tei:epigraph | self::tei:imprimatur | self::tei:opener | self::tei:closer
      | self::tei:postscript | self::tei:stage | self::tei:speaker | self::tei:address
      | self::tei:titlePage | self::tei:docTitle | self::tei:titlePart | self::tei:div))
      or tk:is-block-quote($el)"/>
  </xsl:function>

  <!-- A quote or cit that stands between paragraphs, or holds paragraphs, verse or a list. -->
  <xsl:function name="tk:is-block-quote" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="exists($el/(self::tei:quote | self::tei:cit))
      and (exists($el/parent::*[tk:is-container(.)]) or exists($el/parent::tei:figure | $el/parent::tei:epigraph | $el/parent::tei:cit[tk:is-block-quote(.)])
           or exists($el/(tei:p | tei:ab | tei:lg | tei:list | tei:table | tei:sp | tei:quote[tei:p])))"/>
  </xsl:function>

  <!-- Whether an element holds a block (outside its notes, which become references). -->
  <xsl:function name="tk:has-block" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="some $d in $el//*[tk:is-block(.)]
      satisfies not($d/ancestor::tei:note[. >> $el])"/>
  </xsl:function>

  <xsl:template match="tei:text">
    <article class="text">
      <xsl:call-template name="tk:attrs"/>
      <!-- a component of a corpus is known by its TEI's id -->
      <xsl:if test="not(@xml:id) and parent::tei:TEI[parent::tei:teiCorpus]">
        <xsl:attribute name="id" select="tk:id(..)"/>
      </xsl:if>
      <!-- the document's language, where the interface speaks another -->
      <xsl:variable name="doc-lang" select="if (@xml:lang) then () else tk:bcp47(tk:language(.))"/>
      <xsl:if test="$doc-lang and $doc-lang ne $tk:ui-lang">
        <xsl:attribute name="lang" select="$doc-lang"/>
        <xsl:if test="tk:dir($doc-lang) ne $tk:ui-dir"><xsl:attribute name="dir" select="tk:dir($doc-lang)"/></xsl:if>
      </xsl:if>
      <xsl:call-template name="tk:text-header"/>
      <xsl:call-template name="tk:genre-front"/>
      <xsl:apply-templates select="tei:front"/>
      <xsl:call-template name="tk:toc"/>
      <xsl:apply-templates select="tei:body | tei:group"/>
      <xsl:apply-templates select="tei:back"/>
      <xsl:call-template name="tk:genre-back"/>
      <xsl:call-template name="tk:endnotes"/>
    </article>
  </xsl:template>

  <!-- The heading of a text: its title, subtitle and authors (unless it has a title page),
       and for a component of a corpus, what its own header says of it (tk:header-summary).
       $id: an id for the heading (the EPUB gives it the component's). -->
  <xsl:template name="tk:text-header">
    <xsl:param name="id" as="xs:string?" select="()"/>
    <xsl:variable name="component" select="parent::tei:TEI[parent::tei:teiCorpus]"/>
    <xsl:if test="not(tei:front/tei:titlePage) or $component">
      <header class="doc-header">
        <xsl:if test="exists($id)"><xsl:attribute name="id" select="$id"/></xsl:if>
        <xsl:if test="not(tei:front/tei:titlePage)">
          <h1><xsl:value-of select="tk:title(.)"/></h1>
          <xsl:for-each select="tk:subtitle(.)"><p class="subtitle"><xsl:value-of select="."/></p></xsl:for-each>
          <xsl:for-each select="tk:authors(.)"><p class="author"><xsl:value-of select="."/></p></xsl:for-each>
        </xsl:if>
        <xsl:variable name="summary" select="if ($component) then tk:header-summary($component) else ()"/>
        <xsl:if test="exists($summary)">
          <dl class="header-summary">
            <xsl:for-each select="$summary">
              <dt><xsl:value-of select="?1"/></dt><dd><xsl:value-of select="?2"/></dd>
            </xsl:for-each>
          </dl>
        </xsl:if>
      </header>
    </xsl:if>
  </xsl:template>

  <xsl:template name="tk:toc">
    <xsl:variable name="divs" select="tei:body/tk:toc-divs(.)"/>
    <xsl:variable name="back" select="tei:back/tk:toc-divs(.)"/>
    <xsl:if test="count($divs) gt 1 or $divs/tei:div or exists($back)">
      <nav class="toc" aria-labelledby="toc-title">
        <h2 id="toc-title"><xsl:call-template name="tk:ui-lang-attributes"/><xsl:value-of select="tk:label('nav.contents')"/></h2>
        <xsl:call-template name="tk:toc-list">
          <xsl:with-param name="divs" select="$divs, $back"/>
          <xsl:with-param name="notes" select="exists($tk:endnotes[ancestor::tei:text[1] is current()])"/>
        </xsl:call-template>
      </nav>
    </xsl:if>
  </xsl:template>

  <xsl:template name="tk:toc-list">
    <xsl:param name="tk:page" as="xs:string?" tunnel="yes"/>
    <xsl:param name="divs" as="element()*"/>
    <xsl:param name="notes" as="xs:boolean" select="false()"/>
    <ol>
      <xsl:for-each select="$divs">
        <li>
          <a href="{tk:relative(tk:passage-href(tk:id(.)), $tk:page)}"><xsl:value-of select="tk:head-text(.)"/></a>
          <xsl:if test="tk:toc-divs(.)">
            <xsl:call-template name="tk:toc-list"><xsl:with-param name="divs" select="tk:toc-divs(.)"/></xsl:call-template>
          </xsl:if>
        </li>
      </xsl:for-each>
      <xsl:if test="$notes"><li><a href="{tk:relative(tk:passage-href(tk:notes-id(ancestor-or-self::tei:text[1])), $tk:page)}"><xsl:call-template name="tk:ui-lang-attributes"/><xsl:value-of select="tk:label('notes.title')"/></a></li></xsl:if>
    </ol>
  </xsl:template>

  <xsl:template match="tei:front | tei:body | tei:back">
    <div class="{local-name()}">
      <xsl:call-template name="tk:attrs"/>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="tei:group">
    <div class="group">
      <xsl:call-template name="tk:attrs"/>
      <xsl:apply-templates select="*"/>
    </div>
  </xsl:template>

  <!-- A text of a group (an article of a journal volume): a section with its id, so that
       links and the EPUB's contents can point at it. -->
  <xsl:template match="tei:group/tei:text" priority="2">
    <section class="text">
      <xsl:call-template name="tk:attrs"/>
      <xsl:apply-templates select="tei:front | tei:body | tei:group | tei:back"/>
    </section>
  </xsl:template>

  <xsl:template match="tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7">
    <section class="{string-join(('div', tk:class-token(@type)), ' ')}">
      <xsl:call-template name="tk:attrs"/>
      <xsl:call-template name="tk:division-attributes"/>
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <!-- Attributes a format adds to a division's section (after its id and lang): none here;
       the EPUB stylesheet adds its structural semantics. -->
  <xsl:template name="tk:division-attributes"/>

  <!-- A class name from a TEI value: letters, digits and hyphens only, else nothing. -->
  <xsl:function name="tk:class-token" as="xs:string?">
    <xsl:param name="value" as="xs:string?"/>
    <xsl:variable name="v" select="lower-case(normalize-space($value))"/>
    <xsl:sequence select="if (matches($v, '^[a-z][a-z0-9\-]{0,39}$')) then $v else ()"/>
  </xsl:function>

  <!-- Heading level follows nesting depth: h2 for top divisions, down to h6. -->
  <xsl:template match="tei:head">
    <xsl:variable name="div" select="parent::*[tk:is-container(.)]"/>
    <xsl:variable name="depth" select="count(ancestor::*[tk:is-container(.)][not(self::tei:body | self::tei:front | self::tei:back | self::tei:group)])"/>
    <xsl:choose>
      <xsl:when test="$div and not(preceding-sibling::tei:head)">
        <xsl:element name="h{min((max((1, $depth)) + 1, 6))}">
          <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
          <xsl:apply-templates/>
          <xsl:if test="tk:has-anchor($div)">
            <xsl:call-template name="tk:heading-permalink">
              <xsl:with-param name="id" select="tk:id($div)"/>
              <xsl:with-param name="label" select="tk:division-label($div)"/>
            </xsl:call-template>
          </xsl:if>
        </xsl:element>
      </xsl:when>
      <xsl:otherwise>
        <p class="head"><xsl:call-template name="tk:attrs"/><xsl:apply-templates/></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The commonest paragraph: in a division, outside any note, without an xml:id and with no
       block inside. The general rule below makes the same of it, but tests what cannot apply
       here: the paragraph is a passage (its id is its tk:id, its permalink its own) and is not
       nested in a phrase (its division is a block between it and any ancestor). -->
  <xsl:template match="tei:p[parent::tei:div][not(@xml:id)] | tei:ab[parent::tei:div][not(@xml:id)]" priority="1">
    <xsl:choose>
      <xsl:when test="ancestor::tei:note or tk:has-block(.)"><xsl:next-match/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="id" select="tk:id(.)"/>
        <p id="{$id}">
          <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="tk:bcp47(@xml:lang)"/></xsl:if>
          <xsl:apply-templates/>
          <xsl:call-template name="tk:passage-number">
            <xsl:with-param name="id" select="$id"/>
            <xsl:with-param name="passage" select="."/>
          </xsl:call-template>
        </p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:p | tei:ab">
    <xsl:choose>
      <xsl:when test="tk:has-block(.)">
        <div class="p">
          <xsl:call-template name="tk:attrs"/>
          <xsl:apply-templates/>
          <xsl:call-template name="tk:permalink"/>
        </div>
      </xsl:when>
      <xsl:when test="ancestor::*[self::tei:p or self::tei:ab or self::tei:l or self::tei:head or self::tei:hi or self::tei:title or self::tei:label][not(tk:has-block(.))]">
        <span class="p"><xsl:call-template name="tk:attrs"/><xsl:apply-templates/></span>
      </xsl:when>
      <xsl:otherwise>
        <p>
          <xsl:call-template name="tk:attrs"/>
          <xsl:apply-templates/>
          <xsl:call-template name="tk:permalink"/>
        </p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:quote | tei:cit">
    <xsl:choose>
      <xsl:when test="tk:is-block-quote(.)">
        <blockquote class="{local-name()}">
          <xsl:call-template name="tk:attrs"/>
          <xsl:choose>
            <xsl:when test="tk:has-block(.)"><xsl:apply-templates/></xsl:when>
            <xsl:otherwise><p><xsl:apply-templates/></p></xsl:otherwise>
          </xsl:choose>
          <xsl:call-template name="tk:permalink"/>
        </blockquote>
      </xsl:when>
      <xsl:otherwise>
        <!-- Inline quotations: the marks are part of the transcribed text, so none are added. -->
        <span class="{local-name()}"><xsl:call-template name="tk:attrs"/><xsl:apply-templates/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- An utterance (a parliamentary speech, an interview): a block opened by who speaks,
       linked to their register entry where there is one. -->
  <xsl:template match="tei:u">
    <xsl:param name="tk:page" as="xs:string?" tunnel="yes"/>
    <div class="u">
      <xsl:call-template name="tk:attrs"/>
      <xsl:variable name="u" select="."/>
      <xsl:variable name="names" select="tk:who(.)"/>
      <xsl:if test="exists($names)">
        <span class="speaker">
          <xsl:for-each select="tokenize(normalize-space(@who))">
            <xsl:variable name="i" select="position()"/>
            <xsl:variable name="href" select="if (starts-with(., '#')) then tk:entity-href(substring(., 2)) else ()"/>
            <xsl:if test="$i gt 1">, </xsl:if>
            <xsl:choose>
              <xsl:when test="exists($href)"><a class="name pers" href="{tk:relative($href, $tk:page)}"><xsl:value-of select="$names[$i]"/></a></xsl:when>
              <xsl:otherwise><xsl:value-of select="$names[$i]"/></xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </span>
        <xsl:text>: </xsl:text>
      </xsl:if>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="tei:q | tei:said">
    <span class="{local-name()}"><xsl:call-template name="tk:attrs"/><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:list">
    <xsl:variable name="labelled" select="exists(tei:label)"/>
    <xsl:variable name="ordered" select="@type = ('ordered', 'numbered') or $labelled"/>
    <xsl:apply-templates select="tei:head"/>
    <xsl:element name="{if ($ordered) then 'ol' else 'ul'}">
      <xsl:attribute name="class" select="string-join(('list', tk:class-token(@type), if ($labelled) then 'labelled' else ()), ' ')"/>
      <xsl:call-template name="tk:attrs"/>
      <xsl:apply-templates select="tei:item"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:list/tei:head">
    <p class="list-head"><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template match="tei:item">
    <li>
      <xsl:call-template name="tk:attrs"/>
      <xsl:if test="preceding-sibling::*[1][self::tei:label]">
        <span class="label"><xsl:apply-templates select="preceding-sibling::*[1]/node()"/></span>
        <xsl:text> </xsl:text>
      </xsl:if>
      <xsl:apply-templates/>
    </li>
  </xsl:template>

  <xsl:template match="tei:label">
    <span class="label"><xsl:call-template name="tk:attrs"/><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:lg">
    <div class="lg">
      <xsl:call-template name="tk:attrs"/>
      <xsl:apply-templates/>
      <xsl:call-template name="tk:permalink"/>
    </div>
  </xsl:template>

  <xsl:template match="tei:lg/tei:head" priority="2">
    <p class="head"><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template match="tei:l">
    <span class="l"><xsl:call-template name="tk:attrs"/><xsl:apply-templates/></span>
  </xsl:template>

  <!-- ==== Phrase level ==== -->

  <xsl:template match="tei:title">
    <cite class="{string-join(('title', tk:class-token(@level)), ' ')}"><xsl:call-template name="tk:attrs"/><xsl:apply-templates/></cite>
  </xsl:template>

  <!-- Article and unpublished titles: not italic; the text keeps its own quotation marks. -->
  <xsl:template match="tei:title[@level = ('a', 'u')]">
    <span class="title {@level}"><xsl:call-template name="tk:attrs"/><xsl:apply-templates/></span>
  </xsl:template>

  <!-- hi: only known renditions become markup or classes; @rend and @style are never copied. -->
  <xsl:template match="tei:hi | tei:emph">
    <xsl:variable name="rend" select="tokenize(lower-case(string(@rend)), '[\s,;]+')[. ne '']"/>
    <xsl:variable name="name" select="
      if (self::tei:emph) then 'em'
      else if ($rend = ('bold', 'b', 'strong')) then 'b'
      else if ($rend = ('sup', 'superscript')) then 'sup'
      else if ($rend = ('sub', 'subscript')) then 'sub'
      else if ($rend = ('strikethrough', 'strike', 'line-through')) then 's'
      else if (empty($rend) or $rend = ('italic', 'italics', 'i', 'it')) then 'i'
      else 'span'"/>
    <xsl:element name="{$name}">
      <xsl:variable name="classes" select="('hi'[not(current()/self::tei:emph)],
        for $r in $rend return (if (matches($r, '^[a-z][a-z0-9\-]{0,31}$')) then concat('rend-', $r) else ()))"/>
      <xsl:if test="exists($classes)"><xsl:attribute name="class" select="string-join($classes, ' ')"/></xsl:if>
      <xsl:call-template name="tk:attrs"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:foreign | tei:term | tei:mentioned | tei:gloss | tei:distinct">
    <i class="{local-name()}"><xsl:call-template name="tk:attrs"/><xsl:apply-templates/></i>
  </xsl:template>

  <xsl:template match="tei:soCalled | tei:seg | tei:w | tei:pc | tei:s | tei:c | tei:num | tei:measure | tei:unclear | tei:roleName | tei:forename | tei:surname | tei:addName | tei:genName | tei:nameLink | tei:affiliation | tei:occupation">
    <span class="{local-name()}"><xsl:call-template name="tk:attrs"/><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:gi">
    <code class="gi">&lt;<xsl:apply-templates/>&gt;</code>
  </xsl:template>

  <xsl:template match="tei:att">
    <code class="att">@<xsl:apply-templates/></code>
  </xsl:template>

  <xsl:template match="tei:tag | tei:val | tei:code | tei:ident">
    <code class="{local-name()}"><xsl:apply-templates/></code>
  </xsl:template>

  <!-- Both readings are in the page; the one not chosen is hidden and edition.js switches.
       Without scripts the reading chosen at build time ($reading) shows. -->
  <xsl:template match="tei:choice">
    <xsl:variable name="readings" select="tei:sic | tei:corr | tei:orig | tei:reg | tei:abbr | tei:expan"/>
    <xsl:variable name="source" select="normalize-space(string-join(($readings[self::tei:sic | self::tei:orig | self::tei:abbr])[1]//text(), ''))"/>
    <xsl:variable name="edited" select="normalize-space(string-join(($readings[self::tei:corr | self::tei:reg | self::tei:expan])[1]//text(), ''))"/>
    <span class="choice" title="{tk:label('choice.source', if ($source) then $source else tk:label('choice.nothing')) || ' · ' || tk:label('choice.edited', if ($edited) then $edited else tk:label('choice.nothing'))}">
      <xsl:call-template name="tk:attrs"/>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template match="tei:sic | tei:corr | tei:orig | tei:reg | tei:abbr | tei:expan">
    <span class="{local-name()}">
      <xsl:if test="parent::tei:choice">
        <xsl:attribute name="data-reading" select="if (self::tei:sic | self::tei:orig | self::tei:abbr) then 'source' else 'edited'"/>
        <xsl:if test="tk:hidden-reading(.)"><xsl:attribute name="hidden" select="'hidden'"/></xsl:if>
      </xsl:if>
      <xsl:call-template name="tk:attrs"/>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- Names: a link to their register entry when @ref points at one. -->
  <xsl:function name="tk:name-kind" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="entry" select="tk:ref-entry($el)"/>
    <xsl:sequence select="
      if ($el/self::tei:persName or $entry/self::tei:person or $entry/self::tei:personGrp or $el/@type = ('person', 'persName')) then 'pers'
      else if ($el/self::tei:placeName or $entry/self::tei:place or $el/@type = ('place', 'placeName')) then 'place'
      else if ($el/self::tei:orgName or $entry/self::tei:org or $el/@type = ('org', 'organisation', 'organization', 'orgName')) then 'org'
      else if ($el/self::tei:eventName or $entry/self::tei:event or $el/@type = ('event', 'eventName')) then 'event'
      else 'other'"/>
  </xsl:function>

  <!-- The register entry an element's @ref (or @key, @corresp) points at. -->
  <xsl:function name="tk:ref-entry" as="element()?">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="(for $t in tokenize(string-join(($el/@ref, $el/@corresp), ' '))[starts-with(., '#')]
      return key('tk:by-id', substring($t, 2), $tk:root)[tk:is-entry(.)])[1]"/>
  </xsl:function>

  <!-- Whether an element is rendered as a link (so that nothing inside it may be one). -->
  <xsl:function name="tk:is-link" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="
      if ($el/self::tei:ref or $el/self::tei:ptr) then exists(tk:ref-href($el))
      else if ($el/(self::tei:persName | self::tei:placeName | self::tei:orgName | self::tei:eventName | self::tei:name | self::tei:rs)) then exists(tk:ref-entry($el))
      else if ($el/(self::tei:bibl | self::tei:biblStruct)) then exists(tk:bibl-entry($el)) and not($el//tei:ref | $el//tei:ptr | $el//tei:note)
      else false()"/>
  </xsl:function>

  <xsl:template match="tei:persName | tei:placeName | tei:orgName | tei:eventName | tei:name | tei:rs">
    <xsl:param name="tk:page" as="xs:string?" tunnel="yes"/>
    <xsl:variable name="entry" select="tk:ref-entry(.)"/>
    <xsl:variable name="href" select="if ($entry) then tk:entity-href(string($entry/@xml:id)) else ()"/>
    <xsl:variable name="class" select="concat('name ', tk:name-kind(.))"/>
    <xsl:choose>
      <xsl:when test="exists($href) and not(ancestor::*[tk:is-link(.)]) and not(ancestor::tei:head | ancestor::tei:docTitle | ancestor::tei:titlePart)">
        <a class="{$class}" href="{tk:relative($href, $tk:page)}" data-entry="{tk:safe-id(string($entry/@xml:id))}"><xsl:call-template name="tk:mention-attrs"><xsl:with-param name="entry" select="$entry"/></xsl:call-template><xsl:apply-templates/></a>
      </xsl:when>
      <xsl:otherwise>
        <span class="{$class}"><xsl:call-template name="tk:mention-attrs"><xsl:with-param name="entry" select="$entry"/></xsl:call-template><xsl:apply-templates/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Each mention of an entry (a name, a reference to a bibliography entry) has an id of its
       own, "m-<entry>-<k>" for the entry's k-th mention in the text, so that a register's
       "mentioned in" links, name cards and searches land on the words, not their paragraph. -->
  <xsl:function name="tk:mention-id" as="xs:string?">
    <xsl:param name="el" as="element()"/>
    <xsl:param name="entry" as="element()?"/>
    <xsl:variable name="k" select="if (empty($entry)) then () else index-of(tk:mentions(string($entry/@xml:id)) ! generate-id(), generate-id($el))[1]"/>
    <xsl:sequence select="if (tk:has-anchor($el)) then tk:id($el)
      else if (empty($k)) then () else concat('m-', tk:safe-id(string($entry/@xml:id)), '-', $k)"/>
  </xsl:function>

  <!-- id (the mention's) and lang of a mention. -->
  <xsl:template name="tk:mention-attrs">
    <xsl:param name="entry" as="element()?"/>
    <xsl:variable name="id" select="tk:mention-id(., $entry)"/>
    <xsl:if test="exists($id)"><xsl:attribute name="id" select="$id"/></xsl:if>
    <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="tk:bcp47(@xml:lang)"/></xsl:if>
  </xsl:template>


  <!-- A readable statement of what a date's attributes say, e.g. "1926-09-01 to 1926-12-31". -->
  <xsl:function name="tk:date-norm" as="xs:string?">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="when" select="normalize-space(($el/@when, $el/@when-iso)[1])"/>
    <xsl:variable name="from" select="normalize-space(($el/@from, $el/@notBefore, $el/@from-iso, $el/@notBefore-iso)[1])"/>
    <xsl:variable name="to" select="normalize-space(($el/@to, $el/@notAfter, $el/@to-iso, $el/@notAfter-iso)[1])"/>
    <xsl:sequence select="
      if ($when) then $when
      else if ($from and $to) then tk:label('date.to', ($from, $to))
      else if ($from) then tk:label('date.from', $from)
      else if ($to) then tk:label('date.until', $to) else ()"/>
  </xsl:function>

  <xsl:template match="tei:date | tei:time">
    <xsl:variable name="iso" select="normalize-space((@when, @from, @notBefore)[1])"/>
    <xsl:variable name="valid" select="$iso castable as xs:date or $iso castable as xs:gYearMonth
      or ($iso castable as xs:gYear and matches($iso, '^[0-9]{4}$')) or $iso castable as xs:dateTime"/>
    <xsl:variable name="norm" select="tk:date-norm(.)"/>
    <xsl:element name="{if ($valid) then 'time' else 'span'}">
      <xsl:attribute name="class" select="'date'"/>
      <xsl:if test="$valid"><xsl:attribute name="datetime" select="$iso"/></xsl:if>
      <xsl:if test="$norm and $norm ne normalize-space(.)"><xsl:attribute name="title" select="$norm"/></xsl:if>
      <!-- a dated expression has an id, so that the timeline lands on it -->
      <xsl:if test="exists(tk:date-key(.)) and not(tk:has-anchor(.))"><xsl:attribute name="id" select="tk:id(.)"/></xsl:if>
      <xsl:call-template name="tk:attrs"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- The href of a ref or ptr: '#id' pointers lead to the entry or passage (nothing when the
       id is unknown); other URLs only when safe and not relative to the TEI file (such files
       are not part of the built edition). -->
  <xsl:function name="tk:ref-href" as="xs:string?">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="target" select="normalize-space(tokenize(normalize-space(($el/@target, $el/@url)[1]), ' ')[1])"/>
    <xsl:variable name="url" select="tk:safe-url($target)"/>
    <xsl:sequence select="
      if (starts-with($target, '#')) then tk:id-href(substring($target, 2))
      else if (exists($url) and matches($url, '^(https?|mailto):', 'i')) then $url
      else ()"/>
  </xsl:function>

  <xsl:template match="tei:ref">
    <xsl:param name="tk:page" as="xs:string?" tunnel="yes"/>
    <xsl:variable name="href" select="tk:ref-href(.)"/>
    <xsl:choose>
      <xsl:when test="exists($href) and not(ancestor::*[tk:is-link(.)])">
        <!-- a reference whose words are only its target's id ("sec-2a-p1") reads as the passage
             it points at ("II.a ¶ 1") -->
        <xsl:variable name="own" select="if (starts-with(normalize-space(@target), '#') and normalize-space(.) eq substring(normalize-space(@target), 2))
          then key('tk:by-id', normalize-space(.), $tk:root)[1][ancestor::tei:text][not(ancestor-or-self::*[tk:is-entry(.)])] else ()"/>
        <a href="{tk:relative($href, $tk:page)}">
          <xsl:call-template name="tk:attrs"/>
          <xsl:choose>
            <xsl:when test="exists($own)"><xsl:value-of select="tk:passage-label(tk:passage($own))"/></xsl:when>
            <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
          </xsl:choose>
          <xsl:if test="not(normalize-space())"><xsl:value-of select="$href"/></xsl:if>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="ref"><xsl:call-template name="tk:attrs"/><xsl:apply-templates/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:ptr">
    <xsl:param name="tk:page" as="xs:string?" tunnel="yes"/>
    <xsl:variable name="href" select="tk:ref-href(.)"/>
    <xsl:if test="exists($href) and not(ancestor::*[tk:is-link(.)])">
      <a href="{tk:relative($href, $tk:page)}"><xsl:value-of select="if (starts-with(@target, '#')) then substring(@target, 2) else $href"/></a>
    </xsl:if>
  </xsl:template>

  <!-- Bibliographic references inside notes and text point at their bibliography entry
       (@corresp, @sameAs, @ref or @source). Such a reference is one link to the entry; when it
       holds links of its own (a ref to another note), its first title is the link instead. -->
  <xsl:function name="tk:bibl-entry" as="element()?">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="if (tk:is-entry($el)) then () else
      (for $t in tokenize(string-join(($el/@corresp, $el/@sameAs, $el/@ref, $el/@source), ' '))[starts-with(., '#')]
       return key('tk:by-id', substring($t, 2), $tk:root)[tk:is-entry(.)])[1]"/>
  </xsl:function>

  <xsl:template match="tei:bibl | tei:biblStruct">
    <xsl:param name="tk:page" as="xs:string?" tunnel="yes"/>
    <xsl:variable name="entry" select="tk:bibl-entry(.)"/>
    <xsl:choose>
      <xsl:when test="tk:is-link(.) and not(ancestor::*[tk:is-link(.)])">
        <a class="bibl" href="{tk:relative(tk:entity-href(string($entry/@xml:id)), $tk:page)}"><xsl:call-template name="tk:mention-attrs"><xsl:with-param name="entry" select="$entry"/></xsl:call-template><xsl:apply-templates/></a>
      </xsl:when>
      <xsl:otherwise>
        <span class="bibl"><xsl:call-template name="tk:mention-attrs"><xsl:with-param name="entry" select="$entry[not(current()/ancestor::*[tk:is-entry(.)])]"/></xsl:call-template><xsl:apply-templates/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:bibl/tei:title[1] | tei:biblStruct//tei:title[1]" priority="2">
    <xsl:param name="tk:page" as="xs:string?" tunnel="yes"/>
    <xsl:variable name="bibl" select="ancestor::*[self::tei:bibl or self::tei:biblStruct][1]"/>
    <xsl:variable name="entry" select="tk:bibl-entry($bibl)"/>
    <xsl:choose>
      <xsl:when test="$entry and not(tk:is-link($bibl)) and not(ancestor::*[tk:is-link(.)]) and not(.//tei:ref | .//tei:ptr | .//tei:note | .//*[tk:is-link(.)])">
        <a class="bibl" href="{tk:relative(tk:entity-href(string($entry/@xml:id)), $tk:page)}"><xsl:next-match/></a>
      </xsl:when>
      <xsl:otherwise><xsl:next-match/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:citedRange | tei:biblScope | tei:author | tei:editor | tei:publisher | tei:pubPlace | tei:distributor | tei:idno | tei:edition | tei:imprint | tei:monogr | tei:analytic | tei:series">
    <span class="{local-name()}"><xsl:call-template name="tk:attrs"/><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:lb"><br/></xsl:template>
  <!-- a break inside a word is no br: the style sheet breaks the line there (.lb.break-no),
       and the page's text keeps the word whole -->
  <xsl:template match="tei:lb[@break = ('no', 'false')]"><span class="lb break-no"/></xsl:template>
  <xsl:template match="text()[tk:at-join(.)]">
    <xsl:value-of select="tk:joined(.)"/>
  </xsl:template>

  <xsl:template match="tei:pb">
    <xsl:if test="normalize-space(@n)">
      <span class="pb">
        <xsl:call-template name="tk:attrs"/>
        <span class="visually-hidden"><xsl:call-template name="tk:ui-lang-attributes"/><xsl:value-of select="tk:label('pb.page')"/><xsl:text> </xsl:text></span>
        <xsl:value-of select="concat('[', normalize-space(@n), ']')"/>
      </span>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:milestone">
    <xsl:if test="@unit = ('section', 'part', 'subchapter', 'supChapter', 'pause', 'gap') or @rend or @type = 'stars'">
      <xsl:choose>
        <xsl:when test="exists(parent::*[tk:is-container(.)])"><hr class="milestone"/></xsl:when>
        <xsl:otherwise><span class="milestone"> * * * </span></xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:cb | tei:index"/>

  <!-- An anchor is a point: with an id it is an empty element with that id, so that the
       pointers to it (ref, ptr, spans from one anchor to another) land there. One that some
       project wraps around words keeps them. -->
  <xsl:template match="tei:anchor">
    <xsl:if test="@xml:id and tk:has-anchor(.)"><span class="anchor" id="{tk:id(.)}"/></xsl:if>
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="tei:gap">
    <xsl:variable name="why" select="normalize-space(string-join((@reason, @unit), ' '))"/>
    <!-- the reason is the encoder's code ("url-removed"): shown on pointing, not read aloud -->
    <span class="gap" title="{normalize-space(string-join((tk:label('gap.omitted'), $why[. ne '']), ': '))}">
      <span aria-hidden="true">[…]</span>
      <span class="visually-hidden"><xsl:call-template name="tk:ui-lang-attributes"/><xsl:value-of select="concat('[', tk:label('gap.omitted'), ']')"/></span>
    </span>
  </xsl:template>

  <xsl:template match="tei:figure">
    <figure>
      <xsl:call-template name="tk:attrs"/>
      <xsl:apply-templates select="tei:graphic"/>
      <xsl:if test="* except tei:graphic">
        <figcaption><xsl:apply-templates select="node() except tei:graphic"/></figcaption>
      </xsl:if>
    </figure>
  </xsl:template>

  <xsl:template match="tei:figure/tei:head | tei:figDesc">
    <span class="{local-name()}"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:figure/tei:p" priority="2">
    <span class="p"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- Images are not copied by the builder; a safe web address is kept as a link. -->
  <xsl:template match="tei:graphic">
    <xsl:variable name="url" select="tk:safe-url(@url)"/>
    <xsl:if test="exists($url) and matches($url, '^https?:', 'i')">
      <a class="graphic" href="{$url}"><xsl:call-template name="tk:ui-lang-attributes"/><xsl:value-of select="tk:label('image', $url)"/></a>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:titlePage">
    <header class="titlePage"><xsl:call-template name="tk:attrs"/><xsl:apply-templates/></header>
  </xsl:template>

  <xsl:template match="tei:docTitle">
    <h1 class="docTitle">
      <xsl:for-each select="tei:titlePart">
        <span class="{string-join(('titlePart', tk:class-token(@type)), ' ')}"><xsl:apply-templates/></span>
        <xsl:if test="position() ne last()"><br/></xsl:if>
      </xsl:for-each>
      <xsl:if test="not(tei:titlePart)"><xsl:apply-templates/></xsl:if>
    </h1>
  </xsl:template>

  <xsl:template match="tei:titlePart">
    <p class="{string-join(('titlePart', tk:class-token(@type)), ' ')}"><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template match="tei:byline | tei:docImprint | tei:docDate | tei:docEdition | tei:dateline | tei:salute | tei:signed | tei:trailer | tei:argument | tei:epigraph | tei:imprimatur | tei:opener | tei:closer | tei:postscript | tei:stage | tei:speaker | tei:address | tei:sp | tei:floatingText">
    <div class="{local-name()}">
      <xsl:call-template name="tk:attrs"/>
      <xsl:apply-templates select="if (self::tei:floatingText) then tei:body/node() else node()"/>
    </div>
  </xsl:template>

  <xsl:template match="tei:addrLine">
    <span class="addrLine"><xsl:apply-templates/></span><br/>
  </xsl:template>

  <xsl:template match="tei:docAuthor">
    <span class="docAuthor"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:table">
    <table>
      <xsl:call-template name="tk:attrs"/>
      <xsl:if test="tei:head"><caption><xsl:apply-templates select="tei:head/node()"/></caption></xsl:if>
      <tbody><xsl:apply-templates select="tei:row"/></tbody>
    </table>
  </xsl:template>
  <xsl:template match="tei:row"><tr><xsl:apply-templates/></tr></xsl:template>
  <xsl:template match="tei:cell">
    <xsl:element name="{if (@role = 'label' or ../@role = 'label') then 'th' else 'td'}">
      <xsl:if test="@cols castable as xs:positiveInteger"><xsl:attribute name="colspan" select="@cols"/></xsl:if>
      <xsl:if test="@rows castable as xs:positiveInteger"><xsl:attribute name="rowspan" select="@rows"/></xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:del"><del><xsl:apply-templates/></del></xsl:template>
  <xsl:template match="tei:add"><ins><xsl:apply-templates/></ins></xsl:template>
  <xsl:template match="tei:supplied">[<xsl:apply-templates/>]</xsl:template>
  <xsl:template match="tei:space"><xsl:text> </xsl:text></xsl:template>

  <!-- Registers and header material are rendered on their own pages, not in the text flow. -->
  <xsl:template match="tei:standOff | tei:teiHeader"/>

  <!-- A register list standing in the text: a pointer to its page. -->
  <xsl:template match="tei:listPerson | tei:listPlace | tei:listOrg | tei:listEvent | tei:listBibl">
    <xsl:param name="tk:page" as="xs:string?" tunnel="yes"/>
    <xsl:variable name="page" select="tk:register-page-key(.)"/>
    <xsl:choose>
      <xsl:when test="$tk:page = $page">
        <xsl:apply-templates select="." mode="tk:register"/>
      </xsl:when>
      <xsl:otherwise>
        <p class="register-pointer">
          <xsl:call-template name="tk:attrs"/>
          <xsl:apply-templates select="tei:head/node()"/>
          <xsl:if test="tei:head">: </xsl:if>
          <a href="{tk:page-href($page)}">
            <xsl:call-template name="tk:ui-lang-attributes"/>
            <xsl:variable name="n" select="count(tk:listed-entries(., $page))"/>
            <xsl:value-of select="tk:label-n('register.pointer', $n, tk:page-title($page))"/>
          </a>
        </p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The entries a register page shows of some lists: the events of the events page; the
       persons, places and organisations of the others (as the list templates take them, an
       entry of another kind nested in an entry is shown on its own page). -->
  <xsl:function name="tk:listed-entries" as="element()*">
    <xsl:param name="lists" as="element()*"/>
    <xsl:param name="page" as="xs:string"/>
    <xsl:sequence select="$lists//*[tk:is-entry(.)][if ($page eq 'events') then exists(self::tei:event) else empty(self::tei:event)]"/>
  </xsl:function>

  <!-- The page (by key) of a register list. -->
  <xsl:function name="tk:register-page-key" as="xs:string">
    <xsl:param name="list" as="element()"/>
    <xsl:sequence select="if ($list/self::tei:listPerson) then 'persons' else if ($list/self::tei:listPlace) then 'places'
      else if ($list/self::tei:listOrg) then 'organisations' else if ($list/self::tei:listEvent) then 'events' else 'bibliography'"/>
  </xsl:function>

  <!-- Unknown TEI elements: their content is kept (reported once by tk:report-unknown). -->
  <xsl:template match="tei:*">
    <span class="tei-{local-name()}"><xsl:call-template name="tk:attrs"/><xsl:apply-templates/></span>
  </xsl:template>

  <!-- Elements in other namespaces: their text only. -->
  <xsl:template match="*">
    <xsl:apply-templates/>
  </xsl:template>

</xsl:stylesheet>
