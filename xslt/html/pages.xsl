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

  <!-- The labels edition.js and search.js show, passed to them on body (data-labels). -->
  <xsl:variable name="tk:script-labels" as="xs:string*" select="('close', 'note.go', 'note.label',
    'cite.passage', 'cite.copy', 'cite.copied', 'cite.select', 'cite.style', 'cite.term.source-reading',
    'card.open', 'mentions.card', 'search.status.none', 'search.status.one', 'search.status.other',
    'search.status.more', 'search.matches.one', 'search.matches.other', 'search.missing',
    'search.find', 'search.and', 'tools.size.smaller', 'tools.size.larger')"/>

  <!-- The language of the pages' own regions: the interface's (the EPUB's documents are in
       the publication's language). -->
  <xsl:variable name="tk:region-lang" as="xs:string" select="$tk:ui-lang"/>

  <!-- The page frame shared by every HTML page. -->
  <xsl:template name="tk:page">
    <xsl:param name="page" as="xs:string" select="'text'"/>
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="scripts" as="xs:string*" select="()"/>
    <xsl:variable name="doc-title" select="tk:title($tk:root)"/>
    <html lang="{$tk:ui-lang}" dir="{$tk:ui-dir}">
      <head>
        <meta charset="utf-8"/>
        <meta http-equiv="Content-Security-Policy" content="{$tk:csp}"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="referrer" content="no-referrer"/>
        <meta name="color-scheme" content="light dark"/>
        <title><xsl:value-of select="if ($title eq $doc-title) then $title else concat($title, ' · ', $doc-title)"/></title>
        <xsl:call-template name="tk:citation-meta"><xsl:with-param name="page" select="$page"/></xsl:call-template>
        <link rel="icon" href="{$assets}/favicon.svg" type="image/svg+xml"/>
        <link rel="stylesheet" href="{$assets}/edition.css"/>
        <xsl:for-each select="$scripts[ends-with(., '.css')]">
          <link rel="stylesheet" href="{.}"/>
        </xsl:for-each>
        <script src="{$assets}/edition.js" defer="defer"></script>
        <xsl:call-template name="tk:genre-head"/>
        <xsl:for-each select="$scripts[not(ends-with(., '.css'))]">
          <script src="{.}" defer="defer"></script>
        </xsl:for-each>
      </head>
      <body class="page-{$page}" data-labels="{tk:labels-json($tk:script-labels)}" data-page="{tk:page-href($page)}">
        <xsl:call-template name="tk:cite-attributes"/>
        <a class="skip" href="#main"><xsl:value-of select="tk:label('nav.skip')"/></a>
        <div class="bar">
          <p class="site-title"><a href="{tk:page-href('text')}"><xsl:value-of select="$doc-title"/></a></p>
          <xsl:call-template name="tk:contents-menu">
            <xsl:with-param name="page" select="$page"/>
          </xsl:call-template>
          <xsl:call-template name="tk:tools">
            <xsl:with-param name="page" select="$page"/>
          </xsl:call-template>
        </div>
        <header class="site">
          <nav class="site-nav" aria-label="{tk:label('nav.edition')}">
            <ul>
              <xsl:for-each select="$tk:pages">
                <li>
                  <a href="{tk:page-href(.)}">
                    <xsl:if test=". = $page"><xsl:attribute name="aria-current" select="'page'"/></xsl:if>
                    <xsl:value-of select="if (. = ('about', 'downloads')) then tk:label(concat('page.', ., '.short')) else tk:page-title(.)"/>
                  </a>
                </li>
              </xsl:for-each>
            </ul>
          </nav>
        </header>
        <main id="main">
          <xsl:variable name="content">
            <xsl:call-template name="tk:page-content">
              <xsl:with-param name="page" select="$page"/>
            </xsl:call-template>
          </xsl:variable>
          <xsl:call-template name="tk:valid"><xsl:with-param name="content" select="$content"/></xsl:call-template>
        </main>
        <footer class="site">
          <p>
            <xsl:value-of select="tk:cite-fill(tk:cite-template('chicago'), map{'url': string(tk:canonical('text'))})"/>
            <xsl:text> </xsl:text>
            <a href="{tk:relative(concat(tk:page-href('about'), '#cite'), $page)}"><xsl:value-of select="tk:label('cite.title')"/></a>
          </p>
        </footer>
      </body>
    </html>
  </xsl:template>

  <!-- The contents, in the bar at the top of every page (a disclosure: no script needed). -->
  <xsl:template name="tk:contents-menu">
    <xsl:param name="page" as="xs:string"/>
    <xsl:variable name="text" select="$tk:texts[1]"/>
    <xsl:variable name="divs" select="$text/tei:body/tk:toc-divs(.), $text/tei:back/tk:toc-divs(.)"/>
    <xsl:if test="count($divs) gt 1">
      <details class="menu contents-menu">
        <summary><xsl:value-of select="tk:label('nav.contents')"/></summary>
        <div class="menu-body">
          <!-- the headings are the text's, in its language -->
          <xsl:variable name="doc-lang" select="tk:bcp47(tk:language($text))"/>
          <xsl:if test="$doc-lang and tokenize(lower-case($doc-lang), '-')[1] ne tokenize(lower-case($tk:ui-lang), '-')[1]">
            <xsl:attribute name="lang" select="$doc-lang"/>
            <xsl:if test="tk:dir($doc-lang) ne $tk:ui-dir"><xsl:attribute name="dir" select="tk:dir($doc-lang)"/></xsl:if>
          </xsl:if>
          <xsl:for-each select="$text">
            <xsl:call-template name="tk:toc-list">
              <xsl:with-param name="divs" select="$divs"/>
              <xsl:with-param name="notes" select="exists($tk:endnotes[ancestor::tei:text[1] is current()])"/>
              <xsl:with-param name="tk:page" select="$page" tunnel="yes"/>
            </xsl:call-template>
          </xsl:for-each>
        </div>
      </details>
    </xsl:if>
  </xsl:template>

  <!-- Reading settings: highlighting, the reading, colours, text size; hidden until edition.js
       makes them work. -->
  <xsl:template name="tk:tools">
    <xsl:param name="page" as="xs:string"/>
    <xsl:variable name="kinds" select="if ($page = ('text', 'persons', 'places', 'organisations', 'events', 'bibliography')) then (
      if (//tei:text//tei:persName or $tk:persons) then 'pers' else (),
      if (//tei:text//tei:placeName or $tk:places) then 'place' else (),
      if (//tei:text//tei:orgName or $tk:orgs) then 'org' else (),
      if (//tei:text//tei:eventName or $tk:events) then 'event' else (),
      if (//tei:text//(tei:date | tei:time)) then 'date' else (),
      if (//tei:text//tei:choice) then 'corr' else ()) else ()"/>
    <details class="menu settings" id="tools" hidden="hidden">
      <summary><xsl:value-of select="tk:label('tools.label')"/></summary>
      <div class="menu-body tools">
        <xsl:if test="exists($kinds)">
          <fieldset class="highlight">
            <legend><xsl:value-of select="tk:label('tools.highlight')"/></legend>
            <xsl:for-each select="$kinds">
              <label class="hl-{.}">
                <input type="checkbox" name="hl" value="{.}"/>
                <xsl:text> </xsl:text>
                <span class="mark-sample"><xsl:value-of select="tk:label(concat('tools.hl.', .))"/></span>
              </label>
            </xsl:for-each>
            <xsl:if test="$kinds = ('pers', 'place', 'org', 'event')">
              <p class="tools-help"><xsl:value-of select="tk:label('tools.names-tab')"/></p>
            </xsl:if>
          </fieldset>
        </xsl:if>
        <xsl:if test="$page = 'text' and ($tk:diplomatic or //tei:text//tei:choice[(tei:sic | tei:orig | tei:abbr) and (tei:corr | tei:reg | tei:expan)])">
          <!-- A diplomatic or epigraphic transcription calls its two readings views. -->
          <xsl:variable name="key" select="if ($tk:diplomatic) then 'tools.view' else 'tools.reading'"/>
          <fieldset class="reading">
            <legend><xsl:value-of select="tk:label($key)"/></legend>
            <label><input type="radio" name="reading" value="edited">
              <xsl:if test="$tk:reading = 'corr'"><xsl:attribute name="checked" select="'checked'"/></xsl:if>
            </input><xsl:text> </xsl:text><xsl:value-of select="tk:label(concat($key, '.edited'))"/></label>
            <label><input type="radio" name="reading" value="source">
              <xsl:if test="$tk:reading = 'sic'"><xsl:attribute name="checked" select="'checked'"/></xsl:if>
            </input><xsl:text> </xsl:text><xsl:value-of select="tk:label(concat($key, '.source'))"/></label>
          </fieldset>
        </xsl:if>
        <xsl:if test="$page = 'text'"><xsl:call-template name="tk:genre-tools"/></xsl:if>
        <fieldset class="theme">
          <legend><xsl:value-of select="tk:label('tools.theme')"/></legend>
          <xsl:for-each select="('auto', 'light', 'dark')">
            <label><input type="radio" name="theme" value="{.}">
              <xsl:if test=". = 'auto'"><xsl:attribute name="checked" select="'checked'"/></xsl:if>
            </input><xsl:text> </xsl:text><xsl:value-of select="tk:label(concat('tools.theme.', .))"/></label>
          </xsl:for-each>
        </fieldset>
        <fieldset class="size">
          <legend><xsl:value-of select="tk:label('tools.size')"/></legend>
          <button type="button" class="size-down" aria-label="{tk:label('tools.size.smaller')}">A−</button>
          <button type="button" class="size-up" aria-label="{tk:label('tools.size.larger')}">A+</button>
        </fieldset>
      </div>
    </details>
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
            <xsl:with-param name="scripts" select="tk:page-scripts($page)"/>
          </xsl:call-template>
        </xsl:for-each>
      </xsl:result-document>
    </xsl:for-each>
    <xsl:call-template name="tk:search-index"/>
    <xsl:call-template name="tk:cite-files"/>
    <xsl:call-template name="tk:entries-data"/>
  </xsl:template>

  <!-- What a page holds in its <main>; tk:page passes it through mode tk:valid (valid.xsl). -->
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
      <xsl:when test="$page = 'events'">
        <xsl:call-template name="tk:register-page">
          <xsl:with-param name="lists" select="//tei:listEvent[not(ancestor::tei:listEvent)]"/>
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
      <xsl:when test="$page = 'downloads'"><xsl:call-template name="tk:downloads-page"/></xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="tk:genre-page"><xsl:with-param name="page" select="$page"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="tk:register-page">
    <xsl:param name="lists" as="element()*"/>
    <xsl:param name="page" as="xs:string"/>
    <xsl:variable name="n" select="count(tk:listed-entries($lists, $page))"/>
    <h1><xsl:call-template name="tk:ui-lang-attributes"><xsl:with-param name="region-lang" select="$tk:region-lang"/></xsl:call-template><xsl:value-of select="tk:page-title($page)"/></h1>
    <p class="lede">
      <xsl:call-template name="tk:ui-lang-attributes"><xsl:with-param name="region-lang" select="$tk:region-lang"/></xsl:call-template>
      <xsl:value-of select="tk:label(if ($page = 'bibliography') then 'register.lede.bibl' else if ($page = 'events') then 'register.lede.events' else 'register.lede', tk:label-n('register.entries', $n, ()))"/>
    </p>
    <xsl:apply-templates select="$lists" mode="tk:register">
      <xsl:with-param name="level" select="2"/>
      <xsl:with-param name="tk:page" select="$page" tunnel="yes"/>
    </xsl:apply-templates>
    <xsl:if test="$page = 'places' and $tk:places[tk:is-imprint-only(.)]">
      <section class="imprint-places" aria-labelledby="imprint-places">
        <h2 id="imprint-places"><xsl:value-of select="tk:label('register.imprint-section')"/></h2>
        <p class="lede"><xsl:value-of select="tk:label('register.imprint-lede')"/></p>
        <xsl:apply-templates select="$lists" mode="tk:register">
          <xsl:with-param name="level" select="3"/>
          <xsl:with-param name="imprints" select="true()"/>
          <xsl:with-param name="tk:page" select="$page" tunnel="yes"/>
        </xsl:apply-templates>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- ==== About ==== -->

  <xsl:template name="tk:about-page">
    <xsl:variable name="h" select="/*/tei:teiHeader"/>
    <xsl:variable name="fd" select="$h/tei:fileDesc"/>
    <h1><xsl:value-of select="tk:label('page.about')"/></h1>
    <section aria-labelledby="about-edition">
      <h2 id="about-edition"><xsl:value-of select="tk:label('about.edition')"/></h2>
      <dl class="facts">
        <dt><xsl:value-of select="tk:label('about.title')"/></dt>
        <dd><xsl:value-of select="string-join((tk:title(.), tk:subtitle(.)), ': ')"/></dd>
        <xsl:for-each select="$fd/tei:titleStmt/tei:author">
          <dt><xsl:value-of select="tk:label('about.author')"/></dt><dd><xsl:apply-templates mode="tk:header"/></dd>
        </xsl:for-each>
        <xsl:for-each select="$fd/tei:titleStmt/tei:editor">
          <dt><xsl:value-of select="tk:label('about.editor')"/></dt><dd><xsl:apply-templates mode="tk:header"/></dd>
        </xsl:for-each>
        <xsl:for-each select="$fd/tei:titleStmt/tei:respStmt">
          <dt><xsl:value-of select="normalize-space(string-join(tei:resp, '; '))"/></dt>
          <dd><xsl:apply-templates select="* except tei:resp" mode="tk:header"/></dd>
        </xsl:for-each>
        <xsl:for-each select="$fd/tei:editionStmt/tei:edition">
          <dt><xsl:value-of select="tk:label('about.edition-field')"/></dt><dd><xsl:apply-templates mode="tk:header"/></dd>
        </xsl:for-each>
        <xsl:for-each select="$fd/tei:publicationStmt/(tei:publisher | tei:distributor | tei:authority)">
          <dt><xsl:value-of select="tk:label(concat('about.', local-name()))"/></dt>
          <dd><xsl:apply-templates mode="tk:header"/></dd>
        </xsl:for-each>
        <xsl:for-each select="$fd/tei:publicationStmt/tei:date[1]">
          <dt><xsl:value-of select="tk:label('about.published')"/></dt><dd><xsl:value-of select="if (normalize-space()) then normalize-space() else @when"/></dd>
        </xsl:for-each>
        <xsl:for-each select="$fd/tei:publicationStmt/tei:idno">
          <dt><xsl:value-of select="tk:label('about.identifier')"/></dt><dd><xsl:value-of select="normalize-space()"/></dd>
        </xsl:for-each>
      </dl>
      <xsl:for-each select="$fd/tei:publicationStmt/tei:availability">
        <h3><xsl:value-of select="tk:label('about.availability')"/></h3>
        <xsl:apply-templates select="." mode="tk:header-block"/>
        <xsl:for-each select=".//tei:licence[@target]">
          <xsl:variable name="url" select="tk:safe-url(@target)"/>
          <xsl:if test="exists($url) and not(normalize-space())">
            <p><xsl:value-of select="substring-before(tk:label('about.licence', '{1}'), '{1}')"/><xsl:choose>
              <xsl:when test="matches($url, '^https?:')"><a class="external" href="{$url}"><xsl:value-of select="$url"/></a></xsl:when>
              <xsl:otherwise><xsl:value-of select="$url"/></xsl:otherwise>
            </xsl:choose><xsl:value-of select="substring-after(tk:label('about.licence', '{1}'), '{1}')"/></p>
          </xsl:if>
        </xsl:for-each>
      </xsl:for-each>
    </section>

    <xsl:variable name="enc" select="$h/tei:encodingDesc/*[normalize-space()]"/>
    <xsl:if test="$enc">
      <section aria-labelledby="about-principles">
        <h2 id="about-principles"><xsl:value-of select="tk:label('about.principles')"/></h2>
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
        <h2 id="about-source"><xsl:value-of select="tk:label('about.source')"/></h2>
        <xsl:for-each select="$fd/tei:sourceDesc/*">
          <xsl:apply-templates select="." mode="tk:header-block"/>
        </xsl:for-each>
      </section>
    </xsl:if>

    <xsl:call-template name="tk:cite-section"/>
    <xsl:call-template name="tk:permalink-section"/>

    <xsl:if test="$h/tei:revisionDesc[normalize-space()]">
      <section aria-labelledby="about-revisions">
        <h2 id="about-revisions"><xsl:value-of select="tk:label('about.revisions')"/></h2>
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

  <!-- Scripts (and style sheets) a secondary page loads besides edition.js. -->
  <xsl:function name="tk:page-scripts" as="xs:string*">
    <xsl:param name="page" as="xs:string"/>
    <xsl:sequence select="if ($page = 'search') then ('search-index.js', concat($assets, '/vendor/minisearch.js'), concat($assets, '/search.js'))
      else if ($page = 'text' and exists($tk:persons | $tk:places | $tk:orgs | $tk:events | $tk:bibls)) then 'entries.js'
      else if ($page = 'map') then (concat($assets, '/vendor/leaflet.css'), concat($assets, '/vendor/leaflet.js'),
        concat($assets, '/land.js'), concat($assets, '/map.js'))
      else ()"/>
  </xsl:function>

  <xsl:function name="tk:header-label" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="name" select="local-name($el)"/>
    <xsl:variable name="known" select="('projectDesc', 'samplingDecl', 'correction', 'normalization', 'quotation',
      'hyphenation', 'segmentation', 'interpretation', 'punctuation', 'stdVals', 'classDecl', 'tagsDecl',
      'refsDecl', 'editorialDecl', 'listPrefixDef', 'appInfo')"/>
    <xsl:sequence select="(if ($name = $known) then tk:label(concat('hdr.', $name)) else (), replace(concat(upper-case(substring($name, 1, 1)), substring($name, 2)), '([a-z])([A-Z])', '$1 $2'))[1]"/>
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
