"""The response models build DESIGN.md's shapes from the domain objects (``citebot parse --json`` among them)."""

from __future__ import annotations

from api.schemas_brief import FootnoteOut, ParseOut, PassageOut
from corpus.builder import build_brief
from corpus.models import Brief
from corpus.raw import Marker, RawDocument, RawParagraph
from tests.fresh_process import run_json


def _brief(*blocks: RawParagraph, defs: tuple[tuple[int, str], ...] = ()) -> Brief:
    return build_brief(RawDocument(format="markdown", blocks=blocks, footnote_defs=defs), "b")


def test_parse_json_lists_heading_kind_and_section() -> None:
    heading = RawParagraph(("Methods",), heading=True, level=2)
    out = ParseOut.of(_brief(heading, RawParagraph(("One.",)))).model_dump(mode="json")
    assert [(p["kind"], p.get("section")) for p in out["passages"]] == [
        ("heading", ["Methods"]),
        ("sentence", ["Methods"]),
    ]


def test_parse_json_keys_follow_the_contract_in_order() -> None:
    brief = _brief(RawParagraph(("A claim.", Marker((1,)))), defs=((1, "A. Writer, “A Title,” 2020."),))
    out = ParseOut.of(brief).model_dump(mode="json")
    assert list(out) == ["brief", "footnotes", "passages", "warnings"]
    assert list(out["brief"]) == [
        *("id", "title", "authors", "editors", "organisation", "date", "disclaimer", "format", "content_hash"),
        "text",
    ]
    assert list(out["footnotes"][0]) == ["number", "title", "publisher", "date", "date_raw", "url", "raw"]
    sentence = next(p for p in out["passages"] if p["kind"] == "sentence")
    assert sentence["footnotes"] == [1]
    assert sentence["direct"] is True


def test_passage_leaves_out_empty_label_sources_and_section() -> None:
    brief = _brief(RawParagraph(("Plain text.",)))
    dumped = PassageOut.of(brief.passages[0]).model_dump(mode="json")
    assert list(dumped) == ["id", "kind", "text", "start", "end", "paragraph", "footnotes", "direct"]


def test_table_row_carries_label_and_its_sources(bundled_brief: Brief) -> None:
    out = ParseOut.of(bundled_brief).model_dump(mode="json")
    rows = [p for p in out["passages"] if p["kind"] == "table_row"]
    assert rows
    assert all("label" in p for p in rows)
    sourced = [p for p in rows if "sources" in p]
    assert sourced
    assert all(s["number"] is None for p in sourced for s in p["sources"])


def test_passage_offsets_point_into_the_text(bundled_brief: Brief) -> None:
    out = ParseOut.of(bundled_brief).model_dump(mode="json")
    text = out["brief"]["text"]
    assert all(text[p["start"] : p["end"]] == p["text"] for p in out["passages"])


def test_footnote_out_adds_how_often_it_is_cited(bundled_brief: Brief) -> None:
    note = bundled_brief.footnotes[0]
    dumped = FootnoteOut.of_cited(note, 2).model_dump(mode="json")
    assert list(dumped) == ["number", "title", "publisher", "date", "date_raw", "url", "raw", "cited"]
    assert (dumped["number"], dumped["cited"]) == (note.number, 2)


def test_parse_models_load_no_bot_or_index_code() -> None:
    # citebot parse imports this module: it must stay as light as the parser itself.
    script = "import json, sys, api.schemas_brief; print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    assert not {"bot", "index"} & set(run_json(script))
