"""Entry point. Every command lives in its own module and is registered here."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from corpus.errors import CitebotError

# Set before any model or Chroma import: no downloads, no telemetry.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


class CitebotGroup(click.Group):
    """Turns citebot's own errors into a one-line message and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CitebotError as exc:
            click.echo(f"citebot: error: {exc}", err=True)
            sys.exit(2)


@click.group(cls=CitebotGroup)
@click.version_option(package_name="citebot")
def cli() -> None:
    """citebot: citation-verified answers from footnoted briefs."""


# Plain imports, below the environment defaults above (a command module may import the model stack). A module
# that fails to import fails the CLI loudly instead of silently dropping its commands.
from cli import (  # noqa: E402
    ask_cmd,
    audit_cmd,
    backup_cmd,
    check_cmd,
    db_cmd,
    doctor_cmd,
    eval_cmd,
    library_cmd,
    model_cmd,
    parse_cmd,
    quiz_cmd,
    serve_cmd,
    sources_cmd,
)

for _module in (
    parse_cmd,
    serve_cmd,
    ask_cmd,
    eval_cmd,
    check_cmd,
    audit_cmd,
    library_cmd,
    quiz_cmd,
    doctor_cmd,
    backup_cmd,
    sources_cmd,
    model_cmd,
    db_cmd,
):
    for _command in _module.COMMANDS:
        cli.add_command(_command)


def main() -> None:
    cli()


if __name__ == "__main__":  # `python -m cli.main ...` ran nothing before: the module only defined the group
    main()
