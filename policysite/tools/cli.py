"""The command line: `python -m policysite lint | pr-summary | import | check-permanence |
verify`.

Every command reports a problem the user can fix as `error: …` on stderr and
exits 1 (2 for a wrong argument), never with a traceback: `main` catches the
root of policysite's errors, once.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import TextIO

from policysite.addresses import MANIFEST
from policysite.config import build_day
from policysite.errors import NotARepository, PolicysiteError, UsageError
from policysite.history.policy_file import parse_date, parse_policy_path
from policysite.history.reading import load_history, site_names
from policysite.history.repository import Repository
from policysite.history.texts import History
from policysite.mkdocs.project import load_project
from policysite.render.strings import require_catalogs
from policysite.signatures import SIGNERS_FILE
from policysite.tools.importing import import_policy
from policysite.tools.lint import lint
from policysite.tools.permanence import chain_problems, check_permanence, load_manifest, read_live
from policysite.tools.pr_summary import summary_and_problems
from policysite.tools.verify import verify_address

#: A policy file larger than this is not a policy (the largest real ones are ~150 KB).
MAX_IMPORT_BYTES = 20_000_000


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m policysite")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser(
        "check-permanence",
        help="fail if the new build drops a published address or changes a published text",
    )
    check.add_argument(
        "--previous", required=True, help="manifest.json of the last deploy: a file or a URL"
    )
    check.add_argument(
        "--root", default=".", help="the site's git repository, to tell why a promise broke"
    )
    check.add_argument(
        "--current",
        default=str(Path("site") / MANIFEST),
        help=f"manifest.json of the new build (default: site/{MANIFEST})",
    )
    check.add_argument(
        "--signers",
        help=f"the keys allowed to sign (default: {SIGNERS_FILE} in --root, if it is there)",
    )
    check.add_argument(
        "--start-signing",
        action="store_true",
        help="accept an unsigned live manifest though the repository lists signers: once, "
        "for the first signed deploy",
    )
    checker = commands.add_parser(
        "verify",
        help="prove a version's text is the one its site published, without trusting the server",
    )
    checker.add_argument(
        "address", help="the address of a version, or of its policy.md (https://…/<policy>/<id>/)"
    )
    checker.add_argument(
        "--offline",
        metavar="DIR",
        help="read the site from a saved copy of it instead (the address may then be a path)",
    )
    checker.add_argument(
        "--signers",
        help=f"the keys allowed to sign, e.g. the site repository's {SIGNERS_FILE} "
        "(default: the list the site itself publishes)",
    )
    checker.add_argument(
        "--text",
        metavar="FILE",
        help="a saved copy of the version's exact text (policy.md) to check instead of the one served",
    )
    lint_command = commands.add_parser(
        "lint", help="check every policy file and the history; exit 1 on any problem"
    )
    lint_command.add_argument("--root", default=".", help="folder of the site's mkdocs.yml")
    importer = commands.add_parser(
        "import", help="turn a policy given as text, Markdown or HTML into a policy file"
    )
    importer.add_argument("file", help="the policy as plain text, Markdown or an HTML page")
    importer.add_argument("--policy", required=True, help="policy id, e.g. getx/privacy")
    importer.add_argument("--lang", required=True, help="language of the text, e.g. kk")
    importer.add_argument(
        "--effective",
        help="effective date, YYYY-MM-DD (default: the date in the text's front matter)",
    )
    importer.add_argument("--title", help="title, if the text does not name one")
    importer.add_argument("--root", default=".", help="folder of the site's mkdocs.yml")
    importer.add_argument("--force", action="store_true", help="replace an existing file")
    summary = commands.add_parser(
        "pr-summary", help="Markdown for a pull request: what it does to the policies"
    )
    summary.add_argument("--base", required=True, help="the branch merged into, e.g. origin/main")
    summary.add_argument("--head", default="HEAD", help="the pull request's commit")
    summary.add_argument("--lang", default="en", help="language of the summary: kk, ru or en")
    summary.add_argument("--root", default=".", help="folder of the site's mkdocs.yml")
    summary.add_argument(
        "--check",
        action="store_true",
        help="exit 1 when the summary lists problems (a pull request to refuse), after writing it",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    command = {
        "lint": _lint,
        "import": _import,
        "pr-summary": _pr_summary,
        "check-permanence": _check_permanence,
        "verify": _verify,
    }[args.command]
    try:
        return command(args)
    except UsageError as error:
        _say(f"error: {error}", sys.stderr)
        return 2
    except PolicysiteError as error:
        _say(f"error: {error}", sys.stderr)
        return 1


def _history(root: Path) -> History | None:
    """The policies' history of the site in `root`, to tell why a promise broke (None when
    it cannot be read: the causes are then told from the commits alone)."""
    try:
        project = load_project(root)
        return load_history(root, project.options, project.languages, docs_dir=project.docs_dir)[0]
    except PolicysiteError:
        return None


def _check_permanence(args: argparse.Namespace) -> int:
    current = load_manifest(args.current)
    live = read_live(args.previous, site_url=str(current.get("site_url") or ""))
    previous = live.data
    signers_file = Path(args.signers) if args.signers else Path(args.root) / SIGNERS_FILE
    if args.signers and not signers_file.is_file():
        raise UsageError(f"--signers {args.signers}: no such file")
    signers = signers_file.read_bytes() if signers_file.is_file() else None
    chain, notes = chain_problems(live, current, signers, start=args.start_signing)
    try:
        repo: Repository | None = Repository(Path(args.root))
    except NotARepository:
        repo = None  # the problems are still found, only their causes not told
    try:
        problems = check_permanence(previous, current, repo)
        if problems:  # read the policies' history only to tell why
            problems = check_permanence(previous, current, repo, _history(Path(args.root)))
    finally:
        if repo is not None:
            repo.close()
    problems = chain + problems
    for note in notes:
        _say(f"check-permanence: {note}", sys.stdout, lines=False)
    for problem in problems:
        _say(problem, sys.stderr, lines=False)
    if problems:
        print(f"check-permanence: {len(problems)} published promise(s) broken", file=sys.stderr)
        return 1
    kept = len(previous.get("addresses", {}))
    added = len(set(current.get("addresses", {})) - set(previous.get("addresses", {})))
    print(f"check-permanence: all {kept} published addresses kept, {added} added")
    return 0


def _verify(args: argparse.Namespace) -> int:
    signers, text = (Path(value) if value else None for value in (args.signers, args.text))
    for option, path in (("--signers", signers), ("--text", text)):
        if path is not None and not path.is_file():
            raise UsageError(f"{option} {path}: no such file")
    offline = Path(args.offline) if args.offline else None
    verdict = verify_address(args.address, offline, signers, text)
    for line in verdict.report(args.address):
        _say(line, sys.stdout if verdict.ok else sys.stderr, lines=False)
    return 0 if verdict.ok else 1


#: What a terminal would act on rather than show (cursor moves, colours, text direction).
_CONTROLS = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def _say(text: str, stream: TextIO, lines: bool = True) -> None:
    """Print `text`, which may carry what a published file says (an attacker's words, if
    the host is one), with every control character shown as its code, never acted on;
    its own line breaks kept only when `lines`."""
    parts = text.split("\n") if lines else [text]
    shown = (_CONTROLS.sub(lambda c: c[0].encode("unicode_escape").decode(), p) for p in parts)
    print("\n".join(shown), file=stream)


def _import(args: argparse.Namespace) -> int:
    project = load_project(Path(args.root).resolve())
    relative = f"{args.policy}.{args.lang}.md"
    where = parse_policy_path(
        relative, project.languages.all, site_names(project.languages, project.docs_dir)
    )
    effective = parse_date(args.effective) if args.effective else None
    problems = []
    if isinstance(where, str):
        problems.append(f"--policy {args.policy} --lang {args.lang}: {where}")
    if args.effective and effective is None:
        problems.append(f"--effective {args.effective} is not a date (write YYYY-MM-DD)")
    target = project.options.policies_path(project.root) / relative
    if target.exists() and not args.force:
        problems.append(f"{target} exists; to replace it, add --force (its history stays in git)")
    try:
        data = Path(args.file).read_bytes()
        if len(data) > MAX_IMPORT_BYTES:
            problems.append(
                f"{args.file}: {len(data) // 1_000_000} MB is far more than one policy; "
                "import the policy's own text"
            )
            data = b""
        if b"\0" in data:
            problems.append(
                f"{args.file}: is a binary file; give the policy as text, Markdown or HTML"
            )
            data = b""
        source = data.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        problems.append(f"{args.file}: cannot read it as UTF-8 text ({error})")
        source = ""
    if problems:
        raise UsageError("\n".join(problems))
    imported = import_policy(source, effective, args.title, args.file)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(imported.text, encoding="utf-8")
    headings = [s.heading for s in imported.sections if not s.is_preamble]
    print(f"import: {args.file} read as {imported.format}; wrote {target}")
    if imported.front_used or imported.front_dropped:
        used = ", ".join(imported.front_used) or "nothing"
        print(
            f"its front matter: took {used}"
            + (f"; left out {', '.join(imported.front_dropped)}" if imported.front_dropped else "")
        )
    if imported.remote_images:
        print(
            f"{imported.remote_images} image(s) from other hosts left out (a described one "
            "became a link): a page of the site loads nothing from another host"
        )
    print(f"recognised {len(headings)} sections:")
    for heading in headings:
        print(f"  {heading}")
    print("Read it through, then commit it: each commit of it is a version of the policy.")
    return 0


def _pr_summary(args: argparse.Namespace) -> int:
    project = load_project(Path(args.root).resolve())
    require_catalogs((args.lang,), "--lang")
    now = build_day(project.options.zone)
    text, problems = summary_and_problems(project, args.base, args.head, now, args.lang)
    sys.stdout.write(text)
    if args.check and problems:
        print(
            f"pr-summary: {problems} problem(s) refuse this change (listed above)", file=sys.stderr
        )
        return 1
    return 0


def _lint(args: argparse.Namespace) -> int:
    report = lint(load_project(Path(args.root).resolve()))
    for problem in report.problems:
        print(problem)
    print(report.summary(), file=sys.stderr if report.problems else sys.stdout)
    return 1 if report.problems else 0
