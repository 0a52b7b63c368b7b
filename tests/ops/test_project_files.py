"""What a team checks before adopting the starter: a license, one version that the changelog
and the release workflow agree on (and a tag for it, pushed by that workflow), Dependabot
for every file that holds pins, and a pre-commit configuration at the same ruff as
`make lint`."""

import json
import re
import subprocess
import sys
import tomllib

import pytest
import yaml

from ops.release_notes import ReleaseError, changelog_section, project_version, release_notes
from tests.conftest import REPO_ROOT

CHANGELOG = (REPO_ROOT / "CHANGELOG.md").read_text()
DEPENDABOT = yaml.safe_load((REPO_ROOT / ".github" / "dependabot.yml").read_text())


def tracked_files() -> list[str]:
    return subprocess.run(
        ["git", "ls-files"], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    ).stdout.split()


def pin_files() -> set[tuple[str, str]]:
    """(ecosystem, folder) of every tracked file that holds pins."""
    found = set()
    for path in tracked_files():
        name, folder = path.rsplit("/", 1)[-1], "/" + path.rsplit("/", 1)[0] if "/" in path else "/"
        if re.fullmatch(r"requirements[\w.-]*\.txt", name):
            found.add(("pip", folder))
        elif name == "package.json":
            found.add(("npm", folder))
        elif path.startswith(".github/workflows/"):
            found.add(("github-actions", "/"))
    return found


def test_dependabot_watches_every_file_that_holds_pins_weekly_and_grouped():
    entries = {(u["package-ecosystem"], u["directory"]): u for u in DEPENDABOT["updates"]}
    missing = pin_files() - set(entries)
    assert missing == set(), f"add these to .github/dependabot.yml: {sorted(missing)}"
    assert {"pip", "npm", "github-actions"} <= {ecosystem for ecosystem, _ in entries}
    for key, update in entries.items():
        assert update["schedule"]["interval"] == "weekly", key
        assert [g["patterns"] for g in update["groups"].values()] == [["*"]], "one PR a week"


def test_every_dependabot_entry_waits_a_week_before_proposing_a_release():
    """A compromised release is usually pulled within days; Dependabot then never offers it."""
    for update in DEPENDABOT["updates"]:
        key = (update["package-ecosystem"], update["directory"])
        assert update.get("cooldown", {}).get("default-days", 0) >= 7, key


def test_the_coverage_check_sees_a_new_requirements_file(tmp_path, monkeypatch):
    monkeypatch.setattr(
        sys.modules[__name__],
        "tracked_files",
        lambda: ["requirements.txt", "bench/requirements-bench.txt"],
    )
    assert ("pip", "/bench") in pin_files()


def test_the_version_lives_in_pyproject_and_the_changelog_has_it():
    version = project_version()
    assert re.fullmatch(r"\d+\.\d+\.\d+", version)
    assert "## [Unreleased]" in CHANGELOG
    assert changelog_section(CHANGELOG, version)
    assert f"[{version}]: " in CHANGELOG, "a compare link for the version"


def test_release_notes_are_the_tags_changelog_section():
    version = project_version()
    notes = release_notes(f"v{version}", changelog=CHANGELOG, version=version)
    assert notes == changelog_section(CHANGELOG, version)
    assert "## [" not in notes, "only that version's section"
    assert not re.search(r"^\[[^\]]+\]: ", notes, re.MULTILINE), "no link references"


@pytest.mark.parametrize(
    ("tag", "changelog", "message"),
    [
        ("v9.9.9", CHANGELOG, "pyproject.toml says version"),
        ("0.3.0", CHANGELOG, "not a v-prefixed semantic version"),
        ("v1.0.0", "## [Unreleased]\n", "has no '## [1.0.0]"),
        ("v1.0.0", "## [1.0.0] - 2026-12-01\n\n## [0.9.0] - 2026-11-01\n- x\n", "is empty"),
    ],
)
def test_a_release_that_disagrees_is_refused(tag, changelog, message):
    version = "9.9.8" if tag == "v9.9.9" else tag.lstrip("v")
    with pytest.raises(ReleaseError, match=re.escape(message)):
        release_notes(tag, changelog=changelog, version=version)


def test_the_release_workflow_tags_a_new_version_and_publishes_the_checked_notes():
    """No tag existed, so the changelog's compare links led nowhere: the workflow pushes them."""
    workflow = yaml.safe_load((REPO_ROOT / ".github" / "workflows" / "release.yml").read_text())
    assert workflow[True]["push"] == {"branches": ["main"], "paths": ["pyproject.toml"]}
    assert set(workflow[True]["workflow_dispatch"]["inputs"]) == {"version", "commit"}
    job = workflow["jobs"]["release"]
    runs = "\n".join(step.get("run", "") for step in job["steps"])
    assert "python3 -m ops.release_notes" in runs
    assert 'gh release create "$TAG" --target "$TARGET"' in runs, "creates the tag on that commit"
    assert "--verify-tag" not in runs
    assert job["permissions"] == {"contents": "write"}


def test_the_release_workflow_publishes_the_widget_package_with_provenance_behind_its_token():
    workflow = yaml.safe_load((REPO_ROOT / ".github" / "workflows" / "release.yml").read_text())
    job = workflow["jobs"]["publish-widget"]
    assert job["needs"] == "release"
    assert "needs.release.outputs.tag != ''" in job["if"]
    assert job["environment"] == "npm"
    assert job["permissions"] == {"contents": "read", "id-token": "write"}
    [publish] = [step for step in job["steps"] if "npm publish" in step.get("run", "")]
    assert "--provenance" in publish["run"]
    assert publish["working-directory"] == "web"
    holding_the_token = [step for step in job["steps"] if "NPM_TOKEN" in str(step)]
    assert holding_the_token == [publish], "the token only where it is used"
    assert all(
        "@" not in step["uses"] or len(step["uses"].split("@")[1]) == 40
        for step in job["steps"]
        if "uses" in step
    ), "actions pinned by SHA"


def test_the_widget_package_carries_the_projects_version():
    """publish-widget publishes web/ at the release's version and fails on any other."""
    package = json.loads((REPO_ROOT / "web" / "package.json").read_text())
    assert package["version"] == project_version()


def test_pre_commit_runs_make_lints_ruff_at_the_same_version():
    config = yaml.safe_load((REPO_ROOT / ".pre-commit-config.yaml").read_text())
    (ruff,) = [repo for repo in config["repos"] if repo["repo"].endswith("/ruff-pre-commit")]
    pinned = re.search(
        r"^ruff==(\S+)$", (REPO_ROOT / "requirements-dev.txt").read_text(), re.MULTILINE
    )
    assert pinned
    assert ruff["rev"] == f"v{pinned.group(1)}"
    hooks = {hook["id"]: hook.get("args", []) for hook in ruff["hooks"]}
    assert hooks == {"ruff-check": [], "ruff-format": ["--check"]}


def test_the_license_is_mit_0_and_the_package_says_so():
    assert (REPO_ROOT / "LICENSE").read_text().startswith("MIT No Attribution\n\nCopyright 2026 ")
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]
    assert project["license"] == "MIT-0"


def test_the_commits_named_for_untagged_versions_are_this_history_and_each_changelog_version():
    """docs/operations.md names the commit to tag for each version released before the
    workflow tagged anything; a wrong SHA would tag (and publish) the wrong code."""
    git = ["git", "-C", str(REPO_ROOT)]
    shallow = subprocess.run([*git, "rev-parse", "--is-shallow-repository"], capture_output=True)
    if shallow.stdout.strip() != b"false":
        pytest.skip("a shallow clone holds no earlier commits")
    operations = (REPO_ROOT / "docs" / "operations.md").read_text()
    named = dict(re.findall(r"\| (\d+\.\d+\.\d+) \| `([0-9a-f]{40})`", operations))
    released = re.findall(r"^## \[(\d+\.\d+\.\d+)\]", CHANGELOG, flags=re.M)
    assert named
    assert set(named) <= set(released)
    for version, commit in named.items():
        ancestor = subprocess.run([*git, "merge-base", "--is-ancestor", commit, "HEAD"])
        assert ancestor.returncode == 0, f"{version}: {commit} is not in main's history"
