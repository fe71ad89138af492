<?xml version="1.0" encoding="UTF-8"?>
<!--
  Dictionaries in the HTML edition (shared part: dictionary.xsl). An entry is an article:
  a first paragraph with the headword (dfn), pronunciation, grammar and usage, then its
  senses (an ordered list when there are several, numbered as the dictionary numbers
  them), translations, examples, etymology and cross-references, which link to the entry
  they name. headwords.html lists every headword alphabetically, by initial letter.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <!-- Parts of an entry that make up its opening line. -->
  <xsl:function name="tk:is-entry-head" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="exists($node/(self::tei:form | self::tei:gramGrp | self::tei:pron | self::tei:hyph
      | self::tei:syll | self::tei:hom[not(tei:sense)] | self::tei:usg | self::tei:lbl | self::tei:pos | self::tei:orth))"/>
  </xsl:function>

  <xsl:template match="tei:entry | tei:entryFree" priority="5">
    <article class="dict-entry">
      <xsl:attribute name="id" select="tk:id(.)"/>
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="tk:bcp47(@xml:lang)"/></xsl:if>
      <xsl:call-template name="tk:entry-body"/>
    </article>
  </xsl:template>

  <xsl:template match="tei:superEntry" priority="5">
    <div class="superEntry"><xsl:call-template name="tk:attrs"/><xsl:apply-templates/></div>
  </xsl:template>

  <!-- An entry's or a sense's content: its opening run, its senses as a list, the rest. -->
  <xsl:template name="tk:entry-body">
    <xsl:variable name="in-entry" select="exists(self::tei:entry | self::tei:entryFree)"/>
    <xsl:for-each-group select="node()[not(self::text()[not(normalize-space())])]"
      group-adjacent="if (self::tei:sense) then 'senses' else if (self::tei:hom[not(tk:is-entry-head(.))]) then 'hom'
        else if (self::tei:etym or self::tei:re or self::tei:note or (self::tei:xr and $in-entry)) then generate-id() else 'run'">
      <xsl:choose>
        <xsl:when test="current-grouping-key() eq 'senses'">
          <xsl:variable name="labels" select="current-group() ! tk:sense-label(.)"/>
          <xsl:choose>
            <!-- Numbered senses (1, 2 ... or a, b ...): an ordered list with those numbers. -->
            <xsl:when test="count($labels) eq count(current-group()) and count($labels) gt 0
              and (every $l in $labels satisfies ($l castable as xs:positiveInteger or matches($l, '^[a-z]$')))">
              <ol class="senses">
                <xsl:if test="matches($labels[1], '^[a-z]$')"><xsl:attribute name="type" select="'a'"/></xsl:if>
                <xsl:for-each select="current-group()">
                  <xsl:variable name="label" select="tk:sense-label(.)"/>
                  <li class="sense">
                    <xsl:call-template name="tk:attrs"/>
                    <xsl:attribute name="value" select="if ($label castable as xs:integer) then $label else string-to-codepoints($label) - 96"/>
                    <xsl:call-template name="tk:entry-body"/>
                  </li>
                </xsl:for-each>
              </ol>
            </xsl:when>
            <xsl:when test="count(current-group()) gt 1">
              <ul class="senses labelled">
                <xsl:for-each select="current-group()">
                  <li class="sense">
                    <xsl:call-template name="tk:attrs"/>
                    <span class="sense-label"><xsl:value-of select="tk:sense-label(.)"/></span>
                    <xsl:text> </xsl:text>
                    <xsl:call-template name="tk:entry-body"/>
                  </li>
                </xsl:for-each>
              </ul>
            </xsl:when>
            <xsl:otherwise>
              <div class="sense"><xsl:call-template name="tk:attrs"/><xsl:call-template name="tk:entry-body"/></div>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:when>
        <xsl:when test="current-grouping-key() eq 'hom'">
          <xsl:apply-templates select="current-group()"/>
        </xsl:when>
        <xsl:when test="current-grouping-key() eq 'run'">
          <p class="{if ($in-entry and tk:is-entry-head(.)) then 'form' else 'sense-text'}"><xsl:apply-templates select="current-group()"/></p>
        </xsl:when>
        <xsl:otherwise>
          <p class="{local-name()}"><xsl:apply-templates select="current-group()"/></p>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each-group>
  </xsl:template>

  <!-- The headword: the first orth of the lemma form. -->
  <xsl:template match="tei:form" priority="5">
    <span class="{string-join(('form', tk:class-token(@type)), ' ')}"><xsl:call-template name="tk:attrs"/><xsl:apply-templates/></span>
    <xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template match="tei:orth" priority="5">
    <xsl:variable name="entry" select="ancestor::*[self::tei:entry or self::tei:entryFree][1]"/>
    <xsl:choose>
      <xsl:when test=". is ($entry/tei:form[@type = ('lemma', 'headword')]/tei:orth, $entry//tei:orth)[1]">
        <dfn class="orth"><xsl:apply-templates/></dfn>
      </xsl:when>
      <xsl:otherwise><span class="orth"><xsl:apply-templates/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:pron" priority="5">
    <xsl:text> </xsl:text>
    <span class="pron">
      <xsl:value-of select="if (matches(normalize-space(.), '^[/\[].*[/\]]$')) then '' else '/'"/>
      <xsl:apply-templates/>
      <xsl:value-of select="if (matches(normalize-space(.), '^[/\[].*[/\]]$')) then '' else '/'"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:gramGrp" priority="5">
    <span class="gramGrp"><xsl:for-each select="*">
      <xsl:if test="position() gt 1"><xsl:text> </xsl:text></xsl:if>
      <span class="{local-name()}"><xsl:apply-templates/><xsl:if test="matches(normalize-space(.), '^\p{L}{1,5}$')">.</xsl:if></span>
    </xsl:for-each></span>
    <xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template match="tei:usg | tei:lbl" priority="5">
    <span class="{local-name()}"><xsl:apply-templates/></span>
    <xsl:text> </xsl:text>
  </xsl:template>

  <!-- A homograph with senses of its own: a block within its entry. -->
  <xsl:template match="tei:hom" priority="5">
    <xsl:choose>
      <xsl:when test="tk:is-entry-head(.)"><span class="hom"><xsl:call-template name="tk:attrs"/><xsl:apply-templates/></span></xsl:when>
      <xsl:otherwise><div class="hom"><xsl:call-template name="tk:attrs"/><xsl:call-template name="tk:entry-body"/></div></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:def" priority="5">
    <span class="def"><xsl:call-template name="tk:attrs"/><xsl:apply-templates/></span>
    <xsl:text> </xsl:text>
  </xsl:template>

  <!-- Translations and examples. -->
  <!-- (patterns on common elements, cit, quote, ref, test $tk:dictionary first: a document
       without entries pays one variable lookup for them) -->
  <xsl:template match="tei:cit[$tk:dictionary][@type = ('trans', 'translation', 'translationEquivalent', 'example') or ancestor::tei:entry or ancestor::tei:entryFree]" priority="6">
    <xsl:variable name="kind" select="if (@type = 'example') then 'example' else if (@type = ('trans', 'translation', 'translationEquivalent')) then 'trans' else 'cit'"/>
    <xsl:if test="preceding-sibling::tei:cit[@type = current()/@type] and $kind eq 'trans'"><span class="sep">; </span></xsl:if>
    <xsl:if test="$kind eq 'trans' and parent::tei:cit"><span class="sep"> – </span></xsl:if>
    <span class="{$kind}"><xsl:call-template name="tk:attrs"/><xsl:apply-templates/></span>
    <xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template match="tei:quote[$tk:dictionary][parent::tei:cit[@type = ('trans', 'translation', 'translationEquivalent', 'example') or ancestor::tei:entry or ancestor::tei:entryFree]]" priority="6">
    <span class="quote"><xsl:call-template name="tk:attrs"/><xsl:apply-templates/></span>
  </xsl:template>

  <!-- A cross-reference: its words, with the entry it names as a link. -->
  <xsl:template match="tei:xr" priority="5">
    <span class="{string-join(('xr', tk:class-token(@type)), ' ')}"><xsl:call-template name="tk:attrs"/><xsl:apply-templates/></span>
    <xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template match="tei:ref[$tk:dictionary][ancestor::tei:xr or ancestor::tei:re]" priority="6">
    <xsl:param name="tk:page" as="xs:string?" tunnel="yes"/>
    <xsl:variable name="entry" select="tk:xr-entry(.)"/>
    <xsl:choose>
      <xsl:when test="$entry/(self::tei:entry | self::tei:entryFree) and not(ancestor::*[tk:is-link(.)])">
        <a class="xr-ref" href="{tk:relative(tk:passage-href(tk:id($entry)), $tk:page)}"><xsl:apply-templates/></a>
      </xsl:when>
      <xsl:otherwise><xsl:next-match/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:etym | tei:re" priority="5">
    <span class="{local-name()}"><xsl:call-template name="tk:attrs"/><xsl:apply-templates/></span>
  </xsl:template>

  <!-- ==== headwords.html ==== -->

  <xsl:template name="tk:headwords-page">
    <xsl:variable name="sorted" as="element()*">
      <xsl:perform-sort select="$tk:entries">
        <xsl:sort select="tk:headword-key(tk:headword(.))"/>
      </xsl:perform-sort>
    </xsl:variable>
    <h1>Headwords</h1>
    <p class="lede"><xsl:value-of select="concat(count($sorted), ' entries, in alphabetical order.')"/></p>
    <xsl:variable name="letters" select="distinct-values($sorted ! tk:headword-letter(tk:headword(.)))"/>
    <nav class="headword-az" aria-label="Initial letters">
      <ul>
        <xsl:for-each select="$letters">
          <li><a href="#letter-{position()}"><xsl:value-of select="."/></a></li>
        </xsl:for-each>
      </ul>
    </nav>
    <xsl:for-each-group select="$sorted" group-adjacent="tk:headword-letter(tk:headword(.))">
      <section aria-labelledby="letter-{position()}">
        <h2 id="letter-{position()}"><xsl:value-of select="current-grouping-key()"/></h2>
        <ul class="headwords">
          <xsl:for-each select="current-group()">
            <li><a href="{tk:passage-href(tk:id(.))}">
              <xsl:if test="ancestor-or-self::*[@xml:lang][1]/@xml:lang"><xsl:attribute name="lang" select="tk:bcp47(ancestor-or-self::*[@xml:lang][1]/@xml:lang)"/></xsl:if>
              <xsl:value-of select="tk:headword(.)"/></a></li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:for-each-group>
  </xsl:template>

</xsl:stylesheet>
