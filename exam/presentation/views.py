"""Pages of the presentation round and the board's collegial decisions."""

from __future__ import annotations

import io

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from exam.competitions import permissions
from exam.competitions import service as competitions
from exam.db import db_session, utcnow
from exam.errors import InvalidInput
from exam.oversight import votes
from exam.oversight.models import BoardVote
from exam.presentation import gate, service
from exam.presentation.forms import (
    CollegialVoteForm,
    ConflictForm,
    ExtensionForm,
    PresentationRulesForm,
    ProgrammeForm,
    RecordForm,
)
from exam.registration.models import Application, ApplicationStatus
from exam.registration.service import Upload
from exam.timefmt import to_local, to_utc

bp = Blueprint("presentation", __name__)


def _staff_competition(competition_id: int):
    """The board and the presentation panel work here; everyone else is refused."""
    session = db_session()
    competition = competitions.get_competition(session, competition_id)
    allowed = (service.board_member_ids(session, competition)
               | service.panel_member_ids(session, competition))
    if current_user.id not in allowed:
        abort(403)
    return competition


def _back(competition_id: int):
    return redirect(url_for("presentation.manage", competition_id=competition_id))


def _people(session, ids) -> dict[int, str]:
    from exam.accounts.models import User

    return {u.id: u.full_name for u in session.scalars(select(User).where(User.id.in_(ids)))}


def _candidates(session, competition) -> list[Application]:
    return list(session.scalars(select(Application).where(
        Application.competition_id == competition.id,
        Application.status != ApplicationStatus.REJECTED).order_by(
            Application.candidate_number, Application.id)))


@bp.get("/manage/<int:competition_id>/presentation")
@login_required
def manage(competition_id: int):
    session = db_session()
    competition = _staff_competition(competition_id)
    now = utcnow()
    rules = service.rules_of(session, competition)
    rules_form = PresentationRulesForm(
        scoring_rule=str(rules.scoring_rule), panel_quorum=rules.panel_quorum,
        min_candidates=rules.min_candidates, tie_fallback=str(rules.tie_fallback),
        programme_deadline=(to_local(rules.programme_deadline).replace(tzinfo=None, second=0,
                                                                           microsecond=0)
                            if rules.programme_deadline else None))
    candidates = _candidates(session, competition)
    conflict_form = ConflictForm()
    conflict_form.application_id.choices = [
        (str(a.id), f"{a.candidate_number or '—'} · {a.user.full_name}") for a in candidates]
    members = sorted(service.panel_member_ids(session, competition))
    names = _people(session, members)
    record_form = RecordForm()
    record_form.present.choices = [(str(m), names[m]) for m in members]
    sitting = service.sitting_of(session, competition)
    by_id = {a.id: a for a in candidates}
    next_up = None
    if sitting is not None:
        done = {s.application_id for s in sitting.slots}
        next_up = next((by_id.get(a) for a in sitting.order if a not in done), None)
    is_board = permissions.is_board(session, current_user, competition)
    decisions = []
    if is_board:
        for decision in gate.decisions_of(session, competition):
            vote = session.get(BoardVote, decision.vote_id)
            decisions.append((decision, vote, votes.results_due(vote, now)))
    return render_template(
        "presentation/manage.html", competition=competition, rules=rules, rules_form=rules_form,
        can_set_rules=permissions.can_set_rules(session, current_user, competition),
        can_run=permissions.can_run_stages(session, current_user, competition),
        is_secretary="secretary" in permissions.roles_in(session, current_user, competition),
        is_board=is_board, candidates=candidates, by_id=by_id,
        programmes=service.latest_programmes(session, competition),
        freeze=service.freeze_of(session, competition), sitting=sitting, next_up=next_up,
        names=names, record_form=record_form, conflict_form=conflict_form,
        my_conflicts=service.my_conflicts(session, current_user, competition),
        conflicts=(service.conflicts_of_competition(session, current_user, competition)
                   if is_board else []),
        conflict_kinds=service.CONFLICT_KINDS, scoring_rules=service.SCORING_RULES,
        tie_fallbacks=service.TIE_FALLBACKS, vote_form=CollegialVoteForm(),
        extension_form=ExtensionForm(), decisions=decisions,
        subject_labels=gate.SUBJECT_LABELS, extensions=gate.extensions_of(session, competition),
        now=now)


@bp.post("/manage/<int:competition_id>/presentation/rules")
@login_required
def rules(competition_id: int):
    session = db_session()
    competition = _staff_competition(competition_id)
    form = PresentationRulesForm()
    if not form.validate_on_submit():
        flash(_("Check the presentation rules: every field is required except the deadline."),
              "error")
        return _back(competition_id)
    service.set_presentation_rules(
        session, current_user, competition, scoring_rule=form.scoring_rule.data,
        programme_deadline=to_utc(form.programme_deadline.data),
        panel_quorum=form.panel_quorum.data, min_candidates=form.min_candidates.data,
        tie_fallback=form.tie_fallback.data, now=utcnow())
    session.commit()
    flash(_("The presentation rules were saved."), "success")
    return _back(competition_id)


@bp.post("/manage/<int:competition_id>/presentation/freeze")
@login_required
def freeze(competition_id: int):
    session = db_session()
    competition = _staff_competition(competition_id)
    service.freeze_programmes(session, current_user, competition, now=utcnow())
    session.commit()
    flash(_("The action programmes are frozen; their digests are in the audit log."), "success")
    return _back(competition_id)


@bp.post("/manage/<int:competition_id>/presentation/draw")
@login_required
def draw(competition_id: int):
    session = db_session()
    competition = _staff_competition(competition_id)
    service.draw_presentation_order(session, current_user, competition, now=utcnow())
    session.commit()
    flash(_("The order of presentation was drawn."), "success")
    return _back(competition_id)


@bp.post("/manage/<int:competition_id>/presentation/record/<int:application_id>")
@login_required
def record(competition_id: int, application_id: int):
    session = db_session()
    competition = _staff_competition(competition_id)
    form = RecordForm()
    form.present.choices = [(str(m), str(m)) for m in service.panel_member_ids(session,
                                                                              competition)]
    if not form.validate_on_submit():
        flash(_("Enter the times, the members present and the questions asked."), "error")
        return _back(competition_id)
    service.record_presentation(
        session, current_user, competition, application_id,
        started_at=to_utc(form.started_at.data), ended_at=to_utc(form.ended_at.data),
        present_ids=form.present.data or [], questions=form.questions.data, now=utcnow())
    session.commit()
    flash(_("The presentation was recorded in the minutes."), "success")
    return _back(competition_id)


@bp.post("/manage/<int:competition_id>/presentation/conflicts")
@login_required
def declare(competition_id: int):
    session = db_session()
    competition = _staff_competition(competition_id)
    form = ConflictForm()
    if not form.validate_on_submit():
        flash(_("Choose the candidate and the kind of conflict."), "error")
        return _back(competition_id)
    service.declare_conflict(session, current_user, competition, form.application_id.data,
                             kind=form.kind.data, note=form.note.data, now=utcnow())
    session.commit()
    flash(_("Your conflict of interest was recorded; you take no part in decisions about this "
            "candidate."), "success")
    return _back(competition_id)


def _by_number(session, competition, number: str) -> int:
    application = session.scalar(select(Application).where(
        Application.competition_id == competition.id,
        Application.candidate_number == number.strip()))
    if application is None:
        raise InvalidInput(_("No candidate has the number %(number)s.", number=number.strip()))
    return application.id


@bp.post("/manage/<int:competition_id>/presentation/decisions")
@login_required
def open_decision(competition_id: int):
    session = db_session()
    competition = _staff_competition(competition_id)
    form = CollegialVoteForm()
    if not form.validate_on_submit():
        flash(_("Give the decision, the board's reasons and when the vote closes."), "error")
        return _back(competition_id)
    ids = [_by_number(session, competition, n) for n in
           (form.candidate_numbers.data or "").split(",") if n.strip()]
    gate.open_collegial_vote(session, current_user, competition, subject=form.subject.data,
                             application_ids=ids, reasons=form.reasons.data,
                             closes_at=to_utc(form.closes_at.data), now=utcnow())
    session.commit()
    flash(_("The question was put to the board's secret vote."), "success")
    return _back(competition_id)


@bp.post("/manage/<int:competition_id>/presentation/decisions/<int:collegial_id>")
@login_required
def apply_decision(competition_id: int, collegial_id: int):
    session = db_session()
    competition = _staff_competition(competition_id)
    decision = gate.get_decision(session, competition, collegial_id)
    gate.apply_decision(session, current_user, decision, now=utcnow())
    session.commit()
    flash(_("The tally of the vote was recorded as the board's decision."), "success")
    return _back(competition_id)


@bp.post("/manage/<int:competition_id>/presentation/extend")
@login_required
def extend(competition_id: int):
    session = db_session()
    competition = _staff_competition(competition_id)
    form = ExtensionForm()
    if not form.validate_on_submit():
        flash(_("Give the new deadline and the reason."), "error")
        return _back(competition_id)
    gate.extend_registration(session, current_user, competition,
                             closes_at=to_utc(form.closes_at.data), reason=form.reason.data,
                             now=utcnow())
    session.commit()
    flash(_("Registration was extended."), "success")
    return _back(competition_id)


def _send(programme):
    path = service.programme_path(current_app.config["UPLOAD_FOLDER"], programme)
    return send_file(io.BytesIO(path.read_bytes()), mimetype="application/pdf", as_attachment=True,
                     download_name=programme.original_name)


@bp.get("/manage/<int:competition_id>/presentation/programmes/<int:application_id>")
@login_required
def programme_file(competition_id: int, application_id: int):
    session = db_session()
    competition = competitions.get_competition(session, competition_id)
    return _send(service.programme_for_reader(session, current_user, competition,
                                              application_id))


@bp.route("/competitions/<int:competition_id>/presentation", methods=["GET", "POST"])
@login_required
def mine(competition_id: int):
    """The candidate's page: submit the programme before the deadline, read the minutes and
    the breakdown of their presentation scores after the results."""
    session = db_session()
    competition = competitions.get_public_competition(session, competition_id)
    form = ProgrammeForm()
    if form.validate_on_submit():
        storage = form.programme.data
        data = storage.read() if storage else b""
        service.submit_programme(
            session, current_user, competition,
            upload=Upload("programme", getattr(storage, "filename", "") or "", data),
            upload_folder=current_app.config["UPLOAD_FOLDER"],
            max_bytes=current_app.config["MAX_DOCUMENT_BYTES"], now=utcnow())
        session.commit()
        flash(_("Your action programme was received."), "success")
        return redirect(url_for("presentation.mine", competition_id=competition_id))
    own = service.own_presentation(session, current_user, competition)
    return render_template("presentation/mine.html", competition=competition, own=own,
                           form=form, now=utcnow())


@bp.get("/competitions/<int:competition_id>/presentation/programme")
@login_required
def my_programme(competition_id: int):
    session = db_session()
    competition = competitions.get_public_competition(session, competition_id)
    own = service.own_presentation(session, current_user, competition)
    if own["programme"] is None:
        abort(404)
    return _send(service.programme_for_reader(session, current_user, competition,
                                              own["application"].id))
