"""`citebot ingest`, `citebot briefs`, `citebot remove` through click's runner, over the real engine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from tests.corpus.brief_writers import OTHER, SAMPLE, to_html, to_markdown
from tests.corpus.docx_writer import to_docx
from tests.corpus.pdf_writer import to_pdf

pytestmark = pytest.mark.slow

ORPHAN = (
    b"---\ntitle: Short Note\n---\n\nA claim.[^1]\n\n"
    b'[^1]: "One," Paper, May 1, 2020, <https://example.org/1>\n'
    b'[^2]: "Never Cited," Paper, May 2, 2020, <https://example.org/2>\n'
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "briefs"
    (root / "more").mkdir(parents=True)
    (root / "sample.pdf").write_bytes(to_pdf(SAMPLE))
    (root / "more" / "other.docx").write_bytes(to_docx(OTHER))
    (root / "note.md").write_bytes(ORPHAN)
    (root / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    (root / ".hidden.md").write_bytes(ORPHAN)
    (root / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return root


def test_ingest_a_folder_then_list_and_remove(folder: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", str(folder)])
    assert result.exit_code == 2
    out = result.stdout
    assert "added      sample  (pdf, 30 passages, 5 footnotes)  PROSPECTS OF RENEWED NUCLEAR TALKS" in out
    assert "added      other  (docx" in out
    assert "added      note  (markdown" in out
    assert "warning [orphan_footnote] footnote 2 is defined but never cited" in out
    assert f"failed     {folder / 'broken.pdf'}: this PDF is damaged" in out
    assert "hidden" not in out and "picture" not in out  # hidden files and non-brief files are not picked up
    assert result.stderr.strip() == "citebot: error: 1 of 4 files could not be ingested"

    again = runner.invoke(cli, ["ingest", str(folder / "sample.pdf"), str(folder / "note.md"), "--json"])
    assert again.exit_code == 0, again.output
    body = json.loads(again.stdout)
    assert [(b["status"], b["brief"]["id"]) for b in body] == [("unchanged", "sample"), ("unchanged", "note")]
    assert body[1]["warnings"] == [
        {"code": "orphan_footnote", "footnote": 2, "message": "footnote 2 is defined but never cited"}
    ]

    listed = runner.invoke(cli, ["briefs"])
    assert listed.exit_code == 0
    lines = listed.stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["note", "other", "sample"]
    assert "1 warnings" in lines[0]
    as_json = json.loads(runner.invoke(cli, ["briefs", "--json"]).stdout)
    assert {b["id"]: b["format"] for b in as_json} == {"note": "markdown", "other": "docx", "sample": "pdf"}

    removed = runner.invoke(cli, ["remove", "other"])
    assert (removed.exit_code, removed.stdout.strip()) == (0, "removed other")
    assert [b["id"] for b in json.loads(runner.invoke(cli, ["briefs", "--json"]).stdout)] == ["note", "sample"]

    asked = runner.invoke(cli, ["ask", "When was the Indus Waters Treaty signed?", "--json"])
    assert all(c["brief_id"] != "other" for c in json.loads(asked.stdout)["citations"])


def test_remove_unknown_brief_is_one_line_exit_2() -> None:
    result = CliRunner().invoke(cli, ["remove", "no-such-brief"])
    assert result.exit_code == 2
    assert result.stderr == "citebot: error: no brief with id 'no-such-brief'\n"


def test_briefs_on_an_empty_library_says_how_to_add() -> None:
    result = CliRunner().invoke(cli, ["briefs"])
    assert result.exit_code == 0
    assert "citebot ingest" in result.stdout


def test_two_files_with_one_id_in_a_run_are_not_merged(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "brief.md").write_bytes(to_markdown(SAMPLE))
    (tmp_path / "b" / "brief.html").write_bytes(to_html(OTHER))
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "a" / "brief.md"), str(tmp_path / "b" / "brief.html")])
    assert result.exit_code == 2
    assert "already used by" in result.stdout
    listed = json.loads(CliRunner().invoke(cli, ["briefs", "--json"]).stdout)
    assert [(b["id"], b["format"]) for b in listed] == [("brief", "markdown")]


def test_id_option_and_progress_bar(tmp_path: Path) -> None:
    path = tmp_path / "Draft v2.docx"
    path.write_bytes(to_docx(SAMPLE))
    result = CliRunner().invoke(cli, ["ingest", str(path), "--id", "nuclear-talks", "--progress"])
    assert result.exit_code == 0, result.output
    assert "added      nuclear-talks" in result.stdout
    assert "1/1" in result.stderr  # tqdm's bar, drawn on stderr when asked for

    bad = CliRunner().invoke(cli, ["ingest", str(path), "--id", "Not An Id"])
    assert bad.exit_code == 2
    assert "--id" in bad.stderr


def test_missing_path_and_empty_folder_are_exit_2(tmp_path: Path) -> None:
    missing = CliRunner().invoke(cli, ["ingest", str(tmp_path / "nope.pdf")])
    assert missing.exit_code == 2
    assert "no such file" in missing.stdout
    (tmp_path / "empty").mkdir()
    empty = CliRunner().invoke(cli, ["ingest", str(tmp_path / "empty")])
    assert empty.exit_code == 2
    assert "no brief files found" in empty.stderr


def _long_markdown(paragraphs: int = 40) -> bytes:
    body = "\n\n".join(
        " ".join(f"Paragraph {p} makes point number {s} about the talks in {2000 + s}." for s in range(1, 6))
        for p in range(1, paragraphs + 1)
    )
    return f"---\ntitle: A Long Brief\n---\n\n{body}\n".encode()


def test_a_big_brief_shows_an_embedding_bar_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "long.md"
    path.write_bytes(_long_markdown())
    result = CliRunner().invoke(cli, ["ingest", str(path), "--progress"])
    assert result.exit_code == 0, result.output
    assert "embedding long.md" in result.stderr
    assert "vector" in result.stderr


def test_no_embedding_bar_without_progress(tmp_path: Path) -> None:
    path = tmp_path / "long.md"
    path.write_bytes(_long_markdown())
    result = CliRunner().invoke(cli, ["ingest", str(path), "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "embedding" not in result.stderr


def test_the_next_file_is_parsed_while_the_one_before_embeds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    import bot.ingest
    from bot.engine import Engine

    (tmp_path / "a.md").write_bytes(to_markdown(SAMPLE))
    (tmp_path / "b.md").write_bytes(ORPHAN)
    embedding = threading.Event()
    overlapped: list[bool] = []
    real_ingest, real_parse = Engine.ingest, bot.ingest.parse_bytes

    def ingest(self, brief, *args, **kwargs):  # type: ignore[no-untyped-def]
        embedding.set()
        return real_ingest(self, brief, *args, **kwargs)

    def parse(data, name, **kwargs):  # type: ignore[no-untyped-def]
        if name.endswith("b.md"):  # parsed while a.md embeds (or this waits for nothing and says so)
            overlapped.append(embedding.wait(timeout=120))
        return real_parse(data, name, **kwargs)

    monkeypatch.setattr(Engine, "ingest", ingest)
    monkeypatch.setattr(bot.ingest, "parse_bytes", parse)
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "a.md"), str(tmp_path / "b.md")])
    assert result.exit_code == 0, result.output
    assert overlapped == [True]
    assert [line.split()[:2] for line in result.stdout.splitlines() if not line.startswith(" ")] == [
        ["added", "a"],
        ["added", "b"],
    ]
