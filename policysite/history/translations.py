"""Every translation belongs to a version of its policy's authoritative text.

Each check takes the texts as read and returns what it decided: the texts to publish,
the problems that stop the build, the notes an editor may want; nothing it is given
is changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from policysite.errors import Problem
from policysite.history.versions import PolicyText, Version

Texts = Mapping[tuple[str, str], PolicyText]


@dataclass(frozen=True)
class Translations:
    """The texts to publish, and what the checks found."""

    texts: dict[tuple[str, str], PolicyText]
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: With an incomplete history: translations of versions before the cut, shown alone.
    before_cut: dict[tuple[str, str], tuple[Version, ...]] = field(default_factory=dict)


def keep_published_translations(texts: Texts, authoritative: str) -> Translations:
    """A deleted translation keeps the versions it published (each translates a version
    of its policy); what never matched a version is history that cannot be fixed."""
    kept_texts = dict(texts)
    notes: list[str] = []
    for key, text in texts.items():
        policy, lang = key
        original = texts.get((policy, authoritative))
        if lang == authoritative or text.withdrawn is None or original is None:
            continue
        # A version moved or withdrawn before its day keeps its address, and its text there.
        known = {v.id for v in original.versions} | {r.version.id for r in original.retracted}
        kept = tuple(v for v in text.versions if v.translates in known)
        if len(kept) < len(text.versions):
            notes.append(f"{text.path}: deleted texts that matched no version are not published")
        if kept:
            kept_texts[key] = replace(text, versions=kept)
        else:
            del kept_texts[key]
    return Translations(kept_texts, notes=notes)


def check_translations(
    texts: Texts,
    authoritative: str,
    prefix: str,
    incomplete: bool = False,
    unreadable: frozenset[tuple[str, str]] | set[tuple[str, str]] = frozenset(),
) -> Translations:
    """Every translation belongs to a policy with an authoritative text, version by version.

    With an `incomplete` history (a shallow clone, no git), a translation of an
    authoritative version before the cut has no place among the versions: it moves to
    `before_cut`, to be shown on its own page as what can be known of that version, with
    a note."""
    found = Translations(dict(texts))
    for (policy, lang), text in sorted(texts.items()):
        if lang == authoritative:
            continue
        original = texts.get((policy, authoritative))
        if original is None and (policy, authoritative) in unreadable:
            continue  # the authoritative file's own problems say what to fix
        if original is None:
            found.problems.append(
                Problem(
                    text.path,
                    None,
                    (
                        f"is a translation of policy {policy!r}, which has no authoritative text; "
                        f"add {prefix}{policy}.{authoritative}.md first"
                    ),
                )
            )
            continue
        taken_back = {r.version.id: r for r in original.retracted}
        for version in text.versions:
            if original.version(version.translates) is not None:
                continue
            if version.translates in taken_back:
                # Translates a version moved or withdrawn before its day: shown at its
                # address; a moved one's text follows it to its new day.
                moved_to = taken_back[version.translates].moved_to
                if moved_to is not None and original.version(moved_to.isoformat()) is not None:
                    found.notes.append(
                        f"{text.path}: its text of version {version.translates} is shown as "
                        f"the text of {moved_to}, the day that version was moved to; set "
                        f"'effective: {moved_to}' in it to say so"
                    )
                continue
            if incomplete:
                _before_cut(found, (policy, lang), version, original)
            else:
                found.problems.append(_unmatched(text, version, original))
    return found


def _before_cut(
    found: Translations, key: tuple[str, str], version: Version, original: PolicyText
) -> None:
    text = found.texts[key]
    found.notes.append(
        f"{text.path}: the text translating version {version.translates} is shown "
        f"alone: that version of {original.path} is before the history the build "
        "could read"
    )
    found.before_cut[key] = (*found.before_cut.get(key, ()), version)
    kept = tuple(v for v in text.versions if v is not version)
    if kept:
        found.texts[key] = replace(text, versions=kept)
    else:
        del found.texts[key]


def _unmatched(text: PolicyText, version: Version, original: PolicyText) -> Problem:
    known = ", ".join(v.id for v in original.versions)
    made_in = f" (commit {version.commits[-1].short})" if version.commits else ""
    named = version.source.front.translation_of is not None
    return Problem(
        text.path,
        version.source.key_lines.get("translation_of" if named else "effective"),
        f"{'translation_of' if named else 'effective date'} {version.translates}"
        f"{made_in} matches no version of {original.path} ({known}); "
        "a translation carries the effective date of the version it translates, "
        "or names it in 'translation_of'",
    )
