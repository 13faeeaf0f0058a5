"""``citebot parse PATH [--json]``: the parse contract as JSON (``api.schemas_brief.ParseOut``), or a summary
for people."""

from __future__ import annotations

import json

import click

from api.schemas_brief import ParseOut
from corpus.loader import load_brief
from corpus.models import Brief
from corpus.settings import get_settings


@click.command()
@click.argument("path", type=click.Path(dir_okay=True, path_type=str))
@click.option("--json", "as_json", is_flag=True, help="Print the parse contract of DESIGN.md as JSON.")
def parse(path: str, as_json: bool) -> None:
    """Parse a brief and print its metadata, counts and warnings."""
    brief = load_brief(path, max_bytes=get_settings().max_file_bytes)
    if as_json:
        click.echo(json.dumps(ParseOut.of(brief).model_dump(mode="json"), ensure_ascii=False, indent=2))
    else:
        click.echo(summary(brief))


def summary(brief: Brief) -> str:
    """A readable summary for people: metadata, counts of passages by kind, headings and warnings."""
    kinds: dict[str, int] = {}
    for p in brief.passages:
        kinds[p.kind] = kinds.get(p.kind, 0) + 1
    paragraphs = len({p.paragraph for p in brief.passages if p.kind == "sentence"})
    headings = [p for p in brief.passages if p.kind == "heading"]
    authors = ", ".join(f"{a.name} ({a.role})" if a.role else a.name for a in brief.authors) or "-"
    lines = [
        f"{brief.title or '(untitled)'}",
        f"  id:           {brief.id}",
        f"  authors:      {authors}",
        f"  editors:      {', '.join(brief.editors) or '-'}",
        f"  organisation: {brief.organisation or '-'}",
        f"  date:         {brief.date or '-'}",
        f"  format:       {brief.format}",
        f"  paragraphs:   {paragraphs}",
        f"  passages:     {len(brief.passages)} (" + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())) + ")",
        f"  footnotes:    {len(brief.footnotes)}",
    ]
    if headings:
        lines.append(
            "  headings:     " + " | ".join(p.text for p in headings[:12]) + (" | …" if len(headings) > 12 else "")
        )
    if brief.warnings:
        lines.append(f"  warnings:     {len(brief.warnings)}")
        lines.extend(f"    - [{w.code}] {w.message}" for w in brief.warnings)
    else:
        lines.append("  warnings:     none")
    return "\n".join(lines)


COMMANDS = [parse]
