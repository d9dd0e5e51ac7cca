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

from markupsafe import Markup, escape

from policysite.changes import ChangeKind, Located, VersionChanges, compare
from policysite.errors import PolicyError, Problem
from policysite.history import History, Version, read_history
from policysite.lineage import assign_lineage
from policysite.project import Project
from policysite.redline import Op, Redline
from policysite.repository import Repository
from policysite.sections import parse_sections
from policysite.source import parse_policy_path
from policysite.strings import Strings


class Step(StrEnum):
    NEW_POLICY = "new_policy"
    NEW_VERSION = "new_version"
    UPCOMING = "upcoming"
    UPCOMING_EDITED = "upcoming_edited"
    CORRECTION = "correction"
    REMOVED = "removed"


@dataclass(frozen=True)
class Touched:
    """One thing the pull request does to one policy in one language."""

    policy: str
    lang: str
    step: Step
    version: Version | None
    changes: VersionChanges | None


def summarize(project: Project, base: str, head: str, now: date, lang: str = "en") -> str:
    """The pull request's summary as GitHub-flavoured Markdown."""
    t = Strings(lang)
    options, languages = project.options, project.languages
    policies_dir = options.policies_dir.strip("/")
    problems: list[Problem] = []
    with Repository(project.root) as repo:
        changed = repo.changed_files(base, head, policies_dir)
        before = _history(repo, policies_dir, project, base, [])
        after = _history(repo, policies_dir, project, head, problems)
    touched = sorted(
        _touched(changed, policies_dir, languages.all, before, after, now),
        key=lambda x: (x.policy, languages.all.index(x.lang), str(x.version and x.version.id)),
    )
    lines = [f"## {t('pr.title')}", ""]
    if problems:
        lines += ["> [!CAUTION]", f"> **{t('pr.problems', count=len(problems))}**", ">"]
        lines += [f"> - `{escape(str(problem))}`" for problem in sorted(set(problems))]
        lines.append("")
    if not touched:
        lines.append(t("pr.nothing"))
    for item in touched:
        lines += list(_section(t, item, now))
    return "\n".join(lines).rstrip() + "\n"


def _history(
    repo: Repository, folder: str, project: Project, rev: str, problems: list[Problem]
) -> History | None:
    try:
        return read_history(
            repo,
            folder,
            project.languages.all,
            project.options.zone,
            project.languages.default,
            rev,
        )
    except PolicyError as error:
        problems.extend(error.problems)
        return None


def _touched(
    changed: list[str],
    folder: str,
    languages: tuple[str, ...],
    before: History | None,
    after: History | None,
    now: date,
) -> Iterator[Touched]:
    seen: set[tuple[str, str]] = set()
    for path in changed:
        where = parse_policy_path(path.removeprefix(folder + "/"), languages)
        if isinstance(where, str) or (where.policy, where.lang) in seen:
            continue
        seen.add((where.policy, where.lang))
        old = before.text(where.policy, where.lang) if before else None
        new = after.text(where.policy, where.lang) if after else None
        if new is None:
            if old is not None and after is not None:
                yield Touched(where.policy, where.lang, Step.REMOVED, old.versions[-1], None)
            continue
        old_ids = {v.id: v for v in old.versions} if old else {}
        for index, version in enumerate(new.versions):
            previous = new.versions[index - 1] if index else None
            if version.id not in old_ids:
                step = (
                    Step.NEW_POLICY
                    if previous is None
                    else Step.UPCOMING
                    if version.effective > now
                    else Step.NEW_VERSION
                )
                yield Touched(where.policy, where.lang, step, version, _compare(previous, version))
            elif old_ids[version.id].sha256 != version.sha256:
                step = Step.UPCOMING_EDITED if version.effective > now else Step.CORRECTION
                yield Touched(
                    where.policy, where.lang, step, version, _compare(old_ids[version.id], version)
                )


def _compare(old: Version | None, new: Version) -> VersionChanges:
    documents = [
        parse_sections(v.source.body, v.source.body_line).sections for v in (old, new) if v
    ]
    ids = assign_lineage(documents)
    located = [
        [Located(lid, s) for lid, s in zip(lineage, sections, strict=True)]
        for lineage, sections in zip(ids, documents, strict=True)
    ]
    return compare(located[0] if old else [], located[-1])


def _section(t: Strings, item: Touched, now: date) -> Iterator[str]:
    version = item.version
    assert version is not None
    head = f"### `{item.policy}` ({item.lang}) — {t('pr.step.' + item.step)}"
    yield head
    yield ""
    yield f"- **{t('pr.effective')}** {t.date(version.effective)} (`{version.id}`)"
    yield f"- **{t('pr.title_field')}** {escape(version.title)}"
    if version.summary:
        yield f"- **{t('version.summary')}** {escape(version.summary)}"
    if item.step == Step.CORRECTION and version.source.front.correction:
        yield f"- **{t('pr.correction')}** {escape(version.source.front.correction)}"
    yield ""
    if item.changes is None:
        return
    changes = item.changes
    counts = " · ".join(
        f"{t('kind.' + k)}: {n}" for k, n in changes.counts().items() if k != ChangeKind.UNCHANGED
    )
    yield f"**{t('changes.summary')}** {counts or t('changes.none')}"
    yield ""
    yield f"| {t('pr.section')} | {t('pr.change')} |"
    yield "|---|---|"
    for change in changes.changed:
        kinds = ", ".join(t("kind." + k) for k in change.kinds)
        was = ""
        if (
            change.old
            and change.new
            and (ChangeKind.RENUMBERED in change.kinds or ChangeKind.RENAMED in change.kinds)
        ):
            was = f" ({t('changes.was')} {_cell(change.old.heading)})"
        yield f"| {_cell(change.section.heading or t('timeline.preamble'))} | {kinds}{was} |"
    unchanged = len(changes.sections) - len(changes.changed)
    if unchanged:
        yield f"| {t('changes.unchanged', count=unchanged)} | |"
    yield ""
    for change in changes.changed:
        if change.redline:
            summary = escape(change.section.heading or t("timeline.preamble"))
            yield f"<details><summary>{summary}: {escape(', '.join(t('kind.' + k) for k in change.kinds))}</summary><p>{_redline_html(change.redline)}</p></details>"
    yield ""


def _cell(text: str) -> str:
    return str(escape(text)).replace("|", "\\|")


def _redline_html(redline: Redline) -> Markup:
    """The redline on one line of HTML (GitHub keeps an HTML block raw until a blank line)."""
    parts = []
    for piece in redline:
        text = Markup(str(escape(piece.text)).replace("\n", "<br>"))
        if piece.op == Op.DELETE:
            parts.append(Markup("<del>{}</del>").format(text))
        elif piece.op == Op.INSERT:
            parts.append(Markup("<ins>{}</ins>").format(text))
        else:
            parts.append(text)
    return Markup("").join(parts)
