"""The compare page: any two versions side by side, compared in the reader's browser by
the rules the build compares by (`compare/rules.py` writes them into the page;
`compare_rules.js` follows them), with the redline's markup the changes pages show."""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterator

from policysite.addresses import (
    changes_doc,
    compare_doc,
    file_link,
    language_link,
    localized,
    section_doc,
    section_text_json,
    url_link,
    version_doc,
)
from policysite.compare.analysis import PolicyAnalysis
from policysite.compare.changes import ChangeKind
from policysite.compare.redline import Op, Piece
from policysite.compare.rules import rules, text_languages
from policysite.render.blocks import SCRIPT_MARKUP
from policysite.render.context import Links, Page, SiteContext, render_page
from policysite.render.parts import view_switch
from policysite.render.strings import Strings
from policysite.render.templating import render_html

#: Strings the compare page's script needs, by key in the catalogs.
_SCRIPT_STRINGS = (
    *(f"kind.{kind}" for kind in ChangeKind),
    "changes.was",
    "changes.none",
    "changes.summary",
    "changes.unchanged",
    "changes.rewritten",
    "formatting.only",
    "formatting.image",
    "formatting.link",
    "formatting.link_empty",
    "formatting.link_added",
    "formatting.link_removed",
    "redline.folded",
    "compare.same",
    "compare.error",
    "compare.swapped",
    "compare.unknown",
    "section.history",
    "timeline.preamble",
    "version.label",
    "compare.pair.from",
    "compare.pair.to",
)


def generate(site: SiteContext, analysis: PolicyAnalysis) -> Iterator[Page]:
    """The policy's compare page."""
    policy, lang = analysis.view.policy, analysis.view.lang
    yield Page(localized(compare_doc(policy), lang), _render_compare(site, analysis))


def _render_compare(site: SiteContext, analysis: PolicyAnalysis) -> str:
    text = analysis.view
    t = Strings(text.lang)
    doc = compare_doc(text.policy)
    versions = list(reversed(text.versions))
    link = Links(site, text.lang, doc)
    # Without a pair in its address, the page compares the text in force with the one
    # before it: what changed last for a reader today.
    current = text.current(site.today)
    to = current or text.versions[-1]
    position = text.versions.index(to)
    default_from = text.versions[position - 1] if position else to
    strings: dict[str, object] = {key: t.raw(key) for key in _SCRIPT_STRINGS}
    # Which side is not in the reader's language, named: the older, the newer, or both.
    for side in ("older", "newer", "both"):
        strings[f"in_original.{side}"] = t(
            f"compare.in_original.{side}", in_language=t(f"language.in.{text.lang}")
        )
    # The script's addresses, with `{version}` or `{lineage}` to fill in; the authoritative
    # text's sections serve the pairs `compared_as_read` says are not compared as read.
    some_version = version_doc(text.policy, "{version}")
    original = language_link(site.languages, text.lang, doc, site.languages.default, some_version)
    texts = section_text_json(text.policy, "{digest}")
    addresses = {
        "sections": url_link(doc, some_version) + "sections.json",
        "original-sections": original + "sections.json",
        "section-text": file_link(doc, texts),
        "original-section-text": language_link(
            site.languages, text.lang, doc, site.languages.default, posixpath.dirname(texts) + "/"
        )
        + posixpath.basename(texts),
        "version": url_link(doc, some_version),
        "timeline": url_link(doc, section_doc(text.policy, "{lineage}")),
    }
    return render_page(
        "compare.md.j2",
        site,
        text.lang,
        doc,
        meta={
            "title": t("compare.page_title", title=text.named_by.title),
            "search": {"exclude": True},
            "template": "compare.html",
        },
        title=text.named_by.title,
        title_lang=text.named_by.lang,
        form=render_html(
            "compare_form.html.j2",
            t=t,
            options=[
                (
                    v.id,
                    t("version.label", date=t.date(v.effective)),
                    t("status." + text.status(v, site.today)),
                    link.url(version_doc(text.policy, v.id)),
                )
                for v in versions
            ],
            default_from=default_from.id,
            default_to=to.id,
            current=current.id if current else "",
            addresses=addresses,
            strings=json.dumps(strings, ensure_ascii=False),  # an attribute: autoescaped
            # The rules the script compares by, from the modules that own them.
            rules=json.dumps({**rules(), "markup": SCRIPT_MARKUP}, ensure_ascii=False),
            languages=json.dumps(
                text_languages({v.id: v.lang for v in text.versions}), ensure_ascii=False
            ),
            # The redline's markup, for the script to copy: the one the changes pages show.
            prototypes=(Piece(Op.DELETE, ""), Piece(Op.INSERT, "")),
        ),
        view_switch=view_switch(t, "", ""),  # the columns are named as versions are chosen
        steps=[
            (v, t("version.label", date=t.date(v.effective)), changes_doc(text.policy, v.id))
            for v in versions[:-1]
        ],
    )
