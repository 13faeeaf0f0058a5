"""``citebot backup FILE`` and ``citebot restore FILE``: one archive of the library, sessions and quiz state."""

from __future__ import annotations

from pathlib import Path

import click

from bot.backup import backup as write_backup
from bot.backup import restore as read_backup
from corpus.settings import get_settings


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def backup(file: Path) -> None:
    """Write a consistent archive of the library (safe while citebot serves)."""
    manifest = write_backup(get_settings(), file)
    extra = f" and {', '.join(manifest.databases)}" if manifest.databases else ""
    click.echo(f"backed up {len(manifest.briefs)} brief(s){extra} to {file}")


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def restore(file: Path) -> None:
    """Restore an archive into an empty data dir, then embed its briefs again."""
    from bot.factory import build_engine

    settings = get_settings()
    manifest = read_backup(settings, file)
    click.echo(f"restored {len(manifest.briefs)} brief(s) from a backup of {manifest.created}; embedding them ...")
    engine = build_engine(settings)  # its start-up sync embeds every restored brief
    click.echo(f"ready: {len(engine.briefs())} brief(s), {engine.store.count()} vectors")


COMMANDS = [backup, restore]
