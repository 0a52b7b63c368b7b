"""`python -m ops.release_notes vX.Y.Z`: the notes of a release, from CHANGELOG.md, after
checking that the tag, pyproject.toml's version and the changelog agree. Used by
.github/workflows/release.yml on every `v*` tag; exits 1 saying what disagrees."""

import argparse
import re
import sys
import tomllib
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SEMVER = re.compile(r"^v(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$")


class ReleaseError(Exception):
    pass


def project_version(pyproject: Path = REPO_ROOT / "pyproject.toml") -> str:
    return str(tomllib.loads(pyproject.read_text())["project"]["version"])


def changelog_section(changelog: str, version: str) -> str:
    """The text under `## [version] - date`, up to the next version's heading."""
    heading = re.compile(rf"^## \[{re.escape(version)}\] - \d{{4}}-\d{{2}}-\d{{2}}$", re.MULTILINE)
    match = heading.search(changelog)
    if match is None:
        raise ReleaseError(f"CHANGELOG.md has no '## [{version}] - YYYY-MM-DD' section")
    rest = changelog[match.end() :]
    end = re.search(r"^(## \[|\[[^\]]+\]: )", rest, re.MULTILINE)
    notes = (rest[: end.start()] if end else rest).strip()
    if not notes:
        raise ReleaseError(f"CHANGELOG.md's section for {version} is empty")
    return notes


def release_notes(tag: str, *, changelog: str, version: str) -> str:
    match = SEMVER.match(tag)
    if match is None:
        raise ReleaseError(f"{tag!r} is not a v-prefixed semantic version (vX.Y.Z)")
    if match.group(1) != version:
        raise ReleaseError(f"tag {tag} but pyproject.toml says version {version}")
    return changelog_section(changelog, version)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ops.release_notes", description=__doc__)
    parser.add_argument("tag")
    args = parser.parse_args(argv)
    try:
        notes = release_notes(
            args.tag,
            changelog=(REPO_ROOT / "CHANGELOG.md").read_text(),
            version=project_version(),
        )
    except ReleaseError as error:
        print(f"release: {error}", file=sys.stderr)
        return 1
    print(notes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
