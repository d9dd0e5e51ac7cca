"""Where a version stands on a day, as the site says it.

One function, `standing`, answers for the status line (the day the site was built for)
and for the day a reader asked for with "in force on a date" (`?on=`): the two can never
contradict each other. A day after the build day is answered as scheduled on that day:
a version not yet in force "will take effect", never "has been in force".
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from policysite.history.versions import PolicyText, Version
from policysite.render.strings import Strings


class Case(StrEnum):
    NEVER = "never"  # withdrawn before its day: never in force
    BEFORE = "before"  # the day is before the version took (or takes) effect
    AFTER = "after"  # the day is after its last day
    ENDED = "ended"  # in force that day, and its period ended before the build day
    SINCE = "since"  # in force on the build day, and on that day
    UPCOMING = "upcoming"  # not yet in force on the build day; scheduled for that day


@dataclass(frozen=True)
class Standing:
    case: Case
    start: date
    #: The version's last day as scheduled on the build day (None: no end in sight).
    end: date | None
    built: date
    day: date

    @property
    def ahead(self) -> bool:
        """The day is after the build day: what the site says of it is a schedule."""
        return self.day > self.built


def standing(text: PolicyText, version: Version, day: date, built: date) -> Standing:
    """Where `version` stands on `day`, as the history read on `built` has it."""
    start, end = version.effective, text.last_day(version, built)
    if end is not None and end < start:
        case = Case.NEVER
    elif day < start:
        case = Case.BEFORE
    elif end is not None and day > end:
        case = Case.AFTER
    elif end is not None and end < built:
        case = Case.ENDED
    elif start > built:
        case = Case.UPCOMING
    else:
        case = Case.SINCE
    return Standing(case, start, end, built, day)


def period(t: Strings, found: Standing) -> str:
    """The status line's dates, for the build day's standing."""
    if found.case == Case.NEVER:
        return t("status.never", date=t.date(found.start))
    if found.case in (Case.BEFORE, Case.UPCOMING):
        return t("status.from", date=t.date(found.start))
    if found.end is not None and found.end < found.built:
        return f"{t.date(found.start)} – {t.date(found.end)}"
    return t("status.since", date=t.date(found.start))


def asked(t: Strings, found: Standing, announced: str) -> str:
    """What the page says of the day a reader asked for (`{date}` left for the script to
    write the day in); `announced` says when an upcoming version was announced, or ""."""
    case = found.case
    if case == Case.BEFORE:
        key = "asked.before_upcoming" if found.start > found.built else "asked.before"
    elif case == Case.AFTER:
        key = "asked.after" if found.end and found.end < found.built else "asked.after_upcoming"
    elif case == Case.UPCOMING:
        key = "asked.upcoming_announced" if announced else "asked.upcoming"
    elif case == Case.SINCE and found.ahead:
        key = "asked.since_until" if found.end else "asked.since_ahead"
    else:
        key = f"asked.{case}"
    return sentence(t, key, found, announced)


def sentence(t: Strings, key: str, found: Standing, announced: str = "") -> str:
    """The sentence `key` of the `asked.*` strings, filled in for `found`."""
    return t(
        key,
        date="{date}",
        start=t.date(found.start),
        end=t.date(found.end) if found.end else "",
        built=t.date(found.built),
        announced=announced,
    )


def asked_spans(t: Strings, text: PolicyText, version: Version, built: date, announced: str) -> str:
    """Every answer a version's page may give for an asked day, as JSON: `[[first day,
    sentence], …]`, each holding from its first day ("": the beginning) to the next's.
    The answer changes only at the version's first day, the day after its last, and the
    day after the build day, so `standing` is asked once for each stretch."""
    end = text.last_day(version, built)
    starts = sorted(
        {version.effective, built + timedelta(days=1)}
        | ({end + timedelta(days=1)} if end is not None else set())
    )
    firsts = [starts[0] - timedelta(days=1), *starts]
    spans: list[list[str]] = []
    for index, first in enumerate(firsts):
        sentence = asked(t, standing(text, version, first, built), announced)
        if spans and spans[-1][1] == sentence:
            continue
        spans.append(["" if index == 0 else first.isoformat(), sentence])
    return json.dumps(spans, ensure_ascii=False)
