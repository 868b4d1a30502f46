"""The directory as a spreadsheet: export to CSV/XLSX, and import from one — checked row by
row first (every refused row with its reason), then written all together or not at all."""

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select

from ..common import tables
from ..common.spreadsheet import safe_row
from ..common.tables import to_csv  # noqa: F401  (directory_views exports with it)
from ..extensions import db
from ..models.directory import Organisation, Service
from ..vocab.codes import ACCESS_MODES, SERVICE_KINDS
from . import validation
from .directory_services import ServiceData, create_service

COLUMNS = ("organisation", "kind", "service", "needs", "languages", "hours", "address",
           "access_mode", "eligibility", "phone", "email", "website", "what_to_bring",
           "contact_person", "active", "verified_on")
REQUIRED = ("organisation", "kind", "service", "needs", "address", "access_mode")
MAX_ROWS = 2000
MAX_BYTES = 2_000_000


class UnreadableFile(ValueError):
    pass


def _list(codes) -> str:
    return " ".join(codes)


def export_rows(services) -> list[list]:
    rows = [list(COLUMNS)]
    for s in services:
        week = {}
        for o in s.openings:
            week.setdefault(o.weekday, []).append((o.opens, o.closes))
        rows.append(safe_row([
            s.organisation.name, s.organisation.kind, s.name, _list(s.needs), _list(s.languages),
            validation.format_week(week), s.address, s.access_mode, s.eligibility or "",
            s.phone or "", s.email or "", s.website or "", s.what_to_bring or "",
            s.contact_person or "", "yes" if s.active else "no",
            s.verified_on.isoformat() if s.verified_on else ""]))
    return rows


def to_xlsx(rows) -> bytes:
    return tables.to_xlsx(rows, "directory")


def read_table(filename: str, content: bytes) -> list[list[str]]:
    """The rows of an uploaded CSV (UTF-8, UTF-16 or Windows-1252; comma or semicolon) or
    XLSX file, as text."""
    try:
        return tables.read_table(filename, content, MAX_BYTES).rows
    except tables.UnreadableFile as problem:
        raise UnreadableFile(str(problem)) from None


@dataclass
class ImportCheck:
    accepted: list[ServiceData] = field(default_factory=list)
    refused: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)


def _row_data(cells: dict) -> ServiceData:
    for column in REQUIRED:
        if not cells.get(column):
            raise validation.Invalid(_("The column %(column)s is empty.", column=column))
    if cells["kind"] not in SERVICE_KINDS:
        raise validation.Invalid(_("Unknown kind %(kind)s: use public or third_sector.",
                                   kind=cells["kind"]))
    if cells["access_mode"] not in ACCESS_MODES:
        raise validation.Invalid(_("Unknown way of access %(mode)s: use appointment, walk_in "
                                   "or letter_required.", mode=cells["access_mode"]))
    verified = cells.get("verified_on") or None
    if verified:
        try:
            verified = date.fromisoformat(verified[:10])
        except ValueError:
            raise validation.Invalid(_("Write the date of verification as YYYY-MM-DD.")) from None
    if len(cells["service"]) > 160 or len(cells["organisation"]) > 160 \
            or len(cells["address"]) > 240:
        raise validation.Invalid(_("A name or the address is too long."))
    return ServiceData(
        organisation=cells["organisation"], kind=cells["kind"], name=cells["service"],
        needs=validation.clean_needs(cells["needs"].replace(",", " ").split()),
        languages=validation.clean_languages(cells.get("languages", "").replace(",", " ").split()),
        hours=validation.parse_week(cells.get("hours")), address=cells["address"],
        access_mode=cells["access_mode"], eligibility=cells.get("eligibility") or None,
        phone=validation.clean_phone(cells.get("phone")),
        email=validation.clean_email(cells.get("email")),
        website=validation.clean_url(cells.get("website")),
        what_to_bring=cells.get("what_to_bring") or None,
        contact_person=(cells.get("contact_person") or "")[:120] or None,
        active=(cells.get("active") or "yes").lower() not in ("no", "0", "false", "n"),
        verified_on=verified)


def _existing_names(province: str) -> set[tuple[str, str]]:
    return {(o.lower(), s.lower()) for o, s in db.session.execute(
        select(func.lower(Organisation.name), func.lower(Service.name))
        .join(Service, Service.organisation_id == Organisation.id)
        .where(Organisation.province == province))}


def check_import(table: list[list[str]], province: str) -> ImportCheck:
    """Every row read and judged; nothing written."""
    check = ImportCheck()
    if not table:
        check.refused.append((1, _("The file is empty.")))
        return check
    header = [h.strip().lower() for h in table[0]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        check.refused.append((1, _("Columns missing: %(columns)s.", columns=", ".join(missing))))
        return check
    if len(table) - 1 > MAX_ROWS:
        check.refused.append((1, _("At most %(count)d rows at a time.", count=MAX_ROWS)))
        return check
    seen = _existing_names(province)
    for line, row in enumerate(table[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = {name: (row[i].strip() if i < len(row) else "") for i, name in enumerate(header)}
        try:
            data = _row_data(cells)
        except validation.Invalid as problem:
            check.refused.append((line, str(problem)))
            continue
        key = (data.organisation.strip().lower(), data.name.strip().lower())
        if key in seen:
            check.refused.append((line, _("%(service)s of %(organisation)s is already in the "
                                          "directory or earlier in the file.",
                                          service=data.name, organisation=data.organisation)))
            continue
        seen.add(key)
        check.accepted.append(data)
    return check


def import_directory(actor, province: str, check: ImportCheck) -> int:
    """Write the accepted rows of a check without refusals (all or nothing)."""
    if check.refused:
        raise ValueError("an import with refused rows is never written")
    for data in check.accepted:
        create_service(actor, province, data)
    return len(check.accepted)
