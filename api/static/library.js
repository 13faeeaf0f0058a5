/* The library: the brief picker, the list of briefs, upload (POST /briefs) and removal (DELETE). */

import { $, STORE, api, briefName, el, setStatus, state } from "./core.js";
import { forgetBrief, openReader } from "./citations.js";

export async function loadBriefs() {
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
          forgetBrief(brief.id);
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
    let result;
    try {
      result = await api("/briefs", { method: "POST", body: form });
    } catch (err) {
      // Another brief is filed under this name: replace it only when the user says so.
      if (err.status !== 409 || !window.confirm(`${err.message}\n\nReplace it with ${file.name}?`)) throw err;
      form.append("replace", "true");
      result = await api("/briefs", { method: "POST", body: form });
    }
    const brief = result.brief || result;
    const id = brief.id || result.brief_id;
    forgetBrief(id);
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


export function initLibrary() {
  $("upload-form").addEventListener("submit", onUpload);
  $("brief-picker").addEventListener("change", (e) => {
    setScope(e.target.value);
    renderLibrary();
  });
}
