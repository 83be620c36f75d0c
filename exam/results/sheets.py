"""Signed PDF sheets (result sheet, score sheet, admission ticket) and their public check.

Each sheet prints the canonical data it stands for, its SHA-256, a short code with a QR
link to /verify/<code>, and the audit chain head at the moment it was made; it is
certified with the organization's key. Sheets are always printed in Vietnamese.
"""

from __future__ import annotations

import dataclasses
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from flask_babel import force_locale, format_date, format_datetime, format_decimal, pgettext
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from exam import storage
from exam.audit import service as audit
from exam.competitions.models import Competition
from exam.documents import official, pdf, signing
from exam.errors import Conflict, NotFound, require
from exam.registration.models import Application, ApplicationStatus
from exam.results import permissions
from exam.results.models import Countersignature, ResultKind, ResultVersion, SignedSheet
from exam.results.service import canonical_sha256, latest_version
from exam.scoring.presentation import part_is_blind

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
SHEET_LANGUAGE = "vi"


def normalise_code(text: str) -> str:
    """Codes are typed by people: ignore case, spaces and dashes."""
    raw = "".join(ch for ch in (text or "").upper() if ch.isalnum())
    return f"{raw[:4]}-{raw[4:]}" if len(raw) == 8 else raw


def _new_code(session: Session) -> str:
    while True:
        raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
        code = f"{raw[:4]}-{raw[4:]}"
        if session.scalar(select(SignedSheet.id).where(SignedSheet.code == code)) is None:
            return code


def _number(value) -> str:
    return format_decimal(Decimal(value), format="#,##0.00")


def standing_label(standing: str) -> str:
    return {
        "recommended": _("Recommended for appointment"),
        "reserve": _("Reserve list"),
        "passed": _("Passed"),
        "tie_unresolved": _("Tied: awaiting the board's decision"),
        "failed": _("Did not pass"),
    }.get(standing, standing)


def rank_label(row: dict) -> str:
    if row["rank"] is None:
        return "–"
    return f"{row['rank']}=" if row["is_tied"] else str(row["rank"])


def _verification(code: str, data_sha256: str, chain: tuple[int, str], base_url: str):
    return pdf.Verification(
        code=code, url=f"{base_url.rstrip('/')}/verify/{code}", data_sha256=data_sha256,
        chain_head=chain[1], chain_length=chain[0], heading_label=_("Verification"),
        code_label=_("Verification code"), url_label=_("Verify at"),
        data_sha256_label=_("SHA-256 of the result data"),
        chain_head_label=_("Audit chain head"), chain_length_label=_("Audit chain length"),
        note=_("Scan the code or open the address to check that this sheet is genuine and "
               "whether a newer version replaced it."))


def _header(competition: Competition, title: str, status: str, now: datetime, organization: str):
    return pdf.SheetHeader(
        organization=organization, competition_title=competition.title, title=title,
        post=competition.post, unit=competition.unit, post_label=_("Post"),
        unit_label=_("Unit"), status_label=status,
        generated_at_label=_("Produced %(when)s", when=format_datetime(now, "short")),
        page_label=_("Page {page}/{pages}"))


def _weight(value) -> str:
    """A weight as people write it: 2, 1,5 (no trailing zeros)."""
    number = Decimal(str(value)).normalize()
    return format_decimal(number if number == number.to_integral() else number, "0.##")


def _board_signer(session: Session, actor, competition: Competition) -> pdf.SignerBlock:
    """The member who signs, in their capacity in the board (Decree 30's layout)."""
    from exam.competitions.models import Role
    from exam.competitions.permissions import roles_in

    roles = roles_in(session, actor, competition)
    capacity = "chair" if Role.CHAIR in roles else ("secretary" if Role.SECRETARY in roles
                                                    else "")
    return official.board_signature(
        capacity, getattr(actor, "full_name", "") or "", note=_("(digitally signed)"),
        recipients=[_("Candidates (published on the competition's page)")])


def _chair_signer(session: Session, competition: Competition, *recipients: str
                  ) -> pdf.SignerBlock:
    """Documents the platform issues on the board's behalf (a ticket a candidate downloads)
    carry the chair's name and capacity."""
    from exam.competitions.permissions import board_chair

    chair = board_chair(session, competition)
    return official.board_signature("chair", chair.full_name if chair else "",
                                    note=_("(digitally signed)"), recipients=recipients)


def _part_kinds(session: Session, competition: Competition) -> dict[str, str]:
    """Which parts examiners marked (essay) and which the system scored (objective)."""
    from exam.sitting.models import TestPart

    return {part.key: part.kind for part in session.scalars(
        select(TestPart).where(TestPart.competition_id == competition.id))}


def _status(data: dict) -> str:
    if data["kind"] == ResultKind.FINAL:
        return _("FINAL RESULT · version %(n)d", n=data["version"])
    return _("PROVISIONAL RESULT · version %(n)d", n=data["version"])


def _store(session: Session, actor, competition: Competition, *, kind: str, code: str,
           data: dict, pdf_bytes: bytes, chain: tuple[int, str], folder, now: datetime,
           version: ResultVersion | None = None, application_id: int | None = None,
           key: signing.SigningKey) -> SignedSheet:
    signed = signing.certify_pdf(pdf_bytes, key, reason=_("Certified by the competition board"),
                                 location=competition.unit)
    stored = storage.store_file(session, folder, signed, ".pdf")
    sheet = SignedSheet(code=code, kind=kind, competition_id=competition.id,
                        version_id=version.id if version else None, application_id=application_id,
                        data=data, data_sha256=canonical_sha256(data), chain_length=chain[0],
                        chain_head=chain[1], stored_name=stored, produced_at=now,
                        produced_by_id=getattr(actor, "id", None))
    session.add(sheet)
    session.flush()
    audit.record(session, actor, "results.sheet_signed", at=now, competition=competition,
                 target=sheet, payload={"kind": kind, "code": code,
                                        "data_sha256": sheet.data_sha256,
                                        "version": version.number if version else None})
    return sheet


def sign_result_sheet(session: Session, actor, version: ResultVersion, *,
                      key: signing.SigningKey, folder, base_url: str, organization: str,
                      now: datetime) -> SignedSheet:
    """The ranked sheet of one result version, certified with the organization's key."""
    competition = session.get(Competition, version.competition_id)
    require(permissions.can_manage_results(session, actor, competition),
            _("Only the board chair or secretary can sign result sheets."))
    existing = session.scalar(select(SignedSheet).where(
        SignedSheet.version_id == version.id, SignedSheet.kind == pdf.KIND_RESULT_SHEET))
    require(existing is None, _("This result version already has its signed sheet."), Conflict)
    data = version.data
    code = _new_code(session)
    chain = audit.chain_head(session)
    with force_locale(SHEET_LANGUAGE):
        parts = data["parts"]
        columns = [_("Place"), _("Cand. no."), _("Full name"),
                   *[_("%(part)s (weight %(w)s)", part=p["title"], w=_weight(p["weight"]))
                     for p in parts], _("Priority"), _("Total"), _("Result")]
        rows = [[rank_label(r), r["candidate_number"], r["name"],
                 *[_number(r["scores"][p["key"]]) for p in parts],
                 _number(r["priority_points"]), _number(r["total"]),
                 standing_label(r["standing"])] for r in data["rows"]]
        notes = [_("Total = the sum of each part's score times its weight, plus priority points: "
                   "%(formula)s. A part is passed at or above its pass mark: %(marks)s.",
                   formula=" + ".join(f"{p['title']} × {_weight(p['weight'])}" for p in parts),
                   marks="; ".join(f"{p['title']} ≥ {_number(p['pass_mark'])}" for p in parts))]
        kinds = _part_kinds(session, competition)
        blind = [p["title"] for p in parts
                 if part_is_blind(p["key"]) and kinds.get(p["key"]) != "objective"]
        automatic = [p["title"] for p in parts if kinds.get(p["key"]) == "objective"]
        in_person = [p["title"] for p in parts if not part_is_blind(p["key"])]
        if automatic:
            notes.append(_("Scored by the system against the answer key, with no examiner: "
                           "%(parts)s.", parts=", ".join(automatic)))
        if blind:
            notes.append(_("Scored blind, the examiners not knowing whose script it was: "
                           "%(parts)s.", parts=", ".join(blind)))
        if in_person:
            notes.append(_("Scored in person by the panel, not blind: %(parts)s.",
                           parts=", ".join(in_person)))
        if data["tie_break_parts"]:
            titles = {p["key"]: p["title"] for p in parts}
            notes.append(_("Equal totals are split by: %(order)s, then by a recorded decision "
                           "of the board. “=” marks a shared rank.",
                           order=", ".join(titles[k] for k in data["tie_break_parts"])))
        for decision in data.get("board_decisions", ()):
            notes.append(_("Order decided by the board (%(order)s): %(reason)s",
                           order=" > ".join(decision["order"]), reason=decision["reason"]))
        if data["reserve_expires_on"] and any(r["standing"] == "reserve" for r in data["rows"]):
            notes.append(_("The reserve list is valid until %(day)s.",
                           day=format_date(date.fromisoformat(data["reserve_expires_on"]))))
        if version.reason:
            notes.append(_("Reason for this version: %(reason)s", reason=version.reason))
        if version.supersedes_id:
            notes.append(_("This version replaces version %(n)d.", n=version.number - 1))
        sheet = pdf.ResultSheet(
            header=dataclasses.replace(
                _header(competition, _("RANKED RESULT OF THE COMPETITION"), _status(data), now,
                        organization),
                official=official.heading(organization, code, official.NOTICE, now)),
            signer=_board_signer(session, actor, competition),
            columns=columns, rows=rows, notes=notes,
            verification=_verification(code, version.data_sha256, chain, base_url),
            column_align=["CENTER", "CENTER", "LEFT", *["RIGHT"] * (len(parts) + 2), "LEFT"],
            keep_whole=(0, 1, 2))
        pdf_bytes = pdf.build_result_sheet(sheet)
    require(canonical_sha256(data) == version.data_sha256,
            _("The stored result does not match its hash."), Conflict)
    return _store(session, actor, competition, kind=pdf.KIND_RESULT_SHEET, code=code, data=data,
                  pdf_bytes=pdf_bytes, chain=chain, folder=folder, now=now, version=version,
                  key=key)


def score_sheet_data(version: ResultVersion, application_id: int) -> dict:
    row = next((r for r in version.data["rows"] if r["application_id"] == application_id), None)
    if row is None:
        raise NotFound(_("This candidate is not in the published result."))
    return {"competition": version.data["competition"], "version": version.number,
            "kind": version.kind, "parts": version.data["parts"], "row": row}


def require_own_or_board(session: Session, actor, application: Application) -> None:
    """A candidate's sheets are for the candidate and the competition's board only."""
    require(application.user_id == getattr(actor, "id", None)
            or permissions.is_board(session, actor, application.competition),
            _("You may not see this result."))


def sign_score_sheet(session: Session, actor, version: ResultVersion, application: Application,
                     *, key: signing.SigningKey, folder, base_url: str, organization: str,
                     now: datetime) -> SignedSheet:
    """A candidate's own detailed sheet for one version; made once, then served again."""
    competition = application.competition
    require_own_or_board(session, actor, application)
    existing = session.scalar(select(SignedSheet).where(
        SignedSheet.version_id == version.id, SignedSheet.application_id == application.id,
        SignedSheet.kind == pdf.KIND_SCORE_SHEET))
    if existing is not None:
        return existing
    data = score_sheet_data(version, application.id)
    code = _new_code(session)
    chain = audit.chain_head(session)
    row = data["row"]
    with force_locale(SHEET_LANGUAGE):
        sheet = pdf.ScoreSheet(
            header=dataclasses.replace(
                _header(competition, _("CANDIDATE SCORE SHEET"), _status(version.data), now,
                        organization),
                official=official.heading(organization, code, official.NOTE, now)),
            signer=_chair_signer(session, competition,
                                 f"Ông/Bà {row['name']} (thí sinh số {row['candidate_number']})"),
            candidate_number=row["candidate_number"], candidate_name=row["name"],
            candidate_number_label=_("Candidate no."), candidate_name_label=_("Full name"),
            columns=[_("Part"), _("Score"), _("Maximum"), _("Pass mark"), _("Passed")],
            rows=[[p["title"], _number(row["scores"][p["key"]]), _number(p["max_points"]),
                   _number(p["pass_mark"]), _("yes") if row["passed_parts"][p["key"]] else _("no")]
                  for p in data["parts"]],
            total=[_("Total (with %(points)s priority points)",
                     points=_number(row["priority_points"])), _number(row["total"]), "", "", ""],
            extra_fields=[(_("Rank"), rank_label(row)), (_("Result"), standing_label(row["standing"]))],
            verification=_verification(code, canonical_sha256(data), chain, base_url),
            column_align=["LEFT", "RIGHT", "RIGHT", "RIGHT", "CENTER"])
        pdf_bytes = pdf.build_score_sheet(sheet)
    return _store(session, actor, competition, kind=pdf.KIND_SCORE_SHEET, code=code, data=data,
                  pdf_bytes=pdf_bytes, chain=chain, folder=folder, now=now, version=version,
                  application_id=application.id, key=key)


def sign_admission_ticket(session: Session, actor, application: Application, *,
                          key: signing.SigningKey, folder, base_url: str, organization: str,
                          now: datetime) -> SignedSheet:
    """Accepted candidates get one ticket: number, sitting time, how to get in."""
    require_own_or_board(session, actor, application)
    require(application.status == ApplicationStatus.ACCEPTED and application.candidate_number,
            _("Only accepted candidates have an admission ticket."), Conflict)
    existing = session.scalar(select(SignedSheet).where(
        SignedSheet.application_id == application.id,
        SignedSheet.kind == pdf.KIND_ADMISSION_TICKET))
    if existing is not None:
        return existing
    competition = application.competition
    from exam.rooms import service as rooms

    seat, photo = rooms.seat_of(session, application), rooms.photo_of(session, application)
    code = _new_code(session)
    chain = audit.chain_head(session)
    with force_locale(SHEET_LANGUAGE):
        window = (f"{format_datetime(competition.sitting_opens_at, 'short')} – "
                  f"{format_datetime(competition.sitting_closes_at, 'short')}")
        data = {"competition": {"id": competition.id, "title": competition.title},
                "candidate_number": application.candidate_number,
                "name": application.user.full_name, "sitting": window}
        place = []
        if seat is not None:
            data["seat"] = {"session": seat.room.session_number, "room": seat.room.code,
                            "seat": seat.seat_number}
            place = [(_("Room and seat"), _("Session %(n)d, room %(code)s (%(name)s), seat "
                                            "%(seat)d.", n=seat.room.session_number,
                                            code=seat.room.code, name=seat.room.name,
                                            seat=seat.seat_number))]
        if photo is not None:
            data["photo_sha256"] = photo.sha256
        instructions = [
            _("Sign in to thituyen with your own account during the sitting window."),
            _("Open the competition and enter the room access code the proctor gives you."),
            _("Bring this ticket and your citizen ID card; your answers save as you type."),
        ]
        ticket = pdf.AdmissionTicket(
            header=dataclasses.replace(
                _header(competition, _("ADMISSION TICKET"), "", now, organization),
                official=official.heading(organization, code, official.SUMMONS, now)),
            signer=_chair_signer(session, competition,
                                 f"Ông/Bà {application.user.full_name}"),
            candidate_number=application.candidate_number,
            candidate_name=application.user.full_name, competition=competition.title,
            sitting_time=window, instructions=instructions,
            candidate_number_label=_("Candidate no."), candidate_name_label=_("Full name"),
            competition_label=_("Competition"), sitting_time_label=pgettext("admission ticket", "Sitting"),
            instructions_label=_("Access instructions"), extra_fields=place,
            photo_jpeg=photo.data if photo is not None else None,
            verification=_verification(code, canonical_sha256(data), chain, base_url))
        pdf_bytes = pdf.build_admission_ticket(ticket)
    return _store(session, actor, competition, kind=pdf.KIND_ADMISSION_TICKET, code=code,
                  data=data, pdf_bytes=pdf_bytes, chain=chain, folder=folder, now=now,
                  application_id=application.id, key=key)


def countersign(session: Session, actor, sheet: SignedSheet, *, member_key: signing.SigningKey,
                folder, now: datetime) -> Countersignature:
    """A board member adds an approval signature; the certification stays valid."""
    competition = session.get(Competition, sheet.competition_id)
    require(permissions.can_countersign(session, actor, competition),
            _("Only board members countersign sheets."))
    current = (Path(folder) / sheet.current_file).read_bytes()
    field_name = f"Approval{len(sheet.countersignatures) + 1}"
    signed = signing.add_approval_signature(current, member_key, field_name=field_name,
                                            reason=_("Approved by a board member"))
    stored = storage.store_file(session, folder, signed, ".pdf")
    item = Countersignature(sheet_id=sheet.id, user_id=actor.id, signed_at=now,
                            stored_name=stored)
    session.add(item)
    session.flush()
    session.refresh(sheet, ["countersignatures"])
    audit.record(session, actor, "results.sheet_countersigned", at=now, competition=competition,
                 target=sheet, payload={"code": sheet.code})
    return item


def sheet_by_code(session: Session, code: str) -> SignedSheet | None:
    return session.scalar(select(SignedSheet).where(SignedSheet.code == normalise_code(code)))


def result_sheet_of(session: Session, version: ResultVersion) -> SignedSheet | None:
    return session.scalar(select(SignedSheet).where(
        SignedSheet.version_id == version.id, SignedSheet.kind == pdf.KIND_RESULT_SHEET))


def sheet_file(sheet: SignedSheet, folder) -> bytes:
    return (Path(folder) / sheet.current_file).read_bytes()


# --------------------------------------------------------------------------- verification


@dataclass
class SheetCheck:
    """What the public verification page and `thituyen verify-pdf` report."""

    code: str = ""
    sheet: SignedSheet | None = None
    signature_checked: bool = False
    signature_valid: bool = False
    signers: list = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    matches_record: bool = False
    superseded_by: ResultVersion | None = None
    annulled: bool = False  # the inspectors annulled this result version (exam.appointment)

    @property
    def is_genuine(self) -> bool:
        """Valid signature over the whole file and the data on record: exit 0 / green."""
        return self.signature_valid and self.matches_record


def _record_facts(session: Session, check: SheetCheck, sheet: SignedSheet) -> None:
    check.sheet = sheet
    if sheet.version_id is not None:
        newest = latest_version(session, session.get(Competition, sheet.competition_id))
        if newest is not None and newest.id != sheet.version_id:
            check.superseded_by = newest
        from exam.appointment.remedies import is_annulled

        check.annulled = is_annulled(session, sheet.version)


def check_code(session: Session, code: str) -> SheetCheck:
    """Look a typed code up: what the record says (no file, so no signature to check)."""
    check = SheetCheck(code=normalise_code(code))
    sheet = sheet_by_code(session, code)
    if sheet is None:
        check.problems.append(_("No sheet with this code is on record."))
        return check
    _record_facts(session, check, sheet)
    check.matches_record = canonical_sha256(sheet.data) == sheet.data_sha256
    return check


def check_pdf(session: Session, pdf_bytes: bytes, trust_roots,
              certifier_sha256: str | None) -> SheetCheck:
    """Signature valid, certified with the organization's own certificate (`certifier_sha256`;
    a member's certificate under the same root only countersigns), covering the whole file, and
    the printed data equal to the record."""
    if not certifier_sha256:
        check = SheetCheck(signature_checked=True)
        check.problems.append(_("The organization's signing certificate is not installed, so no "
                                "sheet can be confirmed as genuine."))
        return check
    verdict = signing.verify_pdf(pdf_bytes, trust_roots)
    check = SheetCheck(signature_checked=True, signature_valid=verdict.is_valid,
                       signers=verdict.signers, problems=list(verdict.problems))
    certifier = next((s for s in verdict.signers if s.certification), None)
    pin = signing.normalise_fingerprint(certifier_sha256)
    if certifier is not None and certifier.certificate_sha256 != pin:
        check.signature_valid = False
        check.signers = [dataclasses.replace(s, is_valid=False) if s is certifier else s
                         for s in check.signers]
        check.problems.append(_("The sheet was certified by %(name)s, not with the organization's "
                                "signing certificate: a board member's certificate can only "
                                "countersign, so this is not one of our sheets.",
                                name=certifier.name))
    meta = verdict.metadata
    check.code = meta.get("ThituyenCode", "")
    if not check.code:
        check.problems.append(_("The file carries no verification code of ours."))
        return check
    sheet = sheet_by_code(session, check.code)
    if sheet is None:
        check.problems.append(_("No sheet with this code is on record."))
        return check
    _record_facts(session, check, sheet)
    stored_ok = canonical_sha256(sheet.data) == sheet.data_sha256
    if sheet.version is not None and sheet.kind == pdf.KIND_RESULT_SHEET:
        stored_ok = stored_ok and sheet.version.data_sha256 == sheet.data_sha256
    check.matches_record = (stored_ok and meta.get("ThituyenDataSHA256") == sheet.data_sha256
                            and meta.get("ThituyenKind") == sheet.kind)
    if not check.matches_record:
        check.problems.append(_("The data printed on the sheet differs from the record."))
    return check


def member_key(folder, user, configured_password: str | None = None) -> signing.SigningKey:
    """A board member's own certificate: `member-<id>.p12` beside the organization's key.

    Development installs issue it from the dev CA on first use; production installs put each
    member's PKCS#12 there (same password as the organization's key in this simple setup).
    """
    from exam.documents import keystore

    folder = Path(folder)
    path = folder / f"member-{user.id}.p12"
    password = keystore._password(folder, configured_password)
    if not path.exists():
        root_key = folder / signing.ROOT_KEY_FILE
        require(root_key.exists(), _("You have no personal signing certificate installed."),
                Conflict)
        pki = signing.DevPki(folder, folder / signing.ROOT_CERT_FILE, root_key,
                             folder / signing.SIGNER_P12_FILE)
        signing.issue_dev_signer(pki, user.full_name, "thituyen", password, path.name)
    return signing.load_signer(path, password)
