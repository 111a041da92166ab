"""The README documents every command and option the CLI has."""
from pathlib import Path

import click
import pytest

from checker.cli import cli

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(cli.commands.items())


@pytest.mark.parametrize("name, command", COMMANDS)
def test_every_command_and_option_is_in_the_readme(name, command):
    assert f"checker {name}" in README
    for param in command.params:
        if isinstance(param, click.Option):
            assert any(opt in README for opt in param.opts), (name, param.opts)
            if isinstance(param.type, click.Choice):
                for choice in param.type.choices:
                    assert choice in README, (name, choice)


def test_the_set_up_commands_are_the_ci_commands():
    ci = (Path(__file__).parent.parent / ".ci" / "run").read_text()
    assert "pip install -e '.[test]' && checker report" in README and "pip install -e '.[test]' && checker report" in ci
    assert "\npytest" in ci
