"""The chat in real headless Chromium: streamed quotes with footnote markers, the sources panel, the reader,
history per session, keyboard use and labelled controls."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

HANOI = "Why did the Hanoi summit fail?"
HANOI_QUOTE = "sanctions to be lifted completely"


def ask(page, question):
    """Type a question, send it with Enter, and wait for the streamed answer to finish."""
    page.fill("#chat-input", question)
    page.press("#chat-input", "Enter")
    page.wait_for_function("!document.querySelector('#chat-send').disabled && !document.querySelector('.thinking')")


def citation_with(page, text):
    return page.locator("#transcript figure.citation", has_text=text).first


def test_ask_shows_a_quote_with_a_footnote_marker_and_its_brief(ui, bundled_brief):
    ask(ui, HANOI)
    fig = citation_with(ui, HANOI_QUOTE)
    assert fig.locator("blockquote").inner_text().strip("“”") in bundled_brief.text
    marker = fig.locator("button[data-footnote]")
    assert marker.first.get_attribute("data-footnote") == "11"
    assert marker.first.inner_text() == "11"  # the brackets around it come from CSS
    assert bundled_brief.title in fig.locator("cite").inner_text()


def test_uncited_quotes_and_abstentions_are_shown_plainly(ui):
    ask(ui, "How far did the Hwasong-17 fly?")
    fig = citation_with(ui, "1,090 km")
    assert fig.locator(".badge.uncited").inner_text() == "uncited in the brief"
    assert fig.locator("button[data-footnote]").count() == 0
    ask(ui, "What is the capital of France?")
    abstain = ui.locator("#transcript .abstain").last
    assert "No answer in the brief" in abstain.inner_text()


def test_clicking_a_marker_shows_the_source_and_the_quote_in_the_brief(ui, bundled_brief, artifacts_dir):
    ask(ui, HANOI)
    fig = citation_with(ui, HANOI_QUOTE)
    fig.locator("button[data-footnote='11']").click()
    panel = ui.locator("#sources-panel")
    panel.wait_for(state="visible")
    fn = bundled_brief.footnote(11)
    assert fn.title in panel.inner_text()
    assert fn.publisher in panel.inner_text()
    assert fn.date in panel.inner_text()
    link = panel.locator("a[href]")
    assert link.get_attribute("href") == fn.url
    assert link.get_attribute("rel") == "noopener noreferrer"
    # The reader shows the brief with exactly the quoted span highlighted, scrolled into view.
    mark = ui.locator("#reader-highlight")
    mark.wait_for(state="visible")
    quote = fig.locator("blockquote").inner_text()
    assert mark.inner_text() == quote
    text = ui.locator("#reader-text")
    assert text.evaluate(
        "(box) => { const m = box.querySelector('mark'); const a = box.getBoundingClientRect(), "
        "b = m.getBoundingClientRect(); return b.top >= a.top && b.bottom <= a.bottom; }"
    )
    assert ui.locator("#reader-footnotes li").count() == len(bundled_brief.footnotes)
    assert "cited" in ui.locator("#reader-footnotes li[value='11']").get_attribute("class")
    # What the citation audit says about footnote 11 (here: it may also source an uncited sentence).
    ui.locator("#sources-panel .audit .finding, #sources-panel .audit .ok").first.wait_for()
    shot = artifacts_dir / "chat-with-sources.png"
    ui.screenshot(path=str(shot), full_page=True)
    print(f"\nscreenshot of the chat with its sources panel open: {shot}")
    assert shot.stat().st_size > 10_000


def test_the_sources_panel_shows_audit_findings_for_that_footnote(ui, live_server, bundled_brief, artifacts_dir):
    import json
    import urllib.request

    with urllib.request.urlopen(f"{live_server}/briefs/{bundled_brief.id}/audit") as r:
        findings = json.load(r)["findings"]
    flagged = next(f for f in findings if f["code"] == "possible_miscitation" and f["passage_id"])
    # Ask with the flagged sentence's own words, so its quote and marker are on screen.
    sentence = bundled_brief.passage(flagged["passage_id"]).text
    ask(ui, sentence)
    marker = citation_with(ui, sentence[:40]).locator(f"button[data-footnote='{flagged['footnote']}']")
    marker.click()
    audit = ui.locator("#sources-panel .audit")
    audit.locator("li").first.wait_for()
    assert "This footnote may be mis-cited" in audit.inner_text()
    assert flagged["message"] in audit.inner_text()
    shot = artifacts_dir / "sources-with-audit-finding.png"
    ui.screenshot(path=str(shot), full_page=True)
    print(f"\nscreenshot of a footnote the audit flags: {shot}")


def test_markers_work_from_the_keyboard_and_escape_returns_focus(ui):
    ask(ui, HANOI)
    marker = citation_with(ui, HANOI_QUOTE).locator("button[data-footnote='11']")
    marker.focus()
    ui.keyboard.press("Enter")
    ui.locator("#sources-panel").wait_for(state="visible")
    assert ui.evaluate("document.activeElement.id") == "sources-panel"
    ui.keyboard.press("Escape")
    ui.locator("#sources-panel").wait_for(state="hidden")
    assert ui.evaluate("document.activeElement.dataset.footnote") == "11"
    # Tabs follow the ARIA pattern: arrow keys move between them.
    ui.focus("#tab-chat")
    ui.keyboard.press("ArrowRight")
    assert ui.evaluate("document.activeElement.id") == "tab-check"
    assert ui.locator("#panel-check").is_visible()


def test_history_is_kept_per_session_across_reloads(ui):
    ask(ui, HANOI)
    session = ui.evaluate("localStorage.getItem('citebot.chatSession')")
    assert session
    ui.reload()
    ui.wait_for_selector("html[data-ready='1']")
    citation_with(ui, HANOI_QUOTE).wait_for()
    assert ui.locator("#transcript .turn.user").first.inner_text() == HANOI
    ui.click("#new-chat")
    assert ui.evaluate("localStorage.getItem('citebot.chatSession')") is None
    assert ui.locator("#transcript figure.citation").count() == 0


def test_every_control_is_labelled_and_focus_is_visible(ui):
    unlabelled = ui.evaluate(
        """() => [...document.querySelectorAll('input, select, textarea, button')]
              .filter((c) => !(c.labels && c.labels.length) && !c.getAttribute('aria-label') && !c.textContent.trim())
              .map((c) => c.outerHTML)"""
    )
    assert unlabelled == []
    ui.focus("#chat-input")
    outline = ui.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_usable_at_phone_width(ui):
    ui.set_viewport_size({"width": 375, "height": 740})
    ask(ui, HANOI)
    fig = citation_with(ui, HANOI_QUOTE)
    assert ui.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    fig.locator("button[data-footnote='11']").click()
    panel = ui.locator("#sources-panel")
    panel.wait_for(state="visible")
    box = panel.bounding_box()
    assert box["width"] <= 375
    assert ui.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


CONTRAST_JS = """
() => {
  const rgb = (s) => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (let n = el; n; n = n.parentElement) {
      const c = rgb(getComputedStyle(n).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] === 1)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const failures = [];
  for (const el of document.querySelectorAll('body *')) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own || !el.getClientRects().length || el.closest('[hidden]') || el.disabled) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || el.classList.contains('visually-hidden')) continue;
    const a = lum(rgb(style.color)), b = lum(background(el));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const text = el.textContent.trim().slice(0, 30);
    if (ratio < 4.5) failures.push(`${el.tagName}.${el.className}: ${ratio.toFixed(2)} "${text}"`);
  }
  return failures;
}
"""


def test_text_has_sufficient_contrast(ui):
    ask(ui, HANOI)
    ask(ui, "How far did the Hwasong-17 fly?")
    ask(ui, "What is the capital of France?")
    citation_with(ui, HANOI_QUOTE).locator("button[data-footnote='11']").click()
    ui.locator("#reader-highlight").wait_for()
    assert ui.evaluate(CONTRAST_JS) == []
    ui.click("#tab-quiz")
    ui.click("#quiz-next")
    ui.fill("#quiz-answer", "zebra")
    ui.press("#quiz-answer", "Enter")
    ui.locator("#quiz-feedback .grade").wait_for()
    assert ui.evaluate(CONTRAST_JS) == []
