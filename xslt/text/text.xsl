<?xml version="1.0" encoding="UTF-8"?>
<!--
  TEI to plain UTF-8 text. Entry stylesheet for `teikit build` (formats text and text-clean).
  Pass 1 (mode "block") turns the document into a flat sequence of tk:block elements, each
  with its inline text (mode "inline"); pass 2 wraps and lays them out.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  exclude-result-prefixes="#all">

  <xsl:import href="../common/common.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <!-- Maximum line length in characters; a single longer token (a URL) gets a line of its own. -->
  <xsl:param name="width" as="xs:integer" select="72"/>
  <!-- 'end': note references as [n] and a Notes section at the end; 'none': no notes at all. -->
  <xsl:param name="notes" as="xs:string" select="'end'"/>
  <!-- 'reading': the reading edition; 'clean': running text only, one paragraph a line,
       no headings, notes or numbering (for Voyant, NLP pipelines). -->
  <xsl:param name="variant" as="xs:string" select="'reading'"/>
  <!-- 'yes' adds the registers and the bibliography as appendices (reading variant only). -->
  <xsl:param name="appendices" as="xs:string" select="'no'"/>

  <xsl:variable name="clean" as="xs:boolean" select="$variant = 'clean'"/>
  <xsl:variable name="with-notes" as="xs:boolean" select="not($clean) and $notes ne 'none'"/>

  <xsl:template match="/">
    <xsl:call-template name="tk:report-unknown"/>
    <xsl:variable name="blocks" as="element(tk:block)*">
      <xsl:choose>
        <xsl:when test="$clean">
          <xsl:apply-templates select="(/tei:TEI | /tei:teiCorpus//tei:TEI)/tei:text/(tei:body | tei:group)" mode="block"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="tk:title-block"/>
          <xsl:apply-templates select="(/tei:TEI | /tei:teiCorpus//tei:TEI)/tei:text" mode="block"/>
          <xsl:if test="$with-notes">
            <xsl:call-template name="tk:notes-blocks"/>
          </xsl:if>
          <xsl:if test="$appendices = 'yes'">
            <xsl:call-template name="tk:appendix-blocks"/>
          </xsl:if>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="lines" as="xs:string*">
      <xsl:for-each select="$blocks[normalize-space(.) or @kind = 'rule']">
        <xsl:sequence select="tk:layout(.)"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:value-of select="string-join($lines, if ($clean) then '&#10;' else '&#10;&#10;')"/>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <!-- ===== pass 1: blocks ===== -->

  <xsl:template name="tk:title-block">
    <xsl:variable name="title-page" select="/tei:TEI/tei:text/tei:front/tei:titlePage"/>
    <xsl:if test="not($title-page)">
      <tk:block kind="title"><xsl:value-of select="tk:title(.)"/></tk:block>
      <xsl:for-each select="tk:subtitle(.)"><tk:block kind="center"><xsl:value-of select="."/></tk:block></xsl:for-each>
      <xsl:for-each select="tk:authors(.)"><tk:block kind="center"><xsl:value-of select="concat('by ', .)"/></tk:block></xsl:for-each>
    </xsl:if>
    <xsl:variable name="source" select="/*/tei:teiHeader/tei:fileDesc/tei:sourceDesc/(tei:bibl | tei:biblStruct | tei:p | tei:biblFull)[1]"/>
    <xsl:if test="$source">
      <tk:block kind="para">
        <xsl:text>Source: </xsl:text>
        <xsl:apply-templates select="$source" mode="inline"/>
      </tk:block>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:teiHeader | tei:standOff | tei:note" mode="block"/>

  <xsl:template match="tei:text | tei:front | tei:body | tei:back | tei:group | tei:floatingText" mode="block">
    <xsl:apply-templates select="*" mode="block"/>
  </xsl:template>

  <xsl:template match="tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7" mode="block">
    <xsl:apply-templates select="*" mode="block"/>
  </xsl:template>

  <xsl:template match="tei:head" mode="block">
    <xsl:if test="not($clean)">
      <xsl:variable name="level" select="count(ancestor::*[self::tei:div or matches(local-name(), '^div\d$')])"/>
      <tk:block kind="heading" level="{max((1, $level))}"><xsl:apply-templates mode="inline"/></tk:block>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:titlePage" mode="block">
    <xsl:if test="not($clean)">
      <xsl:for-each select="tei:docTitle/tei:titlePart | tei:docTitle[not(tei:titlePart)]">
        <tk:block kind="{if (position() = 1) then 'title' else 'center'}"><xsl:apply-templates mode="inline"/></tk:block>
      </xsl:for-each>
      <xsl:apply-templates select="* except tei:docTitle" mode="block"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:byline | tei:docAuthor | tei:docImprint | tei:docDate | tei:docEdition | tei:titlePart" mode="block">
    <tk:block kind="center"><xsl:apply-templates mode="inline"/></tk:block>
  </xsl:template>

  <xsl:template match="tei:p | tei:ab | tei:dateline | tei:salute | tei:signed | tei:trailer | tei:stage | tei:speaker" mode="block">
    <xsl:variable name="depth" select="count(ancestor::tei:quote[not(ancestor::tei:p)] | ancestor::tei:cit[not(ancestor::tei:p)] | ancestor::tei:epigraph)"/>
    <tk:block kind="para" indent="{4 * $depth}"><xsl:apply-templates mode="inline"/></tk:block>
  </xsl:template>

  <!-- A block quotation with paragraphs, lists or verse inside lays them out indented; one
       with bare text is a single indented block. -->
  <xsl:template match="tei:quote | tei:cit | tei:epigraph | tei:argument | tei:postscript | tei:sp | tei:figure | tei:lg | tei:list | tei:table | tei:opener | tei:closer" mode="block" priority="-0.1">
    <xsl:choose>
      <xsl:when test="tei:p | tei:lg | tei:l | tei:list | tei:quote | tei:item | tei:row | tei:figDesc | tei:head">
        <xsl:apply-templates select="*" mode="block"/>
      </xsl:when>
      <xsl:otherwise>
        <tk:block kind="para" indent="{4 * count(ancestor-or-self::tei:quote | ancestor-or-self::tei:cit)}"><xsl:apply-templates mode="inline"/></tk:block>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:cit/tei:bibl | tei:cit/tei:ref" mode="block">
    <tk:block kind="para" indent="{4 * count(ancestor::tei:quote | ancestor::tei:cit)}"><xsl:apply-templates mode="inline"/></tk:block>
  </xsl:template>

  <xsl:template match="tei:l" mode="block">
    <tk:block kind="line" indent="{4 * count(ancestor::tei:quote | ancestor::tei:cit) + 2}"><xsl:apply-templates mode="inline"/></tk:block>
  </xsl:template>

  <xsl:template match="tei:list/tei:label" mode="block"/>

  <xsl:template match="tei:item" mode="block">
    <xsl:variable name="label" select="if (preceding-sibling::*[1][self::tei:label]) then normalize-space(preceding-sibling::*[1])
      else if (../@type = ('ordered', 'numbered')) then concat((@n, count(preceding-sibling::tei:item) + 1)[1], '.') else '*'"/>
    <xsl:variable name="indent" select="4 * count(ancestor::tei:quote | ancestor::tei:cit | ancestor::tei:list[. except current()/..])"/>
    <tk:block kind="item" indent="{$indent}" label="{if ($clean) then '' else $label}"><xsl:apply-templates mode="inline"/></tk:block>
  </xsl:template>

  <xsl:template match="tei:row" mode="block">
    <tk:block kind="para"><xsl:value-of select="string-join(for $c in tei:cell return normalize-space(string-join(tk:inline($c), '')), ' | ')"/></tk:block>
  </xsl:template>

  <xsl:template match="tei:figDesc | tei:figure/tei:head" mode="block">
    <xsl:if test="not($clean)">
      <tk:block kind="para" indent="4">[Figure: <xsl:apply-templates mode="inline"/>]</tk:block>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:pb | tei:lb | tei:milestone | tei:cb | tei:gap | tei:graphic | tei:anchor | tei:fw" mode="block"/>

  <!-- Lists of registers in the back matter are appendices: skipped in the running text. -->
  <xsl:template match="tei:listPerson | tei:listPlace | tei:listOrg | tei:listBibl | tei:listEvent" mode="block">
    <xsl:if test="not($clean)">
      <xsl:for-each select="*">
        <tk:block kind="item" label="*"><xsl:value-of select="normalize-space(string-join(.//text(), ' '))"/></tk:block>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <!-- Any other element in block position: its text is kept as a paragraph. -->
  <xsl:template match="*" mode="block" priority="-1">
    <xsl:choose>
      <xsl:when test="tei:p | tei:div | tei:lg | tei:list | tei:quote">
        <xsl:apply-templates select="*" mode="block"/>
      </xsl:when>
      <xsl:otherwise>
        <tk:block kind="para"><xsl:apply-templates mode="inline"/></tk:block>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="tk:notes-blocks">
    <xsl:variable name="notes" select="(/tei:TEI | /tei:teiCorpus//tei:TEI)/tei:text//tei:note[not(ancestor::tei:note)]"/>
    <xsl:if test="$notes">
      <tk:block kind="heading" level="1">Notes</tk:block>
      <xsl:for-each select="$notes">
        <tk:block kind="note" label="{concat('[', tk:note-n(.), ']')}"><xsl:apply-templates mode="inline"/></tk:block>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <xsl:template name="tk:appendix-blocks">
    <xsl:for-each select="(//tei:listPerson, //tei:listPlace, //tei:listOrg, //tei:listBibl)[not(ancestor::tei:text)]">
      <tk:block kind="heading" level="1">
        <xsl:value-of select="(tei:head, map{'listPerson': 'Persons', 'listPlace': 'Places', 'listOrg': 'Organisations', 'listBibl': 'Bibliography'}(local-name()))[1]"/>
      </tk:block>
      <xsl:for-each select="tei:person | tei:place | tei:org | tei:bibl | tei:biblStruct">
        <tk:block kind="item" label="*"><xsl:value-of select="tk:entry-text(.)"/></tk:block>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:template>

  <xsl:function name="tk:entry-text" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="name" select="normalize-space(string-join(($e/(tei:persName, tei:placeName, tei:orgName)[1]//text()), ''))"/>
    <xsl:variable name="rest" select="normalize-space(string-join($e/(tei:note, tei:desc)[1]//text(), ''))"/>
    <xsl:sequence select="if ($e/self::tei:bibl or $e/self::tei:biblStruct) then normalize-space(string-join($e//text()[not(ancestor::tei:note)], ''))
      else string-join(($name[. ne ''], $rest[. ne '']), ': ')"/>
  </xsl:function>

  <xsl:function name="tk:note-n" as="xs:string">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="string(($note/@n, count($note/preceding::tei:note[ancestor::tei:text][not(ancestor::tei:note)]) + 1)[1])"/>
  </xsl:function>

  <!-- ===== inline text ===== -->

  <xsl:function name="tk:inline" as="xs:string*">
    <xsl:param name="el" as="element()"/>
    <xsl:apply-templates select="$el/node()" mode="inline"/>
  </xsl:function>

  <xsl:template match="text()" mode="inline">
    <xsl:value-of select="."/>
  </xsl:template>

  <xsl:template match="tei:note" mode="inline">
    <xsl:if test="$with-notes">
      <xsl:value-of select="concat('[', tk:note-n(.), ']')"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:note//tei:note" mode="inline" priority="1">
    <xsl:text> (</xsl:text><xsl:apply-templates mode="inline"/><xsl:text>)</xsl:text>
  </xsl:template>

  <xsl:template match="tei:choice" mode="inline">
    <xsl:apply-templates select="*[not(tk:hidden-reading(.))]" mode="inline"/>
  </xsl:template>

  <xsl:template match="tei:lb | tei:l | tei:cb" mode="inline">
    <xsl:text> </xsl:text><xsl:apply-templates mode="inline"/><xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template match="tei:p | tei:item | tei:lg | tei:quote[tei:p] | tei:head | tei:cell | tei:label" mode="inline">
    <xsl:text> </xsl:text><xsl:apply-templates mode="inline"/><xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template match="tei:pb | tei:milestone | tei:anchor | tei:fw | tei:figure | tei:graphic | tei:index" mode="inline"/>

  <xsl:template match="tei:gap" mode="inline">
    <xsl:if test="not($clean)"><xsl:text>[…]</xsl:text></xsl:if>
  </xsl:template>

  <xsl:template match="tei:supplied" mode="inline">
    <xsl:text>[</xsl:text><xsl:apply-templates mode="inline"/><xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="tei:del" mode="inline"/>

  <xsl:template match="*" mode="inline">
    <xsl:apply-templates mode="inline"/>
  </xsl:template>

  <!-- ===== pass 2: layout ===== -->

  <xsl:function name="tk:layout" as="xs:string">
    <xsl:param name="b" as="element(tk:block)"/>
    <xsl:variable name="text" select="normalize-space($b)"/>
    <xsl:variable name="indent" select="tk:spaces(xs:integer(($b/@indent, 0)[1]))"/>
    <xsl:choose>
      <xsl:when test="$clean">
        <xsl:sequence select="$text"/>
      </xsl:when>
      <xsl:when test="$b/@kind = 'title'">
        <xsl:variable name="wrapped" select="tk:wrap(upper-case($text), '', '')"/>
        <xsl:sequence select="string-join(($wrapped, tk:rule('=', $wrapped)), '&#10;')"/>
      </xsl:when>
      <xsl:when test="$b/@kind = 'heading'">
        <xsl:variable name="wrapped" select="tk:wrap($text, '', '')"/>
        <xsl:sequence select="string-join(($wrapped, tk:rule(if ($b/@level = '1') then '=' else '-', $wrapped)), '&#10;')"/>
      </xsl:when>
      <xsl:when test="$b/@kind = 'center'">
        <xsl:sequence select="tk:wrap($text, '', '')"/>
      </xsl:when>
      <xsl:when test="$b/@kind = 'line'">
        <xsl:sequence select="tk:wrap($text, $indent, concat($indent, '    '))"/>
      </xsl:when>
      <xsl:when test="$b/@kind = ('item', 'note')">
        <xsl:variable name="label" select="string($b/@label)"/>
        <xsl:variable name="hang" select="tk:spaces(string-length($label) + 1)"/>
        <xsl:sequence select="tk:wrap($text, concat($indent, $label, if ($label) then ' ' else ''), concat($indent, if ($label) then $hang else ''))"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="tk:wrap($text, $indent, $indent)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <xsl:function name="tk:spaces" as="xs:string">
    <xsl:param name="n" as="xs:integer"/>
    <xsl:sequence select="string-join((for $i in 1 to $n return ' '), '')"/>
  </xsl:function>

  <!-- A rule as long as the longest line of the wrapped text it underlines. -->
  <xsl:function name="tk:rule" as="xs:string">
    <xsl:param name="char" as="xs:string"/>
    <xsl:param name="wrapped" as="xs:string"/>
    <xsl:variable name="len" select="max(for $l in tokenize($wrapped, '&#10;') return string-length($l))"/>
    <xsl:sequence select="string-join((for $i in 1 to min(($len, $width)) return $char), '')"/>
  </xsl:function>

  <!-- Greedy word wrap to $width; $first prefixes the first line, $rest the others. -->
  <xsl:function name="tk:wrap" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="first" as="xs:string"/>
    <xsl:param name="rest" as="xs:string"/>
    <xsl:variable name="words" select="tokenize(normalize-space($text), ' ')[. ne '']"/>
    <xsl:iterate select="$words">
      <xsl:param name="lines" as="xs:string*" select="()"/>
      <xsl:param name="cur" as="xs:string" select="''"/>
      <xsl:on-completion>
        <xsl:variable name="all" select="($lines, if ($cur ne '') then concat(if (empty($lines)) then $first else $rest, $cur) else ())"/>
        <xsl:sequence select="string-join($all, '&#10;')"/>
      </xsl:on-completion>
      <xsl:variable name="prefix" select="if (empty($lines)) then $first else $rest"/>
      <xsl:choose>
        <xsl:when test="$cur eq ''">
          <xsl:next-iteration><xsl:with-param name="cur" select="."/></xsl:next-iteration>
        </xsl:when>
        <xsl:when test="string-length($prefix) + string-length($cur) + 1 + string-length(.) le $width">
          <xsl:next-iteration><xsl:with-param name="cur" select="concat($cur, ' ', .)"/></xsl:next-iteration>
        </xsl:when>
        <xsl:otherwise>
          <xsl:next-iteration>
            <xsl:with-param name="lines" select="($lines, concat($prefix, $cur))"/>
            <xsl:with-param name="cur" select="."/>
          </xsl:next-iteration>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:iterate>
  </xsl:function>

</xsl:stylesheet>
