"""What editor teams do to policies over the years, as a hypothesis state machine on a real
temporary repository: each rule is a commit (or days passing), each step is followed by a
build of the site as of that day, and the invariants every build must keep are checked
after every step.

A failure shrinks to a short story, printed as the git commands that tell it.

The editors' moves covered so far: a new policy, a new version with notice, an edit of an
upcoming version before its day, a postponement (the translation moved with it or left to
follow), an upcoming
version withdrawn before its day, a correction of the version in force, a translation
added or updated, a translation deleted, a policy withdrawn, days passing. Renames, an id
used again and a withdrawn policy added again are issue 29's next steps.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from policysite.history.repository import Repository
from policysite.history.versions import Status
from policysite.pipeline.assemble import SiteBuild
from policysite.tools.permanence import check_permanence
from support.pipeline import build_pipeline
from support.repos import GitRepo, policy

#: The policy ids editors may create (each once: an id used again is not covered yet).
IDS = ("acme/privacy", "acme/terms", "beta/cookies")
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

    @property
    def latest(self) -> date:
        return max(self.texts)


def _body(name: str, n: int, lang: str = "kk") -> str:
    general, contact = ("Жалпы", "Байланыс") if lang == "kk" else ("Общее", "Контакты")
    return f"## 1. {general}\n\n{name}: деректер {n} рет өңделеді.\n\n## 2. {contact}\n\nХат {n}.\n"


class EditorStories(RuleBasedStateMachine):
    """Editors at work on one repository, the site built after every step."""

    def __init__(self) -> None:
        super().__init__()
        self.work = Path(tempfile.mkdtemp(prefix="policysite-story-"))
        self.repo = GitRepo(self.work / "repo")
        self.repo.root.mkdir()
        self.repo.git("init", "-q", "-b", "main")
        self.today = date(2024, 1, 10)
        self.policies: dict[str, Policy] = {}
        self.story: list[str] = ["git init -b main"]
        self.site: SiteBuild | None = None
        self.problems: list[str] = []

    def teardown(self) -> None:
        shutil.rmtree(self.work, ignore_errors=True)

    # -- the editors' moves -----------------------------------------------------------

    def _commit(self, files: dict[str, str | None], message: str) -> None:
        when = datetime.combine(self.today, datetime.min.time(), UTC) + timedelta(hours=10)
        self.repo.commit(files, message, when.isoformat())
        for path, content in files.items():
            self.story.append(f"git rm {path}" if content is None else f"# write {path}")
        self.story.append(f"git commit -am {message!r}  # {self.today}")
        self._build()

    def _build(self) -> None:
        before = self.site
        self.site = build_pipeline(self.repo.root, day=self.today, notice_days=NOTICE_DAYS)
        if before is not None:
            with Repository(self.repo.root) as git:
                self.problems = check_permanence(before.manifest, self.site.manifest, git)

    def _kk(self, name: str, effective: date, extra: str = "", **front: str) -> str:
        item = self.policies[name]
        item.edits += 1
        return policy(effective.isoformat(), _body(name, item.edits) + extra, **front)

    def _ru(self, name: str, effective: date) -> str:
        body = _body(name, self.policies[name].edits, "ru")
        return policy(effective.isoformat(), body, title="Политика")

    def _open(self) -> list[str]:
        return [name for name, item in self.policies.items() if not item.withdrawn]

    def _with(self, upcoming: bool) -> list[str]:
        return [
            name for name in self._open() if (self.policies[name].latest > self.today) == upcoming
        ]

    @precondition(lambda self: len(self.policies) < len(IDS))
    @rule(data=st.data(), days=st.integers(0, 60))
    def add_policy(self, data: st.DataObject, days: int) -> None:
        name = data.draw(st.sampled_from([i for i in IDS if i not in self.policies]))
        self.policies[name] = Policy(f"policies/{name}.kk.md", f"policies/{name}.ru.md")
        effective = self.today + timedelta(days=days)
        text = self._kk(name, effective)
        self.policies[name].texts[effective] = text
        self._commit({self.policies[name].kk: text}, f"add {name}, in force {effective}")

    @precondition(lambda self: bool(self._with(upcoming=False)))
    @rule(data=st.data(), days=st.integers(NOTICE_DAYS, 120))
    def new_version(self, data: st.DataObject, days: int) -> None:
        name = data.draw(st.sampled_from(self._with(upcoming=False)))
        effective = self.today + timedelta(days=days)
        text = self._kk(name, effective)
        self.policies[name].texts[effective] = text
        self._commit({self.policies[name].kk: text}, f"{name}: version of {effective}")

    @precondition(lambda self: bool(self._with(upcoming=True)))
    @rule(data=st.data())
    def edit_upcoming(self, data: st.DataObject) -> None:
        name = data.draw(st.sampled_from(self._with(upcoming=True)))
        item = self.policies[name]
        text = self._kk(name, item.latest)
        item.texts[item.latest] = text
        self._commit({item.kk: text}, f"{name}: edit the version of {item.latest}")

    @precondition(lambda self: bool(self._with(upcoming=True)))
    @rule(data=st.data(), days=st.integers(1, 60), with_translation=st.booleans())
    def postpone(self, data: st.DataObject, days: int, with_translation: bool) -> None:
        """The upcoming version moves to a later day; its translation is moved with it, or
        left as it was (and follows it on the site)."""
        name = data.draw(st.sampled_from(self._with(upcoming=True)))
        item = self.policies[name]
        old = item.latest
        new = old + timedelta(days=days)
        text = item.texts.pop(old).replace(f"effective: {old}", f"effective: {new}")
        item.texts[new] = text
        files: dict[str, str | None] = {item.kk: text}
        if item.translated == old:
            item.translated = new
            if with_translation:
                files[item.ru] = item.ru_texts[new] = self._ru(name, new)
            else:
                item.ru_texts[new] = item.ru_texts[old]
        self._commit(files, f"{name}: postpone {old} to {new}")

    @precondition(
        lambda self: any(len(self.policies[n].texts) > 1 for n in self._with(upcoming=True))
    )
    @rule(data=st.data())
    def withdraw_upcoming(self, data: st.DataObject) -> None:
        """The upcoming version is taken back: the file is the version in force again."""
        names = [n for n in self._with(upcoming=True) if len(self.policies[n].texts) > 1]
        name = data.draw(st.sampled_from(names))
        item = self.policies[name]
        gone = item.latest
        del item.texts[gone]
        files: dict[str, str | None] = {item.kk: item.texts[item.latest]}
        if item.translated == gone:
            item.translated = None
            files[item.ru] = None
        self._commit(files, f"{name}: withdraw the version of {gone} before its day")

    @precondition(lambda self: bool(self._with(upcoming=False)))
    @rule(data=st.data())
    def correct(self, data: st.DataObject) -> None:
        """The version in force corrected, saying why."""
        name = data.draw(st.sampled_from(self._with(upcoming=False)))
        item = self.policies[name]
        reason = f"typo {item.edits + 1}"
        text = self._kk(name, item.latest, correction=reason)
        item.texts[item.latest] = text
        self._commit({item.kk: text}, f"{name}: correct {item.latest} ({reason})")

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
        item.translated = item.latest
        item.ru_texts[item.latest] = text
        self._commit({item.ru: text}, f"{name}: Russian text of {item.latest}")

    @precondition(lambda self: any(self.policies[n].translated for n in self._open()))
    @rule(data=st.data())
    def delete_translation(self, data: st.DataObject) -> None:
        name = data.draw(st.sampled_from([n for n in self._open() if self.policies[n].translated]))
        item = self.policies[name]
        item.translated = None
        self._commit({item.ru: None}, f"{name}: delete the Russian text")

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
        self._commit(files, f"withdraw {name}")

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
