"""SourceIndex over fetched copies: used after local files, never for a URL the footnote no longer gives."""

from __future__ import annotations

from langchain_core.embeddings import Embeddings

from corpus.settings import Settings
from index.fetch_store import FetchRecord, FetchStore
from index.sources import SourceIndex
from tests.index.fetch_server import brief_with_urls


class NoEmbeddings(Embeddings):  # documents() never embeds; the model would add nothing here
    def embed_documents(self, texts):
        raise AssertionError("not expected")

    def embed_query(self, text):
        raise AssertionError("not expected")


def _setup(tmp_path, url="https://example.org/a"):
    settings = Settings(data_dir=tmp_path / "data")
    brief = brief_with_urls(tmp_path, [url, "https://example.org/b"])
    store = FetchStore.for_settings(settings)
    sha = store.put_blob(b"<html>raw</html>")
    text_sha = store.put_blob(b"The fetched text of the source.")
    store.put(
        FetchRecord(
            brief.id,
            1,
            url,
            "archived",
            final_url=url,
            sha256=sha,
            text_sha256=text_sha,
            format="html",
            fetched_at="2026-01-01T00:00:00+00:00",
            archive_url="http://archive.test/web/2022/x",
            archive_date="2022-01-05",
        )
    )
    store.put(FetchRecord(brief.id, 2, "https://example.org/b", "failed", kind="wall", reason="login wall"))
    return settings, brief


def test_fetched_copy_becomes_the_source_and_names_its_archive_date(tmp_path):
    settings, brief = _setup(tmp_path)
    docs = SourceIndex(settings, NoEmbeddings()).documents(brief)
    assert set(docs) == {1}  # the failed footnote has no source
    doc = docs[1]
    assert doc.text == "The fetched text of the source." and doc.url == "https://example.org/a"
    assert doc.archived and doc.label == "archived copy of https://example.org/a from 2022-01-05"


def test_local_file_takes_precedence_over_the_fetched_copy(tmp_path):
    settings, brief = _setup(tmp_path)
    folder = settings.data_dir / "sources" / brief.id
    folder.mkdir(parents=True)
    (folder / "1.txt").write_text("The local copy.", encoding="utf-8")
    doc = SourceIndex(settings, NoEmbeddings()).documents(brief)[1]
    assert doc.text == "The local copy." and doc.url is None


def test_record_for_another_url_is_stale_and_ignored(tmp_path):
    settings, _ = _setup(tmp_path)
    changed = brief_with_urls(tmp_path, ["https://example.org/new", "https://example.org/b"])
    assert SourceIndex(settings, NoEmbeddings()).documents(changed) == {}
