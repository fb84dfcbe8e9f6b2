"""Set-up: the README's two commands, CI and publishing run the same things."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import yaml
from conftest import ROOT

SCRIPT = ROOT / "scripts" / "system-packages"


def readme_commands() -> dict[str, str]:
    """The commands of the README's "Two commands" block, by make target."""
    block = re.search(r"## Two commands\s+```sh\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
    return {line.split()[1]: line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()}


def test_the_readme_names_two_commands_one_to_serve_one_to_test():
    assert readme_commands() == {"serve": "make serve", "test": "make test"}


def test_ci_runs_exactly_the_readme_test_command():
    lines = [line.strip() for line in (ROOT / ".ci/run").read_text(encoding="utf-8").splitlines()]
    commands = [line for line in lines if line and not line.startswith("#")]
    assert readme_commands()["test"] in commands
    assert not [line for line in commands if "pytest" in line], "CI must not run tests another way"


def test_publishing_runs_the_readme_test_command_before_it_builds():
    jobs = yaml.safe_load((ROOT / ".github/workflows/pages.yml").read_text(encoding="utf-8"))["jobs"]
    test_steps = [step.get("run", "") for step in jobs["test"]["steps"]]
    assert readme_commands()["test"] in test_steps
    assert jobs["build"]["needs"] == "test"
    assert jobs["deploy"]["needs"] == "build"


def without_root(tmp_path: Path) -> dict[str, str]:
    """An environment where `id -u` answers 1000 and there is no sudo."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "id").write_text("#!/bin/sh\necho 1000\n", encoding="utf-8")
    (bin_dir / "sudo").write_text("#!/bin/sh\nexit 1\n", encoding="utf-8")
    for tool in ("id", "sudo"):
        (bin_dir / tool).chmod(0o755)
    return {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"}


def test_without_root_a_missing_package_stops_with_the_one_command_to_run(tmp_path):
    env = {**without_root(tmp_path), "CHROMIUM": str(tmp_path / "no-chromium")}
    result = subprocess.run([str(SCRIPT), "test"], env=env, capture_output=True, text=True)
    assert result.returncode == 1
    assert "Missing system packages: chromium" in result.stderr
    assert "apt-get install -y --no-install-recommends chromium" in result.stderr


def test_with_everything_present_the_check_installs_nothing(tmp_path):
    result = subprocess.run([str(SCRIPT), "test"], env=without_root(tmp_path), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and result.stderr == ""


def test_an_older_python_is_named_with_the_way_out(tmp_path):
    fake = tmp_path / "python3.9"
    fake.write_text("#!/bin/sh\n[ \"$1\" = --version ] && echo 'Python 3.9.2' && exit 0\nexit 1\n", encoding="utf-8")
    fake.chmod(0o755)
    result = subprocess.run([str(SCRIPT), "site"], env={**os.environ, "PYTHON": str(fake)},
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "needs Python 3.11 (found: Python 3.9.2)" in result.stderr
    assert "make PYTHON=" in result.stderr
