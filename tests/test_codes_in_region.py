"""No code that the row disproves: leads are coded within their row's region, through the
official history of names (communes nouvelles, renamings) and articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from aap_parser import AapParseError, parse, parse_text
from aap_parser.enrich import classify_lead
from aap_parser.enrich.checks import disproved_codes

FIXTURES = Path(__file__).parent / "fixtures"
HEADER = "Région\tCollectivité chef de file\tPartenaire\tProjet\n"
ROWS = [
    # a commune merged into a commune nouvelle (Évry, now Évry-Courcouronnes), whose old name
    # is today a commune of another region (Évry, Yonne)
    ("Île-de-France", "Ville d'Évry", "91228"),
    # a name with its article after « du » / « des » (Port is a commune of the Ain)
    ("La Réunion", "Ville du Port", "97407"),
    ("Guadeloupe", "Ville des Abymes", "97101"),
    # homonyms in two regions
    ("Île-de-France", "Saint-Denis", "93066"),
    ("La Réunion", "Ville de Saint-Denis", "97411"),
    ("Auvergne-Rhône-Alpes", "Valence", "26362"),
    ("Occitanie", "Valence", "82186"),
    # a renamed commune nouvelle
    ("Normandie", "Ville de Cherbourg-Octeville", "50129"),
    # none fits: no code
    ("Île-de-France", "Ville de Metz", None),
]


def _announcement_text() -> str:
    lines = [f"{region}\t{lead}\tCommune de Kayes (Mali)\tProjet {n}"
             for n, (region, lead, _) in enumerate(ROWS, start=1)]
    return "Lauréats de l'appel à projets Généraliste 2020\n\n" + HEADER + "\n".join(lines) + "\n"


def test_each_lead_is_coded_within_its_row_region() -> None:
    announcement = parse_text(_announcement_text())
    assert [lead.name for item in announcement.laureates for lead in item.leads] == [
        lead for _, lead, _ in ROWS]
    assert [item.leads[0].code for item in announcement.laureates] == [c for _, _, c in ROWS]
    assert disproved_codes(announcement) == []


def test_history_and_refusals_are_warned_on_their_laureate() -> None:
    announcement = parse_text(_announcement_text())
    assert [(w.code, w.severity, w.laureate) for w in announcement.warnings] == [
        ("lead-former-name", "info", 1),
        ("lead-former-name", "info", 8),
        ("lead-outside-region", "warning", 9),
    ]
    assert "Évry-Courcouronnes (91228)" in announcement.warnings[0].message


def test_former_epci_name_finds_todays_epci() -> None:
    found = classify_lead("CA Dracénoise", "93")
    assert (found.kind, found.code) == ("epci", "248300493")
    assert found.warning is not None
    assert found.warning.code == "lead-former-name"


def test_without_a_region_the_article_form_is_still_preferred() -> None:
    # « Ville du Port » is « Le Port » (two communes of that name), never « Port » (Ain).
    found = classify_lead("Ville du Port")
    assert found.code is None
    assert found.warning is not None
    assert "01307" not in found.warning.message
    assert "97407" in found.warning.message


@pytest.mark.slow
def test_no_fixture_has_an_unwarned_code_outside_its_row_region() -> None:
    """Over every fixture that parses: each lead code lies in its row's region, or (a région
    or département named exactly) the conflict is reported as an error on its laureate."""
    # Not the hostile files (bounded only by the command line's memory and time limits) nor
    # the scans (OCR takes seconds a page; tests/test_ocr.py reads them).
    paths = sorted(
        p for p in FIXTURES.rglob("*")
        if p.suffix in (".pdf", ".txt", ".md") and not {"bad", "scanned"} & set(p.parts)
    )
    checked = 0
    for path in paths:
        try:
            announcement = parse(path)
        except AapParseError:
            continue
        checked += 1
        assert [d for d in disproved_codes(announcement) if not d.warned] == [], path
    assert checked > 100
