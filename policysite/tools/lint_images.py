"""The lint's checks of images: those a text in the working tree shows, as they are on
disk (inside the policies folder, files, images by their bytes, and for a version in
force the bytes it was published with), and every file named as an image."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from policysite.errors import Problem
from policysite.history.image_files import image_format, is_image_name, what_it_is
from policysite.history.images import bytes_problem, mode_problem
from policysite.history.policy_file import PolicySource, parse_policy_path
from policysite.history.shown_images import Shown, local_images, resolve
from policysite.history.texts import History
from policysite.history.versions import Version
from policysite.mkdocs.project import Project


def check_images(
    source: PolicySource, project: Project, history: History | None, now: date
) -> Iterator[Problem]:
    """The images a text in the working tree shows, as they are on disk: inside the policies
    folder, files, images by their bytes; and, for a version in force, the bytes it was
    published with unless the text gives a new correction."""
    root, policies = project.root, project.options.policies_dir.strip("/")
    version = committed_version(history, source, project)
    for shown in local_images(source):
        try:
            path = resolve(shown, source.path, policies)
        except ValueError as outside:
            yield Problem(source.path, shown.line, str(outside))
            continue
        file = root / path
        mode = None if not file.is_symlink() and not file.is_file() else "100644"
        problem = mode_problem(shown, path, "120000" if file.is_symlink() else mode)
        if problem is None:
            data = file.read_bytes()
            problem = bytes_problem(shown, path, data)
            if problem is None and version is not None:
                problem = _pending_image_edit(version, source, shown, path, data, now)
        if problem is not None:
            yield Problem(source.path, shown.line, problem)


def committed_version(
    history: History | None, source: PolicySource, project: Project
) -> Version | None:
    """The committed version a working-tree text is a state of, if any."""
    relative = source.path.removeprefix(project.options.policies_dir.strip("/") + "/")
    where = parse_policy_path(relative, project.languages.all)
    text = (
        history.text(where.policy, where.lang) if history and not isinstance(where, str) else None
    )
    return text.version(source.front.effective.isoformat()) if text else None


def _pending_image_edit(
    version: Version, source: PolicySource, shown: Shown, path: str, data: bytes, now: date
) -> str | None:
    """An image of a version in force changed on disk, without a new correction reason."""
    if date.fromisoformat(version.translates) > now:
        return None
    published = next((image for image in version.images if image.path == path), None)
    reason = source.front.correction
    if (
        published is None
        or published.data == data
        or (reason and reason != version.source.front.correction)
    ):
        return None
    return (
        f"version {version.translates} has been in force since {version.translates}; this "
        f"changes its image {shown.written!r} ({path}), which published versions never do. "
        "Give the new image a name of its own and show it in a new version with a later "
        "'effective' date, or add 'correction: <why>' if it fixes a mistake in the published "
        "version"
    )


def check_image_files(project: Project) -> Iterator[Problem]:
    """Every file beside the policies named as an image is one, by its bytes, shown or not."""
    policies = project.options.policies_path(project.root)
    for file in sorted(policies.rglob("*")):
        if not is_image_name(file.name) or file.is_symlink() or not file.is_file():
            continue
        data = file.read_bytes()
        if image_format(data) is None:
            path = file.relative_to(project.root).as_posix()
            yield Problem(
                path,
                None,
                f"is named as an image but is {what_it_is(data)}; only images are published "
                "beside a policy: save it as a PNG, JPEG, GIF, WebP or AVIF image, or remove it",
            )
