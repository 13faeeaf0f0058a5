/* citebot web UI: plain JavaScript modules, no build step.
 *
 * Safety rule: text that comes from a document (quotes, titles, footnotes, the brief itself) is only ever set
 * with textContent / createTextNode, never as HTML, so a brief containing <script> shows it as text. Links from
 * footnotes are only made clickable for http(s) URLs. The server also sends a strict Content-Security-Policy.
 */

import { $ } from "./core.js";
import { closeSide, onDocumentClick } from "./citations.js";
import { initChat, restoreChat } from "./chat.js";
import { initCheck } from "./check.js";
import { initLibrary, loadBriefs } from "./library.js";
import { initQuiz, refreshScore } from "./quiz.js";

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
  $("sources-close").addEventListener("click", () => closeSide("sources-panel"));
  $("reader-close").addEventListener("click", () => closeSide("reader-panel"));
  initChat();
  initCheck();
  initQuiz();
  initLibrary();
  loadBriefs().then(restoreChat);
  refreshScore();
  document.documentElement.dataset.ready = "1";
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
else init();
