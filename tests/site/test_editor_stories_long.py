"""Editors' moves in random order on a real repository, the site built after each step
(`support/stories.py`): the long run, at least 200 steps (30 stories of up to 40), and a
run on long English terms of service; slow by their folder."""

from __future__ import annotations

from support.stories import LongTermsStories, play_stories


def test_editor_stories_long_run() -> None:
    played = play_stories(stories=30, steps=40)
    assert played >= 200, f"only {played} steps were played"


def test_editor_stories_on_long_terms_of_service() -> None:
    played = play_stories(stories=5, steps=20, machine=LongTermsStories)
    assert played >= 20, f"only {played} steps were played"
