"""The build's checks of what it publishes, on files made for them: a feed a browser would
show as raw XML, or one that is not Atom, stops the build with the file's name."""

from __future__ import annotations

import pytest

from policysite.errors import OutputError
from policysite.render.schemas import check_output, feed_problem

STYLESHEET = '<?xml-stylesheet type="text/xsl" href="/ru/feed.xsl"?>\n'


def feed(prolog: str = STYLESHEET, body: str = "<title>Политика</title>") -> str:
    return (
        "<?xml version='1.0' encoding='UTF-8'?>\n"
        f'{prolog}<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ru">{body}</feed>\n'
    )


def test_a_feed_that_names_its_stylesheet_passes() -> None:
    assert feed_problem(feed()) is None
    check_output("getx/privacy/feed.ru.xml", feed())


def test_a_feed_without_its_stylesheet_stops_the_build_with_its_name() -> None:
    with pytest.raises(OutputError, match=r"^getx/privacy/feed\.ru\.xml: .* names no stylesheet"):
        check_output("getx/privacy/feed.ru.xml", feed(prolog=""))
    # A CSS stylesheet, or the XSLT one named inside the feed, is not what a browser follows.
    css = '<?xml-stylesheet type="text/css" href="/ru/feed.xsl"?>'
    assert "names no stylesheet" in (feed_problem(feed(prolog=css)) or "")
    inside = feed(prolog="", body=STYLESHEET + "<title>Политика</title>")
    assert "names no stylesheet" in (feed_problem(inside) or "")


def test_a_feed_that_is_not_xml_or_not_atom_stops_the_build() -> None:
    assert "not well-formed XML" in (feed_problem(feed().replace("</feed>", "")) or "")
    rss = "<?xml version='1.0'?>\n" + STYLESHEET + "<rss><channel/></rss>"
    assert "not an Atom feed (its root is rss)" in (feed_problem(rss) or "")
