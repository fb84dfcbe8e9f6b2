"""The pure state modules of the self-assessment and the synthesis, tested
with Node's own runner (tests/js/*.test.mjs), on the specs of data/kit.yml."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

from kitlib import checklist, kit  # noqa: E402


def test_the_state_modules_pass_their_node_tests_run_as_nodes_documentation_says(tmp_path):
    """`node --test` with no argument, from the repository, as a JavaScript contributor runs it:
    the specs come from the project's .venv; without one, from a file the test writes."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node not found: install Debian's nodejs package (Node 18 or later)")
    env = {key: value for key, value in os.environ.items() if key != "KIT_SPECS"}
    if not (ROOT / ".venv/bin/python").exists():
        data = kit.load()
        specs = tmp_path / "specs.json"
        specs.write_text(json.dumps({lang: checklist.synthesis_spec(data, lang) for lang in ("fr", "en")}), encoding="utf-8")
        env["KIT_SPECS"] = str(specs)
    result = subprocess.run([node, "--test"], cwd=ROOT, capture_output=True, text=True, env=env, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    # Node's own pattern with no argument: files named *.test.mjs (and .js, .cjs) anywhere.
    tests = [path.name for path in (ROOT / "tests/js").iterdir() if ".test." in path.name]
    assert tests and all(name.endswith(".test.mjs") for name in tests), tests
    total = int(re.search(r"^# tests (\d+)$", output, re.M).group(1)) if "# tests" in output else 0
    assert total >= len(tests), f"node ran {total} tests for {len(tests)} files:\n{output}"
    assert re.search(r"^# fail 0$", output, re.M), output
