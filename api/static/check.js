/* Check a claim: POST /check, shown as verdict, explanation and evidence quotes. */

import { $, api, el, scopeId, setStatus } from "./core.js";
import { renderCitation } from "./citations.js";

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


export function initCheck() {
  $("check-form").addEventListener("submit", onCheck);
}
