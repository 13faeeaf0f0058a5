/* Quiz mode: one question at a time, the session's score, and the review of mistakes. */

import { $, STORE, api, el, scopeId, setStatus, state } from "./core.js";
import { renderCitation } from "./citations.js";

const KIND_LABELS = { number: "Number", date: "Date", actor: "Who", cause: "Why" };

function setQuizSession(id) {
  state.quizSession = id;
  if (id) localStorage.setItem(STORE.quiz, id);
  else localStorage.removeItem(STORE.quiz);
}

function renderScore(score) {
  const node = $("quiz-score");
  if (!score || !score.answered) {
    node.textContent = score && score.asked ? `${score.asked} asked, none answered yet` : "No answers yet";
    return;
  }
  const pct = Math.round((score.correct / score.answered) * 100);
  node.textContent = `Score: ${score.correct} / ${score.answered} correct (${pct}%) · ${score.asked} asked`;
}

export async function refreshScore() {
  if (!state.quizSession) return renderScore(null);
  try {
    renderScore(await api(`/quiz/sessions/${encodeURIComponent(state.quizSession)}/score`));
  } catch (err) {
    if (err.status === 404) setQuizSession(null);
    renderScore(null);
  }
}

async function quizNext(retried = false) {
  setStatus("quiz-status", "Picking a question…");
  try {
    const data = await api("/quiz/next", {
      method: "POST",
      json: { session_id: state.quizSession, brief_id: scopeId() },
    });
    setQuizSession(data.session_id);
    const q = data.question;
    state.quizQuestion = q;
    $("quiz-card").hidden = false;
    $("quiz-kind").textContent = KIND_LABELS[q.kind] || q.kind;
    $("quiz-progress").textContent = `Question ${data.progress.used} of ${data.progress.pool}` +
      (data.progress.round > 1 ? ` (round ${data.progress.round})` : "");
    $("quiz-brief").textContent = q.brief_title ? `· ${q.brief_title}` : "";
    $("quiz-context").hidden = !q.context;
    $("quiz-context").textContent = q.context ? `Context: ${q.context}` : "";
    $("quiz-prompt").textContent = q.prompt;
    $("quiz-feedback").replaceChildren();
    $("quiz-answer").value = "";
    $("quiz-answer").disabled = false;
    $("quiz-submit").disabled = false;
    $("quiz-next").textContent = "Skip to the next question";
    setStatus("quiz-status", "");
    $("quiz-answer").focus();
    refreshScore();
  } catch (err) {
    if (err.status === 404 && err.code === "session_not_found" && !retried) {
      setQuizSession(null);
      return quizNext(true);
    }
    setStatus("quiz-status", err.message, "error");
  }
}

async function onQuizAnswer(event) {
  event.preventDefault();
  const q = state.quizQuestion;
  if (!q) return;
  $("quiz-submit").disabled = true;
  try {
    const result = await api("/quiz/answer", {
      method: "POST",
      json: { session_id: state.quizSession, question_id: q.id, answer: $("quiz-answer").value },
    });
    state.quizQuestion = null;
    $("quiz-answer").disabled = true;
    const box = $("quiz-feedback");
    box.replaceChildren(
      el("p", { class: `grade ${result.correct ? "right" : "wrong"}`, "data-correct": String(result.correct) }, [
        el("strong", { text: result.correct ? "Correct." : "Not quite." }),
        " ",
        el("span", { text: `The brief says: ${result.expected}` }),
      ]),
      result.correct ? null : el("p", { class: "meta", text: `Your answer: ${result.answer || "(none)"}` }),
      result.citation ? renderCitation(result.citation) : null,
    );
    renderScore(result.score);
    $("quiz-next").textContent = "Next question";
    $("quiz-next").focus();
    if (!$("quiz-mistakes").hidden) loadMistakes();
  } catch (err) {
    $("quiz-submit").disabled = false;
    setStatus("quiz-status", err.message, "error");
  }
}

async function loadMistakes() {
  const list = $("mistakes-list");
  if (!state.quizSession) {
    list.replaceChildren(el("li", { class: "empty-hint", text: "No quiz answers yet." }));
    return;
  }
  try {
    const data = await api(`/quiz/sessions/${encodeURIComponent(state.quizSession)}/mistakes`);
    if (!data.mistakes.length) {
      list.replaceChildren(el("li", { class: "empty-hint", text: "No mistakes so far." }));
      return;
    }
    list.replaceChildren(
      ...data.mistakes.map((m) =>
        el("li", { class: "mistake" }, [
          el("p", { class: "question", text: m.question.prompt }),
          el("p", { class: "meta" }, [
            el("span", { text: `Your answer: ${m.answer || "(none)"}` }),
            " · ",
            el("span", { text: `The brief says: ${m.expected}` }),
          ]),
          m.citation ? renderCitation(m.citation) : null,
        ]),
      ),
    );
  } catch (err) {
    list.replaceChildren(el("li", { class: "error", text: err.message }));
  }
}

function toggleMistakes() {
  const section = $("quiz-mistakes");
  section.hidden = !section.hidden;
  $("quiz-review").setAttribute("aria-expanded", String(!section.hidden));
  if (!section.hidden) loadMistakes();
}

function resetQuiz() {
  setQuizSession(null);
  state.quizQuestion = null;
  $("quiz-card").hidden = true;
  $("quiz-next").textContent = "Start the quiz";
  $("mistakes-list").replaceChildren();
  renderScore(null);
  $("quiz-next").focus();
}


export function initQuiz() {
  $("quiz-next").addEventListener("click", () => quizNext());
  $("quiz-form").addEventListener("submit", onQuizAnswer);
  $("quiz-review").addEventListener("click", toggleMistakes);
  $("quiz-reset").addEventListener("click", resetQuiz);
}
