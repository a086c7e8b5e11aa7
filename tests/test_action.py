"""The README's GitHub workflow, run locally step by step against a sample records repository:
a clean clone, a pull request made of commits, this repository's ``action.yml`` as the
workflow's ``uses: ./.provenance``.  Steps that only exist on GitHub's runners (checking out,
setting up Python, installing provenance, uploading SARIF) are stood in for; every ``run:``
step of the action runs in bash as GitHub runs it, with its ``${{ }}`` expressions filled
from the event.  The annotations, the job summary, the SARIF file and the exit status are
checked.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import RECORDS, ROOT, SEED_ID

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or shutil.which("bash") is None, reason="needs git and bash"
)

EXPRESSION = re.compile(r"\$\{\{\s*(.+?)\s*\}\}")
EN = f"records/{SEED_ID}/en"


def readme_workflow() -> dict[str, Any]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    after = readme.split("needs this `.github/workflows/records.yml`:", 1)[1]
    block = after.split("```yaml\n", 1)[1].split("```", 1)[0]
    data: dict[str, Any] = yaml.safe_load(block)
    return data


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "GITHUB_"))}
    env.update(
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
        HOME=str(home),
        GIT_AUTHOR_NAME="Ann Editor",
        GIT_AUTHOR_EMAIL="ann@example.org",
        GIT_COMMITTER_NAME="Ann Editor",
        GIT_COMMITTER_EMAIL="ann@example.org",
        GIT_CONFIG_NOSYSTEM="1",
        PROVENANCE_CACHE_DIR=str(home / "cache"),
        CI="true",
        GITHUB_ACTIONS="true",
        NO_COLOR="1",
    )
    return env


def git(repo: Path, env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


class Runner:
    """The few parts of GitHub's runner a composite action's ``run:`` steps rely on."""

    def __init__(self, workspace: Path, home: Path, event: dict[str, Any]) -> None:
        self.workspace = workspace
        self.home = home
        self.context: dict[str, str] = {}
        self.github = {"event_name": "pull_request", "token": "", "event": event}
        self.summary = home / "summary.md"
        self.summary.write_text("", encoding="utf-8")
        self.logs: dict[str, subprocess.CompletedProcess[str]] = {}

    def value(self, expression: str, inputs: dict[str, str]) -> str:
        assert re.fullmatch(r"(inputs|github|steps)\.[\w.-]+", expression), expression
        head, _, rest = expression.partition(".")
        if head == "inputs":
            return inputs[rest]
        if head == "steps":
            return self.context.get(expression, "")
        node: Any = self.github
        for part in rest.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        return "" if node is None else str(node)

    def fill(self, text: str, inputs: dict[str, str]) -> str:
        return EXPRESSION.sub(lambda m: self.value(m[1], inputs), text)

    def run_action(self, action_dir: Path, given: dict[str, Any]) -> int:
        action = yaml.safe_load((action_dir / "action.yml").read_text(encoding="utf-8"))
        assert action["runs"]["using"] == "composite"
        inputs = {k: str(v.get("default", "")) for k, v in action["inputs"].items()}
        assert set(given) <= set(inputs), set(given) - set(inputs)
        inputs.update({k: str(v) for k, v in given.items()})
        for step in action["runs"]["steps"]:
            if "uses" in step:
                assert step["uses"] == "actions/setup-python@v5"  # this Python stands in
                continue
            if step.get("id") == "install":
                assert '"$GITHUB_ACTION_PATH"' in step["run"]  # installed here already
                continue
            assert step["shell"] == "bash"
            code = self.run_step(step, inputs, action_dir)
            if code != 0:
                return code
        return 0

    def run_step(self, step: dict[str, Any], inputs: dict[str, str], action_dir: Path) -> int:
        env = _env(self.home)
        output = self.home / "output"
        output.write_text("", encoding="utf-8")
        env.update(
            GITHUB_ACTION_PATH=str(action_dir),
            GITHUB_WORKSPACE=str(self.workspace),
            GITHUB_OUTPUT=str(output),
            GITHUB_STEP_SUMMARY=str(self.summary),
            RUNNER_TEMP=str(self.home),
        )
        for key, value in (step.get("env") or {}).items():
            env[key] = self.fill(str(value), inputs)
        script = self.home / "step.sh"
        script.write_text(step["run"], encoding="utf-8")
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=self.workspace,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        name = step.get("id") or step.get("name", "")
        self.logs[name] = done
        for line in output.read_text(encoding="utf-8").splitlines():
            key, _, value = line.partition("=")
            self.context[f"steps.{step.get('id')}.outputs.{key}"] = value
        return done.returncode


def run_workflow(workspace: Path, home: Path, base: str) -> tuple[int, Runner]:
    """The README workflow's job, on a pull request whose base is ``base``."""
    runner = Runner(workspace, home, {"pull_request": {"base": {"sha": base}, "number": 7}})
    [job] = readme_workflow()["jobs"].values()
    code = 0
    for step in job["steps"]:
        uses = step["uses"]
        if uses == "actions/checkout@v4":
            assert step["with"]["fetch-depth"] == 0  # the clone below has the base
            continue
        if uses.startswith("./"):
            assert uses == "./.provenance"  # the submodule: this repository
            code = runner.run_action(ROOT, step.get("with", {}))
            continue
        assert uses == "github/codeql-action/upload-sarif@v3" and step["if"] == "always()"
        sarif = workspace / step["with"]["sarif_file"]
        assert sarif.is_file(), "the action wrote no SARIF to upload"
    return code, runner


@pytest.fixture(scope="module")
def origin(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A records repository: the seed on main; a pull request branch of two commits."""
    home = tmp_path_factory.mktemp("actions")
    env = _env(home)
    repo = home / "origin"
    shutil.copytree(RECORDS, repo / "records")
    (repo / "records" / ".gitattributes").write_text("**/v*.txt -text\n", encoding="utf-8")
    git(repo, env, "init", "-q", "-b", "main")
    git(repo, env, "add", "-A")
    git(repo, env, "commit", "-q", "-m", "The seed")
    base = git(repo, env, "rev-parse", "HEAD")
    git(repo, env, "checkout", "-q", "-b", "good")
    revised = home / "revised.txt"
    v1 = (repo / EN / "v1.txt").read_bytes()
    revised.write_bytes(v1.replace(b"Andong [Dandong]", b"Andong [Dandong City]", 1))
    subprocess.run(
        [
            *("provenance", "commit", f"{SEED_ID}/en", str(revised)),
            *("--agent", "Ann Editor", "--role", "editor", "--message", "Name the city"),
        ],
        cwd=repo,
        env=env,
        check=True,
        capture_output=True,
    )
    git(repo, env, "add", "-A")
    git(repo, env, "commit", "-q", "-m", "en@2")
    git(repo, env, "checkout", "-q", "-b", "bad")
    text = repo / EN / "v1.txt"
    raw = text.read_bytes().replace(b"Anning", b"Anling", 1)
    text.write_bytes(raw)
    record = repo / EN / "v1.yaml"
    meta = record.read_text(encoding="utf-8")
    old = meta.split("sha256: ", 1)[1].split("\n", 1)[0]
    record.write_text(meta.replace(old, hashlib.sha256(raw).hexdigest()), encoding="utf-8")
    git(repo, env, "commit", "-q", "-am", "A quiet fix")
    return repo, base


def clean_clone(origin: Path, branch: str, home: Path) -> Path:
    env = _env(home)
    work = home / f"work-{branch}"
    git(home, env, "clone", "-q", str(origin), str(work))
    git(work, env, "checkout", "-q", "--detach", f"origin/{branch}")
    return work


def test_pull_request_that_rewrites_history_fails_with_annotations(
    origin: tuple[Path, str], tmp_path: Path
) -> None:
    repo, base = origin
    work = clean_clone(repo, "bad", tmp_path)
    code, runner = run_workflow(work, tmp_path, base)
    assert code == 1
    assert runner.context["steps.published.outputs.ref"] == base
    out = runner.logs["check"].stdout
    text = (repo / EN / "v1.txt").read_text(encoding="utf-8")
    at = text.index("Anling") + len("An")
    line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
    assert (
        f"::error file={EN}/v1.txt,line={line},col={column},title=version-rewritten::"
        "published text changed since " in out
    )
    assert f"::error file={EN}/v1.yaml,line=4,title=version-rewritten::sha256 " in out
    summary = runner.summary.read_text(encoding="utf-8")
    assert summary.startswith(f"## provenance review `{base}..HEAD`")
    assert f"Published text rewritten: `{SEED_ID}/en@1`" in summary
    assert f"New version `{SEED_ID}/en@2`" in summary
    sarif = json.loads((work / "provenance.sarif").read_text(encoding="utf-8"))
    regions = [
        r["locations"][0]["physicalLocation"].get("region", {})
        for r in sarif["runs"][0]["results"]
        if r["ruleId"] == "version-rewritten"
    ]
    assert {"startLine": line, "startColumn": column} in regions


def test_pull_request_of_a_new_version_passes(origin: tuple[Path, str], tmp_path: Path) -> None:
    repo, base = origin
    work = clean_clone(repo, "good", tmp_path)
    code, runner = run_workflow(work, tmp_path, base)
    assert code == 0, runner.logs["check"].stdout + runner.logs["check"].stderr
    assert "::error" not in runner.logs["check"].stdout
    summary = runner.summary.read_text(encoding="utf-8")
    assert f"New version `{SEED_ID}/en@2`" in summary and "check: " in summary
    assert "`[Dandong]` → `[Dandong City]`" in summary


def test_this_repository_checks_its_own_records_with_the_action() -> None:
    workflow = yaml.safe_load(
        (ROOT / ".github" / "workflows" / "records.yml").read_text(encoding="utf-8")
    )
    steps = workflow["jobs"]["check"]["steps"]
    assert [s["uses"] for s in steps] == ["actions/checkout@v4", "./"]
    assert steps[0]["with"]["fetch-depth"] == 0
