"""Editors' moves in random order on a real repository, the site built after each step
(`support/stories.py`): a short run, for every `make test-fast`. The long run is
tests/site/test_editor_stories_long.py."""

from __future__ import annotations

from support.stories import play_stories


def test_editor_stories_short_run() -> None:
    played = play_stories(stories=6, steps=15)
    assert played >= 20, f"only {played} steps were played"
