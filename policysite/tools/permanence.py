"""`python -m policysite check-permanence`: a new build keeps every promise the live site made.

Before deploying, the new build's `/manifest.json` (`render/manifest.py`) is
compared with the live site's, with deepdiff: it fails if an address disappeared
or a version already in force shows another text without a recorded correction,
which is what a force-pushed, rewritten history would do. It also checks the live
manifest's evidence (`chain_problems`): its signature by the repository's signers, and
its link to the manifest published before it.
"""

from __future__ import annotations

from typing import Any

from deepdiff import DeepDiff

from policysite.history.repository import Commit, Repository
from policysite.history.texts import History
from policysite.pipeline.live_manifest import (
    LiveManifest,
    load_manifest,
    manifest_before,
    read_live,
    signed_by,
)
from policysite.signatures import SIGNATURE_SUFFIX, SIGNERS_FILE, SignatureError

__all__ = ["chain_problems", "check_permanence", "load_manifest", "read_live"]


def chain_problems(
    live: LiveManifest, current: dict[str, Any], signers: bytes | None, start: bool = False
) -> tuple[list[str], list[str]]:
    """What refuses a deploy after `live` (problems), and what it should say (notes): the
    live manifest's signature must verify with the repository's `signers`, its own link
    to the manifest before it (`manifest.previous.json` beside it) must hold, and the new
    manifest must record the live one's sha256. Where the repository lists signers, an
    unsigned live manifest is refused (a host could serve a forged one), and so is one
    signed by a key the list no longer holds, unless `start` says this deploy starts the
    chain of signed manifests (the first signed deploy, or the first after a key was
    removed)."""
    problems: list[str] = []
    notes: list[str] = []
    where = live.source
    version = current.get("version", 0)
    if version >= 5 and current.get("previous") != live.sha256:
        built_after = current.get("previous")
        problems.append(
            f"{where}: the new build was made "
            + (f"after the manifest {built_after}" if built_after else "without the live manifest")
            + f", but the live one is {live.sha256}: its chain of publications would break. "
            "Build with POLICYSITE_PREVIOUS_MANIFEST set to the live manifest"
        )
    if signers is not None and version >= 5 and not current.get("signed"):
        problems.append(
            f"the new build is not signed, but the repository lists the keys that sign its "
            f"manifests ({SIGNERS_FILE}): give the build the key (the Actions secret "
            "POLICYSITE_SIGNING_KEY), or remove that file to publish unsigned manifests"
        )
    refused = _signature_problem(live, signers)
    if refused and start and signers is not None:
        notes.append(
            f"{where} is accepted without a signature this repository's keys verify "
            "(--start-signing): the chain of signed manifests starts with this deploy"
        )
    elif refused:
        problems.append(refused)
    before, broken = manifest_before(live)
    if broken:
        problems.append(broken)
    elif before is not None and signers is not None and _signature_problem(before, signers):
        problems.append(f"{before.source}: {_signature_problem(before, signers)}")
    return problems, notes


def _signature_problem(manifest: LiveManifest, signers: bytes | None) -> str | None:
    """Why `manifest`'s signature does not show that this repository's deploys published
    it (None: it does, or neither the manifest nor the repository signs)."""
    where = manifest.source
    if manifest.signature is None and not manifest.data.get("signed"):
        if signers is None:
            return None
        return (
            f"{where} is not signed, but the repository lists the keys that sign its "
            f"manifests ({SIGNERS_FILE}): whoever controls the host could serve a forged one. "
            "If this is the first deploy since signing was set up, run the deploy with "
            "start-signing (check-permanence --start-signing), once"
        )
    if manifest.signature is None:
        return (
            f"{where} says it is signed, but no signature is beside it "
            f"({where}{SIGNATURE_SUFFIX}): it was removed or never published. Find out who "
            "changed the live site before deploying"
        )
    if signers is None:
        return (
            f"{where} is signed, but the repository lists no key allowed to sign "
            f"({SIGNERS_FILE} is missing): restore it, the live site's signature cannot be "
            "checked without it"
        )
    try:
        signed_by(manifest, signers)
    except SignatureError as error:
        return (
            f"{where}: its signature does not verify with {SIGNERS_FILE}: {error}. Either "
            "the host serves what this repository's deploys did not publish (find out who "
            "changed it before deploying), or the key that signed it was removed from the "
            "list (retire a key with valid-before instead; after removing a stolen one, "
            "run the deploy with start-signing, once)"
        )
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
