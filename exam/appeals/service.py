"""Answer-key objections and re-mark appeals, each inside its window, each decided with a reason.

- Objections: from the close of the sitting for `competition.objection_days` days. An upheld
  objection corrects or neutralises the item for every candidate (exam.sitting rescoring).
- Re-mark appeals: from the first provisional publication for `competition.appeal_days` days.
  A granted appeal is re-marked blind by new examiners (exam.scoring.start_remark); a changed
  mark republishes the result as a new version, the old one kept.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime, timedelta
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from exam.appeals.cases import decided_objections as decided_objections  # read by others here
from exam.appeals.cases import open_cases as open_cases
from exam.appeals.models import (
    AppealStatus,
    KeyAction,
    Objection,
    ObjectionStatus,
    RemarkAppeal,
)
from exam.audit import service as audit
from exam.competitions.models import Competition, Stage
from exam.competitions.service import require_not_suspended
from exam.errors import Conflict, InvalidInput, NotFound, require
from exam.notifications.service import notify
from exam.registration.models import Application, ApplicationStatus
from exam.results import permissions
from exam.results import service as results
from exam.results.models import ResultVersion

COLLECT = object()  # decide_remark_appeal: ask exam.scoring for the re-mark's outcome


def _reason(text: str, message: str) -> str:
    text = unicodedata.normalize("NFC", (text or "").strip())
    require(len(text) >= 10, message, InvalidInput)
    return text


def _own_accepted(actor, application: Application) -> Competition:
    require(application.user_id == getattr(actor, "id", None),
            _("Only the candidate can file this for their own application."))
    require(application.status == ApplicationStatus.ACCEPTED,
            _("Only accepted candidates can file this."), Conflict)
    return application.competition


def objection_window(competition: Competition) -> tuple[datetime, datetime] | None:
    if competition.sitting_closes_at is None:
        return None
    opens = competition.sitting_closes_at
    return opens, opens + timedelta(days=competition.objection_days)


def remark_window(session: Session, competition: Competition) -> tuple[datetime, datetime] | None:
    first = results.first_provisional(session, competition)
    if first is None:
        return None
    return first.published_at, first.published_at + timedelta(days=competition.appeal_days)


# --------------------------------------------------------------------------- objections


def file_objection(session: Session, actor, application: Application, *, item_key: str,
                   reason: str, now: datetime) -> Objection:
    """A candidate objects to one objective item's key, with a reason, inside the window."""
    competition = _own_accepted(actor, application)
    window = objection_window(competition)
    require(competition.has_reached(Stage.SITTING) and window is not None
            and window[0] <= now < window[1],
            _("Objections to the answer key are accepted for %(n)d days after the sitting "
              "closes.", n=competition.objection_days), Conflict)
    item_key = (item_key or "").strip()
    require(item_key, _("Name the item you object to."), InvalidInput)
    reason = _reason(reason, _("Explain why the key is wrong."))
    already = session.scalar(select(func.count()).select_from(Objection).where(
        Objection.application_id == application.id, Objection.item_key == item_key))
    require(not already, _("You have already objected to this item."), Conflict)
    objection = Objection(competition_id=competition.id, application_id=application.id,
                          item_key=item_key, reason=reason, filed_at=now)
    session.add(objection)
    session.flush()
    audit.record(session, actor, "appeals.objection_filed", at=now, competition=competition,
                 target=objection, payload={"item_key": item_key})
    return objection


def _rescore_item(session: Session, actor, competition: Competition, objection: Objection, *,
                  action: KeyAction, corrected_key, now: datetime) -> None:
    """Recompute every candidate's objective score, unless an earlier objection already did."""
    from exam.appeals.models import KeyCorrection
    from exam.appeals.rescoring import rescore_item

    done = session.scalar(select(KeyCorrection).where(
        KeyCorrection.competition_id == competition.id,
        KeyCorrection.item_key == objection.item_key))
    if done is not None:
        require(done.action == str(action),
                _("This item was already decided another way; decide this objection the same way."),
                Conflict)
        return
    rescore_item(session, actor, competition, objection.item_key, action=str(action),
                 corrected_key=corrected_key, now=now, objection=objection)


def decide_objection(session: Session, actor, objection: Objection, *, uphold: bool,
                     reason: str, now: datetime, action: str | None = None,
                     corrected_key: list | None = None) -> Objection:
    """The board upholds (correct or neutralise the item for everyone) or rejects, with a reason
    that is published."""
    competition = session.get(Competition, objection.competition_id)
    require(permissions.can_manage_results(session, actor, competition),
            _("Only the board chair or secretary decides objections."))
    require(objection.status == ObjectionStatus.PENDING,
            _("This objection has already been decided."), Conflict)
    require_not_suspended(competition)
    reason = _reason(reason, _("Give the reason for the decision; it is published."))
    if uphold:
        require(action in {str(a) for a in KeyAction},
                _("Say whether the item is corrected or neutralised."), InvalidInput)
        action = KeyAction(action)
        if action == KeyAction.CORRECT:
            require(corrected_key, _("Give the corrected key."), InvalidInput)
        _rescore_item(session, actor, competition, objection, action=action,
                      corrected_key=corrected_key, now=now)
        objection.status = ObjectionStatus.UPHELD
        objection.action = str(action)
        objection.corrected_key = corrected_key if action == KeyAction.CORRECT else None
    else:
        objection.status = ObjectionStatus.REJECTED
    objection.decision_reason = reason
    objection.decided_by_id = actor.id
    objection.decided_at = now
    session.flush()
    audit.record(session, actor, "appeals.objection_decided", at=now, competition=competition,
                 target=objection, payload={"status": str(objection.status),
                                            "action": objection.action,
                                            "item_key": objection.item_key})
    _tell_candidate(session, competition, objection.application_id, now=now)
    return objection


# --------------------------------------------------------------------------- re-mark appeals


def file_remark_appeal(session: Session, actor, application: Application, *, part_key: str,
                       reason: str, now: datetime) -> RemarkAppeal:
    """Within the appeal window a candidate asks for one essay part to be re-marked."""
    competition = _own_accepted(actor, application)
    window = remark_window(session, competition)
    require(competition.stage == Stage.PROVISIONAL_RESULTS and window is not None
            and window[0] <= now < window[1],
            _("Re-mark requests are accepted for %(n)d days after provisional results.",
              n=competition.appeal_days), Conflict)
    parts = {p.key for p in results.rules_for(session, competition).parts}
    require(part_key in parts, _("Unknown part."), InvalidInput)
    reason = _reason(reason, _("Explain why you ask for a re-mark."))
    already = session.scalar(select(func.count()).select_from(RemarkAppeal).where(
        RemarkAppeal.application_id == application.id, RemarkAppeal.part_key == part_key))
    require(not already, _("You have already asked for a re-mark of this part."), Conflict)
    appeal = RemarkAppeal(competition_id=competition.id, application_id=application.id,
                          part_key=part_key, reason=reason, filed_at=now)
    session.add(appeal)
    session.flush()
    audit.record(session, actor, "appeals.remark_filed", at=now, competition=competition,
                 target=appeal, payload={"part_key": part_key})
    return appeal


def appeal_parts(session: Session, actor, application: Application) -> list[tuple[str, str]]:
    """The parts a candidate may ask to have re-marked: (key, title), once rules exist."""
    require(application.user_id == getattr(actor, "id", None),
            _("Only the candidate can file this for their own application."))
    stored = results.rule_set(session, application.competition)
    return [(p["key"], p["title"]) for p in stored.parts] if stored else []


def _current_mark(session: Session, competition: Competition, appeal: RemarkAppeal) -> Decimal:
    version = results.latest_version(session, competition)
    row = results.row_of(session, version, appeal.application_id) if version else None
    require(row is not None, _("This candidate is not in the published result."), Conflict)
    return Decimal(row.scores[appeal.part_key])


def answer_remark_appeal(session: Session, actor, appeal: RemarkAppeal, *, grant: bool,
                         reason: str, now: datetime) -> RemarkAppeal:
    """Grant (a blind re-mark by examiners who did not mark the script) or refuse, with a reason."""
    competition = session.get(Competition, appeal.competition_id)
    require(permissions.can_manage_results(session, actor, competition),
            _("Only the board chair or secretary answers appeals."))
    from exam.presentation.service import require_no_conflict

    require_no_conflict(session, actor, competition, [appeal.application_id])
    require(appeal.status == AppealStatus.FILED, _("This appeal has already been answered."),
            Conflict)
    require_not_suspended(competition)
    appeal.answer = _reason(reason, _("Give the candidate the reason for the answer."))
    appeal.answered_by_id = actor.id
    appeal.answered_at = now
    appeal.old_mark = _current_mark(session, competition, appeal)
    if grant:
        from exam.scoring.service import start_remark

        start_remark(session, actor, competition, appeal.application_id, appeal.part_key, now=now)
        appeal.status = AppealStatus.REMARKING
    else:
        appeal.status = AppealStatus.REFUSED
    session.flush()
    audit.record(session, actor, "appeals.remark_answered", at=now, competition=competition,
                 target=appeal, payload={"status": str(appeal.status)})
    if appeal.status == AppealStatus.REFUSED:
        _tell_candidate(session, competition, appeal.application_id, now=now)
    return appeal


def decide_remark_appeal(session: Session, actor, appeal: RemarkAppeal, *, reason: str,
                         now: datetime, outcome=COLLECT, part_scores=None
                         ) -> ResultVersion | None:
    """The board decides on the re-mark with a reason the candidate reads; a changed mark
    republishes the result (a new version; the old one stays on record)."""
    competition = session.get(Competition, appeal.competition_id)
    require(permissions.can_manage_results(session, actor, competition),
            _("Only the board chair or secretary decides appeals."))
    from exam.presentation.service import require_no_conflict

    require_no_conflict(session, actor, competition, [appeal.application_id])
    require(appeal.status == AppealStatus.REMARKING,
            _("This appeal is not being re-marked."), Conflict)
    require_not_suspended(competition)
    reason = _reason(reason, _("Give the candidate the reason for the decision."))
    if outcome is COLLECT:
        from exam.scoring.service import remark_outcome

        outcome = remark_outcome(session, competition, appeal.application_id, appeal.part_key)
    require(outcome is not None, _("The re-marking is not finished yet."), Conflict)
    appeal.new_mark = results.ranking.two_places(outcome)
    appeal.decision_reason = reason
    appeal.decided_by_id = actor.id
    appeal.decided_at = now
    appeal.status = AppealStatus.DECIDED
    session.flush()
    version = None
    if appeal.new_mark != appeal.old_mark:
        version = results.republish_provisional_results(
            session, actor, competition, now=now, part_scores=part_scores, reason=reason)
        appeal.result_version_id = version.id
        session.flush()
    audit.record(session, actor, "appeals.remark_decided", at=now, competition=competition,
                 target=appeal, payload={"old": str(appeal.old_mark), "new": str(appeal.new_mark),
                                         "version": version.number if version else None})
    _tell_candidate(session, competition, appeal.application_id, now=now)
    return version


def _tell_candidate(session: Session, competition: Competition, application_id: int, *,
                    now: datetime) -> None:
    """The candidate hears of the board's decision in the app and by email."""
    application = session.get(Application, application_id)
    notify(session, application.user, "appeal_decided", now=now, competition=competition,
           subject_id=application.id)


# --------------------------------------------------------------------------- lists


def cases_for_board(session: Session, actor, competition: Competition):
    require(permissions.is_board(session, actor, competition),
            _("Only the board sees appeals."))
    objections = list(session.scalars(select(Objection).where(
        Objection.competition_id == competition.id).order_by(Objection.id)))
    appeals = list(session.scalars(select(RemarkAppeal).where(
        RemarkAppeal.competition_id == competition.id).order_by(RemarkAppeal.id)))
    return objections, appeals


def cases_of(session: Session, actor, application: Application):
    require(application.user_id == getattr(actor, "id", None)
            or permissions.is_board(session, actor, application.competition),
            _("You may not see these appeals."))
    objections = list(session.scalars(select(Objection).where(
        Objection.application_id == application.id).order_by(Objection.id)))
    appeals = list(session.scalars(select(RemarkAppeal).where(
        RemarkAppeal.application_id == application.id).order_by(RemarkAppeal.id)))
    return objections, appeals


def get_objection(session: Session, objection_id: int) -> Objection:
    item = session.get(Objection, objection_id)
    if item is None:
        raise NotFound(_("No such objection."))
    return item


def get_appeal(session: Session, appeal_id: int) -> RemarkAppeal:
    item = session.get(RemarkAppeal, appeal_id)
    if item is None:
        raise NotFound(_("No such appeal."))
    return item
