/* Citations as block quotes with footnote markers, the sources panel (with audit findings) and the reader. */

import { $, api, briefName, cached, el, safeLink, state } from "./core.js";

const citationOf = new WeakMap(); // figure element -> citation JSON

// ----- citations ------------------------------------------------------------------------------------------
/** A citation as a block quote with its footnote markers (buttons with data-footnote) and its brief named. */
export function renderCitation(c) {
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

export function renderAnswer(container, response) {
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


// ----- sources panel ----------------------------------------------------------------------------------------
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
  dead_link: "This footnote's link is dead (an archived copy is used)",
  source_unavailable: "This footnote's source could not be fetched",
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
  const fetched = el("div", { class: "fetched-source", "aria-live": "polite" });
  const audit = el("div", { class: "audit", "aria-live": "polite" });
  body.append(fetched, audit);
  showSide($("sources-panel"), true);
  openReader(citation, n);
  showFetchedSource(fetched, briefId, n, citation.quote);
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

const FETCH_STATUS = {
  local: "Source file provided",
  fetched: "Fetched from the live link",
  archived: "Live link dead: archived copy used",
  failed: "Could not be fetched",
  not_fetched: "Not fetched yet",
};

/** The footnote's fetched source: status, live or archived link, and its passage closest to the citing sentence. */
async function showFetchedSource(box, briefId, n, sentence) {
  let info;
  try {
    const q = sentence ? `?sentence=${encodeURIComponent(sentence.slice(0, 2000))}` : "";
    info = await api(`/briefs/${encodeURIComponent(briefId)}/sources/${n}${q}`);
  } catch (err) {
    return; // no source information: the panel shows the footnote alone
  }
  const status = FETCH_STATUS[info.status] || info.status;
  const when = info.archive_date ? ` (snapshot of ${info.archive_date})` : info.fetched_at ? ` (${info.fetched_at})` : "";
  box.append(el("h3", { text: "The cited source" }), el("p", { class: "meta", text: status + when }));
  if (info.reason && info.status !== "fetched") box.append(el("p", { class: "meta", text: info.reason }));
  const link = info.archived || info.final_url;
  if (link) box.append(el("p", {}, [safeLink(link, info.archived ? "archived copy" : "live page")]));
  if (info.passage) {
    box.append(
      el("figure", { class: "citation source-passage" }, [
        el("blockquote", { text: info.passage.quote }),
        el("figcaption", { class: "cite-meta", text: `What the source of [${n}] says (not the brief's words)` }),
      ]),
    );
  }
}

function openTableSources(button, citation) {
  state.lastOpener = button;
  const body = $("sources-body");
  body.replaceChildren(...citation.sources.map((s, i) => sourceBlock(s, `Source ${i + 1} of the table`)));
  showSide($("sources-panel"), true);
  openReader(citation);
}

// ----- reader -----------------------------------------------------------------------------------------------
export async function openReader(citation, footnote = null, focus = false) {
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

export function closeSide(id) {
  $(id).hidden = true;
  if ($("sources-panel").hidden && $("reader-panel").hidden) document.body.classList.remove("side-open");
  if (state.lastOpener && document.contains(state.lastOpener)) state.lastOpener.focus();
}

export function onDocumentClick(event) {
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


/** Forget what is cached about a brief (after it was uploaded again or removed). */
export function forgetBrief(id) {
  for (const cache of [state.details, state.footnotes, state.audits]) cache.delete(id);
}
