"""``citebot parse PATH [--json]``."""

from __future__ import annotations

import json

import click

from corpus.loader import load_brief
from corpus.serialize import brief_json, brief_summary
from corpus.settings import get_settings


@click.command()
@click.argument("path", type=click.Path(dir_okay=True, path_type=str))
@click.option("--json", "as_json", is_flag=True, help="Print the parse contract of DESIGN.md as JSON.")
def parse(path: str, as_json: bool) -> None:
    """Parse a brief and print its metadata, counts and warnings."""
    brief = load_brief(path, max_bytes=get_settings().max_file_bytes)
    if as_json:
        click.echo(json.dumps(brief_json(brief), ensure_ascii=False, indent=2))
    else:
        click.echo(brief_summary(brief))


COMMANDS = [parse]
