<?xml version="1.0" encoding="UTF-8"?>
<!--
  The page frame (tk:page) shared by every page, the site navigation, the reading tools, and
  the secondary pages written with xsl:result-document (tk:pages). Included by html.xsl.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <!-- The citation of the edition, as plain text (edition.js adds the address and passage). -->
  <xsl:function name="tk:citation-text" as="xs:string">
    <xsl:param name="doc" as="node()"/>
    <xsl:variable name="h" select="root($doc)/*/tei:teiHeader/tei:fileDesc"/>
    <xsl:variable name="authors" select="tk:authors($doc)"/>
    <xsl:variable name="title" select="string-join((tk:title($doc), tk:subtitle($doc)), ': ')"/>
    <xsl:variable name="editors" select="$h/tei:titleStmt/(tei:editor | tei:respStmt/(tei:name | tei:persName | tei:orgName))/normalize-space()"/>
    <xsl:variable name="edition" select="normalize-space(string-join($h/tei:editionStmt/tei:edition[1]/text(), ''))"/>
    <xsl:variable name="edition-n" select="$h/tei:editionStmt/tei:edition[1]/@n"/>
    <xsl:variable name="publisher" select="normalize-space(($h/tei:publicationStmt/(tei:publisher | tei:distributor | tei:authority))[1])"/>
    <xsl:variable name="date" select="tk:edition-date($doc)"/>
    <xsl:sequence select="string-join((
      if (exists($authors)) then string-join($authors, ', ') else (),
      concat('“', $title, '”'),
      if (exists($editors)) then concat('edited by ', string-join($editors, ', ')) else (),
      if ($edition-n) then concat('edition ', $edition-n) else if ($edition) then $edition else (),
      string-join(($publisher[. ne ''], $date), ', ')[. ne '']), ', ')"/>
  </xsl:function>

  <!-- The page frame shared by every HTML page. -->
  <xsl:template name="tk:page">
    <xsl:param name="page" as="xs:string" select="'text'"/>
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="scripts" as="xs:string*" select="()"/>
    <xsl:variable name="doc-title" select="tk:title($tk:root)"/>
    <html lang="{tk:bcp47(tk:language($tk:root))}">
      <xsl:if test="tk:dir(tk:language($tk:root)) eq 'rtl'"><xsl:attribute name="dir" select="'rtl'"/></xsl:if>
      <head>
        <meta charset="utf-8"/>
        <meta http-equiv="Content-Security-Policy" content="{$tk:csp}"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="referrer" content="no-referrer"/>
        <title><xsl:value-of select="if ($title eq $doc-title) then $title else concat($title, ' · ', $doc-title)"/></title>
        <link rel="icon" href="{$assets}/favicon.svg" type="image/svg+xml"/>
        <link rel="stylesheet" href="{$assets}/edition.css"/>
        <script src="{$assets}/edition.js" defer="defer"></script>
        <xsl:call-template name="tk:genre-head"/>
        <xsl:for-each select="$scripts">
          <script src="{.}" defer="defer"></script>
        </xsl:for-each>
      </head>
      <body class="page-{$page}" data-cite="{tk:citation-text($tk:root)}">
        <a class="skip" href="#main">Skip to the content</a>
        <header class="site">
          <p class="site-title"><a href="{tk:page-href('text')}"><xsl:value-of select="$doc-title"/></a></p>
          <nav class="site-nav" aria-label="Edition">
            <ul>
              <xsl:for-each select="$tk:pages">
                <li>
                  <a href="{tk:page-href(.)}">
                    <xsl:if test=". = $page"><xsl:attribute name="aria-current" select="'page'"/></xsl:if>
                    <xsl:value-of select="if (. = 'about') then 'About' else tk:page-title(.)"/>
                  </a>
                </li>
              </xsl:for-each>
            </ul>
          </nav>
          <xsl:if test="$page = ('text', 'persons', 'places', 'organisations', 'bibliography')">
            <xsl:call-template name="tk:tools"/>
          </xsl:if>
        </header>
        <main id="main">
          <xsl:call-template name="tk:page-content">
            <xsl:with-param name="page" select="$page"/>
          </xsl:call-template>
        </main>
        <footer class="site">
          <p>
            <xsl:value-of select="tk:citation-text($tk:root)"/>
            <xsl:text>. </xsl:text>
            <a href="{tk:page-href('about')}#cite">How to cite</a>
          </p>
        </footer>
      </body>
    </html>
  </xsl:template>

  <!-- Highlighting and reading switches; hidden until edition.js makes them work. -->
  <xsl:template name="tk:tools">
    <xsl:variable name="kinds" select="(
      if (//tei:text//tei:persName or $tk:persons) then 'pers' else (),
      if (//tei:text//tei:placeName or $tk:places) then 'place' else (),
      if (//tei:text//tei:orgName or $tk:orgs) then 'org' else (),
      if (//tei:text//(tei:date | tei:time)) then 'date' else (),
      if (//tei:text//tei:choice) then 'corr' else ())"/>
    <xsl:if test="exists($kinds) or $tk:diplomatic or tk:has-genre-tools()">
      <div class="tools" id="tools" hidden="hidden">
        <xsl:if test="exists($kinds)">
        <fieldset class="highlight">
          <legend>Highlight</legend>
          <xsl:for-each select="$kinds">
            <label class="hl-{.}">
              <input type="checkbox" name="hl" value="{.}"/>
              <xsl:text> </xsl:text>
              <span><xsl:value-of select="map{'pers': 'persons', 'place': 'places', 'org': 'organisations', 'date': 'dates', 'corr': 'corrections'}(.)"/></span>
            </label>
          </xsl:for-each>
        </fieldset>
        </xsl:if>
        <xsl:if test="$tk:diplomatic or //tei:text//tei:choice[(tei:sic | tei:orig | tei:abbr) and (tei:corr | tei:reg | tei:expan)]">
          <!-- A diplomatic or epigraphic transcription calls its two readings views. -->
          <fieldset class="reading">
            <legend><xsl:value-of select="if ($tk:diplomatic) then 'View' else 'Reading'"/></legend>
            <label><input type="radio" name="reading" value="edited">
              <xsl:if test="$tk:reading = 'corr'"><xsl:attribute name="checked" select="'checked'"/></xsl:if>
            </input><xsl:value-of select="if ($tk:diplomatic) then ' edited' else ' corrected'"/></label>
            <label><input type="radio" name="reading" value="source">
              <xsl:if test="$tk:reading = 'sic'"><xsl:attribute name="checked" select="'checked'"/></xsl:if>
            </input><xsl:value-of select="if ($tk:diplomatic) then ' diplomatic' else ' as in the source'"/></label>
          </fieldset>
        </xsl:if>
        <xsl:call-template name="tk:genre-tools"/>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- ==== Secondary pages ==== -->

  <xsl:template name="tk:pages">
    <xsl:for-each select="$tk:pages[. ne 'text']">
      <xsl:variable name="page" select="."/>
      <xsl:result-document href="{tk:page-href($page)}" method="html" html-version="5" encoding="UTF-8" indent="no" include-content-type="no">
        <xsl:for-each select="$tk:root">
          <xsl:call-template name="tk:page">
            <xsl:with-param name="page" select="$page"/>
            <xsl:with-param name="title" select="tk:page-title($page)"/>
            <xsl:with-param name="scripts" select="if ($page = 'search') then ('search-index.js', concat($assets, '/search.js')) else ()"/>
          </xsl:call-template>
        </xsl:for-each>
      </xsl:result-document>
    </xsl:for-each>
    <xsl:call-template name="tk:search-index"/>
  </xsl:template>

  <!-- What a page holds in its <main>, written straight into the page: building the content
       as a tree first and then copying it cost a novel's HTML transform about 5%. -->
  <xsl:template name="tk:page-content">
    <xsl:param name="page" as="xs:string"/>
    <xsl:choose>
      <xsl:when test="$page = 'text'">
        <xsl:apply-templates select="$tk:texts">
          <xsl:with-param name="tk:page" select="'text'" tunnel="yes"/>
        </xsl:apply-templates>
        <xsl:if test="empty($tk:texts)"><xsl:call-template name="tk:genre-textless"/></xsl:if>
      </xsl:when>
      <xsl:when test="$page = 'persons'">
        <xsl:call-template name="tk:register-page">
          <xsl:with-param name="lists" select="//tei:listPerson[not(ancestor::tei:listPerson)]"/>
          <xsl:with-param name="page" select="$page"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$page = 'places'">
        <xsl:call-template name="tk:register-page">
          <xsl:with-param name="lists" select="//tei:listPlace[not(ancestor::tei:listPlace)]"/>
          <xsl:with-param name="page" select="$page"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$page = 'organisations'">
        <xsl:call-template name="tk:register-page">
          <xsl:with-param name="lists" select="//tei:listOrg[not(ancestor::tei:listOrg)]"/>
          <xsl:with-param name="page" select="$page"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$page = 'bibliography'">
        <xsl:call-template name="tk:register-page">
          <xsl:with-param name="lists" select="//tei:listBibl[not(ancestor::tei:listBibl)]"/>
          <xsl:with-param name="page" select="$page"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$page = 'map'"><xsl:call-template name="tk:map-page"/></xsl:when>
      <xsl:when test="$page = 'timeline'"><xsl:call-template name="tk:timeline-page"/></xsl:when>
      <xsl:when test="$page = 'search'"><xsl:call-template name="tk:search-page"/></xsl:when>
      <xsl:when test="$page = 'about'"><xsl:call-template name="tk:about-page"/></xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="tk:genre-page"><xsl:with-param name="page" select="$page"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="tk:register-page">
    <xsl:param name="lists" as="element()*"/>
    <xsl:param name="page" as="xs:string"/>
    <xsl:variable name="n" select="count($lists//*[tk:is-entry(.)])"/>
    <h1><xsl:value-of select="tk:page-title($page)"/></h1>
    <p class="lede">
      <xsl:value-of select="concat($n, if ($n = 1) then ' entry' else ' entries',
        if ($page = 'bibliography') then ', in the order of the edition. Each lists the notes that cite it.'
        else ', in alphabetical order. Each lists the passages that mention it.')"/>
    </p>
    <xsl:apply-templates select="$lists" mode="tk:register">
      <xsl:with-param name="level" select="2"/>
      <xsl:with-param name="tk:page" select="$page" tunnel="yes"/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- ==== About ==== -->

  <xsl:template name="tk:about-page">
    <xsl:variable name="h" select="/*/tei:teiHeader"/>
    <xsl:variable name="fd" select="$h/tei:fileDesc"/>
    <h1>About this edition</h1>
    <section aria-labelledby="about-edition">
      <h2 id="about-edition">The edition</h2>
      <dl class="facts">
        <dt>Title</dt>
        <dd><xsl:value-of select="string-join((tk:title(.), tk:subtitle(.)), ': ')"/></dd>
        <xsl:for-each select="$fd/tei:titleStmt/tei:author">
          <dt>Author</dt><dd><xsl:apply-templates mode="tk:header"/></dd>
        </xsl:for-each>
        <xsl:for-each select="$fd/tei:titleStmt/tei:editor">
          <dt>Editor</dt><dd><xsl:apply-templates mode="tk:header"/></dd>
        </xsl:for-each>
        <xsl:for-each select="$fd/tei:titleStmt/tei:respStmt">
          <dt><xsl:value-of select="normalize-space(string-join(tei:resp, '; '))"/></dt>
          <dd><xsl:apply-templates select="* except tei:resp" mode="tk:header"/></dd>
        </xsl:for-each>
        <xsl:for-each select="$fd/tei:editionStmt/tei:edition">
          <dt>Edition</dt><dd><xsl:apply-templates mode="tk:header"/></dd>
        </xsl:for-each>
        <xsl:for-each select="$fd/tei:publicationStmt/(tei:publisher | tei:distributor | tei:authority)">
          <dt><xsl:value-of select="concat(upper-case(substring(local-name(), 1, 1)), substring(local-name(), 2))"/></dt>
          <dd><xsl:apply-templates mode="tk:header"/></dd>
        </xsl:for-each>
        <xsl:for-each select="$fd/tei:publicationStmt/tei:date[1]">
          <dt>Published</dt><dd><xsl:value-of select="if (normalize-space()) then normalize-space() else @when"/></dd>
        </xsl:for-each>
        <xsl:for-each select="$fd/tei:publicationStmt/tei:idno">
          <dt>Identifier</dt><dd><xsl:value-of select="normalize-space()"/></dd>
        </xsl:for-each>
      </dl>
      <xsl:for-each select="$fd/tei:publicationStmt/tei:availability">
        <h3>Availability</h3>
        <xsl:apply-templates select="." mode="tk:header-block"/>
        <xsl:for-each select=".//tei:licence[@target]">
          <xsl:variable name="url" select="tk:safe-url(@target)"/>
          <xsl:if test="exists($url) and not(normalize-space())">
            <p>Licence: <xsl:choose>
              <xsl:when test="matches($url, '^https?:')"><a class="external" href="{$url}"><xsl:value-of select="$url"/></a></xsl:when>
              <xsl:otherwise><xsl:value-of select="$url"/></xsl:otherwise>
            </xsl:choose></p>
          </xsl:if>
        </xsl:for-each>
      </xsl:for-each>
    </section>

    <xsl:variable name="enc" select="$h/tei:encodingDesc/*[normalize-space()]"/>
    <xsl:if test="$enc">
      <section aria-labelledby="about-principles">
        <h2 id="about-principles">Editorial principles</h2>
        <xsl:for-each select="$enc">
          <xsl:choose>
            <xsl:when test="self::tei:editorialDecl">
              <xsl:for-each select="*[normalize-space()]">
                <section class="principle">
                  <h3><xsl:value-of select="tk:header-label(.)"/></h3>
                  <xsl:apply-templates select="." mode="tk:header-block"/>
                </section>
              </xsl:for-each>
            </xsl:when>
            <xsl:otherwise>
              <section class="principle">
                <h3><xsl:value-of select="tk:header-label(.)"/></h3>
                <xsl:apply-templates select="." mode="tk:header-block"/>
              </section>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </section>
    </xsl:if>

    <xsl:if test="$fd/tei:sourceDesc[normalize-space()]">
      <section aria-labelledby="about-source">
        <h2 id="about-source">The source</h2>
        <xsl:for-each select="$fd/tei:sourceDesc/*">
          <xsl:apply-templates select="." mode="tk:header-block"/>
        </xsl:for-each>
      </section>
    </xsl:if>

    <section aria-labelledby="cite">
      <h2 id="cite">How to cite</h2>
      <p>Cite the edition as:</p>
      <blockquote class="citation"><p><span class="cite-text"><xsl:value-of select="tk:citation-text(.)"/></span><span class="cite-url">, at the address of this edition</span>.</p></blockquote>
      <p>Every paragraph and note has a permalink: the ¶ sign shown beside it when the pointer is over it or it has the keyboard focus. With scripts on, activating it also offers a ready-made citation of that passage.</p>
    </section>

    <xsl:if test="$h/tei:revisionDesc[normalize-space()]">
      <section aria-labelledby="about-revisions">
        <h2 id="about-revisions">Revisions</h2>
        <ul class="revisions">
          <xsl:for-each select="$h/tei:revisionDesc//tei:change">
            <li>
              <xsl:if test="@when"><span class="when"><xsl:value-of select="@when"/></span>: </xsl:if>
              <xsl:apply-templates mode="tk:header"/>
            </li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:function name="tk:header-label" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="name" select="local-name($el)"/>
    <xsl:variable name="known" select="map{'projectDesc': 'Aims of the project', 'samplingDecl': 'Sampling',
      'correction': 'Correction', 'normalization': 'Normalisation', 'quotation': 'Quotation',
      'hyphenation': 'Hyphenation', 'segmentation': 'Segmentation', 'interpretation': 'Interpretation',
      'punctuation': 'Punctuation', 'stdVals': 'Standard values', 'classDecl': 'Classification',
      'tagsDecl': 'Tags', 'refsDecl': 'References', 'editorialDecl': 'Editorial practice',
      'listPrefixDef': 'Prefixes', 'appInfo': 'Software'}"/>
    <xsl:sequence select="($known($name), replace(concat(upper-case(substring($name, 1, 1)), substring($name, 2)), '([a-z])([A-Z])', '$1 $2'))[1]"/>
  </xsl:function>

  <!-- Header content: blocks (p, list, bibl) become paragraphs; phrase content goes through
       the text templates. -->
  <xsl:template match="*" mode="tk:header-block">
    <xsl:choose>
      <xsl:when test="tei:p | tei:ab | tei:list | tei:bibl | tei:biblStruct | tei:msDesc | tei:listBibl">
        <xsl:for-each select="*">
          <xsl:apply-templates select="." mode="tk:header-block"/>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="self::tei:list">
        <xsl:apply-templates select="."/>
      </xsl:when>
      <xsl:when test="normalize-space() or @target">
        <xsl:element name="{if (tk:has-block(.)) then 'div' else 'p'}">
          <xsl:apply-templates mode="tk:header"/>
        </xsl:element>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:p | tei:ab" mode="tk:header-block">
    <xsl:if test="normalize-space()">
      <xsl:element name="{if (tk:has-block(.)) then 'div' else 'p'}">
        <xsl:apply-templates mode="tk:header"/>
      </xsl:element>
    </xsl:if>
  </xsl:template>

  <!-- Inside the header, the text templates apply; header-only elements show their text. -->
  <xsl:template match="node()" mode="tk:header">
    <xsl:apply-templates select="."/>
  </xsl:template>

  <xsl:template match="tei:p" mode="tk:header">
    <xsl:apply-templates mode="tk:header"/>
  </xsl:template>

  <!-- A header element that holds paragraphs at any depth (msDesc's parts, refsDecl's
       patterns): a block, its paragraphs paragraphs (never a paragraph inside a span). -->
  <xsl:template match="tei:*[.//tei:p | .//tei:ab]" mode="tk:header" priority="-0.25">
    <div class="tei-{local-name()}">
      <xsl:for-each-group select="node()" group-adjacent="exists(self::tei:p | self::tei:ab) or exists(self::*[.//tei:p | .//tei:ab])">
        <xsl:choose>
          <xsl:when test="current-grouping-key()">
            <xsl:for-each select="current-group()">
              <xsl:choose>
                <xsl:when test="self::tei:p | self::tei:ab"><p><xsl:apply-templates mode="tk:header"/></p></xsl:when>
                <xsl:otherwise><xsl:apply-templates select="." mode="tk:header"/></xsl:otherwise>
              </xsl:choose>
            </xsl:for-each>
          </xsl:when>
          <xsl:when test="normalize-space(string-join(current-group(), ''))">
            <p><xsl:apply-templates select="current-group()" mode="tk:header"/></p>
          </xsl:when>
        </xsl:choose>
      </xsl:for-each-group>
    </div>
  </xsl:template>

  <xsl:template match="tei:resp | tei:licence[not(normalize-space())] | tei:textDesc | tei:extent" mode="tk:header"/>

</xsl:stylesheet>
