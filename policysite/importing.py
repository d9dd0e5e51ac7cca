"""Flat policy text -> Markdown with real headings, for importing a policy.

Policies are often copied from a website as flat text in which each numbered
heading runs into the first sentence of its section (seed 000:
`3. Жиналатын деректер Сайтты пайдалану кезінде ...`). A line that starts with
the next section number is a heading; its title is the words up to the first
capitalised word after the first one, which starts the section's text. The
result is meant to be read once by an editor before it is committed.
"""

from __future__ import annotations

import re

_NUMBERED = re.compile(r"^(?P<number>\d+)\.\s+(?P<rest>\S.*)$")


def flat_text_to_markdown(text: str, level: int = 2) -> str:
    """Turn numbered lines (`1.`, `2.`, … in sequence) into headings of `level`."""
    out: list[str] = []
    expected = 1
    for line in text.replace("\r\n", "\n").split("\n"):
        match = _NUMBERED.match(line.strip())
        if match is None or int(match["number"]) != expected:
            if line.startswith("- ") and out and out[-1] and not out[-1].startswith("- "):
                out.append("")  # a list needs a blank line after the paragraph it follows
            out.append(line.rstrip())
            continue
        expected += 1
        title, body = _split_title(match["rest"])
        out.extend(["", f"{'#' * level} {match['number']}. {title}", ""])
        if body:
            out.append(body)
    return "\n".join(out).strip("\n") + "\n"


def _split_title(rest: str) -> tuple[str, str]:
    """`Жиналатын деректер Сайтты пайдалану` -> (`Жиналатын деректер`, `Сайтты пайдалану`)."""
    words = rest.split(" ")
    for index, word in enumerate(words[1:], start=1):
        if word[:1].isupper():
            return " ".join(words[:index]), " ".join(words[index:])
    return rest, ""
