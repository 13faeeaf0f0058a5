/* The chat: questions streamed from /chat/stream (SSE over fetch), history per session in localStorage. */

import { $, ApiError, KEY_STORE, STORE, api, askForKey, authHeaders, el, scopeId, setStatus, state } from "./core.js";
import { renderAnswer, renderCitation } from "./citations.js";

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
  const usedKey = sessionStorage.getItem(KEY_STORE);
  const response = await fetch("/chat/stream", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "text/event-stream", ...authHeaders() },
    body: JSON.stringify({ message, session_id: state.chatSession, brief_id: scopeId() }),
  });
  if (!response.ok) {
    const data = await response.json().catch(() => null);
    if (response.status === 401 && !retried && askForKey(data && data.detail, usedKey)) {
      return streamAnswer(message, body, true);
    }
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

export async function restoreChat() {
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


export function initChat() {
  $("chat-form").addEventListener("submit", onAsk);
  $("chat-input").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      $("chat-form").requestSubmit();
    }
  });
  $("new-chat").addEventListener("click", newChat);
}
