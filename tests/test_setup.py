"""Set-up: the README's two commands, CI and publishing run the same things."""

from __future__ import annotations

import os
import shutil
import re
import subprocess
from pathlib import Path

import pytest
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


def test_a_library_early_in_a_long_listing_is_found(tmp_path):
    env = without_root(tmp_path)
    ldconfig = shutil.which("ldconfig", path="/usr/sbin:/sbin:" + env["PATH"])
    # This machine's listing, then more than a pipe holds: a reader that stops early cuts it off.
    (tmp_path / "bin" / "ldconfig").write_text(f"#!/bin/sh\n{ldconfig} \"$@\"\nseq 1 300000\n", encoding="utf-8")
    (tmp_path / "bin" / "ldconfig").chmod(0o755)
    result = subprocess.run([str(SCRIPT), "test"], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def fake_python(tmp_path: Path, version: str) -> Path:
    """A `python3` that says it is VERSION (X.Y.Z) and has the venv module."""
    fake = tmp_path / f"python{version}"
    short = ".".join(version.split(".")[:2])
    fake.write_text(
        "#!/bin/sh\n"
        f"[ \"$1\" = --version ] && echo 'Python {version}' && exit 0\n"
        f"case \"$2\" in *version_info*) echo {short};; *) ;; esac\n",
        encoding="utf-8")
    fake.chmod(0o755)
    return fake


def test_an_older_python_is_named_with_the_way_out(tmp_path):
    result = subprocess.run([str(SCRIPT), "site"], env={**os.environ, "PYTHON": str(fake_python(tmp_path, "3.9.2"))},
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "needs Python 3.11 or newer, up to 3.14 (found: Python 3.9.2)" in result.stderr
    assert "make PYTHON=" in result.stderr


@pytest.mark.parametrize("version", ["3.11.2", "3.12.3", "3.13.5", "3.14.0"])
def test_every_supported_python_is_accepted_as_it_is(tmp_path, version):
    result = subprocess.run([str(SCRIPT), "site"], env={**os.environ, "PYTHON": str(fake_python(tmp_path, version))},
                            capture_output=True, text=True)
    assert (result.returncode, result.stderr) == (0, "")


def test_the_harfbuzz_subset_library_weasyprint_asks_for_is_a_checked_need():
    assert "need libharfbuzz-subset0 has_library libharfbuzz-subset.so.0" in SCRIPT.read_text(encoding="utf-8")


# --------------------------------------------------------------------------------------------
# The locks: every package Python installs, with its hashes, agreeing with requirements*.txt
# --------------------------------------------------------------------------------------------

LOCKS = {"requirements.lock": ["requirements.txt"],
         "requirements-dev.lock": ["requirements.txt", "requirements-dev.txt"]}


def pins(name: str) -> dict[str, str]:
    """The exact pins of one requirements file (its -r includes left out): package → version."""
    found = {}
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            package, version = line.split("==")
            found[canonical(package)] = version.strip()
    return found


def canonical(package: str) -> str:
    return re.sub(r"[-_.]+", "-", package).lower().strip()


def locked(name: str) -> dict[str, dict]:
    """One lock: package → {version, hashes, via (the files and packages it is there for)}."""
    entries: dict[str, dict] = {}
    current = None
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        entry = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^ ;\\]+)", line)
        if entry:
            current = entries.setdefault(canonical(entry.group(1)), {"version": entry.group(2), "hashes": [], "via": []})
        elif current and line.strip().startswith("--hash=sha256:"):
            current["hashes"].append(line.strip().split(":", 1)[1].rstrip(" \\"))
        elif current and re.match(r"^\s+#\s+(via\s+)?\S", line):
            current["via"].append(re.sub(r"^\s+#\s+(via\s+)?", "", line).strip())
    return entries


@pytest.mark.parametrize("lock", LOCKS)
def test_each_lock_pins_every_requirement_at_its_version(lock):
    entries = locked(lock)
    for requirements in LOCKS[lock]:
        for package, version in pins(requirements).items():
            assert package in entries, f"{package} of {requirements} is not in {lock}: run make lock"
            assert entries[package]["version"] == version, (
                f"{requirements} asks {package}=={version}, {lock} has {entries[package]['version']}: run make lock")


@pytest.mark.parametrize("lock", LOCKS)
def test_each_lock_holds_nothing_it_was_not_asked_for(lock):
    asked = {package for requirements in LOCKS[lock] for package in pins(requirements)}
    entries = locked(lock)
    for package, entry in entries.items():
        direct = [via for via in entry["via"] if via.startswith("-r ")]
        if direct:
            assert package in asked, f"{lock} holds {package} for {direct}, which no longer ask for it: run make lock"
        else:
            assert entry["via"], f"{lock} holds {package} for no reason"


@pytest.mark.parametrize("lock", LOCKS)
def test_every_locked_package_has_a_sha256_hash(lock):
    entries = locked(lock)
    assert len(entries) > len(pins("requirements.txt"))
    for package, entry in entries.items():
        assert entry["hashes"] and all(re.fullmatch(r"[0-9a-f]{64}", h) for h in entry["hashes"]), package


def test_the_tests_install_the_same_versions_as_the_site():
    site, dev = locked("requirements.lock"), locked("requirements-dev.lock")
    assert {p: e["version"] for p, e in site.items()} == {p: dev[p]["version"] for p in site}


def test_the_readme_commands_install_only_from_the_locks_with_hashes():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    installs = [line.strip() for line in makefile.splitlines() if "pip install" in line or line.strip().startswith("$(INSTALL)")]
    assert "INSTALL = $(BIN)/python -m pip install --quiet --require-hashes --no-deps $(IGNORE_PYTHON)" in installs
    assert sorted(line for line in installs if line.startswith("$(INSTALL)")) == [
        "$(INSTALL) -r requirements-dev.lock", "$(INSTALL) -r requirements.lock"]
    assert not [line for line in installs if "pip install" in line and "--require-hashes" not in line]


def supported_pythons() -> list[str]:
    """The versions scripts/system-packages accepts as they are, oldest first."""
    line = re.search(r"^\s*(3\.\d+(?:\|3\.\d+)*)\) ;;$", SCRIPT.read_text(encoding="utf-8"), re.M).group(1)
    return sorted(line.split("|"), key=lambda v: tuple(map(int, v.split("."))))


def test_publishing_tests_on_the_oldest_and_newest_supported_python_on_ubuntu_24_04():
    test_job = yaml.safe_load((ROOT / ".github/workflows/pages.yml").read_text(encoding="utf-8"))["jobs"]["test"]
    assert test_job["runs-on"] == "ubuntu-24.04"
    versions = supported_pythons()
    assert test_job["strategy"]["matrix"]["python"] == [versions[0], versions[-1]]
