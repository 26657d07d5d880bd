"""Export: JSON, JSON Lines and CSV written from announcements built here by hand."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal

import jsonschema

from aap_parser.export import (
    csv_columns,
    to_csv_rows,
    to_json,
    to_jsonl,
    write_csv,
    write_jsonl,
)
from aap_parser.models import (
    Announcement,
    Call,
    Header,
    Laureate,
    Lead,
    Partner,
    Provenance,
    Source,
)


def sample() -> Announcement:
    """Two laureates: one with two partners (one country unknown), one with none."""
    return Announcement(
        source=Source(path="lists/2020.pdf", format="pdf", pages=2),
        header=Header(
            date=dt.date(2020, 6, 23),
            title="Lauréats « Généraliste 2020-2021 »",
            call=Call(name="Généraliste", periodicity="biennal", start_year=2020, end_year=2021),
        ),
        laureates=[
            Laureate(
                index=1,
                section="Afrique",
                region="Île-de-France",
                region_code="11",
                leads=[
                    Lead(name="Ville de Paris", kind="commune", code="75056"),
                    Lead(name="Syndicat X", kind="syndicat"),
                ],
                partners=[
                    Partner(name="Cercle de Niafunké", country="Mali", country_code="ML"),
                    Partner(name="Région centrale"),
                ],
                title="Eau, assainissement",
                amount_eur=Decimal("12000"),
                amount_text="12 000 €",
                extra={"N°": "7"},
                provenance=Provenance(page=2),
            ),
            Laureate(index=2, region="Bretagne", title="Agro-écologie", amount_eur=Decimal("99.5")),
        ],
    )


def test_json_is_the_model_dump_with_french_text_kept() -> None:
    announcement = sample()
    text = to_json(announcement)

    assert json.loads(text) == announcement.model_dump(mode="json")
    assert "Île-de-France" in text
    assert "Île-de-France".encode("unicode_escape").decode() not in text
    assert text.splitlines()[1].startswith('  "source"')
    assert Announcement.model_validate_json(text) == announcement
    schema = Announcement.model_json_schema(mode="serialization")
    jsonschema.validate(json.loads(text), schema)


def test_jsonl_gives_one_line_per_laureate_with_announcement_fields() -> None:
    lines = list(to_jsonl([sample(), sample()]))
    records = [json.loads(line) for line in lines]

    assert len(records) == 4
    assert all("\n" not in line for line in lines)
    first = records[0]
    assert first["source_path"] == "lists/2020.pdf"
    assert first["date"] == "2020-06-23"
    assert (first["call_name"], first["call_periodicity"]) == ("Généraliste", "biennal")
    assert (first["call_start_year"], first["call_end_year"]) == (2020, 2021)
    assert first["section"] == "Afrique"
    assert first["amount_eur"] == 12000
    assert [p["name"] for p in first["partners"]] == ["Cercle de Niafunké", "Région centrale"]
    assert records[1]["amount_eur"] == 99.5
    assert [r["index"] for r in records] == [1, 2, 1, 2]


def test_jsonl_explode_keeps_laureates_without_partners() -> None:
    records = [json.loads(line) for line in to_jsonl([sample()], explode="partners")]

    assert [(r["index"], r["partner_index"]) for r in records] == [(1, 1), (1, 2), (2, None)]
    assert records[0]["partner"]["country_code"] == "ML"
    assert records[1]["partner"]["name"] == "Région centrale"
    assert records[2]["partner"] is None
    assert all("partners" not in r for r in records)


def test_write_jsonl_counts_lines() -> None:
    stream = io.StringIO()
    assert write_jsonl([sample()], stream) == 2
    assert stream.getvalue().count("\n") == 2


def test_csv_joins_lists_keeping_positions() -> None:
    stream = io.StringIO(newline="")
    assert write_csv([sample()], stream) == 2
    rows = list(csv.DictReader(io.StringIO(stream.getvalue(), newline="")))

    assert tuple(rows[0]) == csv_columns()
    first, second = rows
    assert first["partners"] == "Cercle de Niafunké; Région centrale"
    assert first["partner_countries"] == "Mali; "
    assert first["partner_country_codes"] == "ML; "
    assert first["leads"] == "Ville de Paris; Syndicat X"
    assert first["lead_kinds"] == "commune; syndicat"
    assert first["lead_codes"] == "75056; "
    assert first["amount_eur"] == "12000"
    assert (first["region"], first["region_code"], first["section"]) == (
        "Île-de-France",
        "11",
        "Afrique",
    )
    assert (first["page"], first["line"], first["source_path"]) == ("2", "", "lists/2020.pdf")
    assert json.loads(first["extra"]) == {"N°": "7"}
    assert second["partners"] == second["partner_countries"] == ""
    assert second["amount_eur"] == "99.5"
    assert second["extra"] == ""


def test_csv_explode_gives_one_row_per_partner() -> None:
    rows = list(to_csv_rows([sample()], explode="partners"))

    assert [tuple(r) for r in rows] == [csv_columns("partners")] * 3
    assert [(r["index"], r["partner_index"], r["partner"]) for r in rows] == [
        ("1", "1", "Cercle de Niafunké"),
        ("1", "2", "Région centrale"),
        ("2", "", ""),
    ]
    assert [r["partner_country"] for r in rows] == ["Mali", "", ""]
    assert "partners" not in csv_columns("partners")
