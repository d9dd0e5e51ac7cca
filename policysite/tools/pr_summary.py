"""`python -m policysite pr-summary`: what a pull request does to the published policies.

GitHub-flavoured Markdown for the pull request: the lint problems first, then
for each policy and language the pull request touches, what it is (a new
version, an upcoming version, a correction of a published one), its effective
date and summary, a table of its sections with their change kinds, and each
changed section's redline in a collapsible block. What the change does is found by
`pr_steps.py`; this module checks it (notice, links, images) and writes it. Deterministic:
the same two revisions always give the same text.
"""

from __future__ import annotations

from datetime import date

from markupsafe import Markup

from policysite.compare.changes import SectionChange
from policysite.config import Options
from policysite.errors import PolicyError, Problem
from policysite.history.notice import REWORDED, announcements, estimate, notice_problem
from policysite.history.reading import read_history, site_names
from policysite.history.repository import Repository
from policysite.history.shown_images import remote_images
from policysite.history.texts import History
from policysite.history.versions import Version
from policysite.mkdocs.project import Project
from policysite.render.anchors import policy_files
from policysite.render.blocks import redline_html
from policysite.render.parts import counts_text, formatting_text, has_marks
from policysite.render.strings import Strings
from policysite.render.templating import render, render_html
from policysite.signatures import SIGNERS_FILE, ListedKey, listed_keys
from policysite.tools.lint import text_dead_links
from policysite.tools.pr_steps import Step, Touched, said_steps, version_steps


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
        signers = _signers_change(repo, base, head)
    touched = sorted(
        [
            *said_steps(before, after, now, options.zone),
            *version_steps(changed, policies_dir, languages.all, before, after, now, problems),
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
            if item.reworded:  # edited, or moved, into another text: announced again
                announced, why = now, REWORDED
            elif item.step in (Step.NEW_VERSION, Step.UPCOMING):
                announced = now
            elif item.step is Step.BROUGHT_FORWARD and item.moved is not None:
                announced = _first_announced(before, after, item.policy, item.moved, now, options)
            if announced is not None:
                written = after.text(item.policy, item.lang) if after else None
                first = written is not None and written.versions[0] is item.version
                problem = notice_problem(
                    item.version.source, announced, options.notice_days, first, why
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
        signers=signers,
        renames=_renames_undeclared(touched, after, languages.default),
        touched=touched,
        counts=lambda changes: counts_text(t, changes),
        notice=lambda version: (version.effective - now).days,
        announcing=(Step.NEW_POLICY, Step.NEW_VERSION, Step.UPCOMING),
        kinds=kinds,
        details=details,
    )
    return text.rstrip() + "\n", len({str(problem) for problem in problems})


def _signers_change(repo: Repository, base: str, head: str) -> dict[str, list[ListedKey]] | None:
    """The keys the change allows to sign the site's manifests, and those it no longer
    allows (`.policysite/allowed_signers`), when it changes them: a reviewer checks each
    with its holder, as whoever a key belongs to can sign as the site."""
    if SIGNERS_FILE not in repo.changed_files(base, head, SIGNERS_FILE):
        return None
    # As merging would change it: the base branch's list against the pull request's.
    found = [repo.files_at(commit, [SIGNERS_FILE]).get(SIGNERS_FILE) for commit in (base, head)]
    blobs = repo.read_blobs(entry[1] for entry in found if entry)
    before, after = (listed_keys(blobs[entry[1]] if entry else b"") for entry in found)
    return {
        "added": [key for key in after if key not in before],
        "removed": [key for key in before if key not in after],
    }


def _renames_undeclared(
    touched: list[Touched], after: History | None, authoritative: str
) -> list[tuple[str, str, str]]:
    """(withdrawn id, new id, the new policy's file) for each policy this change withdraws
    while it adds another: a rename git could not pair, unless the editors meant it."""
    steps = [item for item in touched if item.lang == authoritative]
    gone = [item.policy for item in steps if item.step is Step.WITHDRAWN]
    new = [item.policy for item in steps if item.step is Step.NEW_POLICY]
    return [
        (former, policy, after.texts[(policy, authoritative)].path)
        for former in gone
        for policy in new
        if after is not None
    ]


def _first_announced(
    before: History | None,
    after: History | None,
    policy: str,
    moved: Version,
    now: date,
    options: Options,
) -> date:
    """The day the base branch says `moved`, an upcoming version this change moves, was
    first announced: through earlier moves, and under the id the policy had there."""
    if before is None:
        return estimate(moved, now, options.zone).day
    known = announcements(before, None, now, options.zone)
    ids = [
        policy,
        *(was for was, is_now in (after.moves if after else {}).items() if is_now == policy),
    ]
    found = next((known[(name, moved.id)] for name in ids if (name, moved.id) in known), None)
    return found.day if found else estimate(moved, now, options.zone).day


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
