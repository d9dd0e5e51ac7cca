<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom"
    exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="UTF-8" doctype-system="about:legacy-compat" indent="yes"/>

  <xsl:template match="/atom:feed">
    <html lang="en">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="atom:title"/> — Feed of changes (Atom)</title>
        <link rel="stylesheet" href="/assets/stylesheets/feed.css"/>
        <link rel="icon" href="data:,"/>
      </head>
      <body>
        <main class="ps-feed">
          <p class="ps-feed__kind">Feed of changes (Atom)</p>
          <h1><xsl:value-of select="atom:title"/></h1>
          <section class="ps-feed__about">
            <p>This is a feed: the changes listed below, newest first, in a form that feed readers (RSS readers) understand. Subscribe to it in a feed reader and it will tell you of each change as soon as it is announced, so you do not have to keep checking the site.</p>
            <p>To subscribe, copy this page&#39;s address into your feed reader:</p>
            <p><code class="ps-feed__address"><xsl:value-of select="atom:link[@rel='self']/@href"/></code></p>
            <p><a href="{atom:link[not(@rel) or @rel='alternate'][1]/@href}">Every policy on this site</a></p>
          </section>
          <h2>Latest changes</h2>
          <p class="ps-feed__as-of"><xsl:value-of select="atom:subtitle"/></p>
          <xsl:apply-templates select="atom:entry"/>
          <xsl:if test="not(atom:entry)">
            <p>No changes yet.</p>
          </xsl:if>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="atom:entry">
    <article class="ps-feed__entry">
      <h3><a href="{atom:link[not(@rel) or @rel='alternate'][1]/@href}"><xsl:value-of select="atom:title"/></a></h3>
      <p class="ps-feed__date">
        <time datetime="{atom:updated}">
          <xsl:call-template name="date">
            <xsl:with-param name="when" select="atom:updated"/>
          </xsl:call-template>
        </time>
      </p>
      <div class="ps-feed__content">
        <xsl:value-of select="atom:content" disable-output-escaping="yes"/>
      </div>
    </article>
  </xsl:template>

  <xsl:template name="date">
    <xsl:param name="when"/>
    <xsl:variable name="month" select="substring($when, 6, 2)"/>
    <xsl:choose>
      <xsl:when test="$month = '01'">
        <xsl:text>January </xsl:text>
        <xsl:value-of select="number(substring($when, 9, 2))"/>
        <xsl:text>, </xsl:text>
        <xsl:value-of select="number(substring($when, 1, 4))"/>
      </xsl:when>
      <xsl:when test="$month = '02'">
        <xsl:text>February </xsl:text>
        <xsl:value-of select="number(substring($when, 9, 2))"/>
        <xsl:text>, </xsl:text>
        <xsl:value-of select="number(substring($when, 1, 4))"/>
      </xsl:when>
      <xsl:when test="$month = '03'">
        <xsl:text>March </xsl:text>
        <xsl:value-of select="number(substring($when, 9, 2))"/>
        <xsl:text>, </xsl:text>
        <xsl:value-of select="number(substring($when, 1, 4))"/>
      </xsl:when>
      <xsl:when test="$month = '04'">
        <xsl:text>April </xsl:text>
        <xsl:value-of select="number(substring($when, 9, 2))"/>
        <xsl:text>, </xsl:text>
        <xsl:value-of select="number(substring($when, 1, 4))"/>
      </xsl:when>
      <xsl:when test="$month = '05'">
        <xsl:text>May </xsl:text>
        <xsl:value-of select="number(substring($when, 9, 2))"/>
        <xsl:text>, </xsl:text>
        <xsl:value-of select="number(substring($when, 1, 4))"/>
      </xsl:when>
      <xsl:when test="$month = '06'">
        <xsl:text>June </xsl:text>
        <xsl:value-of select="number(substring($when, 9, 2))"/>
        <xsl:text>, </xsl:text>
        <xsl:value-of select="number(substring($when, 1, 4))"/>
      </xsl:when>
      <xsl:when test="$month = '07'">
        <xsl:text>July </xsl:text>
        <xsl:value-of select="number(substring($when, 9, 2))"/>
        <xsl:text>, </xsl:text>
        <xsl:value-of select="number(substring($when, 1, 4))"/>
      </xsl:when>
      <xsl:when test="$month = '08'">
        <xsl:text>August </xsl:text>
        <xsl:value-of select="number(substring($when, 9, 2))"/>
        <xsl:text>, </xsl:text>
        <xsl:value-of select="number(substring($when, 1, 4))"/>
      </xsl:when>
      <xsl:when test="$month = '09'">
        <xsl:text>September </xsl:text>
        <xsl:value-of select="number(substring($when, 9, 2))"/>
        <xsl:text>, </xsl:text>
        <xsl:value-of select="number(substring($when, 1, 4))"/>
      </xsl:when>
      <xsl:when test="$month = '10'">
        <xsl:text>October </xsl:text>
        <xsl:value-of select="number(substring($when, 9, 2))"/>
        <xsl:text>, </xsl:text>
        <xsl:value-of select="number(substring($when, 1, 4))"/>
      </xsl:when>
      <xsl:when test="$month = '11'">
        <xsl:text>November </xsl:text>
        <xsl:value-of select="number(substring($when, 9, 2))"/>
        <xsl:text>, </xsl:text>
        <xsl:value-of select="number(substring($when, 1, 4))"/>
      </xsl:when>
      <xsl:when test="$month = '12'">
        <xsl:text>December </xsl:text>
        <xsl:value-of select="number(substring($when, 9, 2))"/>
        <xsl:text>, </xsl:text>
        <xsl:value-of select="number(substring($when, 1, 4))"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="substring($when, 1, 10)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>