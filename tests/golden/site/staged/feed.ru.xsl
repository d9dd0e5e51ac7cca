<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom"
    exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="UTF-8" doctype-system="about:legacy-compat" indent="yes"/>

  <xsl:template match="/atom:feed">
    <html lang="ru">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="atom:title"/> — Лента изменений (Atom)</title>
        <link rel="stylesheet" href="/assets/stylesheets/feed.css"/>
        <link rel="icon" href="data:,"/>
      </head>
      <body>
        <main class="ps-feed">
          <p class="ps-feed__kind">Лента изменений (Atom)</p>
          <h1><xsl:value-of select="atom:title"/></h1>
          <section class="ps-feed__about">
            <p>Это лента изменений: ниже перечислены изменения, новые сверху. Её понимают программы для чтения лент (RSS-ридеры): подпишитесь на неё в такой программе, и она сама сообщит о каждом изменении, как только оно будет объявлено, — проверять сайт вручную не придётся.</p>
            <p>Чтобы подписаться, скопируйте адрес этой страницы и добавьте его в программу для чтения лент:</p>
            <p><code class="ps-feed__address"><xsl:value-of select="atom:link[@rel='self']/@href"/></code></p>
            <p><a href="{atom:link[not(@rel) or @rel='alternate'][1]/@href}">Все политики на сайте</a></p>
          </section>
          <h2>Последние изменения</h2>
          <p class="ps-feed__as-of"><xsl:value-of select="atom:subtitle"/></p>
          <xsl:apply-templates select="atom:entry"/>
          <xsl:if test="not(atom:entry)">
            <p>Изменений пока нет.</p>
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
        <xsl:value-of select="number(substring($when, 9, 2))"/>
        <xsl:text> января </xsl:text>
        <xsl:value-of select="number(substring($when, 1, 4))"/>
        <xsl:text> г.</xsl:text>
      </xsl:when>
      <xsl:when test="$month = '02'">
        <xsl:value-of select="number(substring($when, 9, 2))"/>
        <xsl:text> февраля </xsl:text>
        <xsl:value-of select="number(substring($when, 1, 4))"/>
        <xsl:text> г.</xsl:text>
      </xsl:when>
      <xsl:when test="$month = '03'">
        <xsl:value-of select="number(substring($when, 9, 2))"/>
        <xsl:text> марта </xsl:text>
        <xsl:value-of select="number(substring($when, 1, 4))"/>
        <xsl:text> г.</xsl:text>
      </xsl:when>
      <xsl:when test="$month = '04'">
        <xsl:value-of select="number(substring($when, 9, 2))"/>
        <xsl:text> апреля </xsl:text>
        <xsl:value-of select="number(substring($when, 1, 4))"/>
        <xsl:text> г.</xsl:text>
      </xsl:when>
      <xsl:when test="$month = '05'">
        <xsl:value-of select="number(substring($when, 9, 2))"/>
        <xsl:text> мая </xsl:text>
        <xsl:value-of select="number(substring($when, 1, 4))"/>
        <xsl:text> г.</xsl:text>
      </xsl:when>
      <xsl:when test="$month = '06'">
        <xsl:value-of select="number(substring($when, 9, 2))"/>
        <xsl:text> июня </xsl:text>
        <xsl:value-of select="number(substring($when, 1, 4))"/>
        <xsl:text> г.</xsl:text>
      </xsl:when>
      <xsl:when test="$month = '07'">
        <xsl:value-of select="number(substring($when, 9, 2))"/>
        <xsl:text> июля </xsl:text>
        <xsl:value-of select="number(substring($when, 1, 4))"/>
        <xsl:text> г.</xsl:text>
      </xsl:when>
      <xsl:when test="$month = '08'">
        <xsl:value-of select="number(substring($when, 9, 2))"/>
        <xsl:text> августа </xsl:text>
        <xsl:value-of select="number(substring($when, 1, 4))"/>
        <xsl:text> г.</xsl:text>
      </xsl:when>
      <xsl:when test="$month = '09'">
        <xsl:value-of select="number(substring($when, 9, 2))"/>
        <xsl:text> сентября </xsl:text>
        <xsl:value-of select="number(substring($when, 1, 4))"/>
        <xsl:text> г.</xsl:text>
      </xsl:when>
      <xsl:when test="$month = '10'">
        <xsl:value-of select="number(substring($when, 9, 2))"/>
        <xsl:text> октября </xsl:text>
        <xsl:value-of select="number(substring($when, 1, 4))"/>
        <xsl:text> г.</xsl:text>
      </xsl:when>
      <xsl:when test="$month = '11'">
        <xsl:value-of select="number(substring($when, 9, 2))"/>
        <xsl:text> ноября </xsl:text>
        <xsl:value-of select="number(substring($when, 1, 4))"/>
        <xsl:text> г.</xsl:text>
      </xsl:when>
      <xsl:when test="$month = '12'">
        <xsl:value-of select="number(substring($when, 9, 2))"/>
        <xsl:text> декабря </xsl:text>
        <xsl:value-of select="number(substring($when, 1, 4))"/>
        <xsl:text> г.</xsl:text>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="substring($when, 1, 10)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>