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


def test_the_state_modules_pass_their_node_tests(tmp_path):
    node = shutil.which("node")
    if node is None:
        pytest.fail("node not found: install Debian's nodejs package (Node 20 or later)")
    data = kit.load()
    specs = tmp_path / "specs.json"
    specs.write_text(json.dumps({lang: checklist.synthesis_spec(data, lang) for lang in ("fr", "en")}), encoding="utf-8")
    result = subprocess.run([node, "--test", "tests/js/"], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "KIT_SPECS": str(specs)}, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    ran = re.search(r"^# tests (\d+)$", output, re.M)
    assert ran and int(ran.group(1)) > 0, f"node ran no test:\n{output}"
    assert re.search(r"^# fail 0$", output, re.M), output
