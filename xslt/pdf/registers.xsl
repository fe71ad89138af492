<?xml version="1.0" encoding="UTF-8"?>
<!--
  Back matter with page references (included by pdf.xsl): the registers of persons, places
  and organisations as a book's indexes, the bibliography's "cited on" pages, the list of
  corrections.

  Page references. Every element of the text that points at a register or bibliography entry
  (tk:mentions) and every correction gets an id (tk:is-page-target, used by tk:attrs and
  tk:mention-id). An entry names the ids of its mentions (data-pages-of); the builder, which
  knows the page of each, writes each page once, runs of pages as ranges ("3, 7, 12–14"),
  each number a link to the first mention on that page (toolkit/formats/pdf.py).

  A register kept outside the text (standOff, as in the essay) is printed as an index: entries
  in alphabetical order under their initial letter, each with its name (surname first), dates,
  description and pages. A register or bibliography inside the text is printed where it
  stands, by the HTML edition's templates (mode tk:register), with pages for its mentions
  (tk:mentions-list below).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <!-- Elements the back matter refers to by page. -->
  <xsl:function name="tk:is-page-target" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="exists($el/self::tei:choice[tk:is-correction(.)])
      or (exists($el/(@ref | @target | @corresp | @sameAs)) and exists($el/ancestor::tei:text)
          and empty($el/ancestor::*[tk:is-entry(.)])
          and (some $t in tokenize(string-join($el/(@ref, @target, @corresp, @sameAs), ' '))[starts-with(., '#')]
               satisfies exists(key('tk:by-id', substring($t, 2), $tk:root)[tk:is-entry(.)])))"/>
  </xsl:function>

  <!-- The mentions of an entry that are printed: not in a reading left out, not in notes
       left out. -->
  <xsl:function name="tk:printed-mentions" as="element()*">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="tk:mentions($id)[empty(ancestor-or-self::*[parent::tei:choice][tk:hidden-reading(.)])]
      [not($tk:notes-mode eq 'none' and ancestor::tei:note)]"/>
  </xsl:function>

  <!-- The page references of some elements (see the head of this module). -->
  <xsl:template name="tk:page-refs">
    <xsl:param name="targets" as="element()*"/>
    <span class="pagerefs" data-pages-of="{string-join($targets ! tk:id(.), ' ')}"></span>
  </xsl:template>

  <!-- In a register or bibliography printed by the HTML templates: pages, not passages. -->
  <xsl:template name="tk:mentions-list">
    <xsl:param name="verb" as="xs:string" select="'mentions.in'"/>
    <xsl:variable name="mentions" select="tk:printed-mentions(string(@xml:id))"/>
    <xsl:if test="exists($mentions)">
      <p class="mentions-head">
        <xsl:value-of select="tk:label(if ($verb eq 'mentions.cited') then 'print.cited' else 'print.mentioned')"/>
        <xsl:text> </xsl:text>
        <xsl:call-template name="tk:page-refs">
          <xsl:with-param name="targets" select="$mentions"/>
        </xsl:call-template>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- ==== Registers outside the text, as indexes ==== -->

  <!-- The register sections printed after the text, by key. -->
  <xsl:variable name="tk:print-register-keys" as="xs:string*"
    select="$tk:register-keys[exists(tk:register-lists(.)[empty(ancestor::tei:text)])]"/>

  <!-- What follows the text, in order, for the contents: maps of 'id' and 'label'. -->
  <xsl:function name="tk:print-back-sections" as="map(*)*">
    <xsl:sequence select="
      $tk:print-register-keys ! map {'id': concat('register-', .), 'label': tk:page-title(.)},
      map {'id': 'corrections', 'label': tk:label('print.corrections')}[exists($tk:corrections)],
      map {'id': 'about', 'label': tk:label('page.about')}"/>
  </xsl:function>

  <xsl:template name="tk:print-registers">
    <xsl:for-each select="$tk:print-register-keys">
      <xsl:variable name="key" select="."/>
      <xsl:variable name="title" select="tk:page-title($key)"/>
      <section class="register backmatter {$key}" id="register-{$key}" data-head="{$title}" data-break="page">
        <h2 data-head="{$title}"><xsl:value-of select="$title"/></h2>
        <xsl:variable name="lists" select="tk:register-lists($key)[empty(ancestor::tei:text)]"/>
        <xsl:choose>
          <xsl:when test="$key eq 'bibliography'">
            <xsl:apply-templates select="$lists" mode="tk:register">
              <xsl:with-param name="level" select="3"/>
              <xsl:with-param name="tk:page" select="$key" tunnel="yes"/>
            </xsl:apply-templates>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="tk:print-index">
              <xsl:with-param name="entries" select="$lists//*[tk:is-entry(.)]"/>
            </xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </section>
    </xsl:for-each>
  </xsl:template>

  <!-- Entries under their initial letters, alphabetically (surname first). -->
  <xsl:template name="tk:print-index">
    <xsl:param name="entries" as="element()*"/>
    <xsl:for-each-group select="$entries" group-by="upper-case(substring(tk:entry-sort-key(.), 1, 1))">
      <xsl:sort select="current-grouping-key()" lang="en"/>
      <div class="letter">
        <p class="letter-head"><xsl:value-of select="if (matches(current-grouping-key(), '^\p{Lu}$')) then current-grouping-key() else '#'"/></p>
        <xsl:for-each select="current-group()">
          <xsl:sort select="tk:entry-sort-key(.)" lang="en"/>
          <xsl:apply-templates select="." mode="tk:print-entry"/>
        </xsl:for-each>
      </div>
    </xsl:for-each-group>
  </xsl:template>

  <xsl:template match="*" mode="tk:print-entry">
    <xsl:variable name="mentions" select="tk:printed-mentions(string(@xml:id))"/>
    <xsl:variable name="life" select="string-join((tei:birth, tei:death) ! tk:life-date(.), '–')"/>
    <p class="index-entry" id="{tk:id(.)}">
      <span class="entry-name"><xsl:value-of select="tk:index-name(.)"/></span>
      <xsl:if test="tei:birth or tei:death">
        <xsl:value-of select="concat(' (', if (tei:birth) then '' else '–', $life, if (tei:death) then '' else '–', ')')"/>
      </xsl:if>
      <xsl:for-each select="(tei:note | tei:desc)[normalize-space()][1]">
        <xsl:text> </xsl:text>
        <span class="entry-desc"><xsl:apply-templates/></span>
      </xsl:for-each>
      <xsl:if test="exists($mentions)">
        <xsl:text> </xsl:text>
        <xsl:call-template name="tk:page-refs">
          <xsl:with-param name="targets" select="$mentions"/>
        </xsl:call-template>
      </xsl:if>
    </p>
  </xsl:template>

  <!-- "Kamenev, Lev": a person's name surname first when its parts say which is which. -->
  <xsl:function name="tk:index-name" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="pn" select="($entry/tei:persName[not(@type = ('variant', 'nickname'))], $entry/tei:persName)[1]"/>
    <xsl:variable name="surname" select="normalize-space(string-join($pn/tei:surname, ' '))"/>
    <xsl:variable name="rest" select="normalize-space(string-join($pn/(tei:forename | tei:roleName | tei:addName | tei:nameLink), ' '))"/>
    <xsl:sequence select="if ($surname and $rest) then concat($surname, ', ', $rest) else tk:entry-name($entry)"/>
  </xsl:function>

  <!-- A birth or death as a year, a date as written, or its text. -->
  <xsl:function name="tk:life-date" as="xs:string">
    <xsl:param name="event" as="element()"/>
    <xsl:variable name="norm" select="tk:date-norm($event)"/>
    <xsl:sequence select="if ($norm and matches($norm, '^-?\d{4}')) then replace($norm, '^(-?\d{4}).*$', '$1')
      else if (normalize-space($event)) then normalize-space($event) else '?'"/>
  </xsl:function>

  <!-- ==== Corrections ==== -->

  <xsl:function name="tk:is-correction" as="xs:boolean">
    <xsl:param name="choice" as="element()"/>
    <xsl:sequence select="exists($choice/tei:sic) and exists($choice/tei:corr)"/>
  </xsl:function>

  <!-- The corrections of the source printed in the text (not those in notes left out). -->
  <xsl:variable name="tk:corrections" as="element(tei:choice)*"
    select="$tk:texts//tei:choice[tk:is-correction(.)][empty(ancestor::*[tk:is-entry(.)])]
      [empty(ancestor::*[parent::tei:choice][tk:hidden-reading(.)])]
      [not($tk:notes-mode eq 'none' and ancestor::tei:note)]"/>

  <xsl:template name="tk:corrections">
    <xsl:if test="exists($tk:corrections)">
      <xsl:variable name="title" select="tk:label('print.corrections')"/>
      <section class="corrections backmatter" id="corrections" data-head="{$title}" data-break="page">
        <h2 data-head="{$title}"><xsl:value-of select="$title"/></h2>
        <p class="lede">
          <xsl:value-of select="tk:label('print.corrections.lede', tk:label-n('print.corrections.count', count($tk:corrections), ()))"/>
        </p>
        <ul class="corrections">
          <xsl:for-each select="$tk:corrections">
            <li>
              <a class="pageref" href="#{tk:id(.)}" data-page-of="{tk:id(.)}"></a>
              <xsl:text> </xsl:text>
              <span class="corr"><xsl:call-template name="tk:reading"><xsl:with-param name="el" select="tei:corr[1]"/></xsl:call-template></span>
              <xsl:text> ] </xsl:text>
              <span class="sic"><xsl:call-template name="tk:reading"><xsl:with-param name="el" select="tei:sic[1]"/></xsl:call-template></span>
            </li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template name="tk:reading">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="text" select="normalize-space(string-join($el//text()[not(ancestor::tei:note)], ''))"/>
    <xsl:choose>
      <xsl:when test="$text ne ''"><xsl:value-of select="$text"/></xsl:when>
      <xsl:otherwise><i><xsl:value-of select="tk:label('choice.nothing')"/></i></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
