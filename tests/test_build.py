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


def test_a_lead_cell_printed_on_several_rows_gives_each_laureate_its_own_leads() -> None:
    text = (
        "Région\tCollectivité territoriale\tCollectivité partenaire\tTitre du projet\n"
        "Grand Est\tMetz et Nancy\tMahajanga (Madagascar)\tSanté\n"
        "Grand Est\tMetz et Nancy\tHué (Vietnam)\tCulture\n"
    )
    announcement = parse_text(text)
    first, second = (laureate.leads for laureate in announcement.laureates)
    assert [lead.name for lead in first] == ["Metz", "Nancy"]
    assert first == second
    assert all(a is not b for a, b in zip(first, second, strict=True))
    guessed = [w.laureate for w in announcement.warnings if w.code == "lead-split-guessed"]
    assert guessed == [1, 2]
