"""Relative links between the site's addresses, which every page's links are made of."""

from __future__ import annotations

import posixpath

from hypothesis import given
from hypothesis import strategies as st

from policysite.addresses import relative_path

_SEGMENT = st.sampled_from(["getx", "privacy", "2024-03-01", "changes", "ru", "sections", "a"])


@given(st.lists(_SEGMENT, max_size=5), st.lists(_SEGMENT, max_size=5))
def test_relative_links_are_the_ones_posixpath_gives(target: list[str], start: list[str]) -> None:
    """Every link of every page goes through this; it must agree with the standard library."""
    to, here = "/".join(target), "/".join(start)
    assert relative_path(to, here) == posixpath.relpath(to or ".", here or ".")
