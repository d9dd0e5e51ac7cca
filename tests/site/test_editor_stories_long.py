"""Editors' moves in random order on a real repository, the site built after each step
(`support/stories.py`): the long run, up to 300 steps (10 stories of up to 30), slow by
its folder."""

from __future__ import annotations

from support.stories import play_stories


def test_editor_stories_long_run() -> None:
    played = play_stories(stories=10, steps=30)
    assert played >= 200, f"only {played} steps were played"
