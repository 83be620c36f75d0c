"""Applications: a candidate applies with a profile and documents; the board decides."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from exam import storage
from exam.accounts.models import User
from exam.audit import service as audit
from exam.competitions import permissions
from exam.competitions.models import DEGREE_RANK, Competition, Degree, Stage
from exam.competitions.service import DOCUMENT_KINDS, require_not_suspended
from exam.documents.uploads import base_name, document_problem
from exam.errors import Conflict, InvalidInput, NotFound, require
from exam.labels import code_label
from exam.notifications.service import notify
from exam.registration.models import (  # accepted_candidates: re-exported
    Application,
    ApplicationStatus,
    Document,
    accepted_candidates,  # noqa: F401 (callers read it from the service)
)
from exam.vietnamese import name_key

ID_NUMBER = re.compile(r"\d{9}|\d{12}")


@dataclass(frozen=True)
class Upload:
    kind: str
    filename: str
    data: bytes


@dataclass(frozen=True)
class Finding:
    label: str
    is_met: bool
    detail: str




def _age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def declared_shortfalls(competition: Competition, profile: dict, now: datetime) -> list[Finding]:
    """The published criteria (degree, years, age) that the data about to be declared miss,
    so the candidate is warned before applying rather than rejected weeks later."""
    birth, years = profile.get("date_of_birth"), profile.get("management_years")
    if not isinstance(birth, date) or not isinstance(years, int) or profile.get("degree") not in set(Degree):
        return []  # the form's own checks speak first
    declared = Application(degree=profile["degree"], management_years=years,
                           date_of_birth=birth, submitted_at=now)
    return [finding for finding in eligibility_findings(competition, declared, documents=False)
            if not finding.is_met]


def eligibility_findings(competition: Competition, application: Application,
                         documents: bool = True) -> list[Finding]:
    """The competition's criteria checked against what the candidate declared."""
    findings = []
    required = Degree(competition.required_degree)
    findings.append(Finding(
        _("Degree"),
        DEGREE_RANK.get(application.degree, 0) >= DEGREE_RANK[required],
        _("declared %(have)s, required %(need)s", have=code_label(application.degree),
          need=code_label(required)),
    ))
    findings.append(Finding(
        _("Years in a management role"),
        application.management_years >= competition.min_management_years,
        _("declared %(have)d, required %(need)d", have=application.management_years,
          need=competition.min_management_years),
    ))
    if competition.max_age:
        cutoff = (competition.registration_closes_at or application.submitted_at).date()
        age = _age_on(application.date_of_birth, cutoff)
        findings.append(Finding(_("Age"), age <= competition.max_age,
                                _("%(age)d at the closing date, limit %(limit)d", age=age,
                                  limit=competition.max_age)))
    kinds = {d.kind for d in application.documents} if documents else set()
    for kind in (competition.required_documents or ()) if documents else ():
        findings.append(Finding(str(DOCUMENT_KINDS.get(kind, kind)), kind in kinds,
                                _("provided") if kind in kinds else _("missing")))
    return findings




def _clean(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join((text or "").split()))


def _validated_profile(profile: dict, now: datetime) -> dict:
    birth = profile.get("date_of_birth")
    require(isinstance(birth, date), _("Enter your date of birth."), InvalidInput,
            field="date_of_birth")
    require(18 <= _age_on(birth, now.date()) <= 80, _("The date of birth is not plausible."),
            InvalidInput, field="date_of_birth")
    id_number = (profile.get("id_number") or "").strip()
    require(ID_NUMBER.fullmatch(id_number),
            _("The ID number must have 9 or 12 digits."), InvalidInput, field="id_number")
    require(profile.get("degree") in set(Degree), _("Choose your highest degree."), InvalidInput,
            field="degree")
    years = profile.get("management_years")
    require(isinstance(years, int) and 0 <= years <= 60,
            _("Years in management must be a whole number from 0 to 60."), InvalidInput,
            field="management_years")
    for key, label in (("current_post", _("current post")), ("current_unit", _("current unit"))):
        require(_clean(profile.get(key, "")), _("Enter your %(field)s.", field=label), InvalidInput,
                field=key)
    return {
        "date_of_birth": birth,
        "id_number": id_number,
        "degree": profile["degree"],
        "management_years": years,
        "current_post": _clean(profile["current_post"]),
        "current_unit": _clean(profile["current_unit"]),
        "field_of_study": _clean(profile.get("field_of_study", "")),
        "statement": unicodedata.normalize("NFC", (profile.get("statement") or "").strip()),
    }


def submit_application(
    session: Session,
    actor: User,
    competition: Competition,
    *,
    profile: dict,
    uploads: list[Upload],
    upload_folder: str,
    max_bytes: int,
    now: datetime,
) -> Application:
    """All or nothing: every check passes before a byte is stored or a row written."""
    require(competition.stage == Stage.REGISTRATION_OPEN and not competition.is_suspended,
            _("This competition is not accepting applications."), Conflict)
    require(competition.registration_opens_at <= now,
            _("Registration has not opened yet."), Conflict)
    require(now < competition.registration_closes_at,
            _("The registration deadline has passed."), Conflict)
    require(not permissions.is_staff(session, actor, competition),
            _("You serve on the staff of this competition and cannot apply to it."))
    require(not actor.is_admin and not actor.is_inspector,
            _("Administrators and inspectors oversee every competition and cannot apply."))
    require(not permissions.holds_bank_role(session, actor),
            _("You hold a role in the question bank, which serves every competition, so you "
              "cannot apply to any competition."))
    require(not permissions.serves_on_unfinished_staff(session, actor),
            _("You serve on the staff of a competition still under way and cannot apply to "
              "any competition until it has finished."))
    already = session.scalar(select(func.count()).select_from(Application).where(
        Application.competition_id == competition.id, Application.user_id == actor.id))
    require(not already, _("You have already applied to this competition."), Conflict)
    fields = _validated_profile(profile, now)

    problems = []  # (document kind or None, message)
    by_kind = {}
    for upload in uploads:
        if upload.kind not in DOCUMENT_KINDS:
            problems.append((None, _("Unknown document kind.")))
            continue
        problem = document_problem(upload, max_bytes)
        if problem:
            problems.append((upload.kind, problem))
        by_kind[upload.kind] = upload
    for kind in competition.required_documents or ():
        if kind not in by_kind:
            problems.append((kind, _("Attach the required document: %(kind)s.",
                                     kind=DOCUMENT_KINDS[kind])))
    if problems:
        # Named by the first document concerned ("document:<kind>"), so a form can show it there.
        kinds = [kind for kind, _message in problems if kind]
        raise InvalidInput(" ".join(message for _kind, message in problems),
                           field=f"document:{kinds[0]}" if kinds else None)

    application = Application(competition_id=competition.id, user_id=actor.id, submitted_at=now,
                              status=ApplicationStatus.SUBMITTED, **fields)
    session.add(application)
    session.flush()
    for upload in by_kind.values():
        stored = storage.store_file(session, upload_folder, upload.data, ".pdf")
        session.add(Document(
            application_id=application.id, kind=upload.kind,
            original_name=base_name(upload.filename)[:255] or "document.pdf",
            stored_name=stored, size=len(upload.data),
            sha256=hashlib.sha256(upload.data).hexdigest(), uploaded_at=now,
        ))
    session.flush()
    audit.record(session, actor, "application.submitted", at=now, competition=competition,
                 target=application, payload={"documents": sorted(by_kind)})
    return application


def _review_allowed(session, actor, application: Application) -> Competition:
    competition = application.competition
    require(permissions.can_review_applications(session, actor, competition),
            _("Only the board reviews applications."))
    require(competition.stage in {Stage.REGISTRATION_OPEN, Stage.REGISTRATION_CLOSED},
            _("Applications can no longer be decided at this stage."), Conflict)
    require_not_suspended(competition)
    require(application.status == ApplicationStatus.SUBMITTED,
            _("This application has already been decided."), Conflict)
    return competition


def accept_application(session: Session, actor: User, application: Application, *, now,
                       reason: str = "") -> Application:
    """An accepted candidate gets the next candidate number of the competition; an application
    whose findings fail is accepted only with the board's written reason."""
    from exam.presentation.service import check_acceptance

    competition = _review_allowed(session, actor, application)
    failed = [f.label for f in eligibility_findings(competition, application) if not f.is_met]
    check_acceptance(session, actor, application, failed=failed, reason=reason, now=now)
    accepted = session.scalar(select(func.count()).select_from(Application).where(
        Application.competition_id == competition.id,
        Application.candidate_number.is_not(None)))
    application.status = ApplicationStatus.ACCEPTED
    application.candidate_number = f"{accepted + 1:04d}"
    application.decided_at = now
    application.decided_by_id = actor.id
    session.flush()
    audit.record(session, actor, "application.accepted", at=now, competition=competition,
                 target=application, payload={"candidate_number": application.candidate_number})
    notify(session, application.user, "application_accepted", now=now, competition=competition,
           subject_id=application.id, candidate_number=application.candidate_number)
    return application


def reject_application(session: Session, actor: User, application: Application, *, reason: str,
                       now) -> Application:
    """A rejection always carries the reason the candidate will read."""
    from exam.presentation.service import require_no_conflict

    competition = _review_allowed(session, actor, application)
    require_no_conflict(session, actor, competition, [application.id])
    reason = unicodedata.normalize("NFC", (reason or "").strip())
    require(len(reason) >= 10, _("Give the candidate a reason of at least a few words."),
            InvalidInput)
    application.status = ApplicationStatus.REJECTED
    application.rejection_reason = reason
    application.decided_at = now
    application.decided_by_id = actor.id
    session.flush()
    audit.record(session, actor, "application.rejected", at=now, competition=competition,
                 target=application)
    notify(session, application.user, "application_rejected", now=now, competition=competition,
           subject_id=application.id, reason=reason)
    return application


def get_application(session: Session, application_id: int) -> Application:
    application = session.get(Application, application_id)
    if application is None:
        raise NotFound(_("No such application."))
    return application


def view_application(session: Session, actor: User, application: Application) -> Application:
    """The candidate sees their own; the board sees those of its competition."""
    require(application.user_id == actor.id
            or permissions.can_review_applications(session, actor, application.competition),
            _("You may not see this application."))
    return application


def applications_of(session: Session, user: User) -> list[Application]:
    return list(session.scalars(
        select(Application).where(Application.user_id == user.id).order_by(Application.id.desc())))


def applications_for_review(session: Session, actor: User, competition: Competition, *,
                            status: str | None = None, page: int = 1, per_page: int = 50):
    """Listed as a Vietnamese roster is: by given name, then middle and family names."""
    require(permissions.can_review_applications(session, actor, competition),
            _("Only the board reviews applications."))
    query = select(Application, User.full_name).join(User, User.id == Application.user_id).where(
        Application.competition_id == competition.id)
    if status:
        query = query.where(Application.status == status)
    rows = sorted(session.execute(query.order_by(Application.id)).all(),
                  key=lambda row: name_key(row.full_name))
    start = (max(page, 1) - 1) * per_page
    return [row.Application for row in rows[start:start + per_page]], len(rows)


def document_for(session: Session, actor: User, document_id: int) -> Document:
    """Documents are served to their owner and the competition's board, never to others."""
    document = session.get(Document, document_id)
    if document is None:
        raise NotFound(_("No such document."))
    view_application(session, actor, document.application)
    return document


