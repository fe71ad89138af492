<?xml version="1.0" encoding="UTF-8"?>
<!--
  Critical apparatus in the HTML edition (shared part: apparatus.xsl).

  In the text: every reading of an entry is in the page, the base reading (lem) shown and
  the others hidden, each with the witnesses it stands for (data-wit), so that genres.js
  can show the text as one witness reads it (the witness switch, kept in the URL as
  ?wit=ID). After each entry a numbered marker (a note reference: edition.js opens it as a
  popover) leads to the entry in the apparatus list.

  After the text: the witnesses (siglum and description, groups with their members) and the
  apparatus, one list item per entry: its line (or the line it points at), the lemma and its
  sigla, "]", then each reading with its sigla ("om." for an empty one, "add." before a
  reading where the lemma is empty), readings of a group (rdgGrp) together, statements about
  a witness (witDetail) after its siglum, notes at the end; a back-link to the marker.
  Location-referenced and double-endpoint entries (EpiDoc apparatus divisions) are listed
  where they stand, and their markers stand at the line or anchor they point at.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <!-- Where an entry's marker and the entry itself lead (the EPUB overrides these). -->
  <xsl:function name="tk:app-entry-href" as="xs:string">
    <xsl:param name="app" as="element()"/>
    <xsl:sequence select="concat('#', tk:id($app))"/>
  </xsl:function>

  <xsl:function name="tk:app-ref-href" as="xs:string">
    <xsl:param name="app" as="element()"/>
    <xsl:sequence select="concat('#ref-', tk:id($app))"/>
  </xsl:function>

  <xsl:function name="tk:witness-href" as="xs:string">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="concat('#wit-', tk:safe-id($id))"/>
  </xsl:function>

  <!-- An entry in the text: its readings, then its marker. -->
  <xsl:template match="tei:app" priority="5">
    <xsl:choose>
      <xsl:when test="tk:is-external-app(.)"/>
      <xsl:otherwise>
        <xsl:call-template name="tk:app-in-text"/>
        <xsl:call-template name="tk:app-marker"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="tk:app-in-text">
    <xsl:variable name="base" select="tk:base-reading(.)"/>
    <span class="app">
      <xsl:for-each select="tk:readings(.)">
        <span class="{local-name()}" data-wit="{string-join(tk:witness-ids(.), ' ')}">
          <xsl:if test="not(. is $base)">
            <xsl:attribute name="hidden" select="'hidden'"/>
            <!-- (a space inside: the readings stay apart in the page's text, and it is shown
                 only with its reading) -->
            <xsl:if test="not(tk:is-empty-reading(.))"><xsl:text> </xsl:text></xsl:if>
          </xsl:if>
          <xsl:apply-templates/>
        </span>
      </xsl:for-each>
    </span>
  </xsl:template>

  <xsl:template name="tk:app-marker">
    <xsl:param name="app" as="element()" select="."/>
    <xsl:variable name="n" select="tk:app-number($app)"/>
    <sup class="app-ref"><a href="{tk:app-entry-href($app)}" id="ref-{tk:id($app)}" role="doc-noteref"
      data-popover-title="Variant {$n}" aria-label="Variant {$n}"><xsl:value-of select="$n"/></a></sup>
  </xsl:template>

  <!-- Readings and statements inside an entry are rendered by the entry. -->
  <xsl:template match="tei:rdgGrp | tei:witDetail | tei:app/tei:note | tei:listApp" priority="5"/>

  <!-- An apparatus division (EpiDoc): its heading, then its entries as a list. -->
  <xsl:template match="tei:div[@type = 'apparatus'][.//tei:app]" priority="5">
    <section class="div apparatus">
      <xsl:call-template name="tk:attrs"/>
      <xsl:apply-templates select="tei:head"/>
      <xsl:if test="not(tei:head)"><h2>Apparatus</h2></xsl:if>
      <xsl:apply-templates select="node() except tei:head" mode="tk:apparatus-division"/>
    </section>
  </xsl:template>

  <xsl:template match="tei:listApp" mode="tk:apparatus-division">
    <xsl:apply-templates select="tei:head"/>
    <ol class="apparatus">
      <xsl:for-each select=".//tei:app">
        <xsl:call-template name="tk:app-entry"/>
      </xsl:for-each>
    </ol>
  </xsl:template>

  <xsl:template match="node()" mode="tk:apparatus-division">
    <xsl:apply-templates select="."/>
  </xsl:template>

  <!-- ==== After the text: witnesses and the apparatus of the entries in the text ==== -->

  <xsl:template name="tk:apparatus-sections">
    <xsl:variable name="text" select="."/>
    <xsl:variable name="entries" select="$tk:apps[not(tk:is-external-app(.))][ancestor::tei:text[1] is $text]"/>
    <xsl:if test="exists($tk:witnesses) and exists($tk:apps) and not($text/ancestor::tei:text)">
      <section class="witnesses" id="witnesses" aria-labelledby="witnesses-title">
        <h2 id="witnesses-title">Witnesses</h2>
        <xsl:apply-templates select="($tk:source//tei:listWit)[1]" mode="tk:witness-list"/>
      </section>
    </xsl:if>
    <xsl:if test="exists($entries)">
      <section class="apparatus" id="apparatus" aria-labelledby="apparatus-title" role="doc-endnotes">
        <h2 id="apparatus-title">Apparatus</h2>
        <ol class="apparatus">
          <xsl:for-each select="$entries"><xsl:call-template name="tk:app-entry"/></xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:listWit" mode="tk:witness-list">
    <dl class="witnesses">
      <xsl:for-each select="tei:witness | tei:listWit">
        <dt id="wit-{tk:safe-id(string(@xml:id))}">
          <xsl:value-of select="if (self::tei:witness) then tk:siglum-of(.) else tk:siglum(string(@xml:id))[1]"/>
        </dt>
        <dd>
          <xsl:choose>
            <xsl:when test="self::tei:witness"><xsl:value-of select="tk:witness-description(.)"/></xsl:when>
            <xsl:otherwise>
              <xsl:value-of select="normalize-space(tei:head)"/>
              <xsl:apply-templates select="." mode="tk:witness-list"/>
            </xsl:otherwise>
          </xsl:choose>
        </dd>
      </xsl:for-each>
    </dl>
  </xsl:template>

  <!-- The witness list in the About page's source description. -->
  <xsl:template match="tei:listWit" mode="tk:header-block" priority="5">
    <xsl:if test="not(ancestor::tei:listWit)">
      <h3>Witnesses</h3>
      <xsl:apply-templates select="." mode="tk:witness-list"/>
    </xsl:if>
  </xsl:template>

  <!-- One entry of the apparatus list. -->
  <xsl:template name="tk:app-entry">
    <xsl:variable name="app" select="."/>
    <xsl:variable name="n" select="tk:app-number(.)"/>
    <xsl:variable name="line" select="tk:app-line(.)"/>
    <xsl:variable name="readings" select="tk:readings(.)"/>
    <xsl:variable name="lem" select="$readings[self::tei:lem]"/>
    <xsl:variable name="addition" select="exists($lem) and tk:is-empty-reading($lem)"/>
    <li id="{tk:id(.)}" class="app-entry">
      <xsl:if test="@type"><xsl:attribute name="data-type" select="tk:class-token(@type)"/></xsl:if>
      <xsl:choose>
        <xsl:when test="not(tk:is-external-app(.)) or exists(tk:app-end(.))">
          <a class="backlink" href="{tk:app-ref-href(.)}" role="doc-backlink" aria-label="Back to variant {$n} in the text"><xsl:value-of select="$n"/></a>
        </xsl:when>
        <!-- an entry that names no line or anchor of the text has no marker to go back to -->
        <xsl:otherwise><span class="backlink"><xsl:value-of select="$n"/></span></xsl:otherwise>
      </xsl:choose>
      <xsl:text> </xsl:text>
      <xsl:if test="exists($line)">
        <span class="app-line"><span class="visually-hidden">line </span><xsl:value-of select="$line"/></span>
        <xsl:text> </xsl:text>
      </xsl:if>
      <xsl:for-each select="$lem">
        <xsl:call-template name="tk:entry-reading">
          <xsl:with-param name="app" select="$app"/>
        </xsl:call-template>
        <xsl:text> </xsl:text>
        <span class="app-sep">]</span>
        <xsl:text> </xsl:text>
      </xsl:for-each>
      <xsl:for-each-group select="$readings[self::tei:rdg]" group-adjacent="generate-id(parent::tei:rdgGrp)">
        <xsl:if test="position() gt 1"><span class="app-sep">; </span></xsl:if>
        <xsl:variable name="group" select="parent::tei:rdgGrp"/>
        <span class="{string-join(('app-readings', if ($group) then 'rdgGrp' else ()), ' ')}">
          <xsl:if test="$group/@type">
            <span class="app-group-type"><xsl:value-of select="concat(normalize-space($group/@type), ': ')"/></span>
          </xsl:if>
          <xsl:for-each select="current-group()">
            <xsl:if test="position() gt 1"><span class="app-sep">; </span></xsl:if>
            <xsl:call-template name="tk:entry-reading">
              <xsl:with-param name="app" select="$app"/>
              <xsl:with-param name="addition" select="$addition"/>
            </xsl:call-template>
          </xsl:for-each>
        </span>
      </xsl:for-each-group>
      <xsl:for-each select="tk:wit-details((), .)">
        <xsl:text> </xsl:text>
        <span class="witDetail"><xsl:call-template name="tk:sigla"><xsl:with-param name="reading" select="."/></xsl:call-template>: <xsl:value-of select="tk:reading-string(node())"/></span>
      </xsl:for-each>
      <xsl:for-each select=".//tei:note[ancestor::tei:app[1] is $app][not(ancestor::tei:note)]">
        <xsl:text> </xsl:text>
        <span class="app-note"><xsl:apply-templates/></span>
      </xsl:for-each>
    </li>
  </xsl:template>

  <!-- A reading in an entry: its text (or "om."), its sigla, statements about it. -->
  <xsl:template name="tk:entry-reading">
    <xsl:param name="app" as="element()"/>
    <xsl:param name="addition" as="xs:boolean" select="false()"/>
    <xsl:variable name="empty" select="tk:is-empty-reading(.)"/>
    <span class="{if (self::tei:lem) then 'app-lem' else 'app-rdg'}">
      <xsl:if test="normalize-space(@type)"><xsl:attribute name="data-type" select="tk:class-token(@type)"/></xsl:if>
      <xsl:choose>
        <xsl:when test="$empty"><i class="om">om.</i></xsl:when>
        <xsl:otherwise>
          <xsl:if test="$addition"><i class="add">add. </i></xsl:if>
          <xsl:copy-of select="tk:lang-span(., tk:reading-string(node()))"/>
        </xsl:otherwise>
      </xsl:choose>
    </span>
    <xsl:if test="exists(tk:reading-sigla(.))">
      <xsl:text> </xsl:text>
      <xsl:call-template name="tk:sigla"><xsl:with-param name="reading" select="."/></xsl:call-template>
    </xsl:if>
    <xsl:for-each select="tk:wit-details(., $app)">
      <xsl:text> </xsl:text>
      <span class="witDetail">(<xsl:value-of select="tk:reading-string(node())"/>)</span>
    </xsl:for-each>
  </xsl:template>

  <!-- A reading's text in the language of the text it belongs to. -->
  <xsl:function name="tk:lang-span" as="node()*">
    <xsl:param name="reading" as="element()"/>
    <xsl:param name="text" as="xs:string"/>
    <xsl:variable name="lang" select="$reading/ancestor-or-self::*[@xml:lang][1]/@xml:lang"/>
    <xsl:choose>
      <xsl:when test="$lang and not($lang = root($reading)/*/@xml:lang)">
        <span lang="{tk:bcp47($lang)}"><xsl:value-of select="$text"/></span>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- The sigla of a reading (or witDetail), each a link to its witness when it is one. -->
  <xsl:template name="tk:sigla">
    <xsl:param name="reading" as="element()"/>
    <xsl:variable name="pairs" select="tk:reading-sigla($reading)"/>
    <span class="sigla">
      <xsl:for-each select="1 to count($pairs) idiv 2">
        <xsl:variable name="siglum" select="$pairs[2 * current() - 1]"/>
        <xsl:variable name="id" select="$pairs[2 * current()]"/>
        <xsl:if test=". gt 1"><xsl:text> </xsl:text></xsl:if>
        <xsl:variable name="target" select="if ($id ne '') then key('tk:app-by-id', $id, $tk:source)[1] else ()"/>
        <xsl:choose>
          <xsl:when test="$target/(self::tei:witness | self::tei:listWit)">
            <a class="siglum" href="{tk:witness-href($id)}"><xsl:value-of select="$siglum"/></a>
          </xsl:when>
          <xsl:otherwise><span class="siglum"><xsl:value-of select="$siglum"/></span></xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </span>
  </xsl:template>

  <!-- ==== The witness switch (in the tools bar; genres.js makes it work) ==== -->

  <xsl:template name="tk:witness-switch">
    <xsl:if test="exists($tk:witnesses) and exists($tk:apps[not(tk:is-external-app(.))])">
      <div class="witness-switch">
        <label for="witness-select">Text of</label>
        <xsl:text> </xsl:text>
        <select id="witness-select" name="wit">
          <option value="">the edition</option>
          <xsl:for-each select="$tk:witnesses[@xml:id]">
            <option value="{@xml:id}"><xsl:value-of select="concat('witness ', tk:siglum-of(.))"/></option>
          </xsl:for-each>
        </select>
        <span class="witness-status" id="witness-status" role="status"></span>
      </div>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
