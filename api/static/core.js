/* Shared state and small helpers: element creation (text only), the JSON API client, caches. */

export const STORE = { chat: "citebot.chatSession", quiz: "citebot.quizSession", scope: "citebot.scope" };

export const state = {
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

// ----- small helpers ------------------------------------------------------------------------------------
export const $ = (id) => document.getElementById(id);

/** Create an element; `text` is always set as text, never parsed as HTML. */
export function el(tag, props = {}, children = []) {
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
export function safeLink(url, label) {
  if (typeof url === "string" && /^https?:\/\//i.test(url.trim())) {
    return el("a", { href: url.trim(), target: "_blank", rel: "noopener noreferrer", text: label || url });
  }
  return el("span", { text: url || "—" });
}

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.detail) || `request failed (HTTP ${status})`);
    this.status = status;
    this.code = body && body.code;
  }
}

export const KEY_STORE = "citebot.key";

/** The Authorization header for the key this tab was given, if any (kept for the tab's life only). */
export function authHeaders() {
  const key = sessionStorage.getItem(KEY_STORE);
  return key ? { Authorization: `Bearer ${key}` } : {};
}

/** After a 401: true when the caller should retry, because another request got a key meanwhile (`usedKey` is
 * the key this one was sent with) or because the user typed one in now. */
export function askForKey(detail, usedKey = null) {
  if (sessionStorage.getItem(KEY_STORE) !== usedKey) return true;
  const key = window.prompt(`This citebot needs a key: ${detail || "enter it to continue"}`);
  if (!key || !key.trim()) return false;
  sessionStorage.setItem(KEY_STORE, key.trim());
  return true;
}

export async function api(path, { method = "GET", json, body } = {}, retried = false) {
  const usedKey = sessionStorage.getItem(KEY_STORE);
  const init = { method, headers: { Accept: "application/json", ...authHeaders() } };
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
  if (response.status === 401 && !retried && askForKey(data && data.detail, usedKey)) {
    return api(path, { method, json, body }, true);
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

export function setStatus(id, text, kind = "") {
  const node = $(id);
  node.textContent = text || "";
  node.className = `status ${kind}`.trim();
}

export function briefName(id) {
  const brief = state.byId.get(id);
  return (brief && (brief.title || brief.id)) || id;
}

export function scopeId() {
  return state.scope || null;
}


export function cached(map, key, load) {
  if (!map.has(key)) {
    const promise = load().catch((err) => {
      map.delete(key);
      throw err;
    });
    map.set(key, promise);
  }
  return map.get(key);
}
