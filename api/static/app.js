/* citebot web UI: plain JavaScript, no build step.
 *
 * Safety rule: text that comes from a document (quotes, titles, footnotes, the brief itself) is only ever set
 * with textContent / createTextNode, never as HTML, so a brief containing <script> shows it as text. Links from
 * footnotes are only made clickable for http(s) URLs. The server also sends a strict Content-Security-Policy.
 */
"use strict";

const STORE = { chat: "citebot.chatSession", quiz: "citebot.quizSession", scope: "citebot.scope" };

const state = {
  briefs: [],
  byId: new Map(),
  scope: localStorage.getItem(STORE.scope) || "",
  chatSession: localStorage.getItem(STORE.chat),
  quizSession: localStorage.getItem(STORE.quiz),
  quizQuestion: null,
  audits: new Map(), // brief id -> Promise<findings[] | null>
  details: new Map(), // brief id -> Promise<brief detail>
  footnotes: new Map(), // brief id -> Promise<footnotes[]>
  lastOpener: null,
};
const citationOf = new WeakMap(); // figure element -> citation JSON

// ----- small helpers ------------------------------------------------------------------------------------
const $ = (id) => document.getElementById(id);

/** Create an element; `text` is always set as text, never parsed as HTML. */
function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "text") node.textContent = value;
    else if (key === "class") node.className = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of [].concat(children)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** A link for an http(s) URL; anything else (javascript:, data:, …) is shown as plain text. */
function safeLink(url, label) {
  if (typeof url === "string" && /^https?:\/\//i.test(url.trim())) {
    return el("a", { href: url.trim(), target: "_blank", rel: "noopener noreferrer", text: label || url });
  }
  return el("span", { text: url || "—" });
}

class ApiError extends Error {
  constructor(status, body) {
    super((body && body.detail) || `request failed (HTTP ${status})`);
    this.status = status;
    this.code = body && body.code;
  }
}

async function api(path, { method = "GET", json, body } = {}) {
  const init = { method, headers: { Accept: "application/json" } };
  if (json !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(json);
  } else if (body !== undefined) {
    init.body = body;
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (err) {
    throw new ApiError(0, { detail: "the server cannot be reached; is citebot running?" });
  }
  const data = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

function setStatus(id, text, kind = "") {
  const node = $(id);
  node.textContent = text || "";
  node.className = `status ${kind}`.trim();
}

function briefName(id) {
  const brief = state.byId.get(id);
  return (brief && (brief.title || brief.id)) || id;
}

function scopeId() {
  return state.scope || null;
}

// ----- citations ------------------------------------------------------------------------------------------
/** A citation as a block quote with its footnote markers (buttons with data-footnote) and its brief named. */
function renderCitation(c) {
  const caption = el("figcaption", { class: "cite-meta" });
  const markers = el("span", { class: "markers" });
  for (const n of c.footnotes || []) {
    markers.append(
      el("button", {
        type: "button",
        class: "fn",
        dataset: { footnote: String(n), brief: c.brief_id },
        "aria-label": `Footnote ${n}: show its source`,
        text: String(n),
      }),
    );
  }
  if (markers.childNodes.length) caption.append(el("span", { class: "label", text: "Footnotes" }), markers);
  if (c.uncited) {
    caption.append(el("span", { class: "badge uncited", text: "uncited in the brief" }));
  } else if (!(c.footnotes || []).length && (c.sources || []).length) {
    caption.append(
      el("button", { type: "button", class: "link-button", dataset: { sources: "table" }, text: "Sources of this table" }),
    );
  } else if (c.kind === "metadata") {
    caption.append(el("span", { class: "badge", text: "from the brief’s front matter" }));
  }
  caption.append(
    el("span", { class: "from" }, ["from ", el("cite", { text: briefName(c.brief_id) })]),
    el("button", { type: "button", class: "link-button", dataset: { reader: "1" }, text: "Show in brief" }),
  );
  const figure = el("figure", { class: "citation" }, [el("blockquote", { text: c.quote }), caption]);
  citationOf.set(figure, c);
  return figure;
}

function renderAnswer(container, response) {
  container.replaceChildren();
  if (response.abstained) {
    container.append(
      el("div", { class: "abstain" }, [
        el("strong", { text: "No answer in the brief. " }),
        el("span", { text: response.answer }),
      ]),
    );
    return;
  }
  for (const c of response.citations) container.append(renderCitation(c));
}

// ----- chat -----------------------------------------------------------------------------------------------
function addUserTurn(text) {
  $("chat-hint")?.remove();
  const turn = el("div", { class: "turn user" }, [el("p", { class: "bubble", text })]);
  $("transcript").append(turn);
  return turn;
}

function addBotTurn() {
  const body = el("div", { class: "answer-body" });
  const turn = el("div", { class: "turn bot" }, [body]);
  $("transcript").append(turn);
  return body;
}

function scrollTranscript() {
  const t = $("transcript");
  t.scrollTop = t.scrollHeight;
}

/** Read a text/event-stream body, calling onEvent(name, data) per event. */
async function readSSE(response, onEvent) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buffer += decoder.decode(value, { stream: true });
    buffer = buffer.replace(/\r\n/g, "\n");
    let cut;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      let name = "message";
      const data = [];
      for (const line of block.split("\n")) {
        if (line.startsWith("event:")) name = line.slice(6).trim();
        else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
      }
      if (data.length) onEvent(name, JSON.parse(data.join("\n")));
    }
    if (done) break;
  }
}

async function streamAnswer(message, body, retried = false) {
  const response = await fetch("/chat/stream", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
    body: JSON.stringify({ message, session_id: state.chatSession, brief_id: scopeId() }),
  });
  if (!response.ok) {
    const data = await response.json().catch(() => null);
    if (response.status === 404 && data && data.code === "session_not_found" && !retried) {
      setChatSession(null); // the server no longer knows this conversation: start a new one
      return streamAnswer(message, body, true);
    }
    throw new ApiError(response.status, data);
  }
  let final = null;
  let failure = null;
  await readSSE(response, (name, data) => {
    if (name === "citation") {
      body.querySelector(".thinking")?.remove();
      body.append(renderCitation(data));
      scrollTranscript();
    } else if (name === "answer") {
      final = data;
    } else if (name === "error") {
      failure = new ApiError(data.status || 500, data);
    }
  });
  if (failure) throw failure;
  if (!final) throw new ApiError(500, { detail: "the answer stream ended early" });
  return final;
}

function setChatSession(id) {
  state.chatSession = id;
  if (id) localStorage.setItem(STORE.chat, id);
  else localStorage.removeItem(STORE.chat);
}

async function onAsk(event) {
  event.preventDefault();
  const input = $("chat-input");
  const message = input.value.trim();
  if (!message) return;
  input.value = "";
  addUserTurn(message);
  const body = addBotTurn();
  body.append(el("p", { class: "thinking", text: "Searching the brief…" }));
  scrollTranscript();
  $("chat-send").disabled = true;
  setStatus("chat-status", "Answering…");
  try {
    const answer = await streamAnswer(message, body);
    setChatSession(answer.session_id);
    renderAnswer(body, answer);
    setStatus("chat-status", answer.abstained ? "citebot abstained." : `${answer.citations.length} quote(s).`);
  } catch (err) {
    body.replaceChildren(el("p", { class: "error", text: err.message }));
    setStatus("chat-status", err.message, "error");
  } finally {
    $("chat-send").disabled = false;
    scrollTranscript();
    input.focus();
  }
}

async function restoreChat() {
  if (!state.chatSession) return;
  try {
    const session = await api(`/chat/sessions/${encodeURIComponent(state.chatSession)}`);
    for (const turn of session.turns) {
      if (turn.role === "user") addUserTurn(turn.text);
      else if (turn.response) renderAnswer(addBotTurn(), turn.response);
    }
    scrollTranscript();
  } catch (err) {
    if (err.status === 404) setChatSession(null);
  }
}

function newChat() {
  setChatSession(null);
  $("transcript").replaceChildren(
    el("p", { class: "empty-hint", id: "chat-hint", text: "New conversation. Ask a question about the brief." }),
  );
  $("chat-input").focus();
}

// ----- sources panel ----------------------------------------------------------------------------------------
function cached(map, key, load) {
  if (!map.has(key)) {
    const promise = load().catch((err) => {
      map.delete(key);
      throw err;
    });
    map.set(key, promise);
  }
  return map.get(key);
}

const briefDetail = (id) => cached(state.details, id, () => api(`/briefs/${encodeURIComponent(id)}`));
const briefFootnotes = (id) =>
  cached(state.footnotes, id, async () => (await api(`/briefs/${encodeURIComponent(id)}/footnotes`)).footnotes);
const briefAudit = (id) =>
  cached(state.audits, id, async () => {
    try {
      return (await api(`/briefs/${encodeURIComponent(id)}/audit`)).findings || [];
    } catch (err) {
      return null; // no audit available: the panel simply shows none
    }
  });

function field(label, value) {
  return [el("dt", { text: label }), el("dd", {}, [value instanceof Node ? value : el("span", { text: value || "—" })])];
}

const FINDING_TITLES = {
  possible_miscitation: "This footnote may be mis-cited",
  date_url_mismatch: "The footnote's date and URL disagree",
  orphan_footnote: "This footnote is never cited",
  undefined_marker: "A marker points at a footnote that does not exist",
  likely_source: "This footnote may also be the source of an uncited sentence",
  missing_url: "This footnote has no URL",
  malformed_url: "This footnote's URL looks malformed",
};

function sourceBlock(src, heading) {
  return el("div", { class: "source" }, [
    el("h3", { text: heading }),
    el("dl", {}, [
      ...field("Title", src.title),
      ...field("Publisher", src.publisher),
      ...field("Date", src.date),
      ...field("URL", src.url ? safeLink(src.url) : null),
    ]),
  ]);
}

function showSide(panel, focus) {
  panel.hidden = false;
  document.body.classList.add("side-open");
  if (focus) {
    panel.focus({ preventScroll: true });
    if (window.matchMedia("(max-width: 899px)").matches) panel.scrollIntoView({ block: "start" });
  }
}

async function openSource(button, citation) {
  const n = Number(button.dataset.footnote);
  const briefId = button.dataset.brief || citation.brief_id;
  state.lastOpener = button;
  const body = $("sources-body");
  let src = (citation.sources || []).find((s) => s.number === n);
  if (!src) src = (await briefFootnotes(briefId).catch(() => [])).find((f) => f.number === n);
  body.replaceChildren(
    src ? sourceBlock(src, `Footnote ${n}`) : el("p", { text: `Footnote ${n} has no parsed source.` }),
    el("p", { class: "meta" }, ["In ", el("cite", { text: briefName(briefId) })]),
  );
  const audit = el("div", { class: "audit", "aria-live": "polite" });
  body.append(audit);
  showSide($("sources-panel"), true);
  openReader(citation, n);
  const findings = await briefAudit(briefId);
  if (findings === null) return;
  const mine = findings.filter((f) => f.footnote === n);
  if (!mine.length) {
    audit.append(el("p", { class: "ok", text: "The citation audit found no problem with this footnote." }));
    return;
  }
  audit.append(el("h3", { text: "Citation audit" }));
  const list = el("ul", { class: "findings" });
  // Mis-citations first: they are what a reader of this quote most needs to know.
  mine.sort((a, b) => (b.code === "possible_miscitation") - (a.code === "possible_miscitation"));
  for (const f of mine) {
    list.append(
      el("li", { class: `finding ${f.severity || ""}` }, [
        el("p", { class: "finding-title" }, [
          el("span", { class: "badge", text: f.severity || "note" }),
          " ",
          el("strong", { text: FINDING_TITLES[f.code] || (f.code || "finding").replace(/_/g, " ") }),
          f.suggested ? el("span", { class: "badge suggested", text: "suggested" }) : null,
        ]),
        el("p", { class: "finding-message", text: f.message }),
      ]),
    );
  }
  audit.append(list);
}

function openTableSources(button, citation) {
  state.lastOpener = button;
  const body = $("sources-body");
  body.replaceChildren(...citation.sources.map((s, i) => sourceBlock(s, `Source ${i + 1} of the table`)));
  showSide($("sources-panel"), true);
  openReader(citation);
}

// ----- reader -----------------------------------------------------------------------------------------------
async function openReader(citation, footnote = null, focus = false) {
  const panel = $("reader-panel");
  const text = $("reader-text");
  try {
    const [brief, notes] = await Promise.all([briefDetail(citation.brief_id), briefFootnotes(citation.brief_id)]);
    $("reader-meta").replaceChildren(
      el("cite", { text: brief.title || brief.id }),
      ...[brief.organisation, brief.date].filter(Boolean).map((part) => ` · ${part}`),
    );
    const { start, end } = citation;
    // Highlight only a span that really is the quote (it always should be: quotes are verified server-side).
    const exact = brief.text.slice(start, end) === citation.quote;
    const mark = el("mark", { id: "reader-highlight", text: exact ? brief.text.slice(start, end) : "" });
    if (exact) text.replaceChildren(brief.text.slice(0, start), mark, brief.text.slice(end));
    else text.replaceChildren(brief.text);
    const list = $("reader-footnotes");
    list.replaceChildren(
      ...notes.map((f) => {
        const li = el("li", { value: f.number, class: (citation.footnotes || []).includes(f.number) ? "cited" : "" }, [
          el("span", { class: "fn-title", text: f.title || f.raw }),
          f.publisher ? el("span", { text: ` — ${f.publisher}` }) : null,
          f.date ? el("span", { text: `, ${f.date}` }) : null,
          f.url ? el("span", {}, [" ", safeLink(f.url, "link")]) : null,
        ]);
        if (f.number === footnote) li.classList.add("current");
        return li;
      }),
    );
    showSide(panel, focus);
    if (exact) {
      // Scroll inside the reader only, so the page itself does not jump.
      text.scrollTop = Math.max(0, mark.offsetTop - text.clientHeight / 3);
    }
  } catch (err) {
    text.replaceChildren(el("p", { class: "error", text: `The brief could not be loaded: ${err.message}` }));
    showSide(panel, focus);
  }
}

function closeSide(id) {
  $(id).hidden = true;
  if ($("sources-panel").hidden && $("reader-panel").hidden) document.body.classList.remove("side-open");
  if (state.lastOpener && document.contains(state.lastOpener)) state.lastOpener.focus();
}

function onDocumentClick(event) {
  const target = event.target.closest("button");
  if (!target) return;
  const figure = target.closest("figure.citation");
  const citation = figure && citationOf.get(figure);
  if (!citation) return;
  if (target.dataset.footnote) openSource(target, citation);
  else if (target.dataset.sources) openTableSources(target, citation);
  else if (target.dataset.reader) {
    state.lastOpener = target;
    openReader(citation, null, true);
  }
}

// ----- check a claim ----------------------------------------------------------------------------------------
const VERDICTS = {
  supported: "Supported by the brief",
  contradicted: "Contradicted by the brief",
  not_found: "Not found in the brief",
};

async function onCheck(event) {
  event.preventDefault();
  const claim = $("check-input").value.trim();
  if (!claim) return;
  const out = $("check-result");
  out.replaceChildren();
  $("check-send").disabled = true;
  setStatus("check-status", "Checking…");
  try {
    const result = await api("/check", { method: "POST", json: { claim, brief_id: scopeId() } });
    const verdict = el("p", { class: `verdict verdict-${result.verdict}`, "data-verdict": result.verdict }, [
      el("strong", { text: VERDICTS[result.verdict] || result.verdict }),
      typeof result.confidence === "number"
        ? el("span", { class: "confidence", text: ` · confidence ${Math.round(result.confidence * 100)}%` })
        : null,
    ]);
    out.append(verdict);
    if (result.explanation) out.append(el("p", { class: "explanation", text: result.explanation }));
    if ((result.citations || []).length) {
      out.append(el("h2", { text: "Evidence" }));
      for (const c of result.citations) out.append(renderCitation(c));
    }
    setStatus("check-status", "");
  } catch (err) {
    setStatus("check-status", err.message, "error");
  } finally {
    $("check-send").disabled = false;
  }
}

// ----- quiz ---------------------------------------------------------------------------------------------------
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

async function refreshScore() {
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

// ----- library ------------------------------------------------------------------------------------------------
async function loadBriefs() {
  try {
    state.briefs = await api("/briefs");
  } catch (err) {
    if (err.status === 503) {
      setStatus("chat-status", "citebot is starting: the index is still loading…");
      setTimeout(loadBriefs, 2000);
      return;
    }
    setStatus("chat-status", err.message, "error");
    return;
  }
  state.byId = new Map(state.briefs.map((b) => [b.id, b]));
  if (state.scope && !state.byId.has(state.scope)) setScope("");
  renderPicker();
  renderLibrary();
  if ($("chat-status").textContent.startsWith("citebot is starting")) setStatus("chat-status", "");
}

function setScope(id) {
  state.scope = id;
  if (id) localStorage.setItem(STORE.scope, id);
  else localStorage.removeItem(STORE.scope);
  $("brief-picker").value = id;
}

function renderPicker() {
  const picker = $("brief-picker");
  picker.replaceChildren(
    el("option", { value: "", text: "All briefs" }),
    ...state.briefs.map((b) => el("option", { value: b.id, text: b.title || b.id })),
  );
  picker.value = state.scope;
  $("scope").hidden = state.briefs.length < 2;
}

function renderLibrary() {
  const list = $("brief-list");
  if (!state.briefs.length) {
    list.replaceChildren(el("li", { class: "empty-hint", text: "The library is empty. Upload a brief below." }));
    return;
  }
  list.replaceChildren(
    ...state.briefs.map((b) => {
      const counts = b.counts || {};
      return el("li", { class: "brief-item" }, [
        el("div", {}, [
          el("p", { class: "brief-title", text: b.title || b.id }),
          el("p", {
            class: "meta",
            text: [b.organisation, b.date, `${counts.footnotes ?? "?"} footnotes`, `${counts.sentences ?? "?"} sentences`]
              .filter(Boolean)
              .join(" · "),
          }),
        ]),
        el("div", { class: "brief-actions" }, [
          el("button", {
            type: "button",
            class: "ghost",
            text: state.scope === b.id ? "Selected" : "Ask about this brief",
            "aria-pressed": String(state.scope === b.id),
            onclick: () => {
              setScope(state.scope === b.id ? "" : b.id);
              renderLibrary();
            },
          }),
          el("button", {
            type: "button",
            class: "ghost",
            text: "Read",
            onclick: (e) => {
              state.lastOpener = e.currentTarget;
              openReader({ brief_id: b.id, start: 0, end: 0, quote: "", footnotes: [] }, null, true);
            },
          }),
          el("button", {
            type: "button",
            class: "ghost danger",
            text: "Remove",
            "aria-label": `Remove ${b.title || b.id} from the library`,
            onclick: (e) => confirmRemove(e.currentTarget, b),
          }),
        ]),
      ]);
    }),
  );
}

/** Removing asks once more, inline (no modal dialog), and keeps keyboard focus on the choice. */
function confirmRemove(button, brief) {
  const name = brief.title || brief.id;
  const box = el("span", { class: "confirm", role: "group", "aria-label": `Remove ${name}?` }, [
    el("button", {
      type: "button",
      class: "ghost danger",
      text: "Yes, remove it",
      onclick: async () => {
        try {
          await api(`/briefs/${encodeURIComponent(brief.id)}`, { method: "DELETE" });
          for (const cache of [state.details, state.footnotes, state.audits]) cache.delete(brief.id);
          if (state.scope === brief.id) setScope("");
          setStatus("upload-status", `Removed “${name}”.`, "ok");
          await loadBriefs();
          $("upload-file").focus();
        } catch (err) {
          setStatus("upload-status", err.message, "error");
        }
      },
    }),
    el("button", { type: "button", class: "ghost", text: "Cancel", onclick: () => renderLibrary() }),
  ]);
  button.replaceWith(box);
  box.querySelector("button").focus();
}

async function onUpload(event) {
  event.preventDefault();
  const file = $("upload-file").files[0];
  if (!file) return;
  const form = new FormData();
  form.append("file", file, file.name);
  $("upload-send").disabled = true;
  setStatus("upload-status", `Uploading ${file.name}…`);
  const out = $("upload-result");
  out.replaceChildren();
  try {
    const result = await api("/briefs", { method: "POST", body: form });
    const brief = result.brief || result;
    const id = brief.id || result.brief_id;
    state.details.delete(id);
    state.footnotes.delete(id);
    state.audits.delete(id);
    await loadBriefs();
    if (id && state.byId.has(id)) {
      setScope(id);
      renderLibrary();
    }
    setStatus("upload-status", `Added “${briefName(id)}”. Questions now go to this brief.`, "ok");
    const warnings = result.warnings || [];
    const status = result.status ? `${result.status}, ` : "";
    out.append(el("p", { class: "meta", text: `${status}${result.passages ?? (brief.counts || {}).passages ?? "?"} passages` }));
    if (warnings.length) {
      out.append(
        el("p", { text: "Parser warnings:" }),
        el("ul", { class: "findings" }, warnings.map((w) => el("li", { text: w.message || w.code }))),
      );
    }
    $("upload-file").value = "";
  } catch (err) {
    setStatus("upload-status", err.message, "error");
  } finally {
    $("upload-send").disabled = false;
  }
}

// ----- tabs ---------------------------------------------------------------------------------------------------
function selectTab(tab, focus = true) {
  for (const t of document.querySelectorAll('[role="tab"]')) {
    const on = t === tab;
    t.setAttribute("aria-selected", String(on));
    t.tabIndex = on ? 0 : -1;
    $(t.getAttribute("aria-controls")).hidden = !on;
  }
  if (focus) tab.focus();
  if (tab.id === "tab-quiz") refreshScore();
}

function onTabKey(event) {
  const tabs = [...document.querySelectorAll('[role="tab"]')];
  const i = tabs.indexOf(event.target);
  if (i < 0) return;
  const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[event.key];
  if (next === undefined) return;
  event.preventDefault();
  selectTab(tabs[(next + tabs.length) % tabs.length]);
}

// ----- start ----------------------------------------------------------------------------------------------------
function init() {
  for (const tab of document.querySelectorAll('[role="tab"]')) tab.addEventListener("click", () => selectTab(tab));
  document.querySelector('[role="tablist"]').addEventListener("keydown", onTabKey);
  document.addEventListener("click", onDocumentClick);
  document.addEventListener("keydown", (e) => {
    if (e.key !== "Escape") return;
    if (!$("sources-panel").hidden) closeSide("sources-panel");
    else if (!$("reader-panel").hidden) closeSide("reader-panel");
  });
  $("chat-form").addEventListener("submit", onAsk);
  $("chat-input").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      $("chat-form").requestSubmit();
    }
  });
  $("new-chat").addEventListener("click", newChat);
  $("check-form").addEventListener("submit", onCheck);
  $("quiz-next").addEventListener("click", () => quizNext());
  $("quiz-form").addEventListener("submit", onQuizAnswer);
  $("quiz-review").addEventListener("click", toggleMistakes);
  $("quiz-reset").addEventListener("click", resetQuiz);
  $("upload-form").addEventListener("submit", onUpload);
  $("brief-picker").addEventListener("change", (e) => {
    setScope(e.target.value);
    renderLibrary();
  });
  $("sources-close").addEventListener("click", () => closeSide("sources-panel"));
  $("reader-close").addEventListener("click", () => closeSide("reader-panel"));
  loadBriefs().then(restoreChat);
  refreshScore();
  document.documentElement.dataset.ready = "1";
}

document.addEventListener("DOMContentLoaded", init);
