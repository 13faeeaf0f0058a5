"""`citebot quiz` through click's runner: questions, grading, the session's score and mistakes."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from cli.main import cli

pytestmark = pytest.mark.slow


def test_quiz_command_asks_grades_and_keeps_the_session():
    runner = CliRunner()
    result = runner.invoke(cli, ["quiz", "-n", "2"], input="zebra\nzebra\n")
    assert result.exit_code == 0, result.output
    assert result.output.count("Not quite. The brief says:") == 2
    assert "Score: 0 / 2 correct (0%), 2 asked." in result.output
    assert re.search(r"  “.+” \[\d+(, \d+)*\]", result.output)  # the settling quote with its footnotes
    session = re.search(r"citebot quiz --session (\S+)", result.output).group(1)

    mistakes = runner.invoke(cli, ["quiz", "--session", session, "--mistakes"])
    assert mistakes.exit_code == 0, mistakes.output
    assert mistakes.output.count("you: zebra") == 2

    unknown = runner.invoke(cli, ["quiz", "--session", "quiz-nope", "--score"])
    assert unknown.exit_code == 2
    assert "no quiz session" in unknown.output
