"""The pre-commit hook, run by pre-commit itself (a `repo: local` hook: no network)."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).parent.parent
HOOK = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text())[0]


def test_the_published_hook_is_well_formed():
    assert HOOK["id"] == "checker" and HOOK["entry"] == "checker check"
    assert HOOK["pass_filenames"] is False and HOOK["language"] == "python"


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_local_hook_blocks_a_new_contradiction_and_passes_once_baselined(story, tmp_path):
    root = story("bridge")
    local = dict(HOOK, language="system")
    config = {"repos": [{"repo": "local", "hooks": [local]}]}
    with open(root / ".pre-commit-config.yaml", "w") as handle:
        YAML().dump(config, handle)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pc-home"),
           "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
           "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(tmp_path)}

    def sh(*cmd):
        return subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True)

    assert sh("git", "init", "-q").returncode == 0
    sh("git", "add", "-A")
    blocked = sh(sys.executable, "-m", "pre_commit", "run", "--all-files")
    assert blocked.returncode == 1, blocked.stdout + blocked.stderr
    assert "Hammerton Bridge" in blocked.stdout
    assert sh("checker", "baseline").returncode == 0
    sh("git", "add", "-A")
    passed = sh(sys.executable, "-m", "pre_commit", "run", "--all-files")
    assert passed.returncode == 0, passed.stdout + passed.stderr
