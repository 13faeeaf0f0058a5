"""POST /chat over the real engine: verified quotes with the brief's footnotes, abstention, sessions."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.main import create_app

HANOI = "Why did the Hanoi summit fail?"


def _chat(client, **body):
    return client.post("/chat", json=body)


def test_hanoi_question_returns_a_verified_quote_with_footnote_11(client):
    r = _chat(client, message=HANOI, session_id=None, brief_id=None, top_k=3)
    assert r.status_code == 200
    body = r.json()
    assert set(body) == {"session_id", "abstained", "answer", "citations"}
    assert body["abstained"] is False
    cited = next(c for c in body["citations"] if "Pyongyang wanted sanctions to be lifted completely" in c["quote"])
    assert cited["footnotes"] == [11]
    assert cited["verified"] is True
    assert cited["sources"][0]["number"] == 11
    assert cited["sources"][0]["publisher"] == "Observer Research Foundation"
    assert "[11]" in body["answer"]


def test_every_citation_has_the_design_md_shape(client):
    body = _chat(client, message=HANOI).json()
    for c in body["citations"]:
        assert {"quote", "footnotes", "sources", "brief_id", "start", "end", "kind", "score", "verified"} <= set(c)
        for s in c["sources"]:
            assert set(s) == {"number", "title", "publisher", "date", "url"}


def test_quotes_are_word_for_word_spans_of_the_served_brief_text(client):
    body = _chat(client, message=HANOI).json()
    for c in body["citations"]:
        text = client.get(f"/briefs/{c['brief_id']}").json()["text"]
        assert text[c["start"] : c["end"]] == c["quote"]


def test_answer_text_is_made_of_the_quotes(client):
    body = _chat(client, message=HANOI).json()
    for c in body["citations"]:
        assert f"“{c['quote']}”" in body["answer"]


def test_unanswerable_question_abstains_without_citations(client):
    body = _chat(client, message="What is the capital of France?").json()
    assert body["abstained"] is True
    assert body["citations"] == []
    assert "does not address" in body["answer"]


def test_top_k_caps_the_number_of_quotes(client):
    body = _chat(client, message=HANOI, top_k=1).json()
    assert len(body["citations"]) == 1


def test_brief_id_of_a_known_brief_is_accepted(client, bundled_brief):
    body = _chat(client, message=HANOI, brief_id=bundled_brief.id).json()
    assert all(c["brief_id"] == bundled_brief.id for c in body["citations"])


def test_message_is_stripped_before_answering(client):
    body = _chat(client, message=f"   {HANOI}\n").json()
    assert body["abstained"] is False


def test_a_new_session_id_is_returned_for_a_null_session(client):
    first = _chat(client, message=HANOI).json()["session_id"]
    second = _chat(client, message=HANOI).json()["session_id"]
    assert first and second and first != second


def test_the_same_session_id_comes_back_on_a_follow_up(client):
    sid = _chat(client, message=HANOI).json()["session_id"]
    assert _chat(client, message="what did Trump promise there?", session_id=sid).json()["session_id"] == sid


def test_follow_up_resolves_against_the_earlier_question(client):
    sid = _chat(client, message=HANOI).json()["session_id"]
    body = _chat(client, message="what did Trump promise there?", session_id=sid).json()
    assert body["abstained"] is False
    promise = next(c for c in body["citations"] if "promised to destroy a facility" in c["quote"])
    assert promise["footnotes"] == [11]


def test_a_pronoun_follow_up_is_answered_only_within_its_session(client):
    question = "How far did it fly?"
    alone = _chat(client, message=question).json()
    assert alone["abstained"] or "1,090 km" not in alone["citations"][0]["quote"]
    sid = _chat(client, message="When did North Korea test its monster missile?").json()["session_id"]
    followed = _chat(client, message=question, session_id=sid).json()
    assert "1,090 km" in followed["citations"][0]["quote"]


def test_earlier_questions_of_the_session_are_passed_as_history(fake_client, fake_engine):
    sid = fake_client.post("/chat", json={"message": "first question"}).json()["session_id"]
    fake_client.post("/chat", json={"message": "second question", "session_id": sid})
    fake_client.post("/chat", json={"message": "third question", "session_id": sid})
    assert [c["history"] for c in fake_engine.calls] == [[], ["first question"], ["first question", "second question"]]


def test_sessions_do_not_share_history(fake_client, fake_engine):
    fake_client.post("/chat", json={"message": "in session one"})
    fake_client.post("/chat", json={"message": "in session two"})
    assert [c["history"] for c in fake_engine.calls] == [[], []]


def test_session_history_endpoint_lists_questions_and_answers(client):
    first = _chat(client, message=HANOI).json()
    turns = client.get(f"/chat/sessions/{first['session_id']}").json()["turns"]
    assert [t["role"] for t in turns] == ["user", "assistant"]
    assert turns[0]["text"] == HANOI
    assert turns[1]["response"] == first


def test_unknown_session_is_404(client):
    r = _chat(client, message=HANOI, session_id="no-such-session")
    assert r.status_code == 404
    assert r.json()["code"] == "session_not_found"
    assert client.get("/chat/sessions/no-such-session").status_code == 404


def test_unknown_brief_is_404(client):
    r = _chat(client, message=HANOI, brief_id="no-such-brief")
    assert r.status_code == 404
    assert "no-such-brief" in r.json()["detail"]


def test_a_failed_request_creates_no_session(client):
    _chat(client, message=HANOI, brief_id="no-such-brief")
    assert client.get("/health").json()["sessions"] == 0


@pytest.mark.slow
def test_a_session_survives_a_restart_over_the_same_data_dir(make_engine, bundled_brief, tmp_path):
    data = tmp_path / "restart-data"
    earlier = "When did North Korea test its monster missile?"
    first_engine = make_engine(data_dir=data)
    first_engine.ingest(bundled_brief)
    with TestClient(create_app(first_engine.settings, first_engine)) as c:
        sid = c.post("/chat", json={"message": earlier}).json()["session_id"]

    second_engine = make_engine(data_dir=data)  # what a restarted process builds: same folder, fresh objects
    assert not second_engine.is_empty()
    with TestClient(create_app(second_engine.settings, second_engine)) as c:
        # "it" only resolves to the Hwasong-17 through the session's earlier question, read back from SQLite.
        r = c.post("/chat", json={"message": "How far did it fly?", "session_id": sid})
        assert r.status_code == 200
        assert "1,090 km" in r.json()["citations"][0]["quote"]
        turns = c.get(f"/chat/sessions/{sid}").json()["turns"]
    assert [t["text"] for t in turns if t["role"] == "user"] == [earlier, "How far did it fly?"]


def test_sessions_idle_past_the_ttl_are_deleted_when_the_server_starts(make_engine, bundled_brief, tmp_path):
    import sqlite3

    data = tmp_path / "ttl-data"
    engine = make_engine(data_dir=data)
    engine.ingest(bundled_brief)
    with TestClient(create_app(engine.settings, engine)) as c:
        stale = c.post("/chat", json={"message": "Why did the Hanoi summit fail?"}).json()["session_id"]
        fresh = c.post("/chat", json={"message": "Who wrote the brief?"}).json()["session_id"]
    with sqlite3.connect(data / "citebot.sqlite3") as conn:  # the stale one was last used 40 days ago
        conn.execute("UPDATE sessions SET updated_at = updated_at - 40 * 86400 WHERE id = ?", (stale,))
    restarted = make_engine(data_dir=data, session_ttl_days=30)
    with TestClient(create_app(restarted.settings, restarted)) as c:
        assert c.get(f"/chat/sessions/{stale}").status_code == 404
        assert c.get(f"/chat/sessions/{fresh}").status_code == 200
