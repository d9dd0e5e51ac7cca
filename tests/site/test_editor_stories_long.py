"""Editors' moves in random order on a real repository, the site built after each step
(`support/stories.py`): the long run, up to 300 steps (10 stories of up to 30), slow by
its folder."""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test
from support.stories import EditorStories


def test_editor_stories_long_run() -> None:
    # Its own settings: the state machine's TestCase class is one class, which another
    # module's settings would overwrite.
    run_state_machine_as_test(
        EditorStories,
        settings=settings(
            max_examples=10,
            stateful_step_count=30,
            # The same stories in every run, so that CI judges the change and not the
            # draw. Without it, each run draws new stories: how new defects are found.
            derandomize=True,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
