"""The picture of a policy's versions on a date axis, drawn as SVG at build time.

Each version is a mark at its effective date, sized by how many sections it
changed, and a link to what it changed. Superseded, in force and upcoming
versions differ in shape and line, not only in colour; `<title>` and `<desc>`
say the same in words for screen readers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from policysite.addresses import changes_doc, version_doc
from policysite.compare.analysis import PolicyAnalysis
from policysite.render.context import Links, SiteContext
from policysite.render.strings import Strings
from policysite.render.templating import render_html

WIDTH, HEIGHT = 720, 132
LEFT, RIGHT, AXIS_Y = 40, 40, 56


@dataclass(frozen=True)
class Mark:
    x: float
    radius: float
    status: str
    url: str
    label: str
    tooltip: str
    date_label: str
    label_y: int


def history_picture(site: SiteContext, analysis: PolicyAnalysis, link: Links) -> Markup:
    """The SVG for the policy's history page in the analysis' language."""
    text = analysis.view
    t = Strings(text.lang)
    versions = text.versions
    start = versions[0].effective
    end = max(versions[-1].effective, site.today)
    span = max((end - start).days, 1)

    def x(day: date) -> float:
        return round(LEFT + (day - start).days / span * (WIDTH - LEFT - RIGHT), 1)

    marks = []
    for index, version in enumerate(versions):
        found = analysis.changes(index)
        changed = len(found.changes.changed) if found else 0
        status = text.status(version, site.today)
        label = t("version.label", date=t.date(version.effective))
        target = changes_doc if found else version_doc
        tooltip = f"{label} — {t('status.' + status)}" + (
            f" — {t('timeline_picture.changed', count=changed)}" if found else ""
        )
        marks.append(
            Mark(
                x=x(version.effective),
                radius=round(5 + 3 * math.sqrt(changed), 1),
                status=str(status),
                url=link.url(target(text.policy, version.id)),
                label=label,
                tooltip=tooltip,
                date_label=version.id,
                label_y=AXIS_Y
                + 34
                + (index % 2) * 14,  # alternate rows, so close dates stay legible
            )
        )
    current = text.current(site.today)
    upcoming = text.upcoming(site.today)
    description = t(
        "timeline_picture.desc",
        count=len(versions),
        first=t.date(start),
        last=t.date(versions[-1].effective),
    )
    if current:
        description += " " + t("timeline_picture.current", date=t.date(current.effective))
    if upcoming:
        description += " " + t("timeline_picture.upcoming", date=t.date(upcoming[0].effective))
    return render_html(
        "timeline.svg.j2",
        t=t,
        width=WIDTH,
        height=HEIGHT,
        axis_y=AXIS_Y,
        left=LEFT,
        right=WIDTH - RIGHT,
        marks=marks,
        today_x=x(site.today),
        show_today=site.today <= end,
        title=t("timeline_picture.title"),
        description=description,
    )
