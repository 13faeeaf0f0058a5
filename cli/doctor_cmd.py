"""``citebot doctor [--repair] [--json]``: check the data dir; with --repair, fix what can be fixed safely."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict

import click

from bot.doctor import diagnose
from corpus.settings import get_settings


@click.command()
@click.option("--repair", is_flag=True, help="Quarantine unreadable briefs, delete orphan vectors, rebuild the index.")
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
def doctor(repair: bool, as_json: bool) -> None:
    """Check the library, the vector store and the SQLite files. Exit 1 when a problem is left unrepaired."""
    findings = diagnose(get_settings(), repair=repair)
    if as_json:
        click.echo(json.dumps([asdict(f) for f in findings], ensure_ascii=False, indent=2))
    else:
        for f in findings:
            status = "ok" if f.ok else "fixed" if f.repaired else "PROBLEM"
            click.echo(f"{status:<8} {f.check:<8} {f.message}")
    if any(not f.ok and not f.repaired for f in findings):
        sys.exit(1)


COMMANDS = [doctor]
