"""When an upcoming version's text is another text (announced again) and when it is the same
text mended, on long real-shaped terms as much as on short ones."""

from __future__ import annotations

from support.corpus import terms
from support.repos import policy

from policysite.history.notice import is_reworded
from policysite.history.policy_file import PolicySource, parse_source


def text(body: str) -> PolicySource:
    return parse_source("policies/acme/terms.en.md", policy("2027-01-15", body).encode())


LONG = terms(0, sections=60)


def test_a_placeholder_written_out_is_another_text() -> None:
    assert is_reworded(text("## 1. General\n\nTo be written.\n"), text(terms(0, sections=2)))


def test_a_typo_or_a_mended_sentence_is_the_same_text() -> None:
    assert not is_reworded(text("To be written.\n"), text("To be writen.\n"))
    mended = LONG.replace("we collect", "we gather", 3)
    assert mended != LONG
    assert not is_reworded(text(LONG), text(mended))


def test_a_section_added_to_long_terms_is_another_text() -> None:
    added = "\n\n## 99. Arbitration\n\n" + " ".join(["You waive class actions."] * 200)
    assert is_reworded(text(LONG), text(LONG + added))


def test_common_words_of_long_terms_do_not_count_as_changed() -> None:
    """difflib's "junk" heuristic would count most of a long text's common words as
    changed; one paragraph changed in 27 KB stays a mended text."""
    paragraphs = LONG.split("\n\n")
    paragraphs[40] = "We now keep nothing at all."
    assert not is_reworded(text(LONG), text("\n\n".join(paragraphs)))
