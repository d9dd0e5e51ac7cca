<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom"
    exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="UTF-8" doctype-system="about:legacy-compat" indent="yes"/>

  <xsl:template match="/atom:feed">
    <html lang="kk">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="atom:title"/> — Өзгерістер арнасы (Atom)</title>
        <link rel="stylesheet" href="/assets/stylesheets/feed.css"/>
        <link rel="icon" href="data:,"/>
      </head>
      <body>
        <main class="ps-feed">
          <p class="ps-feed__kind">Өзгерістер арнасы (Atom)</p>
          <h1><xsl:value-of select="atom:title"/></h1>
          <section class="ps-feed__about">
            <p>Бұл — өзгерістер арнасы: төменде өзгерістер берілген, ең жаңасы басында. Оны арналарды оқитын бағдарламалар (RSS-оқырмандар) түсінеді. Осындай бағдарламада арнаға жазылсаңыз, әр өзгеріс жарияланған бойда бағдарлама сізге өзі хабарлайды, сайтты қайта-қайта тексеріп отырудың қажеті жоқ.</p>
            <p>Жазылу үшін осы беттің мекенжайын көшіріп, арналарды оқитын бағдарламаңызға қосыңыз:</p>
            <p><code class="ps-feed__address"><xsl:value-of select="atom:link[@rel='self']/@href"/></code></p>
            <p><a href="{atom:link[not(@rel) or @rel='alternate'][1]/@href}">Сайттағы барлық саясаттар</a></p>
          </section>
          <h2>Соңғы өзгерістер</h2>
          <p class="ps-feed__as-of"><xsl:value-of select="atom:subtitle"/></p>
          <xsl:apply-templates select="atom:entry"/>
          <xsl:if test="not(atom:entry)">
            <p>Әзірге өзгерістер жоқ.</p>
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
        <xsl:value-of select="number(substring($when, 1, 4))"/>
        <xsl:text> жылғы </xsl:text>
        <xsl:value-of select="number(substring($when, 9, 2))"/>
        <xsl:text> қаңтар</xsl:text>
      </xsl:when>
      <xsl:when test="$month = '02'">
        <xsl:value-of select="number(substring($when, 1, 4))"/>
        <xsl:text> жылғы </xsl:text>
        <xsl:value-of select="number(substring($when, 9, 2))"/>
        <xsl:text> ақпан</xsl:text>
      </xsl:when>
      <xsl:when test="$month = '03'">
        <xsl:value-of select="number(substring($when, 1, 4))"/>
        <xsl:text> жылғы </xsl:text>
        <xsl:value-of select="number(substring($when, 9, 2))"/>
        <xsl:text> наурыз</xsl:text>
      </xsl:when>
      <xsl:when test="$month = '04'">
        <xsl:value-of select="number(substring($when, 1, 4))"/>
        <xsl:text> жылғы </xsl:text>
        <xsl:value-of select="number(substring($when, 9, 2))"/>
        <xsl:text> сәуір</xsl:text>
      </xsl:when>
      <xsl:when test="$month = '05'">
        <xsl:value-of select="number(substring($when, 1, 4))"/>
        <xsl:text> жылғы </xsl:text>
        <xsl:value-of select="number(substring($when, 9, 2))"/>
        <xsl:text> мамыр</xsl:text>
      </xsl:when>
      <xsl:when test="$month = '06'">
        <xsl:value-of select="number(substring($when, 1, 4))"/>
        <xsl:text> жылғы </xsl:text>
        <xsl:value-of select="number(substring($when, 9, 2))"/>
        <xsl:text> маусым</xsl:text>
      </xsl:when>
      <xsl:when test="$month = '07'">
        <xsl:value-of select="number(substring($when, 1, 4))"/>
        <xsl:text> жылғы </xsl:text>
        <xsl:value-of select="number(substring($when, 9, 2))"/>
        <xsl:text> шілде</xsl:text>
      </xsl:when>
      <xsl:when test="$month = '08'">
        <xsl:value-of select="number(substring($when, 1, 4))"/>
        <xsl:text> жылғы </xsl:text>
        <xsl:value-of select="number(substring($when, 9, 2))"/>
        <xsl:text> тамыз</xsl:text>
      </xsl:when>
      <xsl:when test="$month = '09'">
        <xsl:value-of select="number(substring($when, 1, 4))"/>
        <xsl:text> жылғы </xsl:text>
        <xsl:value-of select="number(substring($when, 9, 2))"/>
        <xsl:text> қыркүйек</xsl:text>
      </xsl:when>
      <xsl:when test="$month = '10'">
        <xsl:value-of select="number(substring($when, 1, 4))"/>
        <xsl:text> жылғы </xsl:text>
        <xsl:value-of select="number(substring($when, 9, 2))"/>
        <xsl:text> қазан</xsl:text>
      </xsl:when>
      <xsl:when test="$month = '11'">
        <xsl:value-of select="number(substring($when, 1, 4))"/>
        <xsl:text> жылғы </xsl:text>
        <xsl:value-of select="number(substring($when, 9, 2))"/>
        <xsl:text> қараша</xsl:text>
      </xsl:when>
      <xsl:when test="$month = '12'">
        <xsl:value-of select="number(substring($when, 1, 4))"/>
        <xsl:text> жылғы </xsl:text>
        <xsl:value-of select="number(substring($when, 9, 2))"/>
        <xsl:text> желтоқсан</xsl:text>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="substring($when, 1, 10)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>