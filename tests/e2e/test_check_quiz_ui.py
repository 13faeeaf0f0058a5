"""Check a claim and take a quiz turn in real headless Chromium."""

from __future__ import annotations

import pytest

from bot.quiz.generate import generate_questions

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def check(page, claim):
    """Submit a claim and wait for the verdict (or an error, so a failure says why at once)."""
    page.click("#tab-check")
    page.fill("#check-input", claim)
    page.click("#check-send")
    page.wait_for_selector("#check-result .verdict, #check-status.error")
    assert not page.locator("#check-status.error").count(), page.locator("#check-status").inner_text()
    return page.locator("#check-result .verdict")


def test_check_a_claim_shows_the_verdict_evidence_and_explanation(ui, bundled_brief):
    verdict = check(ui, "Hwasong-14 has a range of 10,400 km.")
    assert verdict.get_attribute("data-verdict") == "supported"
    assert "Supported by the brief" in verdict.inner_text()
    assert ui.locator("#check-result .explanation").inner_text().strip()
    evidence = ui.locator("#check-result figure.citation", has_text="10,400 km").first
    assert evidence.locator("blockquote").inner_text() in bundled_brief.text
    assert evidence.locator("button[data-footnote='13']").count() == 1


def test_check_shows_a_contradiction(ui):
    verdict = check(ui, "Hwasong-14 has a range of 2,000 km.")
    assert verdict.get_attribute("data-verdict") == "contradicted"
    assert "Contradicted by the brief" in verdict.inner_text()


def _answers(brief):
    return {q.prompt: q.answer for q in generate_questions(brief)}


def test_a_quiz_turn_grades_the_answer_scores_it_and_lists_the_mistake(ui, bundled_brief):
    answers = _answers(bundled_brief)
    ui.click("#tab-quiz")
    assert ui.locator("#quiz-score").inner_text() == "No answers yet"
    ui.click("#quiz-next")
    prompt = ui.locator("#quiz-prompt")
    prompt.wait_for()
    first = prompt.inner_text()
    assert first.strip()
    # A wrong answer: "Not quite", the brief's words, the settling quote with its markers, and the score.
    ui.fill("#quiz-answer", "zebra")
    ui.press("#quiz-answer", "Enter")
    grade = ui.locator("#quiz-feedback .grade")
    grade.wait_for()
    assert grade.get_attribute("data-correct") == "false"
    assert "Not quite" in grade.inner_text()
    quote = ui.locator("#quiz-feedback figure.citation blockquote")
    assert quote.inner_text() in bundled_brief.text
    assert ui.locator("#quiz-feedback button[data-footnote]").count() >= 1
    assert ui.locator("#quiz-score").inner_text().startswith("Score: 0 / 1 correct")
    # The next question differs, and a right answer scores.
    for _ in range(10):
        ui.click("#quiz-next")
        ui.wait_for_function("(p) => document.querySelector('#quiz-prompt').textContent !== p", arg=first)
        current = prompt.inner_text()
        if current in answers:
            break
        first = current
    assert current in answers
    ui.fill("#quiz-answer", answers[current])
    ui.click("#quiz-submit")
    ui.wait_for_selector("#quiz-feedback .grade[data-correct='true']")
    assert "Correct" in ui.locator("#quiz-feedback .grade").inner_text()
    assert ui.locator("#quiz-score").inner_text().startswith("Score: 1 / 2 correct (50%)")
    # Review mistakes: the missed question with the quote that settles it.
    ui.click("#quiz-review")
    item = ui.locator("#mistakes-list li.mistake").first
    item.wait_for()
    assert "Your answer: zebra" in item.inner_text()
    assert item.locator("figure.citation blockquote").inner_text() in bundled_brief.text
