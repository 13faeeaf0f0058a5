"""The command table of ``cli.main``: it names every command of every command module, with the help line the
command itself carries, and `citebot --help` lists them without importing a command module."""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path

from click.testing import CliRunner

from cli.main import COMMANDS, cli
from tests.fresh_process import run_json

ROOT = Path(__file__).resolve().parents[2]


def _first_paragraph(text: str | None) -> str:
    return " ".join(inspect.cleandoc(text or "").split("\n\n")[0].split())


def test_every_command_of_every_command_module_is_in_the_table_with_its_own_help_line():
    modules = {module for module, _ in COMMANDS.values()}
    found = {}
    for name in modules:
        for command in importlib.import_module(name).COMMANDS:
            found[command.name] = (name, _first_paragraph(command.help))
    assert found == COMMANDS


def test_every_command_module_is_in_the_table():
    on_disk = {f"cli.{path.stem}" for path in (ROOT / "cli").glob("*_cmd.py")}
    assert on_disk == {module for module, _ in COMMANDS.values()}


def test_a_command_runs_from_the_module_it_is_loaded_from():
    result = CliRunner().invoke(cli, ["db", "--help"])
    assert result.exit_code == 0, result.output
    assert "CITEBOT_DATABASE_URL" in result.output


def test_an_unknown_command_is_refused():
    result = CliRunner().invoke(cli, ["no-such-command"])
    assert result.exit_code == 2
    assert "No such command" in result.output


def test_the_help_lists_every_command_without_importing_a_command_module():
    script = (
        "import json, sys; from cli.main import cli; from click.testing import CliRunner; "
        "out = CliRunner().invoke(cli, ['--help']).output; "
        "print(json.dumps([out, sorted(m for m in sys.modules if m.startswith('cli.') and m.endswith('_cmd'))]))"
    )
    output, loaded = run_json(script)
    assert loaded == []
    assert all(f"  {name} " in output for name in COMMANDS)
