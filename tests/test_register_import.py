"""Importing a desk's existing register of people: encodings, spreadsheets the desk cannot
read faithfully, the form's own rules for every row, duplicates found as the search finds
them (in the database and within the file), a dry run, then all or nothing."""

import codecs
import csv
import io

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from desk.common import tables
from desk.counter import import_services as registers
from desk.extensions import db
from desk.models.audit import AuditLog
from desk.models.cases import Access
from desk.models.people import Person

from .casework import build_world

HEADER = ["Cognome", "Nome", "Data di nascita", "Nazionalità", "Telefono", "Ultimo accesso",
          "Bisogni"]
FAMILIES = ["Rossi", "Diallo", "Kowalczyk", "Nguyen", "Okafor", "Hussain", "Popescu", "Silva",
            "Moreau", "Ivanenko", "Benali", "Chowdhury", "Haddad", "Mensah", "Zhang", "Kaya"]
GIVEN = ["Amina", "Marco", "Olena", "Fatou", "Tariq", "Ioana", "Luis", "Chloé", "Samir",
         "Rahim", "Wei", "Efua", "Yusuf", "Nadia", "Piotr", "Lina", "Omar", "Sofia", "Ali",
         "Grace", "Ibrahim", "Mariam", "Kofi", "Elif", "Anh"]


SYLLABLES = ["ba", "ke", "lo", "mu", "ni", "ra", "so", "ti", "vu", "ze", "da", "fe", "gi",
             "ho", "ju", "pa", "qu", "se", "to", "wy"]


def register_rows(count: int, duplicates: int) -> list[list[str]]:
    """`count` distinct people (a made-up name, a year and a phone each), then `duplicates`
    rows that repeat earlier people with the family name mistyped."""
    rows = [HEADER]
    for i in range(count):
        family = (SYLLABLES[i % 20] + SYLLABLES[i // 20 % 20] + SYLLABLES[i // 400 % 20]
                  + "mbeki").capitalize()
        rows.append([family, GIVEN[i % len(GIVEN)], str(1930 + i % 79), "MA",
                     f"+39 333 {1000000 + i}", "10/03/2026" if i % 3 == 0 else "",
                     "housing work" if i % 3 == 0 else ""])
    for j in range(duplicates):
        original = rows[1 + j * 7]
        rows.append([original[0][:-1] + "y", original[1], original[2], "MA", "", "", ""])
    return rows


def _xlsx(rows) -> bytes:
    return tables.to_xlsx(rows)


def _people() -> int:
    return db.session.scalar(select(func.count()).select_from(Person))


@pytest.fixture
def world(make):
    return build_world(make)


def test_encodings_are_detected_and_named():
    text = "Cognome;Nome\nRossì;Zoë\n"
    cases = {"utf-8": text.encode("utf-8"), "utf-8-sig": codecs.BOM_UTF8 + text.encode("utf-8"),
             "utf-16": text.encode("utf-16"), "cp1252": text.encode("cp1252")}
    for expected, content in cases.items():
        table = tables.read_table("r.csv", content, 10_000, strict=True)
        assert table.encoding == expected
        assert table.rows == [["Cognome", "Nome"], ["Rossì", "Zoë"]]


@pytest.mark.parametrize("problem", ["formula", "merged", "empty header", "blank first row"])
def test_spreadsheets_the_desk_cannot_read_faithfully_are_refused(app, problem):
    book = Workbook()
    sheet = book.active
    sheet.append(["Cognome", "Nome", "Anno"])
    sheet.append(["Rossi", "Marco", "1980"])
    if problem == "formula":
        sheet["C2"] = "=1970+10"
    elif problem == "merged":
        sheet.merge_cells("A2:B2")
    elif problem == "empty header":
        sheet["B1"] = None
    else:
        sheet.delete_rows(1)
        sheet.insert_rows(1)
        sheet["C2"] = "x"
    out = io.BytesIO()
    book.save(out)
    with app.test_request_context(), pytest.raises(tables.UnreadableFile):
        tables.read_table("r.xlsx", out.getvalue(), 10_000_000, strict=True)


def test_the_mapping_is_guessed_from_italian_headers_and_remembered_per_site(app, world):
    mapping = registers.guess_mapping(HEADER)
    assert mapping["family_name"] == "Cognome" and mapping["birth"] == "Data di nascita"
    with app.test_request_context():
        registers.remember_mapping(world.users["supervisor"], world.site,
                                   {**mapping, "phone": ""})
    db.session.commit()
    remembered = registers.remembered_mapping(world.site)
    assert "phone" not in remembered
    assert registers.guess_mapping(HEADER, remembered)["given_name"] == "Nome"


def test_every_row_is_checked_with_the_registration_forms_rules(app, world):
    rows = [HEADER, ["Rossi", "Marco", "31/02/1980", "MA", "", "", ""],
            ["Rossi", "M4rco", "1980", "MA", "", "", ""],
            ["Rossi", "Marco", "1980", "ZZ", "", "", ""],
            ["Rossi", "Marco", "1980", "MA", "12", "", ""],
            ["Rossi", "Marco", "1980", "MA", "", "", "housing"],
            ["Bianchi", "Anna", "1985", "MA", "", "01/01/2026", "flying"],
            ["Verdi", "Luca", "1990", "MA", "+39 333 1234567", "01/01/2026", "housing"]]
    supervisor = world.users["supervisor"]
    with app.test_request_context():
        check = registers.check_register(supervisor, rows, registers.guess_mapping(HEADER))
        assert [r.line for r in check.invalid] == [2, 3, 4, 5, 6, 7]
        assert [r.data.family_name for r in check.accepted] == ["Verdi"]
        with pytest.raises(ValueError):
            registers.import_register(supervisor, world.site, check, filename="r.csv")
    assert _people() == 1  # Yusuf Haddad of the world only


def test_a_2000_row_register_is_imported_with_its_duplicates_reported(app, world, runner,
                                                                      tmp_path):
    rows = register_rows(1990, 10)
    rows.append(["Hadad", "Yusuf", "", "SY", "", "", ""])  # already registered, one typo
    path = tmp_path / "registro.xlsx"
    path.write_bytes(_xlsx(rows))
    report = tmp_path / "refused.csv"
    dry = runner.invoke(args=["desk", "import-people", str(path), "--site", "TO",
                              "--user", "supervisor@example.test", "--dry-run",
                              "--report", str(report)])
    assert dry.exit_code == 0, dry.output
    assert "Dry run" in dry.output and _people() == 1
    refused = list(csv.reader(io.StringIO(report.read_text("utf-8-sig"))))[1:]
    duplicate_lines = {int(line) for line, _reason, flag in refused if flag}
    planted = {1992 + j for j in range(10)} | {2002}  # the typo rows, then Yusuf "Hadad"
    assert planted <= duplicate_lines
    assert len(duplicate_lines) == len(refused)  # nothing refused for breaking a rule
    assert "Haddad" in next(reason for line, reason, _ in refused if line == "2002")
    expected = 2001 - len(duplicate_lines)
    assert f"{expected} rows to import, {len(duplicate_lines)} likely duplicates" in dry.output

    done = runner.invoke(args=["desk", "import-people", str(path), "--site", "TO",
                               "--user", "supervisor@example.test"])
    assert done.exit_code == 0, done.output
    assert f"Imported {expected} people into TO" in done.output
    assert _people() == 1 + expected
    accesses = db.session.scalar(select(func.count()).select_from(Access))
    assert 0 < accesses <= 664
    audit = db.session.scalars(select(AuditLog).where(AuditLog.action == "import_people")).one()
    assert audit.detail["rows_imported"] == expected
    assert audit.detail["duplicates_left_out"] == len(duplicate_lines)
    assert registers.remembered_mapping(world.site)["family_name"] == "Cognome"


def test_one_bad_row_imports_nothing(world, runner, tmp_path):
    rows = register_rows(30, 0) + [["Rossi", "Marco", "1980", "ZZ", "", "", ""]]
    path = tmp_path / "registro.csv"
    path.write_bytes(tables.to_csv(rows))
    result = runner.invoke(args=["desk", "import-people", str(path), "--site", "TO",
                                 "--user", "supervisor@example.test"])
    assert result.exit_code != 0 and "Nothing imported" in result.output
    assert "row 32" in result.output
    assert _people() == 1


def test_the_cli_refuses_a_user_who_does_not_see_the_site(world, runner, tmp_path):
    path = tmp_path / "registro.csv"
    path.write_bytes(tables.to_csv(register_rows(3, 0)))
    for email in ("legal@example.test", "other@example.test", "admin@example.test"):
        result = runner.invoke(args=["desk", "import-people", str(path), "--site", "TO",
                                     "--user", email])
        assert result.exit_code != 0, email
    assert _people() == 1
