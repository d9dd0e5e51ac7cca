"""Benchmark (`make bench`): the pipeline at scale against MkDocs' own rendering.

Creates a synthetic repository with `git fast-import` (`corpus.py`) — P policies x L
languages x V versions of ~15 KB Cyrillic text in ~12 sections, each version rewording,
inserting (renumbering the rest), removing, renaming or moving a section — and measures,
on this machine, in one run:

  a. a cold full build (`mkdocs build --strict --dirty`, as `make site` runs it, into
     an empty folder with empty caches: every page is made and rendered; `builds.py`);
  b. a rebuild after one new version of one policy is committed (the same command:
     only that policy is made again, only the pages whose source changed rendered);
  c. the baseline: plain `mkdocs build`, same theme, languages and plugins, over the
     same pages already written as Markdown (what MkDocs costs whatever we do);
  d. the pipeline's own time inside a and b (history, sections, lineage, changes,
     page generation, staging), as the hook reports it;
  e. `make serve` (`mkdocs serve --strict --dirty`): five saves of a policy in a row,
     each from the save to the draft page served with it, with the server's memory
     and the pages each save rendered; also on the sample site itself (`serve.py`).

Also: the median time to compare two ~15 KB versions of the sample policy, and where the
pipeline's time goes (`pipeline.py`); the time and peak memory to compare a section of
100 000 words rewritten (target: 5 s, 300 MB), as the source and as the redline readers
see (`long_section.py`); and the time chromium (`CHROMIUM`, default /usr/bin/chromium)
takes to compare and render the two most distant versions of a 300 KB English terms of
service on the compare page (target: 200 ms; `compare_page.py`). Prints a table
(`report.py`); `--json PATH` writes it. Not a test: nothing here asserts a time.

Run it from the repository as `make bench`, or `PYTHONPATH=scripts .venv/bin/python -m
bench --help`. What runs in a fresh process (a build whose peak memory is measured, a
long section, the browser) is a module of this package run with `python -m`.
"""
