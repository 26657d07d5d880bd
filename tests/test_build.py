"""The records stage: cells read by role, whatever the column order."""

from __future__ import annotations

from aap_parser import parse_text


def test_lead_homonym_settled_by_region_printed_after_it() -> None:
    text = (
        "Collectivité territoriale\tRégion\tCollectivité partenaire\tTitre du projet\n"
        "Ville de Saint-Denis\tLa Réunion\tMahajanga (Madagascar)\tSanté\n"
        "Ville de Saint-Denis\tÎle-de-France\tHué (Vietnam)\tCulture\n"
    )
    leads = [laureate.leads[0] for laureate in parse_text(text).laureates]
    assert [(lead.kind, lead.code) for lead in leads] == [
        ("commune", "97411"), ("commune", "93066")]
