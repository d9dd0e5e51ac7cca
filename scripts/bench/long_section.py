"""A section of 100 000 words compared with itself rewritten, and with one paragraph in
forty rewritten: seconds and peak memory, as the source's redline and as the rendered one
readers see. Each is measured in a fresh process, `python -m bench.long_section WORDS
EDIT SHOWN`, whose peak is its own."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

from bench.project import ROOT, fresh_environ, fresh_python
from policysite.compare.redline import redline
from policysite.render.blocks import redline_html
from policysite.render.strings import Strings

EDITS = ("rewritten", "edited")
SHOWN = ("source", "rendered")


def long_sections(words: int = 100_000) -> list[tuple[str, float, int]]:
    """Seconds and peak memory (MB) to compare a section of `words` words with itself
    rewritten, and with one paragraph in forty rewritten (each in a fresh process): the
    source's redline, and the rendered one readers see."""
    rows = []
    for edit in EDITS:
        for shown in SHOWN:
            out = subprocess.run(
                fresh_python("long_section", str(words), edit, shown),
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
                env=fresh_environ(os.environ),
            ).stdout.split()
            rows.append((f"{edit}, {shown}", round(float(out[0]), 2), round(float(out[1]))))
    return rows


def compare(words: int, edit: str, shown: str) -> tuple[float, float]:
    """In this process: seconds to compare the section, and this process's peak MB."""
    rng = random.Random(7)
    vocab = ["деректер", "пайдаланушы", "сайт", "құқық", "мәлімет", "өңдеу", "келісім", "data"]

    def paragraph() -> str:
        return " ".join(rng.choice(vocab) for _ in range(50))

    old = [paragraph() for _ in range(words // 50)]
    new = (
        [paragraph() for _ in old]
        if edit == "rewritten"
        else [paragraph() if i % 40 == 0 else p for i, p in enumerate(old)]
    )
    start = time.perf_counter()
    if shown == "source":
        redline("\n\n".join(old), "\n\n".join(new))
    else:
        redline_html("\n\n".join(old), "\n\n".join(new), Strings("kk"))
    seconds = time.perf_counter() - start
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the (large) parent process
    # across fork and exec; VmHWM is this process's own peak.
    status = Path("/proc/self/status").read_text(encoding="utf-8").splitlines()
    hwm = next(line for line in status if line.startswith("VmHWM:"))
    return seconds, int(hwm.split()[1]) / 1024


def main(args: list[str]) -> int:
    words, edit, shown = args
    if edit not in EDITS or shown not in SHOWN:
        raise SystemExit(f"usage: python -m bench.long_section WORDS {'|'.join(EDITS)} "
                         f"{'|'.join(SHOWN)}")  # fmt: skip
    seconds, peak = compare(int(words), edit, shown)
    print(seconds, peak)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
