"""What editor teams do to policies over the years, as a hypothesis state machine on a real
temporary repository: each rule is a commit (or days passing), each step is followed by a
build of the site as of that day, and the invariants every build must keep are checked
after every step.

A failure shrinks to a short story, printed as the git commands that tell it.

The editors' moves: a new policy, a new version with notice, an edit of an upcoming version
before its day, its text rewritten (announced again), a postponement (the translation moved
with it or left to follow), a version brought forward, an upcoming version withdrawn before
its day, a correction of the version in force, a translation added or updated, a
translation deleted, a rename (also in the commit that rewrites the policy, declared with
`renamed_from:`), an id used again (refused, and the change dropped), a policy withdrawn
and added again, main merged into a branch and pushed in its place (refused by
check-permanence when it hides what was published; the fix restores it), days passing. After each commit, the pull request's summary of
that commit must name what it did.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from policysite.compare.sections import parse_sections
from policysite.compare.text import section_blocks
from policysite.errors import PolicyError
from policysite.history.repository import Repository
from policysite.history.versions import Status
from policysite.mkdocs.project import load_project
from policysite.pipeline.assemble import SiteBuild
from policysite.tools.permanence import check_permanence
from policysite.tools.pr_summary import summarize
from support.corpus import terms
from support.pipeline import build_pipeline
from support.project import copy_site_config
from support.repos import GitRepo, policy

#: The policy ids editors may create, and those they may rename one to: an id once used
#: belongs to its policy forever.
IDS = ("acme/privacy", "acme/terms", "beta/cookies")
NEW_IDS = ("acme/privacy-policy", "acme/terms-of-use", "beta/cookie-policy")
#: A part of a "since when" page and the day its wording dates from.
ORIGIN_DAY = re.compile(r'class="ps-origin[^"]*" data-effective="(\d{4}-\d{2}-\d{2})"')

#: The site's promise of notice, as the sample's mkdocs.yml makes it.
NOTICE_DAYS = 30


@dataclass
class Policy:
    """What the editors have committed of one policy."""

    kk: str
    ru: str
    #: Every committed state of the Kazakh file, by effective date, the latest last.
    texts: dict[date, str] = field(default_factory=dict)
    #: The version the Russian file translates (None: no Russian file).
    translated: date | None = None
    #: Every Russian text committed, by the version it translates.
    ru_texts: dict[date, str] = field(default_factory=dict)
    withdrawn: bool = False
    edits: int = 0
    #: The day each version (by effective date) was announced, kept through moves.
    announced: dict[date, date] = field(default_factory=dict)
    #: Its first version since it was last added (a policy added again starts anew).
    back: date = date.min

    @property
    def latest(self) -> date:
        return max(self.texts)


def _body(name: str, n: int, lang: str = "kk") -> str:
    general, contact = ("Жалпы", "Байланыс") if lang == "kk" else ("Общее", "Контакты")
    return f"## 1. {general}\n\n{name}: деректер {n} рет өңделеді.\n\n## 2. {contact}\n\nХат {n}.\n"


def _rewritten(n: int) -> str:
    """Another text altogether: announced again (more than a tenth of its words)."""
    return (
        f"## 1. Жалпы\n\nЖаңа ереже {n}: біз деректерді серіктестерге бермейміз, "
        f"оларды тек қызмет көрсету үшін сақтаймыз.\n\n## 2. Байланыс\n\nХат {n}.\n"
    )


def _edited(text: str, n: int) -> str:
    """`text` with one word changed: the number on its last line (every text the editors
    write ends with one), whatever text it is."""
    head, _, last = text.rstrip("\n").rpartition("\n")
    assert re.search(r"\d+", last), last
    return head + "\n" + re.sub(r"\d+", str(n), last) + "\n"


class EditorStories(RuleBasedStateMachine):
    """Editors at work on one repository, the site built after every step."""

    #: Steps played (each a build of the site) since the last `play_stories`.
    played = 0

    def body(self, name: str, n: int) -> str:
        """The Kazakh text of a policy's `n`-th edit: each edit changes a few words."""
        return _body(name, n)

    def rewritten(self, n: int) -> str:
        """Another text altogether: announced again (more than a tenth of its words)."""
        return _rewritten(n)

    def __init__(self) -> None:
        super().__init__()
        self.work = Path(tempfile.mkdtemp(prefix="policysite-story-"))
        self.repo = GitRepo(self.work / "repo")
        self.repo.root.mkdir()
        self.repo.git("init", "-q", "-b", "main")
        copy_site_config(self.repo.root)
        self.today = date(2024, 1, 10)
        self.policies: dict[str, Policy] = {}
        #: Every id a policy had: none may be used by another policy.
        self.used: dict[str, str] = {}
        self.story: list[str] = ["git init -b main"]
        self.site: SiteBuild | None = None
        self.problems: list[str] = []
        #: What the pull request's summary of the last commit must say.
        self.said: tuple[str, str] | None = None

    def teardown(self) -> None:
        shutil.rmtree(self.work, ignore_errors=True)

    # -- the editors' moves -----------------------------------------------------------

    def _commit(self, files: dict[str, str | None], message: str, said: str) -> None:
        """Commit `files` today; the pull request's summary of it must contain `said`."""
        base = self.repo.git("rev-parse", "HEAD").strip() if self.site else None
        when = datetime.combine(self.today, datetime.min.time(), UTC) + timedelta(hours=10)
        self.repo.commit(files, message, when.isoformat())
        for path, content in files.items():
            self.story.append(f"git rm {path}" if content is None else f"# write {path}")
        self.story.append(f"git commit -am {message!r}  # {self.today}")
        self._build()
        if base is not None:
            try:
                summary = summarize(load_project(self.repo.root), base, "HEAD", self.today)
            except Exception as error:
                raise AssertionError(f"pr-summary failed: {error!r}\n{self._told()}") from error
            self.said = (said, summary)

    def _build(self) -> None:
        before = self.site
        EditorStories.played += 1
        try:
            self.site = build_pipeline(self.repo.root, day=self.today, notice_days=NOTICE_DAYS)
        except PolicyError as error:
            raise AssertionError(f"the build refused: {error}\n{self._told()}") from error
        if before is not None:
            with Repository(self.repo.root) as git:
                self.problems = check_permanence(before.manifest, self.site.manifest, git)

    def _kk(self, name: str, effective: date, extra: str = "", **front: str) -> str:
        item = self.policies[name]
        item.edits += 1
        return policy(effective.isoformat(), self.body(name, item.edits) + extra, **front)

    def _ru(self, name: str, effective: date) -> str:
        body = _body(name, self.policies[name].edits, "ru")
        return policy(effective.isoformat(), body, title="Политика")

    def _open(self) -> list[str]:
        return [name for name, item in self.policies.items() if not item.withdrawn]

    def _with(self, upcoming: bool) -> list[str]:
        return [
            name for name in self._open() if (self.policies[name].latest > self.today) == upcoming
        ]

    def _free_ids(self, pool: tuple[str, ...]) -> list[str]:
        return [i for i in pool if i not in self.used]

    def _announce(self, name: str, effective: date, text: str) -> None:
        item = self.policies[name]
        item.texts[effective] = text
        item.announced[effective] = self.today

    def _move(
        self, name: str, new: date, text: str, with_translation: bool
    ) -> dict[str, str | None]:
        """The upcoming version moved to `new`, with `text`; its translation moved with it,
        or left as it was (it follows it on the site)."""
        item = self.policies[name]
        old = item.latest
        del item.texts[old]
        item.texts[new] = text
        item.announced[new] = item.announced.pop(old)
        files: dict[str, str | None] = {item.kk: text}
        if item.translated == old:
            item.translated = new
            if with_translation:
                files[item.ru] = item.ru_texts[new] = self._ru(name, new)
        if old in item.ru_texts and new not in item.ru_texts:
            # The Russian text published for it follows it, its file deleted or not.
            item.ru_texts[new] = item.ru_texts[old]
        return files

    @precondition(lambda self: bool(self._free_ids(IDS)))
    @rule(data=st.data(), days=st.integers(0, 60))
    def add_policy(self, data: st.DataObject, days: int) -> None:
        name = data.draw(st.sampled_from(self._free_ids(IDS)))
        self.used[name] = name
        self.policies[name] = Policy(f"policies/{name}.kk.md", f"policies/{name}.ru.md")
        effective = self.today + timedelta(days=days)
        text = self._kk(name, effective)
        self._announce(name, effective, text)
        files: dict[str, str | None] = {self.policies[name].kk: text}
        self._commit(files, f"add {name}, in force {effective}", f"`{name}` (kk) — new policy")

    @precondition(lambda self: bool(self._with(upcoming=False)))
    @rule(data=st.data(), days=st.integers(NOTICE_DAYS, 120))
    def new_version(self, data: st.DataObject, days: int) -> None:
        name = data.draw(st.sampled_from(self._with(upcoming=False)))
        effective = self.today + timedelta(days=days)
        text = self._kk(name, effective)
        self._announce(name, effective, text)
        said = f"`{name}` (kk) — upcoming version\n"
        self._commit({self.policies[name].kk: text}, f"{name}: version of {effective}", said)

    @precondition(lambda self: bool(self._with(upcoming=True)))
    @rule(data=st.data())
    def edit_upcoming(self, data: st.DataObject) -> None:
        """A few words of the upcoming version changed: the same text, the same notice."""
        name = data.draw(st.sampled_from(self._with(upcoming=True)))
        item = self.policies[name]
        item.edits += 1
        text = _edited(item.texts[item.latest], item.edits)
        item.texts[item.latest] = text
        said = f"`{name}` (kk) — upcoming version edited"
        self._commit({item.kk: text}, f"{name}: edit the version of {item.latest}", said)

    @precondition(lambda self: bool(self._with(upcoming=True)))
    @rule(data=st.data(), days=st.integers(0, 60))
    def rewrite_upcoming(self, data: st.DataObject, days: int) -> None:
        """The upcoming version rewritten into another text: announced again today, so
        postponed as far as the notice needs."""
        name = data.draw(st.sampled_from(self._with(upcoming=True)))
        item = self.policies[name]
        old = item.latest
        new = max(old, self.today + timedelta(days=NOTICE_DAYS + days))
        item.edits += 1
        text = policy(new.isoformat(), self.rewritten(item.edits))
        if new == old:
            item.texts[old] = text
            files: dict[str, str | None] = {item.kk: text}
            said = f"`{name}` (kk) — upcoming version edited"
        else:
            files = self._move(name, new, text, with_translation=False)
            said = f"`{name}` (kk) — upcoming version postponed"
        item.announced[new] = self.today
        self._commit(files, f"{name}: rewrite the version of {old}, in force {new}", said)

    @precondition(lambda self: bool(self._with(upcoming=True)))
    @rule(data=st.data(), days=st.integers(1, 60), with_translation=st.booleans())
    def postpone(self, data: st.DataObject, days: int, with_translation: bool) -> None:
        name = data.draw(st.sampled_from(self._with(upcoming=True)))
        item = self.policies[name]
        old = item.latest
        new = old + timedelta(days=days)
        text = item.texts[old].replace(f"effective: {old}", f"effective: {new}")
        files = self._move(name, new, text, with_translation)
        said = f"`{name}` (kk) — upcoming version postponed"
        self._commit(files, f"{name}: postpone {old} to {new}", said)

    def _earliest(self, name: str) -> date:
        """The earliest day the upcoming version may be brought forward to."""
        item = self.policies[name]
        earliest = item.announced[item.latest] + timedelta(days=NOTICE_DAYS)
        return max(earliest, self.today + timedelta(days=1))

    def _may_come_sooner(self) -> list[str]:
        return [n for n in self._with(upcoming=True) if self._earliest(n) < self.policies[n].latest]

    @precondition(lambda self: bool(self._may_come_sooner()))
    @rule(data=st.data(), with_translation=st.booleans())
    def bring_forward(self, data: st.DataObject, with_translation: bool) -> None:
        """The upcoming version moved to an earlier day, still with the notice promised
        since it was announced."""
        name = data.draw(st.sampled_from(self._may_come_sooner()))
        item = self.policies[name]
        old, new = item.latest, self._earliest(name)
        if any(old > day >= new for day in item.texts if day != old):
            return  # an earlier version holds that day
        text = item.texts[old].replace(f"effective: {old}", f"effective: {new}")
        files = self._move(name, new, text, with_translation)
        said = f"`{name}` (kk) — upcoming version brought forward"
        self._commit(files, f"{name}: bring {old} forward to {new}", said)

    def _with_one_before(self) -> list[str]:
        """Policies whose upcoming version follows one since it was last added."""
        return [
            n
            for n in self._with(upcoming=True)
            if sum(day >= self.policies[n].back for day in self.policies[n].texts) > 1
        ]

    @precondition(lambda self: bool(self._with_one_before()))
    @rule(data=st.data())
    def withdraw_upcoming(self, data: st.DataObject) -> None:
        """The upcoming version is taken back: the file is the version in force again."""
        names = self._with_one_before()
        name = data.draw(st.sampled_from(names))
        item = self.policies[name]
        gone = item.latest
        del item.texts[gone]
        files: dict[str, str | None] = {item.kk: item.texts[item.latest]}
        if item.translated == gone:
            item.translated = None
            files[item.ru] = None
        said = f"`{name}` (kk) — upcoming version withdrawn before its day"
        self._commit(files, f"{name}: withdraw the version of {gone} before its day", said)

    @precondition(lambda self: bool(self._with(upcoming=False)))
    @rule(data=st.data())
    def correct(self, data: st.DataObject) -> None:
        """The version in force corrected, saying why."""
        name = data.draw(st.sampled_from(self._with(upcoming=False)))
        item = self.policies[name]
        reason = f"typo {item.edits + 1}"
        text = self._kk(name, item.latest, correction=reason)
        item.texts[item.latest] = text
        said = f"`{name}` (kk) — correction of a published version"
        self._commit({item.kk: text}, f"{name}: correct {item.latest} ({reason})", said)

    @precondition(lambda self: bool(self._open()))
    @rule(data=st.data())
    def translate(self, data: st.DataObject) -> None:
        """The Russian text of the latest version, new or updated."""
        name = data.draw(st.sampled_from(self._open()))
        item = self.policies[name]
        text = self._ru(name, item.latest)
        earlier = item.ru_texts.get(item.latest)
        if earlier is not None and earlier != text and item.latest <= self.today:
            # A translation of a version in force changed (even one deleted and added
            # again: its text stayed published): a correction, saying why.
            reason = f"ru {item.edits} {len(item.ru_texts)} {self.today}"
            text = text.replace("title: Политика", f"title: Политика\ncorrection: {reason}")
        if item.translated is not None and item.ru_texts.get(item.translated) == text:
            return  # nothing to commit
        item.translated = item.latest
        item.ru_texts[item.latest] = text
        self._commit({item.ru: text}, f"{name}: Russian text of {item.latest}", f"`{name}` (ru)")

    @precondition(lambda self: any(self.policies[n].translated for n in self._open()))
    @rule(data=st.data())
    def delete_translation(self, data: st.DataObject) -> None:
        name = data.draw(st.sampled_from([n for n in self._open() if self.policies[n].translated]))
        item = self.policies[name]
        item.translated = None
        said = f"`{name}` (ru) — translation removed"
        self._commit({item.ru: None}, f"{name}: delete the Russian text", said)

    @precondition(lambda self: bool(self._open()) and bool(self._free_ids(NEW_IDS)))
    @rule(data=st.data())
    def rename(self, data: st.DataObject) -> None:
        """The policy's files moved to another id: its addresses redirect there."""
        name = data.draw(st.sampled_from(self._open()))
        new = data.draw(st.sampled_from(self._free_ids(NEW_IDS)))
        item = self.policies.pop(name)
        moved = replace(item, kk=f"policies/{new}.kk.md", ru=f"policies/{new}.ru.md")
        for old_path, new_path in ((item.kk, moved.kk), (item.ru, moved.ru)):
            if old_path == item.kk or item.translated is not None:
                (self.repo.root / new_path).parent.mkdir(parents=True, exist_ok=True)
                self.repo.git("mv", old_path, new_path)
                self.story.append(f"git mv {old_path} {new_path}")
        self.policies[new] = moved
        self.used[new] = self.used[name]
        self._commit({}, f"rename {name} to {new}", f"`{new}` (kk) — renamed")

    @precondition(lambda self: bool(self._with(upcoming=False)) and bool(self._free_ids(NEW_IDS)))
    @rule(data=st.data(), days=st.integers(NOTICE_DAYS, 90))
    def rename_and_rewrite(self, data: st.DataObject, days: int) -> None:
        """The policy moved to another id in the commit that brings its next version, a
        text git does not pair with the old one: declared with `renamed_from:`."""
        name = data.draw(st.sampled_from(self._with(upcoming=False)))
        new = data.draw(st.sampled_from(self._free_ids(NEW_IDS)))
        item = self.policies.pop(name)
        moved = replace(item, kk=f"policies/{new}.kk.md", ru=f"policies/{new}.ru.md")
        self.policies[new] = moved
        self.used[new] = self.used[name]
        effective = self.today + timedelta(days=days)
        moved.edits += 1
        text = policy(effective.isoformat(), self.rewritten(moved.edits), renamed_from=name)
        self._announce(new, effective, text)
        files: dict[str, str | None] = {item.kk: None, moved.kk: text}
        if item.translated is not None:
            files[item.ru] = None
            files[moved.ru] = (self.repo.root / item.ru).read_text(encoding="utf-8")
        said = f"`{new}` (kk) — renamed"
        self._commit(files, f"rename {name} to {new}, rewritten for {effective}", said)

    def _commits_today(self) -> int:
        """How many of the last two commits on main were made today, with one before them."""
        days = self.repo.git("log", "-3", "--first-parent", "--format=%cs").split()
        today = [day for day in days[:2] if day == self.today.isoformat()]
        return min(len(today), len(days) - 1)

    def _folding_pairs(self, back: int) -> bool:
        """Whether the last `back` commits, folded into one merge, let git pair a file one of
        them deleted with one another added: one policy withdrawn and another added become a
        rename (a known limit, noted in issue 29: git pairs files by likeness alone)."""
        one = self.repo.git("diff", "-M", "--name-status", f"HEAD~{back}", "HEAD", "--", "policies")
        each = self.repo.git(
            "log", "-M", "--name-status", "--format=", f"HEAD~{back}..HEAD", "--", "policies"
        )
        renamed = {line for line in one.splitlines() if line.startswith("R")}
        return any(line.split("\t", 1)[1] not in each for line in renamed)

    @precondition(lambda self: self.site is not None and self._commits_today() > 0)
    @rule(data=st.data())
    def merge_the_wrong_way(self, data: st.DataObject) -> None:
        """An editor whose branch started before main's last commits merges main into it and
        pushes the merge in main's place (a "foxtrot" merge): main's commits are then
        reached only through the merge's second parent. Whatever that hides of what was
        published, check-permanence refuses with the fix; the fix restores every address."""
        back = data.draw(st.integers(1, self._commits_today()))
        if self._folding_pairs(back):
            return  # git would pair a deleted policy with an added one (see `_folding_pairs`)
        when = datetime.combine(self.today, datetime.min.time(), UTC) + timedelta(hours=11)
        stamp = when.isoformat()
        published = self.site
        assert published is not None
        self.repo.git("checkout", "-q", "-b", "side", f"HEAD~{back}")
        notes = f"notes/{len(self.story)}.md"  # a file of its own: no conflict to resolve
        self.repo.commit({notes: "notes\n"}, "notes", stamp)
        self.repo.git(
            "merge", "-q", "--no-ff", "-m", "Merge branch 'main' into side", "main", when=stamp
        )
        self.repo.git("checkout", "-q", "main")
        self.repo.git("merge", "-q", "--ff-only", "side")
        self.repo.git("branch", "-q", "-D", "side")
        self.story += [
            f"git checkout -b side HEAD~{back}",
            f"# write {notes}; git commit -am notes",
            "git merge --no-ff main; git checkout main; git merge --ff-only side",
        ]
        self._build()
        self.said = None
        if self.problems:
            named = [p for p in self.problems if "(a 'foxtrot' merge, as 'git pull' makes)" in p]
            assert named, (self.problems, self._told())
            merge = self.repo.git("rev-parse", "HEAD").strip()
            self.repo.git("checkout", "-q", "-B", "main", f"{merge}^2")
            message = "Merge branch 'side'"
            self.repo.git("merge", "-q", "--no-ff", "-m", message, f"{merge}^1", when=stamp)
            self.story.append("git checkout -B main M^2 && git merge --no-ff M^1  # the fix")
            self.site = published
            self._build()

    def _taken(self, name: str) -> list[str]:
        """Ids that belong to another policy than `name` and are free on disk: withdrawn,
        or renamed away (renaming back to one's own former id is allowed)."""
        here = {other for other, item in self.policies.items() if not item.withdrawn}
        return sorted(
            i for i, first in self.used.items() if first != self.used[name] and i not in here
        )

    def _may_take(self) -> list[str]:
        return [name for name in self._open() if self._taken(name)]

    @precondition(lambda self: bool(self._may_take()))
    @rule(data=st.data())
    def use_an_id_again(self, data: st.DataObject) -> None:
        """A policy renamed onto an id another policy had: refused by the build, with the
        fix; the editors drop the change (it was never published)."""
        name = data.draw(st.sampled_from(self._may_take()))
        taken = data.draw(st.sampled_from(self._taken(name)))
        item = self.policies[name]
        for lang, path in (("kk", item.kk), ("ru", item.ru)):
            if lang == "kk" or item.translated is not None:
                target = f"policies/{taken}.{lang}.md"
                (self.repo.root / target).parent.mkdir(parents=True, exist_ok=True)
                self.repo.git("mv", path, target)
        self.repo.commit({}, f"rename {name} to {taken}", "2024-01-01T00:00:00+00:00")
        try:
            build_pipeline(self.repo.root, day=self.today, notice_days=NOTICE_DAYS)
        except PolicyError as error:
            assert f"the id {taken} belongs to the policy" in str(error), (str(error), self._told())
        else:
            raise AssertionError(f"{name} renamed onto {taken} was published\n{self._told()}")
        finally:
            self.repo.git("reset", "-q", "--hard", "HEAD~1")

    @precondition(lambda self: bool(self._open()))
    @rule(data=st.data())
    def withdraw(self, data: st.DataObject) -> None:
        """The policy's files deleted: withdrawn, its versions stay published."""
        name = data.draw(st.sampled_from(self._open()))
        item = self.policies[name]
        item.withdrawn = True
        files: dict[str, str | None] = {item.kk: None}
        if item.translated:
            files[item.ru] = None
            item.translated = None
        self._commit(files, f"withdraw {name}", f"`{name}` (kk) — policy withdrawn")

    @precondition(lambda self: any(item.withdrawn for item in self.policies.values()))
    @rule(data=st.data(), days=st.integers(NOTICE_DAYS, 90))
    def add_again(self, data: st.DataObject, days: int) -> None:
        """A withdrawn policy back, with a new version and the notice promised."""
        names = [name for name, item in self.policies.items() if item.withdrawn]
        name = data.draw(st.sampled_from(names))
        item = self.policies[name]
        item.withdrawn = False
        # A new version: later than its last one, with the notice promised.
        effective = max(self.today + timedelta(days=days), item.latest + timedelta(days=1))
        text = self._kk(name, effective)
        self._announce(name, effective, text)
        item.back = effective
        said = f"`{name}` (kk) — policy added again"
        self._commit({item.kk: text}, f"add {name} again, in force {effective}", said)

    @rule(days=st.integers(1, 120))
    def days_pass(self, days: int) -> None:
        self.today += timedelta(days=days)
        self.story.append(f"# {days} days pass: {self.today}")
        if self.policies:
            self._build()

    # -- what every build keeps ---------------------------------------------------------

    def _told(self) -> str:
        return "\n".join(["the story, as git commands:", *self.story])

    @invariant()
    def the_pull_requests_summary_says_what_the_change_did(self) -> None:
        if self.said is None:
            return
        expected, summary = self.said
        assert expected in summary, (expected, summary, self._told())
        assert "[!CAUTION]" not in summary, (summary, self._told())

    @invariant()
    def every_published_address_keeps_its_text(self) -> None:
        assert self.problems == [], "\n".join([*self.problems, self._told()])

    @invariant()
    def nothing_is_in_force_before_its_day_and_no_period_ends_before_it_starts(self) -> None:
        if self.site is None:
            return
        history = self.site.history
        for name in history.policies():
            for lang in ("kk", "ru", "en"):
                text = history.view(name, lang)
                for version in text.versions:
                    status = text.status(version, self.today)
                    if status in (Status.CURRENT, Status.SUPERSEDED):
                        assert version.effective <= self.today, (name, version.id, self._told())
                    if status == Status.UPCOMING:
                        assert version.effective > self.today, (name, version.id, self._told())
                    end = text.last_day(version, self.today)
                    if end is not None and end < version.effective:
                        assert status == Status.WITHDRAWN, (name, version.id, self._told())
                        page = self.site.read(f"{name}/{version.id}/index.{lang}.md")
                        assert f"{version.effective.year} –" not in page, self._told()

    @invariant()
    def every_version_committed_is_published(self) -> None:
        """Each version the editors left in a file has its address; a translation is
        published at its version's address."""
        if self.site is None:
            return
        addresses = self.site.manifest["addresses"]
        for name, item in self.policies.items():
            for effective in item.texts:
                assert f"/{name}/{effective}/" in addresses, (name, effective, self._told())
            if item.translated and not item.withdrawn:
                page = self.site.read(f"{name}/{item.translated}/index.ru.md")
                assert "Общее" in page, (name, item.translated, self._told())

    @invariant()
    def every_part_of_the_latest_version_says_since_when(self) -> None:
        """The latest version's "since when" page marks every part of its text (each heading
        and block) with a version of the policy no later than itself, in kk and ru."""
        if self.site is None:
            return
        history = self.site.history
        for name in history.policies():
            for lang in ("kk", "ru"):
                text = history.view(name, lang)
                if not text.versions:
                    continue
                latest = text.versions[-1]
                page = self.site.read(f"{name}/{latest.id}/origins/index.{lang}.md")
                days = ORIGIN_DAY.findall(page)
                shown = parse_sections(latest.source.body).sections
                parts = sum(len(section_blocks(s.body)) + (not s.is_preamble) for s in shown)
                assert len(days) == parts, (name, lang, latest.id, self._told())
                known = {v.effective.isoformat() for v in text.versions}
                assert set(days) <= known, (name, lang, sorted(set(days) - known), self._told())
                assert max(days, default="") <= latest.effective.isoformat(), self._told()

    @invariant()
    def every_version_gives_the_notice_promised(self) -> None:
        """versions.json: each version after a policy's first was announced at least
        NOTICE_DAYS before its day (or says why not), in date order."""
        if self.site is None:
            return
        for name in self.site.history.policies():
            data = json.loads(self.site.read(f"{name}/versions.kk.json"))
            ids = [v["id"] for v in data["versions"]]
            assert ids == sorted(ids), (name, ids, self._told())
            kept = [v for v in data["versions"] if v["status"] not in ("moved", "withdrawn")]
            for entry in kept[1:]:
                announced = entry["announced"]
                assert announced is not None, (name, entry["id"], self._told())
                notice = date.fromisoformat(entry["effective"]) - date.fromisoformat(announced)
                assert notice.days >= NOTICE_DAYS or entry["urgent"], (
                    name,
                    entry["id"],
                    announced,
                    self._told(),
                )


class LongTermsStories(EditorStories):
    """The same editors at work on long English terms of service (`support/corpus.py`:
    about 40 sections, nested lists, tables, links, Setext headings, `1\\.` escapes)."""

    def body(self, name: str, n: int) -> str:
        # Each edit changes what editors change (words, a link's target, bold into
        # emphasis) and one line of its own: a few words of a long text.
        return terms(n % 3, sections=40, seed=len(name), old_site=False) + f"\nEdit {n}.\n"

    def rewritten(self, n: int) -> str:
        return terms(0, sections=40, seed=1000 + n, old_site=False) + f"\nEdit {n}.\n"


def play_stories(stories: int, steps: int, machine: type[EditorStories] = EditorStories) -> int:
    """Play `stories` stories of up to `steps` steps each, the same ones in every run, so
    that CI judges the change and not the draw (without `derandomize`, each run draws new
    stories: how new defects are found)."""
    EditorStories.played = 0
    run_state_machine_as_test(
        machine,
        settings=settings(
            max_examples=stories,
            stateful_step_count=steps,
            derandomize=True,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
    return EditorStories.played
