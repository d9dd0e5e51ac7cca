"""`python -m policysite lint`: every mistake an editor can make, before it is published.

Two kinds of checks, all reported in one run:

- the history, exactly as the build reads it (front matter, ids, dates going
  backwards, a published version edited without `correction`, translations that
  match no version, images that are not images, a shallow clone);
- the text of every policy file as it is in the working tree: duplicate explicit
  anchors, raw HTML other than `ALLOWED_HTML`, `javascript:` links, links to
  policies or versions of this site that do not exist, images on another host in
  a text new in this change, the images it shows as they are on disk; and an
  uncommitted edit of a version already in force (its text or an image) that
  carries no `correction`;
- every file beside the policies named as an image: one, by its bytes.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from policysite.addresses import Languages
from policysite.compare.analysis import text_changes
from policysite.compare.lineage import slug
from policysite.compare.sections import parse_sections
from policysite.config import Options, build_day
from policysite.errors import PolicyError, Problem
from policysite.history.notice import announcements, late_versions, notice_problem
from policysite.history.policy_file import (
    VERSION_ID,
    PolicySource,
    parse_policy_path,
    parse_source,
)
from policysite.history.reading import load_history
from policysite.history.revisions import is_uncorrected_edit
from policysite.history.shown_images import (
    remote_image_problems,
    remote_images,
)
from policysite.history.texts import History
from policysite.mkdocs.project import Project
from policysite.pipeline.live_manifest import published_versions
from policysite.render.anchors import dead_links, policy_files, section_names
from policysite.render.templating import ALLOWED_HTML
from policysite.tools.lint_images import check_image_files, check_images, committed_version

_UNSAFE_SCHEME = re.compile(r"^\s*(javascript|vbscript|data):", re.IGNORECASE)
_COMMENT = re.compile(r"^<!--")


@dataclass
class LintReport:
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    versions: int = 0
    policies: int = 0

    def summary(self) -> str:
        checked = (
            f"{self.files} files, {self.versions} versions of {self.policies} policies checked"
        )
        if not self.problems:
            return f"lint: {checked}: no problems"
        count = len(self.problems)
        return f"lint: {checked}: {count} problem{'s' if count != 1 else ''}"


@cache
def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": True}).enable("table")
    # Let every link through, so that a javascript: link can be reported, not dropped.
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    return parser


def lint(project: Project) -> LintReport:
    """Check the history and every policy file of `project`."""
    report = LintReport()
    history: History | None = None
    now = build_day(project.options.zone)
    try:
        history, _ = load_history(
            project.root, project.options, project.languages, docs_dir=project.docs_dir, today=now
        )
    except PolicyError as error:
        report.problems.extend(error.problems)
    if history is not None:
        # Committed versions, as the build judges them: published ones show such images as
        # links, new ones may not show one.
        report.problems.extend(remote_image_problems(history, now)[0])
        report.problems.extend(_committed_notice(history, now, project.options))

    policies_dir = project.options.policies_path(project.root)
    files = sorted(p for p in policies_dir.rglob("*.md") if p.is_file() and not p.is_symlink())
    report.files = len(files)
    if history is not None:
        report.policies = len(history.policies())
        report.versions = sum(len(text.versions) for text in history.texts.values())
    known = _known_versions(history, policies_dir, files, project)
    on_disk = policy_files(
        (where.policy, f"{project.options.policies_dir}/{relative}")
        for file in files
        if not isinstance(
            where := parse_policy_path(
                relative := file.relative_to(policies_dir).as_posix(), project.languages.all
            ),
            str,
        )
    )
    for file in files:
        relative = file.relative_to(policies_dir).as_posix()
        where = parse_policy_path(relative, project.languages.all)
        path = f"{project.options.policies_dir}/{relative}"
        try:
            source = parse_source(path, file.read_bytes())
        except PolicyError as error:
            # As the file is now: the history check said the same of a committed file
            # (the same problems, counted once), and nothing of an uncommitted one.
            report.problems.extend(error.problems)
            continue
        report.problems.extend(_check_text(source, known, project.languages))
        report.problems.extend(check_images(source, project, history, now))
        committed = committed_version(history, source, project)
        if committed is None or committed.source.published != source.published:
            report.problems.extend(remote_images(source))  # a text new in this change
            report.problems.extend(text_dead_links(source, on_disk))
        if history is not None and not isinstance(where, str):
            report.problems.extend(
                _check_pending_edit(history, where.policy, where.lang, source, now)
            )
            if where.lang == project.languages.default:
                report.problems.extend(
                    _check_notice(history, where.policy, source, now, project.options.notice_days)
                )
    report.problems.extend(check_image_files(project))
    report.problems = sorted(set(report.problems))
    return report


def text_dead_links(source: PolicySource, policies: Mapping[str, str]) -> list[Problem]:
    """The relative links of a text new in this change that lead nowhere on the site
    (`anchors.dead_links`), its sections named as its own headings name them."""
    located, _changes = text_changes([source.body])[0]
    return dead_links(source, section_names(located), policies)


def _check_notice(
    history: History, policy: str, source: PolicySource, now: date, notice_days: int
) -> Iterator[Problem]:
    """A version not yet committed is announced when it is merged, at the earliest today:
    it must leave the notice the site promises. The first version of a new policy
    changes nothing and needs none. Committed versions are judged by `pr-summary`
    against the branch they are merged into, and by the deploy against the live site."""
    text = history.text(policy, history.authoritative)
    committed = (
        {v.id for v in (*text.versions, *(r.version for r in text.retracted))} if text else set()
    )
    if source.front.effective.isoformat() in committed:
        return
    problem = notice_problem(source, now, notice_days, first=not committed)
    if problem is not None:
        yield problem


def _committed_notice(history: History, now: date, options: Options) -> list[Problem]:
    """The committed versions not yet published that would take effect with less notice
    than promised: judged as the deploy judges them by the live site's manifest when it is
    given (`POLICYSITE_PREVIOUS_MANIFEST`), else, for versions not yet in force, by the day
    of their first commit (as the build estimates their announcement)."""
    published = published_versions(os.environ, None)
    if published is not None:
        return late_versions(history, published, now, options.notice_days)
    found = announcements(history, None, now, options.zone)
    problems = []
    for policy in history.policies():
        versions = history.view(policy, history.authoritative).versions
        for index, version in enumerate(versions):
            if version.effective <= now:
                continue  # in force: published, whatever notice it had
            announced = found[(policy, version.id)].day
            problem = notice_problem(version.source, announced, options.notice_days, index == 0)
            if problem is not None:
                problems.append(problem)
    return problems


def _known_versions(
    history: History | None, policies_dir: Path, files: list[Path], project: Project
) -> dict[str, set[str]]:
    """Policy id -> its version ids (from the history; from file names if it could not be read)."""
    known: dict[str, set[str]] = {}
    if history is not None:
        known = {
            policy: {
                v.id
                for text in history.languages_of(policy).values()
                for v in (*text.versions, *(r.version for r in text.retracted))
            }
            for policy in history.policies()
        }
        # A renamed policy's former id still answers (its pages redirect).
        known.update({former: known[now] for former, now in history.moves.items() if now in known})
        return known
    for file in files:
        where = parse_policy_path(file.relative_to(policies_dir).as_posix(), project.languages.all)
        if not isinstance(where, str):
            known.setdefault(where.policy, set())
    return known


def _check_text(
    source: PolicySource, known: dict[str, set[str]], languages: Languages
) -> Iterator[Problem]:
    path, first = source.path, source.body_line
    anchors: dict[str, int] = {}
    for section in parse_sections(source.body, first).sections:
        if section.anchor:
            if section.anchor in anchors:
                yield Problem(
                    path,
                    section.line,
                    (
                        f"anchor {{#{section.anchor}}} is already used on line "
                        f"{anchors[section.anchor]}; give each section its own anchor"
                    ),
                )
            else:
                anchors[section.anchor] = section.line
    sections = parse_sections(source.body, first).sections
    generated = {slug(s.title): s for s in sections if not s.anchor and not s.is_preamble}
    for section in sections:
        other = generated.get(section.anchor or "")
        if other is not None:
            yield Problem(
                path,
                section.line,
                f"anchor {{#{section.anchor}}} is the address the section on line {other.line} "
                f"({other.heading!r}) gets from its title; one of them would be renamed. Give "
                "this one another anchor, or that one an explicit anchor of its own",
            )
    for token, line in _tokens(_parser().parse(source.body), first):
        if token.type in ("html_block", "html_inline"):
            html = token.content.strip()
            if html not in ALLOWED_HTML:
                shown = html if len(html) <= 40 else html[:37] + "..."
                kind = "an HTML comment" if _COMMENT.match(html) else f"raw HTML {shown!r}"
                yield Problem(
                    path,
                    line,
                    (
                        f"{kind} is shown to readers as text; write it in Markdown "
                        "(the only HTML allowed is <br>, <sup>…</sup> and <sub>…</sub>)"
                    ),
                )
        elif token.type == "link_open":
            href = str(token.attrGet("href") or "")
            if _UNSAFE_SCHEME.match(href):
                yield Problem(
                    path,
                    line,
                    (
                        f"link to {href[:40]!r} is never published as a link; link to an http(s) "
                        "address or remove it"
                    ),
                )
            elif href.startswith("/"):
                problem = _internal_link_problem(href, known, languages)
                if problem:
                    yield Problem(path, line, problem)


def _tokens(tokens: list[Token], first: int) -> Iterator[tuple[Token, int]]:
    """Every token with the file line it is on (inline tokens take their block's line)."""
    for token in tokens:
        line = first + token.map[0] if token.map else first
        yield token, line
        for child in token.children or []:
            yield child, line


def _internal_link_problem(
    href: str, known: dict[str, set[str]], languages: Languages
) -> str | None:
    """What is wrong with a site-absolute link into the policies, if anything."""
    parts = [p for p in href.split("#")[0].split("?")[0].split("/") if p]
    if parts and parts[0] in languages.all:
        parts = parts[1:]
    if not parts or not any(policy.split("/")[0] == parts[0] for policy in known):
        return None  # not a link into the policies (home, about, feeds, ...)
    for length in range(len(parts), 0, -1):
        policy = "/".join(parts[:length])
        if policy in known:
            rest = parts[length:]
            if rest and VERSION_ID.fullmatch(rest[0]) and rest[0] not in known[policy]:
                versions = ", ".join(sorted(known[policy]))
                return (
                    f"link {href} names version {rest[0]} of {policy}, which has no such "
                    f"version (it has {versions})"
                )
            return None
    policies = ", ".join(sorted(known))
    return f"link {href} leads to no policy of this site (its policies: {policies})"


def _check_pending_edit(
    history: History, policy: str, lang: str, source: PolicySource, now: date
) -> Iterator[Problem]:
    """An uncommitted edit of a version already in force needs a new `correction`."""
    text = history.text(policy, lang)
    if text is None:
        return
    version = text.version(source.front.effective.isoformat())
    if version is None or date.fromisoformat(version.translates) > now:
        return  # not in force yet (a translation: the version it is published as)
    committed = version.source
    if not is_uncorrected_edit(committed, source, committed.front.correction):
        return
    yield Problem(
        source.path,
        source.key_lines.get("effective"),
        (
            f"version {version.id} has been in force since {version.id}; this edit changes its "
            "text, which published versions never do. Set a later 'effective' date to publish a "
            "new version, or add 'correction: <why>' if it fixes a mistake in the published text"
        ),
    )
