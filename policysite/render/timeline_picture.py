"""The picture of a policy's versions on a date axis, drawn as SVG at build time.

Each version is a mark at its effective date, sized by how many sections it
changed, and a link to what it changed, labelled with its date as the language
writes dates. Superseded, in force and upcoming versions differ in shape and
line, not only in colour; `<title>` and `<desc>` say the same in words for
screen readers.

Two drawings of the same marks: a wide one, time running right, for screens
at least 45em wide; and a tall one, time running down, for phones, where the
wide one would shrink its labels to a few pixels (policysite.css shows one).
A wide label that would cover another is left out (its mark keeps its tooltip
and link); in the tall one, a mark too close to the one before moves down
until neither covers the other nor its label, so time runs evenly between
marks but not across them.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from policysite.addresses import changes_doc, version_doc
from policysite.compare.analysis import PolicyAnalysis
from policysite.render.context import Links, SiteContext
from policysite.render.strings import Strings
from policysite.render.templating import render_html

#: The wide drawing, in its own units: about pixels in the text column of a desktop.
WIDTH, HEIGHT = 560, 128
LEFT, RIGHT, AXIS_Y = 52, 52, 56
#: Label text (policysite.css), and the width of one of its characters at most.
FONT, CHAR = 12, 6.4

#: The tall drawing: as wide as a phone's text column, so its units are about pixels;
#: room left of the axis for "today", right of it for the dates.
TALL_WIDTH, TALL_AXIS_X, TALL_TOP = 340, 96, 24
#: The least distance between two labels, and the height per version of the whole span.
TALL_ROW, TALL_STEP = 26, 40


@dataclass(frozen=True)
class Mark:
    """A version's mark, wherever a drawing puts it."""

    radius: float
    status: str
    url: str
    tooltip: str
    date_label: str


@dataclass(frozen=True)
class Placed:
    mark: Mark
    #: The mark's centre on the axis (x in the wide drawing, y in the tall one).
    at: float
    #: Where its label goes: the wide drawing's row y, or the tall one's y; None: no room.
    label_at: float | None


def history_picture(site: SiteContext, analysis: PolicyAnalysis, link: Links) -> Markup:
    """The SVGs for the policy's history page in the analysis' language."""
    text = analysis.view
    t = Strings(text.lang)
    versions = text.versions
    start = versions[0].effective
    end = max(versions[-1].effective, site.today)
    span = max((end - start).days, 1)

    def share(day: date) -> float:
        return (day - start).days / span

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
                radius=round(5 + 3 * math.sqrt(changed), 1),
                status=str(status),
                url=link.url(target(text.policy, version.id)),
                tooltip=tooltip,
                date_label=t.date(version.effective),
            )
        )
    days = [v.effective for v in versions]
    length = TALL_STEP * max(len(versions) - 1, 3)
    wide = place_wide(marks, [round(LEFT + share(d) * (WIDTH - LEFT - RIGHT), 1) for d in days])
    tall = place_tall(marks, [TALL_TOP + share(d) * length for d in days])
    bottom = max(TALL_TOP + length, tall[-1].at)
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
        wide=wide,
        today_x=round(LEFT + share(site.today) * (WIDTH - LEFT - RIGHT), 1),
        tall=tall,
        tall_width=TALL_WIDTH,
        tall_height=round(bottom + TALL_TOP),
        axis_x=TALL_AXIS_X,
        top=TALL_TOP,
        bottom=round(bottom, 1),
        label_x=TALL_AXIS_X + 30,
        today_y=tall_day(site.today, days, tall, share, length),
        show_today=site.today <= end,
        title=t("timeline_picture.title"),
        description=description,
    )


def place_wide(marks: list[Mark], xs: list[float]) -> list[Placed]:
    """Labels under the axis in two rows, each in the first row where it covers no other."""
    rows = (AXIS_Y + 34, AXIS_Y + 34 + FONT + 4)
    ends = [-math.inf] * len(rows)  # where each row's last label ends
    placed = []
    for mark, x in zip(marks, xs, strict=True):
        half = len(mark.date_label) * CHAR / 2
        row = next((i for i, e in enumerate(ends) if x - half > e + CHAR), None)
        if row is not None:
            ends[row] = x + half
        placed.append(Placed(mark, x, rows[row] if row is not None else None))
    return placed


def place_tall(marks: list[Mark], ys: list[float]) -> list[Placed]:
    """Marks down the axis at their dates, each moved down as little as keeps it and its
    label clear of the one before; labels beside their marks."""
    placed: list[Placed] = []
    for mark, y in zip(marks, ys, strict=True):
        if placed:
            before = placed[-1]
            y = max(y, before.at + TALL_ROW, before.at + before.mark.radius + mark.radius + 6)
        y = round(y, 1)
        placed.append(Placed(mark, y, y))
    return placed


def tall_day(
    day: date, days: list[date], placed: list[Placed], share: Callable[[date], float], length: int
) -> float:
    """Where `day` falls on the tall axis: between the marks of the versions around it,
    in proportion (past the last, as the whole span runs)."""
    after = next((i for i, d in enumerate(days) if d > day), None)
    if after is None:
        return round(placed[-1].at + (share(day) - share(days[-1])) * length, 1)
    if after == 0:
        return placed[0].at
    low, high = days[after - 1], days[after]
    part = (day - low).days / max((high - low).days, 1)
    before, next_ = placed[after - 1], placed[after]
    y = before.at + part * (next_.at - before.at)
    # The line crosses neither mark: kept clear of both, or halfway where they are close.
    first, last = before.at + before.mark.radius + 4, next_.at - next_.mark.radius - 4
    y = (first + last) / 2 if first > last else min(max(y, first), last)
    return round(y, 1)
