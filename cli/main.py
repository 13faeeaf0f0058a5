"""Entry point. Every command lives in its own module and is registered here, in ``COMMANDS``."""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import click

from corpus.errors import CitebotError

# Set before any model or Chroma import: no downloads, no telemetry.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


# Each command: the module that defines it (in its ``COMMANDS`` list) and the first paragraph of its help, which
# `citebot --help` lists. A command's module is imported only when that command runs or its own help is asked
# for: `ask` alone imports the whole HTTP schema layer, and neither `citebot serve` nor `citebot --help` should
# wait for every command's imports (start time, issue 15). tests/cli/test_main.py holds this table to the
# commands themselves, so a renamed command or an edited help line fails there.
COMMANDS: dict[str, tuple[str, str]] = {
    "ask": ("cli.ask_cmd", "Answer a question with verified quotes from the indexed briefs."),
    "audit": (
        "cli.audit_cmd",
        "Audit a brief's own citations: orphan/undefined footnotes, metadata that disagrees with itself, "
        "uncited factual sentences, and suggested mis-citations and sources.",
    ),
    "backup": ("cli.backup_cmd", "Write a consistent archive of the library (safe while citebot serves)."),
    "briefs": ("cli.library_cmd", "List the briefs in the library."),
    "check": (
        "cli.check_cmd",
        "Say whether the briefs support, contradict or do not mention CLAIM, with the quotes that decide it.",
    ),
    "db": ("cli.db_cmd", "The database (CITEBOT_DATABASE_URL; default: <data dir>/citebot.sqlite3)."),
    "doctor": (
        "cli.doctor_cmd",
        "Check the library, the vector store and the SQLite files. Exit 1 when a problem is left unrepaired.",
    ),
    "eval": (
        "cli.eval_cmd",
        "Run an eval file in the format of DESIGN.md and print the figures, per document and pooled.",
    ),
    "ingest": ("cli.library_cmd", "Add briefs (files or folders of .txt, .md, .html, .pdf, .docx) to the library."),
    "model": (
        "cli.model_cmd",
        "The ONNX export of the sentence model (made once at install; served without torch).",
    ),
    "parse": ("cli.parse_cmd", "Parse a brief and print its metadata, counts and warnings."),
    "quiz": (
        "cli.quiz_cmd",
        "Answer questions made from the brief's cited sentences; each answer is graded against the brief.",
    ),
    "remove": (
        "cli.library_cmd",
        "Remove a brief (by id, as `citebot briefs` lists it) from the library and the index.",
    ),
    "restore": ("cli.backup_cmd", "Restore an archive into an empty data dir, then embed its briefs again."),
    "serve": (
        "cli.serve_cmd",
        "Serve the JSON/SSE API (and the web UI), indexing the bundled brief first if the library is empty.",
    ),
    "sources": (
        "cli.sources_cmd",
        "The documents the footnotes cite: fetch them, with archived copies of dead links. (Their state per "
        "footnote is listed by GET /briefs/{id}/sources.)",
    ),
    "verify-citations": (
        "cli.audit_cmd",
        "Check every cited sentence against its footnote's source file: supported, contradicted, source silent, "
        "or source not provided.",
    ),
}


class CitebotGroup(click.Group):
    """Loads each command from its module on first use (``COMMANDS``), and turns citebot's own errors into a
    one-line message and exit code 2."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        commands: list[click.Command] = importlib.import_module(COMMANDS[cmd_name][0]).COMMANDS
        return next(command for command in commands if command.name == cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # The listing from the table: shortened as click shortens a command's own help, with no module imported.
        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        rows = [
            (name, click.Command(name, help=summary).get_short_help_str(limit))
            for name, (_, summary) in sorted(COMMANDS.items())
        ]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

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


def main() -> None:
    cli()


if __name__ == "__main__":  # `python -m cli.main ...` ran nothing before: the module only defined the group
    main()
