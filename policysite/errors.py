"""Problems found in policy sources, reported all at once."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input: where, what, and how to fix it."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


class PolicyError(Exception):
    """The policy sources cannot be published as they are.

    Carries every problem found, so an editor fixes them in one round.
    """

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(self._text())

    def _text(self) -> str:
        count = len(self.problems)
        head = "1 problem" if count == 1 else f"{count} problems"
        return f"{head} in the policies:\n" + "\n".join(f"  {p}" for p in self.problems)
