"""Run a command and say its exit code, seconds and peak memory, then its output:
`python -m bench.peak_rss COMMAND...` (`builds.timed_build` runs MkDocs so).

A process of its own, small, so that the peak is the command's: Linux carries a process's
peak resident memory over fork and exec, and the benchmark's own process grows large
(it profiles the pipeline in itself). The peak is of the command and every process it
waited for (the pipeline's workers), in KB.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time


def main(command: list[str]) -> int:
    """Print `<exit code> <seconds> <peak RSS KB>` on one line, then the command's output."""
    # The command runs with this process's environment but for the path bench put there.
    environ = {name: value for name, value in os.environ.items() if name != "PYTHONPATH"}
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=environ, check=False)
    seconds = time.perf_counter() - started
    print(done.returncode, seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    print(done.stdout + done.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
