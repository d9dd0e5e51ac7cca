"""`python -m policysite check-permanence`: a new build keeps every promise the live site made.

Before deploying, the new build's `/manifest.json` (`render/manifest.py`) is
compared with the live site's, with deepdiff: it fails if an address disappeared
or a version already in force shows another text without a recorded correction,
which is what a force-pushed, rewritten history would do.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from deepdiff import DeepDiff

from policysite.addresses import PREVIOUS_MANIFEST_FILE
from policysite.history.repository import Commit, Repository
from policysite.history.texts import History
from policysite.pipeline.live_manifest import (
    LiveManifest,
    beside,
    load_manifest,
    read_live,
    read_published,
)
from policysite.signatures import SIGNERS_FILE, SignatureError, verify

__all__ = ["chain_problems", "check_permanence", "load_manifest", "read_live"]


def chain_problems(
    live: LiveManifest, current: dict[str, Any], signers: bytes | None, start: bool = False
) -> tuple[list[str], list[str]]:
    """What refuses a deploy after `live` (problems), and what it should say (notes): the
    live manifest's signature must verify with the repository's `signers`, its own link
    to the manifest before it (`manifest.previous.json` beside it) must hold, and the new
    manifest must record the live one's sha256. Where the repository lists signers, an
    unsigned live manifest is refused (a host could serve a forged one) unless `start`
    says this deploy starts the chain of signed manifests."""
    problems: list[str] = []
    notes: list[str] = []
    where = live.source
    if current.get("version", 0) >= 5 and current.get("previous") != live.sha256:
        built_after = current.get("previous")
        problems.append(
            f"{where}: the new build was made "
            + (
                f"after the manifest {built_after[:12]}…"
                if built_after
                else "without the live manifest"
            )
            + f", but the live one is {live.sha256[:12]}…: its chain of publications would "
            "break. Build with POLICYSITE_PREVIOUS_MANIFEST set to the live manifest"
        )
    if signers is not None and current.get("version", 0) >= 5 and not current.get("signed"):
        problems.append(
            f"the new build is not signed, but the repository lists the keys that sign its "
            f"manifests ({SIGNERS_FILE}): give the build the key (the Actions secret "
            "POLICYSITE_SIGNING_KEY), or remove that file to publish unsigned manifests"
        )
    if live.signature is not None:
        if signers is None:
            problems.append(
                f"{where} is signed, but the repository lists no key allowed to sign "
                f"({SIGNERS_FILE} is missing): restore it, the live site's signature cannot "
                "be checked without it"
            )
        else:
            try:
                verify(live.raw, live.signature, signers, _day(live.data.get("built_for")))
            except SignatureError as error:
                problems.append(
                    f"{where}: the live manifest's signature does not verify with "
                    f"{SIGNERS_FILE}: {error}. What the site serves was not published by "
                    "this repository's deploys: find out who changed it before deploying"
                )
    elif live.data.get("signed"):
        problems.append(
            f"{where} says it is signed, but no signature is beside it "
            f"({beside(where, 'manifest.json.sig')}): it was removed or never published. "
            "Find out who changed the live site before deploying"
        )
    elif signers is not None and start:
        notes.append(
            f"{where} is not signed: the chain of signed manifests starts with this deploy"
        )
    elif signers is not None:
        problems.append(
            f"{where} is not signed, but the repository lists the keys that sign its "
            f"manifests ({SIGNERS_FILE}): whoever controls the host could serve a forged "
            "one. If this is the first deploy since signing was set up, run the deploy "
            "with start-signing (check-permanence --start-signing), once"
        )
    before = live.data.get("previous")
    if before:
        found = read_published(beside(where, PREVIOUS_MANIFEST_FILE))
        if found is None:
            problems.append(
                f"{where} was built after the manifest {before[:12]}…, which is not beside it "
                f"({PREVIOUS_MANIFEST_FILE}): give the live site's address, or download "
                "that file with it"
            )
        elif hashlib.sha256(found).hexdigest() != before:
            problems.append(
                f"{where}: its chain is broken: it was built after the manifest "
                f"{before[:12]}…, but the manifest published before it ({PREVIOUS_MANIFEST_FILE}) "
                f"is {hashlib.sha256(found).hexdigest()[:12]}…"
            )
    return problems, notes


def _day(value: object) -> date | None:
    """The day a manifest says it was built for, to check its signature as of then."""
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def check_permanence(
    previous: dict[str, Any],
    current: dict[str, Any],
    repo: Repository | None = None,
    history: History | None = None,
) -> list[str]:
    """Every way `current` breaks a promise `previous` made; empty when it keeps them all.

    With the site's repository, each broken promise says what happened to the commit the
    text was published from (a "foxtrot" merge, or a rewritten history); with the
    policies' history read from it, what happened to the policy (`_record_cause`)."""
    before: dict[str, dict[str, Any]] = previous.get("addresses", {})
    after: dict[str, dict[str, Any]] = current.get("addresses", {})
    published_by = str(previous.get("built_for", ""))
    problems: list[str] = []
    diff = DeepDiff(before, after, view="tree", threshold_to_diff_deeper=0)
    for level in diff.get("dictionary_item_removed", []):
        path = level.path(output_format="list")
        if len(path) == 1:
            address = str(path[0])
            problems.append(
                f"{address}: the address is gone; a published address must stay"
                + (_record_cause(before[address], history) or _cause(before[address], repo))
            )
    for level in diff.get("values_changed", []):
        address, key = (str(part) for part in level.path(output_format="list")[:2])
        if key != "sha256":
            continue
        old, new = before[address], after[address]
        if str(old.get("effective", "")) > published_by:
            continue  # not yet in force when last published: it may still change
        old_lang, new_lang = old.get("text_lang"), new.get("text_lang")
        if new_lang != old_lang and address.startswith(f"/{new_lang}/"):
            continue  # the translation of this version arrived in place of the original
        if int(new.get("corrections", 0)) > int(old.get("corrections", 0)):
            continue  # changed with a recorded correction, shown on the page
        if new_lang != old_lang:
            problems.append(
                f"{address}: version {old.get('version')} of {old.get('policy')} was "
                f"published here in {old_lang}, and now shows the {new_lang} text instead: a "
                f"published translation stays. Restore the {old_lang} file" + _cause(old, repo)
            )
            continue
        problems.append(
            f"{address}: version {old.get('version')} of {old.get('policy')}, in force since "
            f"{old.get('effective')}, now shows another text (sha256 {str(old['sha256'])[:12]}… "
            f"-> {str(new['sha256'])[:12]}…) with no correction recorded"
            + (
                _cause(old, repo)
                or ". Was the history rewritten (force-push, rebase)? Restore it, or publish "
                "the change as a new version"
            )
        )
    if problems and repo is not None and not any(_FOXTROT in problem for problem in problems):
        # A page with no text of its own (a policy's page, what a version changed) says
        # nothing of its commit: the merge that hid what was published is found once.
        published = sorted({str(e["commit"]) for e in before.values() if e.get("commit")})
        for commit in published:
            if repo.has_commit(commit) and (merge := repo.merge_that_brought(commit)):
                problems.append(
                    f"What was published came from commits such as {commit[:7]}, " + _foxtrot(merge)
                )
                break
    return problems


def _record_cause(entry: dict[str, Any], history: History | None) -> str:
    """What the policies' history says of a policy whose address is gone ("" nothing)."""
    policy = entry.get("policy")
    if history is None or not policy or history.languages_of(str(policy)):
        return ""
    renamed = [rename for rename in history.renames if rename.former == policy]
    if renamed:
        last = renamed[-1]
        return (
            f". Policy {policy} was renamed to {last.now} in commit {last.commit.short} "
            f"({last.commit.subject!r}), and its addresses no longer redirect there: another "
            f"policy may not take the id {policy}. Keep the redirects: build with the same "
            "policysite and mkdocs.yml as the live site"
        )
    return (
        f". No file of policy {policy} is in the history of the policies folder any more: was "
        "extra.policysite.policies_dir changed, or were the commits that added the policy "
        "rewritten (force-push, rebase)? Restore them: an id once published belongs to its "
        "policy forever, withdrawn or not"
    )


def _cause(entry: dict[str, Any], repo: Repository | None) -> str:
    """What happened to the commit a published text came from, and the fix ("" unknown)."""
    commit = entry.get("commit")
    if repo is None or not commit:
        return ""
    if not repo.has_commit(commit):
        return (
            f". Its text was published from commit {commit[:7]}, which this clone does not "
            "hold: the history was rewritten (force-push, rebase), or the clone is shallow "
            "(run 'git fetch --unshallow' and check again). Restore the published history, "
            "and publish changes as new commits on top of it"
        )
    if not repo.is_ancestor(commit):
        return (
            f". Its text was published from commit {commit[:7]}, which the history no longer "
            "holds: it was rewritten (force-push, rebase). Restore the published history, and "
            "publish changes as new commits on top of it"
        )
    merge = repo.merge_that_brought(commit)
    if merge is None:
        return ""
    return f". Its text was published from commit {commit[:7]}, " + _foxtrot(merge)


#: How a problem caused by a "foxtrot" merge says so.
_FOXTROT = "(a 'foxtrot' merge, as 'git pull' makes)"


def _foxtrot(merge: Commit) -> str:
    return (
        f"which the branch now reaches only through the second parent of merge {merge.short} "
        f"({merge.subject!r}): the published branch was merged into another one and that merge was pushed in its place "
        f"{_FOXTROT}, so its first-parent history, which the site follows, skips what was "
        f"published. Fix: put it back in front: 'git checkout -B main {merge.short}^2 && git "
        f"merge --no-ff {merge.short}^1', then push with --force-with-lease (the merge was "
        "never published); update a branch with 'git pull --rebase', or merge it through a "
        "pull request"
    )
