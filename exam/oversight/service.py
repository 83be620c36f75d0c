"""Irregularity reports, the inspector role and suspensions of a competition.

A reporter is known to the platform only by a tracking code: it is shown once, and only its
SHA-256 is kept (the code carries 120 random bits, so a plain hash cannot be reversed by
guessing). Filing and adding information record no account and no address in the audit log.
"""

from __future__ import annotations

import base64
import hashlib
import os
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from exam import storage
from exam.accounts.models import User
from exam.audit import service as audit
from exam.competitions import permissions as competition_permissions
from exam.competitions import service as competitions
from exam.competitions.models import BOARD_ROLES, Competition, Membership, Stage
from exam.documents import uploads
from exam.errors import Conflict, InvalidInput, NotFound, require
from exam.oversight import permissions
from exam.oversight.models import (
    IrregularityReport,
    ReportAddition,
    ReportAttachment,
    ReportCategory,
    ReportNamedPerson,
    ReportStatus,
    Suspension,
)
from exam.oversight.votes import vote_outcomes

__all__ = ["vote_outcomes"]  # the results sheet prints the relevant outcomes

CATEGORY_LABELS = {
    ReportCategory.SALE_OF_QUESTIONS: _l("An offer to sell questions or answers"),
    ReportCategory.PRESSURE_ON_EXAMINER: _l("Pressure on an examiner or board member"),
    ReportCategory.UNDECLARED_CONFLICT: _l("A conflict of interest not declared"),
    ReportCategory.WRONG_ELIGIBILITY: _l("A wrong eligibility decision"),
    ReportCategory.OTHER: _l("Something else"),
}

STATUS_LABELS = {
    ReportStatus.RECEIVED: _l("Received"),
    ReportStatus.UNDER_REVIEW: _l("Under review"),
    ReportStatus.RESOLVED: _l("Resolved"),
}

MIN_BODY = 20
MAX_BODY = 10_000
MAX_NAMED_TEXT = 500
MAX_ATTACHMENTS = 5
MAX_FINDING = 10_000
CODE_GROUPS = 6  # 6 x 4 base32 characters = 120 bits

SIGNATURES = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
)


@dataclass(frozen=True)
class Attachment:
    filename: str
    data: bytes


def _text(value: str | None) -> str:
    return unicodedata.normalize("NFC", (value or "").strip())


def _anonymously(fn, *args, **kwargs):
    """Run an audit write with no network address: a reporter leaves no trace of who they are."""
    token = audit.current_address.set("")
    try:
        return fn(*args, **kwargs)
    finally:
        audit.current_address.reset(token)


def new_tracking_code() -> str:
    raw = base64.b32encode(secrets.token_bytes(15)).decode()
    return "-".join(raw[i:i + 4] for i in range(0, 4 * CODE_GROUPS, 4))


def normalise_code(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def hash_code(code: str) -> str:
    return hashlib.sha256(b"thituyen-report-code\x00" + normalise_code(code).encode()).hexdigest()


def attachment_problem(attachment: Attachment, max_bytes: int) -> str | None:
    """PDF, JPEG or PNG, judged by the first bytes of the file, never by its name."""
    name = attachment.filename or "?"
    if not attachment.data:
        return _("%(name)s is empty.", name=name)
    if len(attachment.data) > max_bytes:
        return _("%(name)s is %(size).1f MB; the limit is %(limit).1f MB.", name=name,
                 size=len(attachment.data) / 1e6, limit=max_bytes / 1e6)
    kind = sniff(attachment.data)
    if kind is None:
        return _("%(name)s is not a PDF, JPEG or PNG file.", name=name)
    if kind[0] == "application/pdf":
        return uploads.active_content_problem(name, attachment.data)
    return None


def sniff(data: bytes) -> tuple[str, str] | None:
    for magic, content_type, suffix in SIGNATURES:
        if data.startswith(magic):
            return content_type, suffix
    return None


def _without_metadata(data: bytes, content_type: str) -> bytes:
    """The file as stored: re-written so that nothing in it but its content can tell who sent it."""
    if content_type == "application/pdf":
        return uploads.clean_pdf(data)
    return uploads.clean_image(data, "JPEG" if content_type == "image/jpeg" else "PNG")


def _check_attachments(attachments: list[Attachment], max_bytes: int) -> list[tuple]:
    """Each attachment as (clean bytes, content type, suffix); every problem at once, or none."""
    require(len(attachments) <= MAX_ATTACHMENTS,
            _("Attach at most %(n)d files.", n=MAX_ATTACHMENTS), InvalidInput)
    problems = [p for p in (attachment_problem(a, max_bytes) for a in attachments) if p]
    prepared = []
    if not problems:
        for attachment in attachments:
            content_type, suffix = sniff(attachment.data)
            try:
                prepared.append((_without_metadata(attachment.data, content_type), content_type,
                                 suffix))
            except uploads.UnreadableFile:
                problems.append(_("%(name)s is damaged and cannot be read.",
                                  name=attachment.filename or "?"))
    if problems:
        raise InvalidInput(" ".join(problems))
    return prepared


def _store_attachments(session, report, prepared, folder, now) -> None:
    """Stored under a neutral name too: the uploader's file name may carry their own name."""
    for data, content_type, suffix in prepared:
        stored = storage.store_file(session, folder, data, suffix)
        report.attachments.append(ReportAttachment(
            original_name=f"evidence-{len(report.attachments) + 1}{suffix}",
            stored_name=stored, content_type=content_type, size=len(data),
            sha256=hashlib.sha256(data).hexdigest(), uploaded_at=now))


def report_folder(upload_folder: str) -> str:
    return os.path.join(upload_folder, "reports")


@dataclass(frozen=True)
class ScrubResult:
    rewritten: int
    replaced_files: list[str]  # the old files: delete them once the transaction is committed
    active_content: list[int]  # attachment ids of PDFs that hold active content


def scrub_stored_attachments(session: Session, *, upload_folder: str, now) -> ScrubResult:
    """Re-write the attachments stored before they were cleaned on arrival, under new names.

    For operators upgrading an install (`thituyen oversight scrub-attachments`); a file that is
    already clean is rewritten all the same, so running it twice is harmless. Evidence holding
    active content is kept (it is evidence) but listed, for the inspector to handle."""
    folder = report_folder(upload_folder)
    replaced, active, rewritten = [], [], 0
    for attachment in session.scalars(select(ReportAttachment).order_by(ReportAttachment.id)):
        path = os.path.join(folder, attachment.stored_name)
        if not os.path.isfile(path):
            continue
        with open(path, "rb") as handle:
            data = handle.read()
        if attachment.content_type == "application/pdf":
            try:
                if uploads.pdf_active_content(data):
                    active.append(attachment.id)
            except uploads.UnreadableFile:
                active.append(attachment.id)
                continue
        try:
            clean = _without_metadata(data, attachment.content_type)
        except uploads.UnreadableFile:
            continue
        suffix = os.path.splitext(attachment.stored_name)[1]
        attachment.stored_name = storage.store_file(session, folder, clean, suffix)
        attachment.size = len(clean)
        attachment.sha256 = hashlib.sha256(clean).hexdigest()
        attachment.original_name = f"evidence-{attachment.id}{suffix}"
        replaced.append(path)
        rewritten += 1
    session.flush()
    _anonymously(audit.record, session, None, "oversight.attachments_scrubbed", at=now,
                 payload={"rewritten": rewritten})
    return ScrubResult(rewritten, replaced, active)


def nameable_people(session: Session, viewer, competition: Competition) -> list[Membership]:
    """The board is public; other staff (examiners, proctors) are listed only to insiders,
    so that the form never tells an outsider whom to pressure."""
    staff = competitions.staff_of(session, competition)
    if competition_permissions.is_staff(session, viewer, competition):
        return staff
    return [m for m in staff if m.role in BOARD_ROLES]


def file_report(session: Session, actor, competition: Competition, *, category: str, body: str,
                named_user_ids: list[int] = (), named_text: str = "",
                attachments: list[Attachment] = (), attach_identity: bool = False,
                upload_folder: str, max_bytes: int, now: datetime) -> tuple[IrregularityReport, str]:
    """Anyone may report; returns the report and the tracking code, which is never stored."""
    require(competition.stage != Stage.DRAFT, _("No such competition."), NotFound)
    require(category in set(ReportCategory), _("Choose what the report is about."), InvalidInput)
    body = _text(body)
    require(MIN_BODY <= len(body) <= MAX_BODY,
            _("Describe what happened in %(min)d to %(max)d characters.", min=MIN_BODY,
              max=MAX_BODY), InvalidInput)
    named_text = _text(named_text)
    require(len(named_text) <= MAX_NAMED_TEXT,
            _("Keep the names to at most %(n)d characters.", n=MAX_NAMED_TEXT), InvalidInput)
    named_ids = sorted({int(i) for i in named_user_ids})
    members = {m.user_id for m in competitions.staff_of(session, competition)}
    require(set(named_ids) <= members,
            _("Only members of this competition's board or staff can be chosen from the list."),
            InvalidInput)
    prepared = _check_attachments(list(attachments), max_bytes)
    signed_in = actor is not None and getattr(actor, "is_authenticated", False)

    code = new_tracking_code()
    report = IrregularityReport(
        competition_id=competition.id, code_hash=hash_code(code),
        reporter_id=actor.id if (signed_in and attach_identity) else None,
        category=category, body=body, named_text=named_text, status=ReportStatus.RECEIVED,
        received_at=now)
    session.add(report)
    session.flush()
    for user_id in named_ids:
        report.named.append(ReportNamedPerson(user_id=user_id))
    _store_attachments(session, report, prepared, report_folder(upload_folder), now)
    session.flush()
    _anonymously(audit.record, session, None, "oversight.report_received", at=now,
                 competition=competition, target=report, payload={"category": str(category)})
    return report, code


def find_by_code(session: Session, code: str) -> IrregularityReport:
    report = session.scalar(select(IrregularityReport).where(
        IrregularityReport.code_hash == hash_code(code)))
    if report is None or len(normalise_code(code)) != 4 * CODE_GROUPS:
        raise NotFound(_("No report has this tracking code. Check it and try again."))
    return report


def add_information(session: Session, code: str, *, body: str, attachments=(),
                    upload_folder: str, max_bytes: int, now: datetime) -> IrregularityReport:
    """The reporter adds facts until the report is resolved; the code is the only key."""
    report = find_by_code(session, code)
    require(report.status != ReportStatus.RESOLVED,
            _("This report is resolved; file a new report if you have new facts."), Conflict)
    body = _text(body)
    attachments = list(attachments)
    require(body or attachments, _("Write something or attach a file."), InvalidInput)
    require(len(body) <= MAX_BODY, _("Describe what happened in %(min)d to %(max)d characters.",
                                     min=MIN_BODY, max=MAX_BODY), InvalidInput)
    require(len(report.attachments) + len(attachments) <= 2 * MAX_ATTACHMENTS,
            _("This report already has as many attachments as it can hold."), InvalidInput)
    prepared = _check_attachments(attachments, max_bytes)
    if body:
        report.additions.append(ReportAddition(body=body, added_at=now))
    _store_attachments(session, report, prepared, report_folder(upload_folder), now)
    session.flush()
    _anonymously(audit.record, session, None, "oversight.report_supplemented", at=now,
                 competition=report.competition_id, target=report,
                 payload={"attachments": len(attachments)})
    return report


def get_report(session: Session, actor, report_id: int) -> IrregularityReport:
    """A report the actor may read; others get the same answer as for a report that does not exist."""
    report = session.get(IrregularityReport, report_id)
    require(report is not None and permissions.can_read_report(session, actor, report),
            _("No such report."), NotFound)
    return report


def reports_for(session: Session, actor, competition: Competition | None = None):
    """Every report the actor may read, newest first."""
    query = select(IrregularityReport).order_by(IrregularityReport.id.desc())
    if competition is not None:
        query = query.where(IrregularityReport.competition_id == competition.id)
    return [r for r in session.scalars(query) if permissions.can_read_report(session, actor, r)]


def start_review(session: Session, actor, report: IrregularityReport, *, now) -> IrregularityReport:
    require(permissions.can_handle_report(session, actor, report),
            _("Only an inspector reviews reports."))
    require(report.status == ReportStatus.RECEIVED, _("This report is already being reviewed."),
            Conflict)
    report.status = ReportStatus.UNDER_REVIEW
    report.review_started_at = now
    session.flush()
    audit.record(session, actor, "oversight.report_under_review", at=now,
                 competition=report.competition_id, target=report)
    return report


def resolve_report(session: Session, actor, report: IrregularityReport, *, substantiated: bool,
                   finding: str, suspend: bool = False, now) -> IrregularityReport:
    """A written finding the reporter will read; a substantiated report may suspend the competition."""
    require(permissions.can_handle_report(session, actor, report),
            _("Only an inspector resolves reports."))
    require(report.status == ReportStatus.UNDER_REVIEW,
            _("Start the review before resolving the report."), Conflict)
    finding = _text(finding)
    require(20 <= len(finding) <= MAX_FINDING,
            _("Write a finding of at least a few sentences for the reporter."), InvalidInput)
    require(substantiated or not suspend,
            _("Only a substantiated report can suspend the competition."), InvalidInput)
    report.status = ReportStatus.RESOLVED
    report.is_substantiated = bool(substantiated)
    report.finding = finding
    report.resolved_at = now
    report.resolved_by_id = actor.id
    session.flush()
    audit.record(session, actor, "oversight.report_resolved", at=now,
                 competition=report.competition_id, target=report,
                 payload={"substantiated": bool(substantiated)})
    if suspend:
        suspend_competition(session, actor, report, reason=finding, now=now)
    return report


def suspend_competition(session: Session, actor, report: IrregularityReport, *, reason: str,
                        now) -> Suspension:
    """Hold the competition at its current stage: no stage moves until an inspector lifts it."""
    competition = report.competition
    require(permissions.can_handle_report(session, actor, report),
            _("Only an inspector can suspend a competition."))
    require(report.is_substantiated, _("Only a substantiated report can suspend the competition."),
            Conflict)
    require(not competition.is_suspended, _("The competition is already suspended."), Conflict)
    suspension = Suspension(competition_id=competition.id, report_id=report.id,
                            stage=str(competition.stage), reason=_text(reason),
                            suspended_at=now, suspended_by_id=actor.id)
    session.add(suspension)
    competition.is_suspended = True
    session.flush()
    audit.record(session, actor, "competition.suspended", at=now, competition=competition,
                 target=suspension, payload={"stage": str(competition.stage), "report": report.id})
    return suspension


def current_suspension(session: Session, competition: Competition) -> Suspension | None:
    return session.scalar(select(Suspension).where(
        Suspension.competition_id == competition.id, Suspension.lifted_at.is_(None))
        .order_by(Suspension.id.desc()).limit(1))


def lift_suspension(session: Session, actor, competition: Competition, *, reason: str,
                    now) -> Suspension:
    """Only an inspector lifts a suspension, and always says why."""
    require(permissions.can_lift_suspension(session, actor, competition),
            _("Only an inspector can lift a suspension."))
    suspension = current_suspension(session, competition)
    require(competition.is_suspended and suspension is not None,
            _("The competition is not suspended."), Conflict)
    reason = _text(reason)
    require(len(reason) >= 10, _("Say why the suspension is lifted."), InvalidInput)
    suspension.lifted_at = now
    suspension.lifted_by_id = actor.id
    suspension.lift_reason = reason
    competition.is_suspended = False
    session.flush()
    audit.record(session, actor, "competition.suspension_lifted", at=now, competition=competition,
                 target=suspension, payload={"stage": str(competition.stage), "reason": reason})
    return suspension


def suspensions_of(session: Session, competition: Competition) -> list[Suspension]:
    return list(session.scalars(select(Suspension).where(
        Suspension.competition_id == competition.id).order_by(Suspension.id)))


def report_counts(session: Session, competition: Competition) -> dict[str, int]:
    """What the public learns about reports: how many, never what they say."""
    rows = dict(session.execute(
        select(IrregularityReport.status, func.count())
        .where(IrregularityReport.competition_id == competition.id)
        .group_by(IrregularityReport.status)).all())
    return {"received": sum(rows.values()), "resolved": rows.get(ReportStatus.RESOLVED, 0)}


def category_counts(session: Session, actor, competition: Competition) -> dict[str, int]:
    """What the board learns: how many reports of each category, never what they say."""
    require(permissions.can_see_report_counts(session, actor, competition),
            _("Only the board and inspectors see how many reports came in."))
    rows = dict(session.execute(
        select(IrregularityReport.category, func.count())
        .where(IrregularityReport.competition_id == competition.id)
        .group_by(IrregularityReport.category)).all())
    return {str(category): rows.get(str(category), 0) for category in ReportCategory}


def board_report_counts(session: Session, actor) -> list[tuple[Competition, dict[str, int]]]:
    """Counts by category for each competition the actor sits on the board of."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return []
    competition_ids = select(Membership.competition_id).where(
        Membership.user_id == actor.id, Membership.role.in_(list(BOARD_ROLES)))
    found = session.scalars(select(Competition).where(Competition.id.in_(competition_ids))
                            .order_by(Competition.id.desc()))
    return [(c, category_counts(session, actor, c)) for c in found]


def appoint_inspector(session: Session, actor, user: User, *, now) -> User:
    """The administrator appoints inspectors; they sit outside every board."""
    require(getattr(actor, "is_admin", False), _("Only the administrator appoints inspectors."))
    require(not user.is_admin, _("The administrator cannot be an inspector."), Conflict)
    require(not user.is_inspector, _("%(name)s is already an inspector.", name=user.full_name),
            Conflict)
    require(not competition_permissions.has_live_application(session, user),
            _("%(name)s is a candidate in a competition still under way and cannot be an "
              "inspector until it has finished.", name=user.full_name), Conflict)
    user.is_inspector = True
    session.flush()
    audit.record(session, actor, "oversight.inspector_appointed", at=now, target=user)
    return user


def dismiss_inspector(session: Session, actor, user: User, *, now) -> User:
    require(getattr(actor, "is_admin", False), _("Only the administrator appoints inspectors."))
    require(user.is_inspector, _("%(name)s is not an inspector.", name=user.full_name), Conflict)
    user.is_inspector = False
    session.flush()
    audit.record(session, actor, "oversight.inspector_dismissed", at=now, target=user)
    return user


def inspectors(session: Session) -> list[User]:
    return list(session.scalars(select(User).where(User.is_inspector.is_(True))
                                .order_by(User.full_name)))
