"""The timeline picture of a policy's versions: however close the versions, no date label
covers another."""

from __future__ import annotations

import itertools
from datetime import date

from policysite.render.timeline_picture import (
    CHAR,
    LEFT,
    TALL_ROW,
    TALL_TOP,
    Mark,
    place_tall,
    place_wide,
    tall_day,
)


def test_timeline_labels_never_cover_one_another_however_close_the_versions() -> None:
    # Fifty versions a week apart, with marks of every size: what a busy policy looks like.
    marks = [
        Mark(radius=5 + 3 * (i % 7), status="superseded", url="", tooltip="", date_label=label)
        for i, label in enumerate(f"{1 + i % 28} қыркүйек 2024 ж." for i in range(50))
    ]
    wide = place_wide(marks, [LEFT + i * 9.0 for i in range(50)])
    shown = [(p.at, p.label_at, len(p.mark.date_label) * CHAR) for p in wide if p.label_at]
    assert 2 < len(shown) < 50  # some dates are left out (their marks keep their links)
    for row in {y for _, y, _ in shown}:
        spans = sorted((x - w / 2, x + w / 2) for x, y, w in shown if y == row)
        assert all(left > right for (_, right), (left, _) in itertools.pairwise(spans))
    tall = place_tall(marks, [TALL_TOP + i * 2.0 for i in range(50)])
    for before, after in itertools.pairwise(tall):
        assert after.at - before.at >= max(TALL_ROW, before.mark.radius + after.mark.radius)
        assert after.label_at == after.at  # each date beside its own mark


def test_the_today_line_never_crosses_a_mark_on_the_tall_axis() -> None:
    """Issue 31: on a phone, "today" a few days before an upcoming version crossed its mark."""
    days = [date(2024, 3, 1), date(2025, 6, 1), date(2027, 1, 15)]
    marks = [
        Mark(radius=r, status=s, url="", tooltip="", date_label="")
        for r, s in ((6, "superseded"), (14, "current"), (12, "upcoming"))
    ]
    placed = place_tall(marks, [TALL_TOP, TALL_TOP + 60, TALL_TOP + 90])

    def share(day: date) -> float:
        return (day - days[0]).days / (days[-1] - days[0]).days

    for day in (date(2027, 1, 14), date(2025, 6, 2), date(2026, 3, 1), date(2027, 1, 10)):
        y = tall_day(day, days, placed, share, 90)
        for mark in placed:
            assert abs(y - mark.at) > mark.mark.radius, (day, y, mark.at)
