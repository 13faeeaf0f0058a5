"""POST /briefs and DELETE /briefs/{id} over the real engine (MiniLM, Chroma in tmp_path): every format uploads
and answers /chat with its own footnotes; bad files leave the library as it was; briefs never lend each other
their footnotes; a failure midway keeps the previous version."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from corpus.errors import IndexUnavailable
from tests.corpus.brief_writers import OTHER, SAMPLE, Spec, to_html, to_markdown, to_text
from tests.corpus.docx_writer import to_docx
from tests.corpus.pdf_writer import to_pdf

WRITERS: dict[str, tuple[str, Callable[[Spec], bytes]]] = {
    "text": ("sample.txt", to_text),
    "markdown": ("sample.md", to_markdown),
    "html": ("sample.html", to_html),
    "pdf": ("sample.pdf", to_pdf),
    "docx": ("sample.docx", to_docx),
}
HANOI = "Why did the talks with Pyongyang come to a halt?"
HANOI_SOURCE = "Failure of the Hanoi Summit: What Lies Ahead?"


@pytest.fixture
def empty_engine(make_engine: Callable[..., Any]) -> Any:
    return make_engine()


@pytest.fixture
def library(empty_engine: Any) -> Iterator[TestClient]:
    with TestClient(create_app(empty_engine.settings, empty_engine)) as c:
        yield c


def upload(client: TestClient, name: str, data: bytes, **form: str) -> Any:
    return client.post("/briefs", files={"file": (name, data)}, data=form)


def _snapshot(client: TestClient, engine: Any) -> tuple[Any, int]:
    return client.get("/briefs").json(), engine.store.count()


@pytest.mark.parametrize("fmt", WRITERS)
def test_every_format_uploads_and_chat_cites_its_footnote(library: TestClient, fmt: str) -> None:
    name, write = WRITERS[fmt]
    r = upload(library, name, write(SAMPLE))
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["status"] == "added"
    assert body["brief"]["id"] == "sample"
    assert body["brief"]["format"] == fmt
    assert body["brief"]["title"] == "PROSPECTS OF RENEWED NUCLEAR TALKS"
    assert body["brief"]["counts"]["footnotes"] == 5
    assert body["warnings"] == []

    answer = library.post("/chat", json={"message": HANOI, "brief_id": "sample"}).json()
    assert not answer["abstained"]
    top = answer["citations"][0]
    assert top["brief_id"] == "sample"
    assert top["footnotes"] == [5]
    assert top["verified"] is True
    assert "Pyongyang wanted sanctions to be lifted completely" in top["quote"]
    assert [s["title"] for s in top["sources"]] == [HANOI_SOURCE]
    text = library.get("/briefs/sample").json()["text"]
    assert text[top["start"] : top["end"]] == top["quote"]


def test_the_year_and_its_footnote_reach_chat_separately(library: TestClient) -> None:
    upload(library, "sample.pdf", to_pdf(SAMPLE))
    answer = library.post("/chat", json={"message": "When does the grant for the research programme end?"}).json()
    top = answer["citations"][0]
    assert top["quote"] == "The research programme is funded by a grant that ends in 2026."
    assert top["footnotes"] == [2]
    assert top["sources"][0]["title"] == "Funding Nuclear Diplomacy Research"


def test_the_same_file_twice_is_a_no_op(library: TestClient, empty_engine: Any) -> None:
    data = to_docx(SAMPLE)
    assert upload(library, "sample.docx", data).status_code == 201
    before = _snapshot(library, empty_engine)
    ingests = empty_engine.metrics["ingests"]
    again = upload(library, "sample.docx", data)
    assert again.status_code == 200
    assert again.json()["status"] == "unchanged"
    assert _snapshot(library, empty_engine) == before
    assert empty_engine.metrics["ingests"] == ingests  # nothing was embedded or written


def test_a_changed_file_under_the_same_name_is_409_and_changes_nothing(library: TestClient) -> None:
    upload(library, "sample.md", to_markdown(SAMPLE))
    before = library.get("/briefs/sample").json()
    r = upload(library, "sample.md", to_markdown(SAMPLE).replace(b"ends in 2026.", b"ends in 2031."))
    assert r.status_code == 409
    assert r.json()["code"] == "brief_exists"
    assert "replace=true" in r.json()["detail"] and "sample.md" in r.json()["detail"]
    assert library.get("/briefs/sample").json() == before


@pytest.mark.parametrize(("first", "second"), [("a.md", "a.txt"), ("Collide .MD", "collide.md")])
def test_files_with_the_same_name_stem_do_not_replace_each_other(library: TestClient, first, second) -> None:
    assert upload(library, first, to_markdown(SAMPLE)).status_code == 201
    other = to_text(OTHER) if second.endswith(".txt") else to_markdown(OTHER)
    assert upload(library, second, other).status_code == 409
    assert len(library.get("/briefs").json()) == 1


def test_an_upload_under_an_existing_brief_id_is_409(library: TestClient) -> None:
    upload(library, "sample.md", to_markdown(SAMPLE))
    assert upload(library, "other.md", to_markdown(OTHER), brief_id="sample").status_code == 409


def test_replace_true_replaces_and_is_logged(library: TestClient, empty_engine: Any) -> None:
    upload(library, "sample.md", to_markdown(SAMPLE))
    changed = to_markdown(SAMPLE).replace(b"ends in 2026.", b"ends in 2031.")
    r = upload(library, "sample.md", changed, replace="true")
    assert (r.status_code, r.json()["status"]) == (200, "updated")
    assert library.delete("/briefs/sample").status_code == 204
    log = (empty_engine.settings.data_dir / "changes.jsonl").read_text().splitlines()
    entries = [json.loads(line) for line in log]
    assert [(e["action"], e["brief_id"], e["key"]) for e in entries] == [
        ("replaced", "sample", "none"),
        ("removed", "sample", "none"),
    ]
    assert all(len(e["content_hash"]) >= 16 and e["time"] for e in entries)


def test_a_changed_file_with_replace_replaces_the_old_version(library: TestClient) -> None:
    upload(library, "sample.md", to_markdown(SAMPLE))
    changed = to_markdown(SAMPLE).replace(b"ends in 2026.", b"ends in 2031.")
    r = upload(library, "sample.md", changed, replace="true")
    assert (r.status_code, r.json()["status"]) == (200, "updated")
    text = library.get("/briefs/sample").json()["text"]
    assert "ends in 2031." in text and "ends in 2026." not in text
    assert len(library.get("/briefs").json()) == 1


def test_brief_id_can_be_given_and_is_validated(library: TestClient) -> None:
    r = upload(library, "C:\\fakepath\\Draft (v2).docx", to_docx(SAMPLE), brief_id="nuclear-talks")
    assert r.status_code == 201
    assert r.json()["brief"]["id"] == "nuclear-talks"
    assert r.json()["filename"] == "Draft (v2).docx"
    bad = upload(library, "x.docx", to_docx(SAMPLE), brief_id="../etc/passwd")
    assert bad.status_code == 422
    assert "brief_id" in bad.json()["detail"]


def _zip(name: str) -> bytes:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(name, "not a brief")
    return buf.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "message", "status"),
    [
        ("scan.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, "OCR is not supported", 415),
        ("sheet.xlsx", _zip("xl/workbook.xml"), "spreadsheets are not supported", 415),
        ("bundle.zip", _zip("notes.txt"), "zip archives are not supported", 415),
        ("locked.pdf", to_pdf(SAMPLE, password="secret"), "encrypted", 422),
        ("broken.pdf", to_pdf(SAMPLE)[:4000], "damaged", 422),
        ("broken.docx", to_docx(SAMPLE)[:3000], "damaged", 422),
        ("blob.txt", b"\x00\x01\x02" * 100, "binary", 422),
        ("empty.md", b"", "empty", 422),
    ],
)
def test_bad_files_are_refused_and_the_library_is_unchanged(
    library: TestClient, empty_engine: Any, name: str, data: bytes, message: str, status: int
) -> None:
    upload(library, "sample.html", to_html(SAMPLE))
    before = _snapshot(library, empty_engine)
    r = upload(library, name, data)
    assert r.status_code == status
    assert message in r.json()["detail"]
    assert "Traceback" not in r.text
    assert _snapshot(library, empty_engine) == before


def test_scanned_pdf_says_there_is_no_text_layer(library: TestClient) -> None:
    import io

    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    c = Canvas(buf)
    c.rect(50, 50, 400, 600, fill=1)
    c.showPage()
    c.save()
    r = upload(library, "scan.pdf", buf.getvalue())
    assert r.status_code == 422
    assert r.json()["detail"].startswith("this PDF has no text layer; OCR is not supported")


def test_uploads_over_the_size_limit_are_413(make_engine: Callable[..., Any]) -> None:
    engine = make_engine(max_upload_bytes=5_000)
    with TestClient(create_app(engine.settings, engine)) as client:
        r = upload(client, "big.pdf", to_pdf(SAMPLE))
        assert r.status_code == 413
        assert client.get("/briefs").json() == []


def test_delete_removes_the_brief_everywhere(library: TestClient, empty_engine: Any) -> None:
    upload(library, "sample.docx", to_docx(SAMPLE))
    upload(library, "other.docx", to_docx(OTHER))
    r = library.delete("/briefs/sample")
    assert r.status_code == 204
    assert [b["id"] for b in library.get("/briefs").json()] == ["other"]
    assert library.get("/briefs/sample").status_code == 404
    assert empty_engine.store.count({"brief_id": "sample"}) == 0
    assert library.post("/chat", json={"message": HANOI, "brief_id": "sample"}).status_code == 404
    again = library.delete("/briefs/sample")
    assert again.status_code == 404
    assert again.json()["code"] == "brief_not_found"


def test_footnote_numbers_belong_to_their_brief(library: TestClient) -> None:
    upload(library, "sample.pdf", to_pdf(SAMPLE))
    upload(library, "other.md", to_markdown(OTHER))
    other_titles = {
        "The Indus Waters Treaty at Sixty",
        "Irrigation and the Indus",
        "Kishanganga Dispute Explained",
    }
    answer = library.post("/chat", json={"message": "When was the Indus Waters Treaty signed?"}).json()
    top = answer["citations"][0]
    assert top["brief_id"] == "other"
    assert top["footnotes"] == [1]
    assert top["sources"][0]["title"] == "The Indus Waters Treaty at Sixty"
    # across the whole answer, every source is the footnote of the citation's own brief
    for c in answer["citations"] + library.post("/chat", json={"message": HANOI}).json()["citations"]:
        titles = {s["title"] for s in c["sources"]}
        assert titles <= other_titles if c["brief_id"] == "other" else not titles & other_titles


def test_questions_scope_to_one_brief_or_span_the_library(library: TestClient) -> None:
    upload(library, "sample.docx", to_docx(SAMPLE))
    upload(library, "other.html", to_html(OTHER))
    spanning = library.post("/chat", json={"message": "How much irrigation water comes from the river?"}).json()
    assert spanning["citations"][0]["brief_id"] == "other"
    scoped = library.post(
        "/chat", json={"message": "How much irrigation water comes from the river?", "brief_id": "sample"}
    ).json()
    assert all(c["brief_id"] == "sample" for c in scoped["citations"])


class FailingMidway:
    """The real store, except that ``add`` writes the first half of a batch and then loses the connection."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.armed = True

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def add(self, docs: Any, progress: Any = None) -> None:
        if self.armed:
            self.inner.add(docs[: len(docs) // 2])
            raise IndexUnavailable("the vector store connection was lost")
        self.inner.add(docs, progress)


def test_a_failure_midway_leaves_the_previous_version(library: TestClient, empty_engine: Any) -> None:
    upload(library, "sample.md", to_markdown(SAMPLE))
    before = library.get("/briefs/sample").json()
    vectors = empty_engine.store.count()
    empty_engine.store = FailingMidway(empty_engine.store)

    changed = to_markdown(SAMPLE).replace(b"a grant that ends in 2026", b"a grant that ends in 2031")
    r = upload(library, "sample.md", changed, replace="true")
    assert r.status_code == 503
    assert library.get("/briefs/sample").json() == before
    assert empty_engine.store.count() == vectors  # the half-written version was discarded
    answer = library.post("/chat", json={"message": "When does the grant for the research programme end?"}).json()
    assert answer["citations"][0]["quote"].endswith("ends in 2026.")

    empty_engine.store.armed = False  # the store is back: the same upload now goes through
    assert upload(library, "sample.md", changed, replace="true").json()["status"] == "updated"
    answer = library.post("/chat", json={"message": "When does the grant for the research programme end?"}).json()
    assert answer["citations"][0]["quote"].endswith("ends in 2031.")


def test_checks_scope_to_one_brief_or_span_the_library(library: TestClient) -> None:
    upload(library, "sample.pdf", to_pdf(SAMPLE))
    upload(library, "other.docx", to_docx(OTHER))
    claim = "The Indus Waters Treaty was signed in 1960."
    spanning = library.post("/check", json={"claim": claim})
    assert spanning.status_code == 200, spanning.text
    body = spanning.json()
    assert body["verdict"] == "supported"
    top = body["citations"][0]
    assert (top["brief_id"], top["footnotes"]) == ("other", [1])
    assert top["sources"][0]["title"] == "The Indus Waters Treaty at Sixty"
    scoped = library.post("/check", json={"claim": claim, "brief_id": "sample"}).json()
    assert scoped["verdict"] != "supported"
    assert all(c["brief_id"] == "sample" for c in scoped["citations"])
