"""POST /chat/stream: Server-Sent Events, one per verified citation, then the whole response."""

from __future__ import annotations

import json

from corpus.errors import IndexUnavailable
from tests.api.conftest import parse_sse

HANOI = "Why did the Hanoi summit fail?"


def _stream(client, **body):
    return client.post("/chat/stream", json=body)


def test_stream_is_text_event_stream(client):
    r = _stream(client, message=HANOI)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/event-stream")


def test_citation_events_come_first_then_one_answer_event(client):
    events = parse_sse(_stream(client, message=HANOI).text)
    names = [name for name, _ in events]
    assert names[-1] == "answer"
    assert names[:-1] == ["citation"] * (len(names) - 1)
    assert len(names) >= 2


def test_answer_event_is_the_chat_response_and_repeats_the_citations(client):
    events = parse_sse(_stream(client, message=HANOI, top_k=3).text)
    citations = [json.loads(data) for name, data in events if name == "citation"]
    answer = json.loads(events[-1][1])
    assert set(answer) == {"session_id", "abstained", "answer", "citations"}
    assert answer["citations"] == citations
    hanoi = next(c for c in citations if "sanctions to be lifted completely" in c["quote"])
    assert hanoi["footnotes"] == [11]
    assert all(c["verified"] for c in citations)


def test_stream_and_chat_give_the_same_answer(client):
    streamed = json.loads(parse_sse(_stream(client, message=HANOI).text)[-1][1])
    plain = client.post("/chat", json={"message": HANOI}).json()
    assert streamed["citations"] == plain["citations"]
    assert streamed["answer"] == plain["answer"]


def test_abstention_streams_only_the_answer_event(client):
    events = parse_sse(_stream(client, message="What is the capital of France?").text)
    assert [name for name, _ in events] == ["answer"]
    assert json.loads(events[0][1])["abstained"] is True


def test_streamed_session_continues_on_chat(client):
    sid = json.loads(parse_sse(_stream(client, message="When did North Korea test its monster missile?").text)[-1][1])[
        "session_id"
    ]
    r = client.post("/chat", json={"message": "How far did it fly?", "session_id": sid})
    assert "1,090 km" in r.json()["citations"][0]["quote"]


def test_unknown_session_is_a_plain_404_not_a_stream(client):
    r = _stream(client, message=HANOI, session_id="nope")
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/json")


def test_unknown_brief_is_a_plain_404_not_a_stream(client):
    r = _stream(client, message=HANOI, brief_id="nope")
    assert r.status_code == 404


def test_invalid_request_is_a_plain_422(client):
    assert _stream(client, message="").status_code == 422


def test_store_outage_during_the_stream_is_an_error_event(client, flaky):
    flaky.down = True
    events = parse_sse(_stream(client, message=HANOI).text)
    assert [name for name, _ in events] == ["error"]
    error = json.loads(events[0][1])
    assert error["status"] == 503
    assert error["code"] == "index_unavailable"
    assert "unavailable" in error["detail"]


def test_unexpected_failure_is_an_error_event_without_internals(fake_client, fake_engine):
    fake_engine.fail_with = RuntimeError("secret internals /etc/passwd")
    r = fake_client.post("/chat/stream", json={"message": HANOI})
    events = parse_sse(r.text)
    assert events == [("error", json.dumps({"detail": "internal error", "code": "internal_error", "status": 500}))]
    assert "secret" not in r.text and "Traceback" not in r.text


def test_store_outage_error_event_is_followed_by_recovery(client, flaky):
    flaky.down = True
    assert parse_sse(_stream(client, message=HANOI).text)[0][0] == "error"
    flaky.down = False
    assert parse_sse(_stream(client, message=HANOI).text)[-1][0] == "answer"


def test_index_unavailable_from_the_engine_is_reported_in_the_stream(fake_client, fake_engine):
    fake_engine.fail_with = IndexUnavailable("chroma is down")
    events = parse_sse(fake_client.post("/chat/stream", json={"message": HANOI}).text)
    assert json.loads(events[0][1])["detail"] == "chroma is down"


def test_citations_already_verified_are_sent_before_a_later_failure(fake_client, fake_engine):
    """Citation events leave one by one as they are verified, not after the whole answer is ready."""
    fake_engine.fail_after_first = IndexUnavailable("chroma went away mid-answer")
    events = parse_sse(fake_client.post("/chat/stream", json={"message": HANOI, "top_k": 3}).text)
    assert [name for name, _ in events] == ["citation", "error"]
    assert json.loads(events[0][1])["verified"] is True
    assert json.loads(events[1][1])["status"] == 503
