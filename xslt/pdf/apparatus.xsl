<?xml version="1.0" encoding="UTF-8"?>
<!--
  A critical apparatus in print (included by pdf.xsl), as critical editions print it.

  An app in the running text: its lemma stays in the text, followed by a call lettered a, b,
  c ... (a second series, beside the notes' numbers), and its entry goes to the foot of the
  page like a footnote: "a erat A B] fuit C". An empty lemma (an addition of some witnesses)
  reads "om." (the label print.omitted) before the bracket, an empty reading "om." after it; witnesses are the sigla of
  @wit (the ids, without '#'); whatever else the app holds (notes, witDetail, lacunae) follows
  the readings.

  An app in a listApp (a separate apparatus, as EpiDoc keeps it in a division of its own) is
  printed where it stands, as a line-keyed list: the line or place it refers to (@loc, @from,
  @n), then the entry.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <!-- The apps of the text that get a call, lettered in order. -->
  <xsl:variable name="tk:app-labels" as="map(xs:string, xs:string)">
    <xsl:map>
      <xsl:for-each select="$tk:texts//tei:app[empty(ancestor::tei:listApp)][empty(ancestor::tei:app)]">
        <xsl:map-entry key="generate-id(.)" select="tk:letters(position())"/>
      </xsl:for-each>
    </xsl:map>
  </xsl:variable>

  <xsl:template match="tei:app[empty(ancestor::tei:listApp)][empty(ancestor::tei:app)]">
    <xsl:variable name="label" select="$tk:app-labels(generate-id(.))"/>
    <xsl:variable name="id" select="concat('app-', tk:id(.))"/>
    <span class="app"><xsl:call-template name="tk:attrs"/><xsl:apply-templates select="tei:lem"/></span>
    <a class="appref" href="#{$id}" id="ref-{$id}" aria-label="{tk:label('print.apparatus', $label)}"><xsl:value-of select="$label"/></a>
    <xsl:variable name="entry" as="node()*"><xsl:call-template name="tk:app-entry"/></xsl:variable>
    <span class="footnote apparatus" id="{$id}" role="doc-footnote">
      <a class="backlink" href="#ref-{$id}" aria-label="{tk:label('print.apparatus.back', $label)}"><xsl:value-of select="$label"/></a>
      <xsl:text> </xsl:text>
      <xsl:apply-templates select="$entry" mode="tk:inline-blocks"/>
    </span>
  </xsl:template>

  <!-- An app inside another app's entry, or a separate apparatus: its lemma, then the rest
       of its entry in brackets. -->
  <xsl:template match="tei:app[ancestor::tei:app]">
    <xsl:apply-templates select="tei:lem/node()"/>
    <xsl:text> [</xsl:text>
    <xsl:call-template name="tk:app-entry"><xsl:with-param name="lemma" select="false()"/></xsl:call-template>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <!-- A separate apparatus: a line-keyed list where it stands. -->
  <xsl:template match="tei:listApp">
    <div class="listApp">
      <xsl:call-template name="tk:attrs"/>
      <xsl:apply-templates select="tei:head"/>
      <ul class="apparatus">
        <xsl:for-each select="tei:app">
          <li>
            <xsl:call-template name="tk:attrs"/>
            <xsl:variable name="where" select="normalize-space((@loc, @from, @n)[1])"/>
            <xsl:if test="$where"><span class="app-loc"><xsl:value-of select="$where"/></span><xsl:text> </xsl:text></xsl:if>
            <xsl:call-template name="tk:app-entry"/>
          </li>
        </xsl:for-each>
      </ul>
    </div>
  </xsl:template>

  <!-- lemma] readings, then notes; the context item is the app. -->
  <xsl:template name="tk:app-entry">
    <xsl:param name="lemma" as="xs:boolean" select="true()"/>
    <xsl:if test="$lemma and tei:lem">
      <span class="lem"><xsl:call-template name="tk:app-reading"><xsl:with-param name="r" select="tei:lem[1]"/></xsl:call-template></span>
      <xsl:text>] </xsl:text>
    </xsl:if>
    <xsl:for-each select="tei:rdg | tei:rdgGrp/tei:rdg">
      <span class="rdg"><xsl:call-template name="tk:app-reading"><xsl:with-param name="r" select="."/></xsl:call-template></span>
      <xsl:if test="position() ne last()">; </xsl:if>
    </xsl:for-each>
    <xsl:for-each select="(tei:rdgGrp/* except tei:rdgGrp/tei:rdg) | (* except (tei:lem | tei:rdg | tei:rdgGrp))">
      <xsl:text> </xsl:text>
      <span class="app-note"><xsl:apply-templates/></span>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="tk:app-reading">
    <xsl:param name="r" as="element()"/>
    <xsl:choose>
      <xsl:when test="normalize-space($r) or $r/*"><xsl:apply-templates select="$r/node()"/></xsl:when>
      <xsl:otherwise><i><xsl:value-of select="tk:label('print.omitted')"/></i></xsl:otherwise>
    </xsl:choose>
    <xsl:variable name="wit" select="tokenize(normalize-space(string-join(($r/@wit, $r/@source), ' ')), ' ') ! replace(., '^#', '')"/>
    <xsl:if test="exists($wit)">
      <xsl:text> </xsl:text>
      <span class="wit"><xsl:value-of select="string-join($wit, ' ')"/></span>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
