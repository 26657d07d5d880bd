"""The heading reader: fields found by wording, dates in their printed forms, the call."""

from __future__ import annotations

import datetime as dt

import pytest

from aap_parser.grid import TextLine
from aap_parser.header import paragraphs, parse_call, parse_date, read_header


def _lines(*texts: str) -> list[TextLine]:
    return [TextLine(text=t, line=n) for n, t in enumerate(texts, start=1) if t]


@pytest.mark.parametrize(
    ("text", "place", "date"),
    [
        ("Paris, le 23 juin 2020", "Paris", dt.date(2020, 6, 23)),
        ("Paris, le 1er juillet 2016", "Paris", dt.date(2016, 7, 1)),
        ("Paris, le 3 août 2018", "Paris", dt.date(2018, 8, 3)),
        ("Paris, 23/06/2020", "Paris", dt.date(2020, 6, 23)),
        ("Le 12 décembre 2013", None, dt.date(2013, 12, 12)),
        ("Paris, le mardi 5 février 2019", "Paris", dt.date(2019, 2, 5)),
        ("Fait à Paris, le 14 octobre 2021", "Paris", dt.date(2021, 10, 14)),
        ("Paris, le 1 er juillet 2019", "Paris", dt.date(2019, 7, 1)),
        ("Paris, le 1ᵉʳ juillet 2019", "Paris", dt.date(2019, 7, 1)),
        ("Paris le 3 mars 2021", "Paris", dt.date(2021, 3, 3)),
        ("Saint-Denis le 2 mai 2019", "Saint-Denis", dt.date(2019, 5, 2)),
    ],
)
def test_parse_date_forms(text: str, place: str | None, date: dt.date) -> None:
    assert parse_date(text) == (place, date)


def test_parse_date_rejects_non_dates() -> None:
    assert parse_date("Paris, le 31 février 2020")[1] is None
    assert parse_date("Développement durable 2020")[1] is None
    assert parse_date("Paris, le 11 er mars 2020")[1] is None
    assert parse_date("Bretagne le 2 mai 2019, coopération")[1] is None


@pytest.mark.parametrize(
    ("title", "name", "periodicity", "start", "end"),
    [
        ("Lauréats de l'AAP biennal en soutien à la coopération décentralisée "
         "« Généraliste 2020-2021 »", "Généraliste", "biennal", 2020, 2021),
        ("Liste des projets retenus au titre de l'appel à projets « Jeunesse IV »",
         "Jeunesse IV", None, None, None),
        ("Appel à projets triennal 2019-2021 « Climat et développement durable » : "
         "liste des lauréats", "Climat et développement durable", "triennal", 2019, 2021),
        ("Lauréats de l'appel à projets annuel 2018 Egalité femmes-hommes",
         "Egalité femmes-hommes", "annuel", 2018, 2018),
        ("Lauréats de l'appel à projets franco-sénégalais 2019-2021",
         "franco-sénégalais", None, 2019, 2021),
    ],
)
def test_parse_call(title: str, name: str, periodicity: str | None, start: int | None,
                    end: int | None) -> None:
    call = parse_call(title)
    assert (call.name, call.periodicity, call.start_year, call.end_year) == (
        name, periodicity, start, end)


def test_read_header_by_wording_not_position() -> None:
    header, rest = read_header(_lines(
        "RÉPUBLIQUE FRANÇAISE",
        "Ministère de l'Europe et des Affaires étrangères",
        "",
        "Délégation pour les collectivités territoriales",
        "et la société civile",
        "",
        "Paris, le 2 mars 2023",
        "",
        "Lauréats de l'appel à projets « Sport 2023 »",
        "",
        "Projets retenus",
    ))
    assert header.ministry == "Ministère de l'Europe et des Affaires étrangères"
    assert header.direction is None
    assert header.delegation == (
        "Délégation pour les collectivités territoriales et la société civile")
    assert header.date == dt.date(2023, 3, 2)
    assert header.call.name == "Sport"
    assert [line.text for line in rest] == ["Projets retenus"]


def test_paragraphs_split_on_emphasis_and_field_words() -> None:
    lines = [
        TextLine("Direction générale", line=1, bold=True),
        TextLine("de la mondialisation", line=2, bold=True),
        TextLine("Délégation pour l'action", line=3, italic=True),
        TextLine("extérieure", line=4, italic=True),
    ]
    assert [p.text for p in paragraphs(lines)] == [
        "Direction générale de la mondialisation", "Délégation pour l'action extérieure"]


def test_date_printed_beside_the_direction_does_not_cut_it() -> None:
    from aap_parser.grid import BBox

    lines = [
        TextLine("Direction générale de la mondialisation,", page=1, bold=True,
                 bbox=BBox(56, 40, 250, 50)),
        TextLine("Paris, le 3 mars 2021", page=1, bbox=BBox(440, 40, 540, 50)),
        TextLine("de la culture, de l'enseignement", page=1, bold=True, bbox=BBox(56, 52, 250, 62)),
    ]
    header, rest = read_header(lines)
    assert header.direction == (
        "Direction générale de la mondialisation, de la culture, de l'enseignement")
    assert header.date == dt.date(2021, 3, 3)
    assert rest == []
