"""`python -m policysite pr-summary`: what a pull request does to the published policies.

GitHub-flavoured Markdown for the pull request: the lint problems first, then
for each policy and language the pull request touches, what it is (a new
version, an upcoming version, a correction of a published one), its effective
date and summary, a table of its sections with their change kinds, and each
changed section's redline in a collapsible block. Deterministic: the same two
revisions always give the same text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from zoneinfo import ZoneInfo

from markupsafe import Markup

from policysite.compare.analysis import Analyses, LanguageChanges, compare_versions
from policysite.compare.changes import SectionChange
from policysite.errors import PolicyError, Problem
from policysite.history.life import Happening, lives
from policysite.history.notice import REWORDED, estimate, notice_problem
from policysite.history.policy_file import parse_policy_path
from policysite.history.reading import read_history, site_names
from policysite.history.repository import Repository
from policysite.history.revisions import is_reworded, is_uncorrected_edit
from policysite.history.shown_images import remote_images
from policysite.history.texts import History
from policysite.history.versions import Version
from policysite.mkdocs.project import Project
from policysite.render.anchors import policy_files
from policysite.render.blocks import redline_html
from policysite.render.parts import counts_text, formatting_text, has_marks
from policysite.render.strings import Strings
from policysite.render.templating import render, render_html
from policysite.tools.lint import text_dead_links


class Step(StrEnum):
    NEW_POLICY = "new_policy"
    NEW_VERSION = "new_version"
    UPCOMING = "upcoming"
    UPCOMING_EDITED = "upcoming_edited"
    CORRECTION = "correction"
    REMOVED = "removed"
    RENAMED = "renamed"
    POSTPONED = "postponed"
    BROUGHT_FORWARD = "brought_forward"
    WITHDRAWN = "withdrawn"
    ADDED_AGAIN = "added_again"
    TAKEN_BACK = "taken_back"
    TRANSLATION_REMOVED = "translation_removed"

    @property
    def said(self) -> bool:
        """Said in a sentence: the policy's versions stay as they are."""
        return self in _SAID.values()


#: What a change adds to a policy's life (`history/life.py`) that is said in a sentence.
_SAID = {
    Happening.RENAMED: Step.RENAMED,
    Happening.WITHDRAWN: Step.WITHDRAWN,
    Happening.ADDED_AGAIN: Step.ADDED_AGAIN,
    Happening.TAKEN_BACK: Step.TAKEN_BACK,
    Happening.TRANSLATION_REMOVED: Step.TRANSLATION_REMOVED,
}


@dataclass(frozen=True)
class Touched:
    """One thing the pull request does to one policy in one language."""

    policy: str
    lang: str
    step: Step
    version: Version | None
    #: What the site will show it changed (in the language it shows it in).
    changes: LanguageChanges | None
    #: The id the policy had before this change renamed it.
    former: str | None = None
    #: The upcoming version this one is, moved to another day by this change.
    moved: Version | None = None
    #: An upcoming version whose text this change alters substantially: announced again.
    reworded: bool = False


def summarize(project: Project, base: str, head: str, now: date, lang: str = "en") -> str:
    """The pull request's summary as GitHub-flavoured Markdown."""
    return summary_and_problems(project, base, head, now, lang)[0]


def summary_and_problems(
    project: Project, base: str, head: str, now: date, lang: str = "en"
) -> tuple[str, int]:
    """The summary, and how many problems it lists (each refuses the pull request)."""
    t = Strings(lang)
    options, languages = project.options, project.languages
    policies_dir = options.policies_dir.strip("/")
    problems: list[Problem] = []
    with Repository(project.root) as repo:
        changed = repo.changed_files(base, head, policies_dir)
        before = _history(repo, policies_dir, project, base, [], now)
        after = _history(repo, policies_dir, project, head, problems, now)
    touched = sorted(
        [
            *_said(before, after, now, options.zone),
            *_touched(changed, policies_dir, languages.all, before, after, now, problems),
        ],
        key=lambda x: (x.policy, languages.all.index(x.lang), str(x.version and x.version.id)),
    )
    files = policy_files(
        (policy, text.path) for (policy, _lang), text in (after.texts.items() if after else ())
    )
    for item in touched:
        if item.version is not None and item.step is not Step.REMOVED:
            # What this change publishes may not load anything from another host.
            problems.extend(remote_images(item.version.source))
            problems.extend(text_dead_links(item.version.source, files))
        # A version new to the authoritative text is announced when this is merged: judged
        # by the day of the check, as the deploy will judge it.
        # A postponement gives more notice than the version had; a version brought forward
        # is judged by the day it was first announced.
        if item.lang == languages.default and item.version is not None:
            announced = None
            why = ""
            if item.step in (Step.NEW_VERSION, Step.UPCOMING):
                announced = now
            elif item.step is Step.BROUGHT_FORWARD and item.moved is not None:
                announced = estimate(item.moved, now, options.zone).day
            elif item.step is Step.UPCOMING_EDITED and item.reworded:
                announced, why = now, REWORDED
            if announced is not None:
                problem = notice_problem(
                    item.version.source, announced, options.notice_days, why=why
                )
                if problem is not None:
                    problems.append(problem)

    def kinds(change: SectionChange) -> str:
        return ", ".join(t("kind." + kind) for kind in change.kinds)

    def details(change: SectionChange) -> Markup:
        return render_html(
            "pr_change.html.j2",
            t=t,
            change=change,
            kinds=kinds(change),
            formatting=[formatting_text(t, found) for found in change.formatting],
            redline=redline_html(
                change.old.body if change.old else "",
                change.new.body if change.new else "",
                t,
                github=True,
            )
            if change.text_changed or has_marks(change)
            else "",
        )

    text = render(
        "pr_summary.md.j2",
        t=t,
        problems=sorted({str(problem) for problem in problems}),
        touched=touched,
        counts=lambda changes: counts_text(t, changes),
        notice=lambda version: (version.effective - now).days,
        announcing=(Step.NEW_POLICY, Step.NEW_VERSION, Step.UPCOMING),
        kinds=kinds,
        details=details,
    )
    return text.rstrip() + "\n", len({str(problem) for problem in problems})


def _history(
    repo: Repository,
    folder: str,
    project: Project,
    rev: str,
    problems: list[Problem],
    now: date,
) -> History | None:
    try:
        return read_history(
            repo,
            folder,
            project.languages.all,
            project.options.zone,
            project.languages.default,
            rev,
            site_names(project.languages, project.docs_dir),
            now,
        )
    except PolicyError as error:
        problems.extend(error.problems)
        return None


def _said(
    before: History | None, after: History | None, now: date, zone: ZoneInfo
) -> Iterator[Touched]:
    """What the change adds to each policy's life that is said in a sentence: a rename, a
    withdrawal, a policy added again, an upcoming version taken back, a translation
    removed (`history/life.py`)."""
    if after is None:
        return
    earlier = lives(before, now, zone) if before else {}
    for policy, life in lives(after, now, zone).items():
        former = next((was for was, is_now in after.moves.items() if is_now == policy), None)
        was = earlier.get(policy) or (earlier.get(former) if former else None)
        for event in life.since(was):
            step = _SAID.get(event.happening)
            if step is None:
                continue
            text = after.text(policy, event.lang)
            version = text.version(event.version) if text and event.version else None
            if version is None and text is not None:
                taken_back = [r.version for r in text.retracted if r.version.id == event.version]
                version = taken_back[0] if taken_back else text.versions[-1]
            yield Touched(policy, event.lang, step, version, None, event.detail)


def _touched(
    changed: list[str],
    folder: str,
    languages: tuple[str, ...],
    before: History | None,
    after: History | None,
    now: date,
    problems: list[Problem],
) -> Iterator[Touched]:
    """What the change does to each policy file it touches, with what the site will show
    each version changed: the site's own analysis of the histories before and after."""
    seen: set[tuple[str, str]] = set()
    analysed_after = Analyses(after) if after else None
    analysed_before = Analyses(before) if before else None
    for path in changed:
        where = parse_policy_path(path.removeprefix(folder + "/"), languages)
        if isinstance(where, str) or (where.policy, where.lang) in seen:
            continue
        seen.add((where.policy, where.lang))
        old = before.text(where.policy, where.lang) if before else None
        new = after.text(where.policy, where.lang) if after else None
        # A renamed policy: its history goes on under the new id.
        former = next(
            (was for was, now in (after.moves if after else {}).items() if now == where.policy),
            None,
        )
        if old is None and former is not None and before is not None:
            old = before.text(former, where.lang)
        authoritative = after is not None and where.lang == after.authoritative
        if new is None or analysed_after is None:
            if old is not None and after is not None and authoritative:
                yield Touched(where.policy, where.lang, Step.REMOVED, old.versions[-1], None)
            continue
        if new.withdrawn is not None:
            continue  # said from the policy's life (`_said`)
        analysis = analysed_after.of(where.policy, where.lang)
        old_ids = {v.id: v for v in old.versions} if old else {}
        moved = {r.moved_to.isoformat(): r.version for r in new.retracted if r.moved_to}
        for index, version in enumerate(new.versions):
            # The version's place among the policy's versions as its readers get them.
            position = analysis.position(version.translates)
            if version.id not in old_ids:
                origin = moved.get(version.id)
                step = (
                    (
                        Step.POSTPONED
                        if version.effective > origin.effective
                        else Step.BROUGHT_FORWARD
                    )
                    if origin is not None and origin.id in old_ids
                    else Step.NEW_POLICY
                    if index == 0
                    else Step.UPCOMING
                    if version.effective > now
                    else Step.NEW_VERSION
                )
                changes = analysis.changes(position) if index else None
                if changes is None:  # a new policy: every section is added
                    first = compare_versions(None, analysis.versions[position])
                    changes = LanguageChanges(where.lang, first)
                yield Touched(where.policy, where.lang, step, version, changes, moved=origin)
            elif old_ids[version.id].sha256 != version.sha256 and analysed_before:
                in_force = date.fromisoformat(version.translates) <= now
                step = Step.CORRECTION if in_force else Step.UPCOMING_EDITED
                published = old_ids[version.id].source
                if in_force and is_uncorrected_edit(
                    published, version.source, published.front.correction
                ):
                    # Judged by the day of the check: the commits' own dates say nothing of
                    # when this change is published.
                    problems.append(
                        Problem(
                            version.source.path,
                            version.source.key_lines.get("effective"),
                            f"version {version.translates} is in force (as of {now}), and this "
                            "change alters what it publishes without a 'correction:' reason of "
                            "its own; publish it as a new version with a later 'effective' "
                            "date, or add 'correction: <why>' if it corrects a mistake",
                        )
                    )
                earlier = analysed_before.of(where.policy, where.lang)
                was = earlier.versions[earlier.position(old_ids[version.id].translates)]
                changes = LanguageChanges(
                    where.lang, compare_versions(was, analysis.versions[position])
                )
                reworded = not in_force and is_reworded(published, version.source)
                yield Touched(where.policy, where.lang, step, version, changes, reworded=reworded)
