"""Each version's "since when" page: every part of its text marked with the version its
wording dates from, on temporary repositories with the edits editors make."""

from __future__ import annotations

import json
from collections.abc import Sequence

from bs4 import BeautifulSoup, Tag
from support.corpus import terms
from support.pipeline import build_pipeline
from support.repos import GitRepo, policy

from policysite.compare.sections import parse_sections
from policysite.compare.text import section_blocks
from policysite.pipeline.assemble import SiteBuild
from policysite.render import schemas

KK = "policies/acme/privacy.kk.md"
RU = "policies/acme/privacy.ru.md"


def commit_versions(
    repo: GitRepo, *bodies: str, path: str = KK, russian: Sequence[str | None] = ()
) -> list[str]:
    """One version a year from 2024-03-01, each committed a month before its day (a day
    after the build day, 2026-11-22: three weeks before it), with its Russian translation
    where `russian` gives one."""
    days = []
    for year, body in enumerate(bodies, start=2024):
        effective = f"{year}-03-01"
        files = {path: policy(effective, body)}
        translated = russian[year - 2024] if year - 2024 < len(russian) else None
        if translated is not None:
            files[RU] = policy(effective, translated, title="Политика")
        when = f"{year}-02-01T10:00:00Z" if year < 2027 else "2026-11-01T10:00:00Z"
        repo.commit(files, effective, when)
        days.append(effective)
    return days


def origins_page(build: SiteBuild, version: str, lang: str = "kk") -> BeautifulSoup:
    return BeautifulSoup(
        build.read(f"acme/privacy/{version}/origins/index.{lang}.md"), "html.parser"
    )


def marked(page: BeautifulSoup) -> list[tuple[str, str]]:
    """Each part of the text as a reader sees it, and the day its wording dates from."""
    found = []
    for part in page.select(".ps-origins .ps-origin"):
        assert isinstance(part, Tag)
        mark = part.select_one(".ps-origin__mark")
        assert mark is not None
        copy = BeautifulSoup(str(part), "html.parser")
        for gone in copy.select(".ps-origin__mark, .ps-sr, .ps-b__marker"):
            gone.decompose()
        found.append((" ".join(copy.get_text(" ").split()), str(part["data-effective"])))
    return found


def words(element: Tag | None) -> str:
    """An element's text as a reader reads it (no-break spaces as spaces)."""
    assert element is not None
    return " ".join(element.get_text(" ").split())


def origin_of(page: BeautifulSoup, words: str) -> str:
    """The day the one part of the text that reads `words` dates from."""
    days = [day for text, day in marked(page) if text == words]
    assert len(days) == 1, (words, marked(page))
    return days[0]


def test_unchanged_text_keeps_its_first_version_and_rewording_starts_it_again(
    repo: GitRepo,
) -> None:
    commit_versions(
        repo,
        "## 1. General\n\nWe keep data.\n\nWe never sell it.\n\n## 2. Contact\n\nWrite to us.\n",
        "## 1. General\n\nWe keep your data.\n\nWe never sell it.\n\n## 2. Contact\n\nWrite to us.\n",
        "## 1. General\n\nWe keep all your data.\n\nWe never sell it.\n\n## 2. Contact\n\n"
        "Write to us.\n",
    )
    build = build_pipeline(repo.root)
    last = origins_page(build, "2026-03-01")
    assert origin_of(last, "We never sell it.") == "2024-03-01"
    assert origin_of(last, "Write to us.") == "2024-03-01"
    assert origin_of(last, "1. General") == "2024-03-01"
    # Reworded twice: from the second rewording on.
    assert origin_of(last, "We keep all your data.") == "2026-03-01"
    assert origin_of(origins_page(build, "2025-03-01"), "We keep your data.") == "2025-03-01"
    # Each mark says its day in words and leads to what that version changed, at the section.
    mark = last.select(".ps-origin")[1].select_one(".ps-origin__mark")
    assert mark is not None
    # Read out as "Мәтіні өзгермеген: 2026 жылғы 1 наурыздан бері".
    assert words(mark) == "Мәтіні өзгермеген: 2026 жылғы 1 наурыздан бері"
    assert words(mark.select_one(".ps-sr")) == "Мәтіні өзгермеген:"
    assert mark["href"] == "../changes/#general"
    first_mark = last.select(".ps-origin")[0].select_one(".ps-origin__mark")
    assert first_mark is not None and first_mark["href"] == "../../2024-03-01/changes/#general"
    # The legend names each version the wording comes from, newest first, with its share.
    legend = [words(li) for li in last.select(".ps-origins__legend li")]
    assert legend == [
        "2026 жылғы 1 наурыздағы нұсқа (осы нұсқа) — мәтіннің 1 бөлігі",
        "2024 жылғы 1 наурыздағы нұсқа — мәтіннің 4 бөлігі",
    ]
    # Shaded by age: the newest darkest, the oldest lightest.
    classes = {
        day: part["class"] for part in last.select(".ps-origin") for day in [part["data-effective"]]
    }
    assert "ps-age-4" in classes["2026-03-01"] and "ps-age-0" in classes["2024-03-01"]


def test_a_section_renumbered_and_moved_keeps_its_origin(repo: GitRepo) -> None:
    commit_versions(
        repo,
        "## 1. General\n\nWe keep data.\n\n## 2. Cookies\n\n- Session cookies.\n"
        "- Analytics cookies.\n\n## 3. Contact\n\nWrite to us.\n",
        # Cookies moved to the end and renumbered; a section added at the top; Contact renamed.
        "## 1. Scope\n\nThis policy covers the site.\n\n## 2. General\n\nWe keep data.\n\n"
        "## 3. Contacts\n\nWrite to us.\n\n## 4. Cookies\n\n- Session cookies.\n"
        "- Analytics cookies.\n",
    )
    page = origins_page(build_pipeline(repo.root), "2025-03-01")
    assert origin_of(page, "4. Cookies") == "2024-03-01"
    assert origin_of(page, "Session cookies.") == "2024-03-01"
    assert origin_of(page, "Analytics cookies.") == "2024-03-01"
    assert origin_of(page, "2. General") == "2024-03-01"
    assert origin_of(page, "1. Scope") == "2025-03-01"
    assert origin_of(page, "This policy covers the site.") == "2025-03-01"
    # A renamed heading dates from the rename; the text under it keeps its day.
    assert origin_of(page, "3. Contacts") == "2025-03-01"
    assert origin_of(page, "Write to us.") == "2024-03-01"


def test_a_kazakh_suffix_change_starts_the_wording_again(repo: GitRepo) -> None:
    commit_versions(
        repo,
        "## 1. Жалпы ережелер\n\nБіз деректерді сақтаймыз.\n\nБіз оларды сатпаймыз.\n",
        "## 1. Жалпы ережелер\n\nБіз деректеріңізді сақтаймыз.\n\nБіз оларды сатпаймыз.\n",
    )
    page = origins_page(build_pipeline(repo.root), "2025-03-01")
    assert origin_of(page, "Біз деректеріңізді сақтаймыз.") == "2025-03-01"
    assert origin_of(page, "Біз оларды сатпаймыз.") == "2024-03-01"


def test_a_section_removed_and_restored_dates_from_its_return(repo: GitRepo) -> None:
    kept = "## 1. General\n\nWe keep data.\n\n"
    commit_versions(
        repo,
        kept + "## 2. Cookies\n\nWe use cookies.\n",
        kept,
        kept + "## 2. Cookies\n\nWe use cookies.\n",
    )
    build = build_pipeline(repo.root)
    page = origins_page(build, "2026-03-01")
    # The policy did not say it in 2025: its wording is in force again from its return.
    assert origin_of(page, "We use cookies.") == "2026-03-01"
    assert origin_of(page, "2. Cookies") == "2026-03-01"
    assert origin_of(page, "We keep data.") == "2024-03-01"
    assert origin_of(origins_page(build, "2024-03-01"), "We use cookies.") == "2024-03-01"


def test_a_lagging_translation_shows_the_kazakh_origins_with_its_notice(repo: GitRepo) -> None:
    v1 = "## 1. Жалпы\n\nБіз деректерді сақтаймыз.\n\n## 2. Байланыс\n\nБізге жазыңыз.\n"
    v2 = "## 1. Жалпы\n\nБіз деректеріңізді сақтаймыз.\n\n## 2. Байланыс\n\nБізге жазыңыз.\n"
    ru1 = "## 1. Общее\n\nМы храним данные.\n\n## 2. Контакты\n\nПишите нам.\n"
    ru3 = "## 1. Общее\n\nМы храним ваши данные.\n\n## 2. Контакты\n\nПишите нам.\n"
    v3 = v2 + "\n## 3. Cookies\n\nCookies.\n"
    ru_v3 = ru3 + "\n## 3. Cookies\n\nCookies.\n"
    commit_versions(repo, v1, v2, v3, russian=[ru1, None, ru_v3])
    build = build_pipeline(repo.root)
    # Not translated: the Kazakh text and its origins, under the notice every such page has.
    lagging = origins_page(build, "2025-03-01", "ru")
    assert lagging.select_one(".ps-origins")["lang"] == "kk"  # type: ignore[index]
    assert "Этой редакции на русском языке нет" in lagging.get_text()
    assert origin_of(lagging, "Біз деректеріңізді сақтаймыз.") == "2025-03-01"
    assert origin_of(lagging, "Бізге жазыңыз.") == "2024-03-01"
    mark = lagging.select_one(".ps-origin__mark")
    assert mark is not None and mark["lang"] == "ru"
    assert words(mark).startswith("Текст не менялся: с 1 марта")
    # Translated again after an untranslated version: each part takes the origin of the
    # Kazakh part it translates.
    again = origins_page(build, "2026-03-01", "ru")
    assert origin_of(again, "Мы храним ваши данные.") == "2025-03-01"
    assert origin_of(again, "Пишите нам.") == "2024-03-01"
    assert origin_of(again, "3. Cookies") == "2026-03-01"
    # versions.json names each version's page; since.json is as it was.
    versions = json.loads(build.read("acme/privacy/versions.ru.json"))
    assert schemas.problem("versions", versions) is None
    assert [v["origins_url"] for v in versions["versions"]] == [
        f"/ru/acme/privacy/{day}/origins/" for day in ("2024-03-01", "2025-03-01", "2026-03-01")
    ]
    assert "origins" not in build.read("acme/privacy/2024-03-01/since.ru.json")


def test_a_translation_dates_its_own_rewording_and_never_claims_an_older_one(
    repo: GitRepo,
) -> None:
    kk1 = "## 1. Жалпы\n\nБіз деректерді сақтаймыз.\n\nБіз оларды сатпаймыз.\n"
    kk3 = "## 1. Жалпы\n\nБіз деректеріңізді сақтаймыз.\n\nБіз оларды сатпаймыз.\n"
    ru1 = "## 1. Общее\n\nМы храним данные.\n\nМы их не продаём.\n"
    # The translation alone reworded: the Russian text dates from it, the Kazakh does not.
    ru2 = "## 1. Общее\n\nМы храним ваши данные.\n\nМы их не продаём.\n"
    # After an untranslated version, a translation dividing the section otherwise (one
    # paragraph where the Kazakh has two): it takes the section's newest origin.
    ru4 = "## 1. Общее\n\nМы храним ваши данные и никогда их не продаём.\n"
    commit_versions(repo, kk1, kk1, kk3, kk3, russian=[ru1, ru2, None, ru4])
    build = build_pipeline(repo.root)
    second = origins_page(build, "2025-03-01", "ru")
    assert origin_of(second, "Мы храним ваши данные.") == "2025-03-01"
    assert origin_of(second, "Мы их не продаём.") == "2024-03-01"
    assert origin_of(origins_page(build, "2025-03-01"), "Біз деректерді сақтаймыз.") == "2024-03-01"
    fourth = origins_page(build, "2027-03-01", "ru")
    assert origin_of(fourth, "Мы храним ваши данные и никогда их не продаём.") == "2026-03-01"
    assert origin_of(fourth, "1. Общее") == "2024-03-01"


def test_every_part_of_a_long_terms_of_service_is_marked(repo: GitRepo) -> None:
    """~65 KB of terms as converters write them: Setext headings, `2\\.` escapes, tables,
    links, bold headings; each version changes words, a link's target, formatting."""
    bodies = [terms(version, sections=150) for version in range(3)]
    assert len(bodies[-1].encode()) > 50_000
    commit_versions(repo, *bodies, path="policies/acme/terms.en.md")
    build = build_pipeline(repo.root, default="en")
    page = BeautifulSoup(build.read("acme/terms/2026-03-01/origins/index.en.md"), "html.parser")
    parts = marked(page)
    # Every block of the text once, each heading too: what the version page shows.
    sections = parse_sections(bodies[-1]).sections
    assert len(parts) == sum(len(section_blocks(s.body)) + (not s.is_preamble) for s in sections)
    assert {day for _text, day in parts} == {"2024-03-01", "2025-03-01", "2026-03-01"}
    assert sum(day == "2024-03-01" for _text, day in parts) > len(parts) // 2
    # What the reader sees is the text, not its Markdown.
    assert not any("](" in text or "**" in text or "\\." in text for text, _day in parts)


def test_a_version_taken_back_before_its_day_keeps_its_page(repo: GitRepo) -> None:
    """An upcoming version's "since when" page, once published, stays when the version is
    withdrawn before its day (the file set back to the text in force), saying so."""
    v1 = "## 1. General\n\nWe keep data.\n\n## 2. Contact\n\nWrite to us.\n"
    v2 = "## 1. General\n\nWe keep all data.\n\n## 2. Contact\n\nWrite to us.\n"
    repo.commit({KK: policy("2024-03-01", v1)}, "v1", "2024-02-01T10:00:00Z")
    repo.commit({KK: policy("2027-01-01", v2)}, "v2", "2026-11-01T10:00:00Z")
    before = origins_page(build_pipeline(repo.root), "2027-01-01")
    repo.commit({KK: policy("2024-03-01", v1)}, "withdraw v2", "2026-11-10T10:00:00Z")
    after = origins_page(build_pipeline(repo.root), "2027-01-01", "en")
    assert marked(after) == [
        ("1. General", "2024-03-01"),
        ("We keep all data.", "2027-01-01"),
        ("2. Contact", "2024-03-01"),
        ("Write to us.", "2024-03-01"),
    ]
    assert marked(before) == marked(after)
    assert "withdrawn before it took effect" in after.get_text()


def test_origins_survive_a_rename_with_a_new_version_a_revert_and_a_merged_branch(
    repo: GitRepo,
) -> None:
    """A messy history: the file renamed in the commit that brings a new version, that
    version reverted by `git revert` to the first one's words, then a branch merged."""
    first = "## 1. General\n\nWe keep data.\n\n## 2. Contact\n\nWrite to us.\n"
    second = "## 1. General\n\nWe keep all data.\n\n## 2. Contact\n\nWrite to us.\n"
    renamed = "policies/acme/privacy-policy.kk.md"
    repo.commit({KK: policy("2024-03-01", first)}, "v1", "2024-02-01T10:00:00Z")
    repo.git("mv", KK, renamed)
    repo.commit({renamed: policy("2025-03-01", second)}, "v2, renamed", "2025-02-01T10:00:00Z")
    # The second wording taken back: the first one's words again, as a new version.
    repo.commit({renamed: policy("2026-03-01", first)}, "v3: revert", "2026-02-01T10:00:00Z")
    repo.git("checkout", "-q", "-b", "edit")
    third = first.replace("Write to us.", "Write to us at privacy@acme.example.")
    repo.commit({renamed: policy("2027-01-01", third)}, "v4", "2026-10-01T10:00:00Z")
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--no-ff", "edit", "-m", "Merge edit", when="2026-10-02T10:00:00Z")
    build = build_pipeline(repo.root)
    page = BeautifulSoup(
        build.read("acme/privacy-policy/2027-01-01/origins/index.kk.md"), "html.parser"
    )
    # The words of 2024 came back in 2026: they date from their return, as the policy said
    # otherwise in between; the heading and the untouched contact never changed.
    assert origin_of(page, "We keep data.") == "2026-03-01"
    assert origin_of(page, "1. General") == "2024-03-01"
    assert origin_of(page, "Write to us at privacy@acme.example.") == "2027-01-01"
    assert origin_of(page, "2. Contact") == "2024-03-01"
    # The former address's pages are redirects to the same pages under the new id.
    assert "/acme/privacy/2024-03-01/origins/" in build.manifest["addresses"]
