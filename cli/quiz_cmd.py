"""``citebot quiz [--brief ID] [--session ID] [-n N] [--score] [--mistakes]``: the quiz in a terminal.

Same questions, grading and per-session state (in the database, ``index.db``) as ``POST /quiz/next`` and
``/quiz/answer``, so a session started here can be continued in the web UI's API and the other way round.
"""

from __future__ import annotations

import click

from bot.factory import build_engine, ingest_bundled
from bot.qa.render import marker
from bot.quiz.master import Quiz, cosine_similarity
from bot.quiz.store import QuizStore, Score
from corpus.models import Citation
from corpus.settings import get_settings
from index.db import open_database


def _score_line(score: Score) -> str:
    if not score.answered:
        return f"No answers yet ({score.asked} asked)."
    pct = round(100 * score.correct / score.answered)
    return f"Score: {score.correct} / {score.answered} correct ({pct}%), {score.asked} asked."


def _quote(c: Citation | None) -> str:
    if c is None:
        return "  (the brief no longer holds this quote)"
    return f"  “{' '.join(c.quote.split())}” {marker(c)}"


@click.command()
@click.option("--brief", "brief_id", default=None, help="Only ask about this brief (by id).")
@click.option("--session", "session_id", default=None, help="Continue this quiz session (its id is printed).")
@click.option("-n", "--questions", type=click.IntRange(1, 100), default=5, show_default=True, help="Questions to ask.")
@click.option("--score", "show_score", is_flag=True, help="Only print the session's score (needs --session).")
@click.option("--mistakes", "show_mistakes", is_flag=True, help="Only list the session's missed questions.")
def quiz(brief_id: str | None, session_id: str | None, questions: int, show_score: bool, show_mistakes: bool) -> None:
    """Answer questions made from the brief's cited sentences; each answer is graded against the brief."""
    settings = get_settings()
    settings.ensure_dirs()
    engine = build_engine(settings)
    ingest_bundled(engine, settings)
    master = Quiz(engine, QuizStore(open_database(settings)), similarity=cosine_similarity(engine.embed_query))
    if show_score or show_mistakes:
        if session_id is None:
            raise click.UsageError("--score and --mistakes need --session ID")
        if show_mistakes:
            for m in master.mistakes(session_id):
                click.echo(f"- {m.question.prompt}\n  you: {m.answer or '(none)'}; the brief: {m.expected}")
                click.echo(_quote(m.citation))
        click.echo(_score_line(master.score(session_id)))
        return
    for i in range(questions):
        asked = master.next(session_id, brief_id)
        session_id = asked.session_id
        q = asked.question
        click.echo(f"\n[{i + 1}/{questions}] ({q.kind}) {q.prompt}")
        if q.context:
            click.echo(f"  context: {q.context}")
        answer = click.prompt("Your answer", default="", show_default=False)
        graded = master.answer(session_id, q.id, answer)
        click.echo(("✔ " if graded.grade.correct else "✘ ") + graded.grade.feedback)
        click.echo(_quote(graded.citation))
    assert session_id is not None
    click.echo(f"\n{_score_line(master.score(session_id))}\nContinue with: citebot quiz --session {session_id}")


COMMANDS = [quiz]
