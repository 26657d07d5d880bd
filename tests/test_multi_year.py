"""A multi-year dataset from a batch: ids for joining years, warnings on rows, duplicates
flagged or left out, a typed Frictionless data package beside the CSV, exploded rows that
sum right, resumable runs and a per-input report."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import frictionless
import pytest
from click.testing import CliRunner, Result

from aap_parser import cli, parse
from aap_parser.export import write_csv, write_excel_csv
from aap_parser.models import Announcement, Call, Laureate, Lead, Partner, Source
from tests.conftest import GENERATED, SEED

# The franco-sénégalais list as a PDF and as a text is one announcement twice.
INPUTS = {
    "a-seed.txt": SEED,
    "b-senegal.pdf": GENERATED / "2017_franco_senegalais.word.pdf",
    "c-jeunesse.txt": GENERATED / "2013_jeunesse_iv.tab.txt",
    "d-senegal.txt": GENERATED / "2017_franco_senegalais.tab.txt",
}


def run(*args: str) -> Result:
    return CliRunner().invoke(cli.main, list(args), catch_exceptions=False)


def read_csv(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


@pytest.fixture
def batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder ``in/`` of four inputs, one repeating another."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name, source in INPUTS.items():
        shutil.copy(source, folder / name)
    monkeypatch.chdir(tmp_path)
    return folder


def validate(package: Path) -> None:
    report = frictionless.validate(str(package))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])


def test_batch_rows_carry_ids_warnings_and_the_duplicate_flag(batch: Path) -> None:
    result = run("in", "-o", "all.csv", "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    rows = read_csv(Path("all.csv"))
    assert len(rows) == 16 + 7 + 10 + 7
    by_file: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_file.setdefault(Path(row["source_path"]).name, []).append(row)
    assert {name: {r["call_id"] for r in group} for name, group in by_file.items()} == {
        "a-seed.txt": {"generaliste-2020-2021"},
        "b-senegal.pdf": {"franco-senegalais-2017-2019"},
        "c-jeunesse.txt": {"jeunesse-iv"},
        "d-senegal.txt": {"franco-senegalais-2017-2019"},
    }
    for name, group in by_file.items():
        digest = parse(batch / name).source.sha256
        assert {r["source_sha256"] for r in group} == {digest}
    # the duplicate: every row flagged, and nothing else is
    assert {r["warning_codes"] for r in by_file["d-senegal.txt"]} == {"duplicate-announcement"}
    assert all(r["warning_codes"] == "" for r in by_file["b-senegal.pdf"])
    # the seed's one warning names laureate 3, and only its row carries the code
    seed_codes = [r["warning_codes"] for r in by_file["a-seed.txt"]]
    assert seed_codes[2] == "lead-kind-guessed"
    assert seed_codes[:2] + seed_codes[3:] == [""] * 15
    repeats = [line for line in result.stderr.splitlines() if "duplicate-announcement" in line]
    assert repeats == [
        f"aap-parse: warning: {Path('in', 'd-senegal.txt')}: repeats "
        f"{Path('in', 'b-senegal.pdf')}: the same call and laureates "
        "[duplicate-announcement, warning]"
    ]
    assert result.stderr.splitlines()[-1].endswith(", 0 failures, 1 duplicates")
    validate(Path("all.datapackage.json"))


def test_skip_duplicates_leaves_the_repeat_out_and_the_report_says_so(batch: Path) -> None:
    result = run("in", "-o", "all.csv", "--skip-duplicates", "--report", "report.csv",
                 "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    rows = read_csv(Path("all.csv"))
    assert len(rows) == 16 + 7 + 10
    assert "d-senegal.txt" not in {Path(r["source_path"]).name for r in rows}
    report = read_csv(Path("report.csv"))
    assert [(Path(r["path"]).name, r["status"], r["laureates"]) for r in report] == [
        ("a-seed.txt", "ok", "16"),
        ("b-senegal.pdf", "ok", "7"),
        ("c-jeunesse.txt", "ok", "10"),
        ("d-senegal.txt", "skipped-duplicate", "7"),
    ]
    assert report[3]["duplicate_of"] == str(Path("in", "b-senegal.pdf"))
    assert (report[0]["errors"], report[0]["warnings"], report[0]["infos"]) == ("0", "1", "0")
    assert report[0]["sha256"] == parse(batch / "a-seed.txt").source.sha256
    validate(Path("all.datapackage.json"))


def test_report_names_failures_and_skipped_existing_outputs(batch: Path) -> None:
    (batch / "e-notes.txt").write_text("Pas de tableau ici.\n", encoding="utf-8")
    first = run("in/a-seed.txt", "in/c-jeunesse.txt", "-o", "out/")
    assert first.exit_code == 0, first.stderr
    again = run("in", "-o", "out/", "--skip-existing", "--report", "report.csv", "--jobs", "1")
    assert again.exit_code == 1
    assert sorted(p.name for p in Path("out").iterdir()) == [
        "a-seed.json", "b-senegal.json", "c-jeunesse.json", "d-senegal.json"]
    report = {Path(r["path"]).name: r for r in read_csv(Path("report.csv"))}
    assert report["a-seed.txt"]["status"] == "skipped-existing"
    assert report["c-jeunesse.txt"]["status"] == "skipped-existing"
    assert report["b-senegal.pdf"]["status"] == "ok"
    assert report["e-notes.txt"]["status"] == "failed"
    assert "no laureates table" in report["e-notes.txt"]["message"]
    assert report["e-notes.txt"]["sha256"]
    assert "2 skipped" in again.stderr.splitlines()[-1]


def test_skip_existing_needs_a_folder(batch: Path) -> None:
    result = run("in", "-o", "all.csv", "--skip-existing")
    assert result.exit_code == 2
    assert "--skip-existing needs -o FOLDER/" in result.stderr


def test_exploded_rows_say_partner_count_and_sum_right(batch: Path) -> None:
    assert run("in/a-seed.txt", "-o", "wide.csv").exit_code == 0
    assert run("in/a-seed.txt", "-o", "long.csv", "--explode", "partners").exit_code == 0
    wide, long = read_csv(Path("wide.csv")), read_csv(Path("long.csv"))
    assert len(long) == sum(max(int(r["partner_count"]), 1) for r in wide) > len(wide)
    for row in long:
        assert 1 <= int(row["partner_index"]) <= int(row["partner_count"])
    firsts = [r for r in long if r["partner_index"] in ("", "1")]
    assert [r["index"] for r in firsts] == [r["index"] for r in wide]
    validate(Path("long.datapackage.json"))


def test_single_file_ends_with_one_line_and_verbosity_chooses_warnings(batch: Path) -> None:
    result = run("in/a-seed.txt", "-o", "out.json")
    assert result.stderr.splitlines() == [
        "aap-parse: warning: in/a-seed.txt: line 16: laureate 3: 'Savoie Déchets' taken for a "
        "syndicat from its subject; no code [lead-kind-guessed, warning]",
        "wrote out.json: 16 laureates, 1 warning",
    ]
    quiet = run("in/a-seed.txt", "-o", "out.json", "--force", "-q")
    assert quiet.stderr == ""
    text = "Région\tCollectivité chef de file\tPartenaire\tProjet\n" \
        "Normandie\tVille de Cherbourg-Octeville\tCommune de Kayes (Mali)\tEau\n"
    Path("one.txt").write_text(text, encoding="utf-8")
    normal = run("one.txt", "-o", "one.json")
    assert normal.stderr.splitlines() == ["wrote one.json: 1 laureate, 1 warning"]
    verbose = run("one.txt", "-o", "one.json", "--force", "-v")
    assert [line.split("[")[-1] for line in verbose.stderr.splitlines()[:-1]] == [
        "lead-former-name, info]"]


def _formulas() -> Announcement:
    return Announcement(
        source=Source(path="x.txt", format="text"),
        laureates=[Laureate(
            index=1, region="Bretagne", leads=[Lead(name="=HYPERLINK(\"x\")")],
            partners=[Partner(name="@Sfax"), Partner(name="-Tunis")], title="+ Eau",
        )],
    )


def test_default_csv_is_faithful_and_excel_csv_keeps_formulas_as_text() -> None:
    plain, excel = io.StringIO(newline=""), io.StringIO(newline="")
    write_csv([_formulas()], plain)
    write_excel_csv([_formulas()], excel)
    row = next(csv.DictReader(io.StringIO(plain.getvalue())))
    assert (row["leads"], row["partners"], row["title"]) == (
        '=HYPERLINK("x")', "@Sfax; -Tunis", "+ Eau")
    text = excel.getvalue()
    assert text.startswith("\ufeffsource_path;source_sha256;call_id;")
    row = next(csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert (row["leads"], row["partners"], row["title"]) == (
        "'=HYPERLINK(\"x\")", "'@Sfax; -Tunis", "'+ Eau")


def test_excel_option_writes_the_spreadsheet_csv_and_its_package(batch: Path) -> None:
    result = run("in/a-seed.txt", "-o", "sheet.csv", "--excel")
    assert result.exit_code == 0, result.stderr
    assert Path("sheet.csv").read_bytes().startswith(b"\xef\xbb\xbfsource_path;")
    package = json.loads(Path("sheet.datapackage.json").read_text(encoding="utf-8"))
    assert package["resources"][0]["dialect"] == {"delimiter": ";"}
    validate(Path("sheet.datapackage.json"))
    assert run("in/a-seed.txt", "-o", "x.json", "--excel").exit_code == 2


def test_package_types_codes_as_text_and_amounts_as_numbers(batch: Path) -> None:
    assert run("in/a-seed.txt", "-o", "all.csv").exit_code == 0
    package = json.loads(Path("all.datapackage.json").read_text(encoding="utf-8"))
    types = {f["name"]: f["type"] for f in package["resources"][0]["schema"]["fields"]}
    header = Path("all.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert list(types) == header
    assert {types[n] for n in ("region_code", "lead_codes", "source_sha256", "call_id")} == {
        "string"}
    assert (types["amount_eur"], types["call_start_year"], types["date"]) == (
        "number", "integer", "date")
    package_ = frictionless.Package(str(Path("all.datapackage.json").resolve()))
    rows = package_.get_resource("laureates").read_rows()
    assert rows[0]["region_code"] == "84"
    assert rows[0]["lead_codes"] == "03"


def test_call_id_groups_spellings_of_one_call() -> None:
    ids = {Call(name=name, start_year=2020, end_year=2021).id
           for name in ("Généraliste", "généraliste", "GENERALISTE")}
    assert ids == {"generaliste-2020-2021"}
    assert Call(name="Jeunesse VI", start_year=2019, end_year=2020).id == "jeunesse-vi-2019-2020"
    assert Call(name="franco-sénégalais", start_year=2018, end_year=2018).id == (
        "franco-senegalais-2018")
    assert Call(name="Généraliste", start_year=2016).id == "generaliste-2016"


def test_records_md_describes_every_column_as_the_package_does() -> None:
    from aap_parser.datapackage import FIELDS
    from tests.conftest import ROOT

    text = (ROOT / "docs" / "records.md").read_text(encoding="utf-8")
    documented = {
        name: (kind, description)
        for name, kind, description in re.findall(r"^\| `(\w+)` \| (\w+) \| (.+) \|$", text,
                                                   re.MULTILINE)
    }
    assert documented == FIELDS
