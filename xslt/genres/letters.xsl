<?xml version="1.0" encoding="UTF-8"?>
<!--
  Letters, what every format shares: the correspondence description of the header
  (correspDesc: who sent the letter from where and when, who received it, the letters
  before and after it in correspContext). The formats: letters-html.xsl (the letter's head
  above the text, the letter's parts laid out as a letter), letters-text.xsl, and in the
  EPUB the head on the title page. toolkit/exports/cmif.py writes cmif.xml from the same
  elements.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit"
  exclude-result-prefixes="#all">

  <!-- The correspondence description of a text: its TEI's header's first one. -->
  <xsl:function name="tk:corresp-desc" as="element()?">
    <xsl:param name="text" as="element()"/>
    <xsl:sequence select="$text/ancestor::tei:TEI[1]/tei:teiHeader/tei:profileDesc/tei:correspDesc[1]"/>
  </xsl:function>

  <!-- What the letter's head says of one action, as (label, names, where, when): "From",
       "To", and other types by name. -->
  <xsl:function name="tk:action-label" as="xs:string">
    <xsl:param name="action" as="element()"/>
    <xsl:variable name="type" select="lower-case(normalize-space($action/@type))"/>
    <xsl:sequence select="(map{'sent': 'From', 'received': 'To', 'transmitted': 'Sent on by',
      'redirected': 'Redirected to', 'forwarded': 'Forwarded by'}($type),
      if ($type) then concat(upper-case(substring($type, 1, 1)), substring($type, 2)) else 'Action')[1]"/>
  </xsl:function>

  <!-- The previous and next letters named by correspContext: (type, target, label). -->
  <xsl:function name="tk:letter-links" as="map(*)*">
    <xsl:param name="desc" as="element()?"/>
    <xsl:for-each select="$desc/tei:correspContext/tei:ref[@type = ('prev', 'previous', 'next')]">
      <xsl:variable name="next" select="@type = 'next'"/>
      <xsl:sequence select="map{'rel': if ($next) then 'next' else 'prev',
        'label': if ($next) then 'Next letter' else 'Previous letter',
        'href': tk:letter-href(normalize-space(tokenize(normalize-space(@target), ' ')[1])),
        'text': normalize-space(.)}"/>
    </xsl:for-each>
  </xsl:function>

  <!-- Where a letter named by correspContext is: a web address as it is; another TEI file of
       the same folder ("L001.xml") as built beside this one by `teikit build FOLDER`
       (../../L001/html/index.html); anything else nowhere. -->
  <xsl:function name="tk:letter-href" as="xs:string?">
    <xsl:param name="target" as="xs:string?"/>
    <xsl:variable name="url" select="tk:safe-url($target)"/>
    <xsl:sequence select="if (empty($url)) then ()
      else if (matches($url, '^https?:', 'i')) then $url
      else if (matches($url, '^[A-Za-z0-9_.\-]+\.xml(#.*)?$'))
        then concat('../../', replace($url, '\.xml(#.*)?$', ''), '/html/index.html')
      else ()"/>
  </xsl:function>

</xsl:stylesheet>
