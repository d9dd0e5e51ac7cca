"""Editors' moves in random order on a real repository, the site built after each step
(`support/stories.py`): a short run with a fixed seed, for every `make test-fast`. The long
run is tests/site/test_editor_stories_long.py."""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test
from support.stories import EditorStories


def test_editor_stories_short_run() -> None:
    # Its own settings: the state machine's TestCase class is one class, which another
    # module's settings would overwrite.
    run_state_machine_as_test(
        EditorStories,
        settings=settings(
            max_examples=3,
            stateful_step_count=12,
            derandomize=True,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
