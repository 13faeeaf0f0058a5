"""GET /briefs, /briefs/{id}, /briefs/{id}/footnotes over the real library."""

from __future__ import annotations


def test_list_has_the_bundled_brief_with_counts(client, bundled_brief):
    briefs = client.get("/briefs").json()
    assert [b["id"] for b in briefs] == [bundled_brief.id]
    b = briefs[0]
    assert b["title"] == "PROSPECTS OF RESUMPTION OF US-NORTH KOREA NUCLEAR TALKS"
    assert b["date"] == "2022-04-29"
    assert b["authors"] == [{"name": "Zainab Fatima", "role": "Intern"}]
    assert b["counts"]["footnotes"] == 18
    assert b["counts"]["passages"] == len(bundled_brief.passages)
    assert b["counts"]["warnings"] == len(bundled_brief.warnings)


def test_detail_has_metadata_warnings_and_the_canonical_text(client, bundled_brief):
    b = client.get(f"/briefs/{bundled_brief.id}").json()
    assert b["text"] == bundled_brief.text
    assert b["editors"] == ["Malik Qasim Mustafa"]
    assert b["content_hash"] == bundled_brief.content_hash
    assert any(w["code"] == "orphan_footnote" and w["footnote"] == 5 for w in b["warnings"])


def test_footnotes_are_the_parsers_with_their_citation_counts(client, bundled_brief):
    out = client.get(f"/briefs/{bundled_brief.id}/footnotes").json()
    assert out["brief_id"] == bundled_brief.id
    notes = {f["number"]: f for f in out["footnotes"]}
    assert sorted(notes) == list(range(1, 19))
    assert notes[11]["title"] == "Failure of the Hanoi Summit: What Lies Ahead?"
    assert notes[11]["publisher"] == "Observer Research Foundation"
    assert notes[11]["date"] == "2019-03-13"
    assert notes[11]["cited"] >= 1
    assert notes[5]["cited"] == 0  # defined but never cited: the brief's orphan footnote


def test_unknown_brief_is_404(client):
    for path in ("/briefs/no-such-brief", "/briefs/no-such-brief/footnotes"):
        r = client.get(path)
        assert r.status_code == 404
        assert r.json() == {"detail": "no brief with id 'no-such-brief'", "code": "brief_not_found"}
