"""The builds a run shares between its test processes: each variant is built once,
by the first process that asks, and every process reads the same folder."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from conftest import ROOT, SHARED

ASK = textwrap.dedent("""
    import subprocess, sys, time
    sys.path.insert(0, {tests!r})
    import conftest

    def build(target):
        with open({count!r}, "a") as count:
            count.write("built\\n")
        time.sleep(1)  # long enough for the other process to ask meanwhile
        target.mkdir()
        (target / "index.html").write_text("site", encoding="utf-8")
        return subprocess.CompletedProcess([], {code}, "", "the build's messages")

    try:
        print(conftest.built_once("variant/site", build))
    except AssertionError as error:
        print(error)
""")


# Two processes ask at once for one variant; return what each printed and how many builds ran.
def ask_twice(tmp_path, code: int) -> tuple[list[str], int]:
    count = tmp_path / "count"
    script = ASK.format(tests=str(ROOT / "tests"), count=str(count), code=code)
    env = {**os.environ, SHARED: str(tmp_path)}
    askers = [subprocess.Popen([sys.executable, "-c", script], env=env, stdout=subprocess.PIPE, text=True)
              for _ in range(2)]
    printed = [asker.communicate(timeout=60)[0].strip() for asker in askers]
    return printed, count.read_text(encoding="utf-8").count("built")


def test_two_processes_asking_for_one_variant_build_it_once_and_read_the_same_folder(tmp_path):
    printed, builds = ask_twice(tmp_path, code=0)
    assert builds == 1
    assert printed == [str(tmp_path / "variant/site")] * 2
    assert (tmp_path / "variant/site/index.html").read_text(encoding="utf-8") == "site"


def test_a_failed_build_is_not_tried_again_and_fails_both_with_its_messages(tmp_path):
    printed, builds = ask_twice(tmp_path, code=1)
    assert builds == 1
    for message in printed:
        assert message.startswith("mkdocs build --strict failed for variant/site:")
        assert "the build's messages" in message
