"""Where a version stands on a day: the status line (the build day) and the day a reader
asked for come from one function, so they never contradict each other, whatever the
versions, the withdrawal, the build day and the day asked (issue 31)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from policysite.history.versions import PolicyText, Status, Version, Withdrawal
from policysite.render.standing import Case, asked, asked_spans, sentence, standing
from policysite.render.strings import Strings

DAYS = st.dates(date(2024, 1, 1), date(2027, 12, 31))
#: What the status on the build day says, by the case the build day's standing is.
AGREES = {
    Status.CURRENT: {Case.SINCE},
    Status.UPCOMING: {Case.BEFORE},
    Status.SUPERSEDED: {Case.AFTER},
    Status.WITHDRAWN: {Case.AFTER, Case.NEVER},
}
#: Sentences that say a version is or was in force on the day asked.
IN_FORCE = {"asked.since", "asked.since_ahead", "asked.since_until", "asked.ended"}


def version(effective: date) -> Version:
    nothing: Any = None  # standing reads only the effective date
    return Version(effective, "kk", nothing, "", ())


@given(
    st.lists(DAYS, min_size=1, max_size=5, unique=True),
    st.none() | DAYS,
    DAYS,
    DAYS,
)
def test_the_status_line_and_the_day_asked_never_disagree(
    effectives: list[date], withdrawn: date | None, built: date, day: date
) -> None:
    nothing: Any = None
    versions = tuple(version(effective) for effective in sorted(effectives))
    text = PolicyText(
        "acme/privacy",
        "kk",
        "policies/acme/privacy.kk.md",
        versions,
        withdrawn=Withdrawal(withdrawn, nothing) if withdrawn else None,
    )
    t = Strings("en")
    for shown in versions:
        today = standing(text, shown, built, built)
        assert today.case in AGREES[text.status(shown, built)], (shown.id, today)
        found = standing(text, shown, day, built)
        said = asked(t, found, "")
        if shown.effective > built or found.case in (Case.BEFORE, Case.AFTER, Case.NEVER):
            # Never "in force" of a day it was not, nor of a version not yet in force.
            assert all(said != sentence(t, key, found) for key in IN_FORCE), said
        spans = json.loads(asked_spans(t, text, shown, built, ""))
        chosen = [text for first, text in spans if first <= day.isoformat()][-1]
        assert chosen == said
