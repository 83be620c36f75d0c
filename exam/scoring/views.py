import json

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from exam.accounts.models import User
from exam.competitions import permissions as competition_permissions
from exam.competitions import service as competitions
from exam.competitions.forms import ConfirmForm
from exam.competitions.models import Stage
from exam.db import db_session, utcnow
from exam.errors import InvalidInput
from exam.refusals import Refusal, TypedForm, refused_into
from exam.scoring import codes, service
from exam.scoring import permissions as scoring_permissions
from exam.scoring.forms import (
    AddExaminerForm,
    CalibrationForm,
    CodeForm,
    DecideForm,
    DismissForm,
    MaskForm,
    PanelForm,
    PresentationScoreForm,
    SettleForm,
)
from exam.scoring.models import PRESENTATION

bp = Blueprint("scoring", __name__, url_prefix="/scoring/<int:competition_id>")


@bp.app_template_global()
def scoring_summary_for(competition):
    """The counts the competition dashboard shows the board once scoring has begun."""
    return service.scoring_summary(db_session(), competition)


def _competition(competition_id: int, *, board: bool = False):
    """Scoring pages belong to the board and the examiners of the competition, nobody else."""
    session = db_session()
    competition = competitions.get_competition(session, competition_id)
    is_board = competition_permissions.is_board(session, current_user, competition)
    if board and not is_board:
        abort(403)
    if not (is_board or scoring_permissions.is_examiner(session, current_user, competition)):
        abort(403)
    return competition


def _back(competition_id: int):
    return redirect(url_for("scoring.home", competition_id=competition_id))


def _panel_form(session, competition) -> PanelForm:
    form = PanelForm()
    examiners = service.examiners_of(session, competition)
    form.chair.choices = [(u.id, u.full_name) for u in examiners]
    form.examiners.choices = [(u.id, u.full_name) for u in examiners]
    return form


@bp.get("/")
@login_required
def home(competition_id: int, panel_form: PanelForm | None = None, status: int = 200):
    """The scoring page; a refused panel form comes back on it as it was filled."""
    session = db_session()
    competition = _competition(competition_id)
    is_board = competition_permissions.is_board(session, current_user, competition)
    board = {}
    if is_board:
        states = service.states_of(session, competition)
        board = {
            "summary": service.scoring_summary(session, competition),
            "warnings": service.anonymity_warnings(session, competition),
            "unpanelled": service.parts_without_panel(session, competition),
            "panels": service.panels(session, competition),
            "flagged": service.flagged_scripts(session, current_user, competition),
            "scripts": [(s, states[s.id][0]) for s in service.scripts_of(session, competition)],
            "panel_form": panel_form or _panel_form(session, competition),
            "add_form": _add_examiner_form(session, competition),
            "declared": lambda user_id: service.latest_declaration(session, user_id, competition),
            "is_drawn": lambda panel: service.panel_is_drawn(session, panel),
            "can_lock": scoring_permissions.can_lock_and_reveal(session, current_user, competition),
        }
    my_panels = scoring_permissions.panels_of(session, current_user, competition)
    to_review = (service.flagged_scripts(session, current_user, competition)
                 if any(p.chair_id == current_user.id for p in my_panels) else [])
    return render_template(
        "scoring/home.html", competition=competition, is_board=is_board, board=board,
        is_examiner=scoring_permissions.is_examiner(session, current_user, competition),
        declaration_open=service.declaration_is_open(session, current_user, competition),
        my_declaration=service.latest_declaration(session, current_user.id, competition),
        work=service.work_for(session, current_user, competition),
        to_settle=service.awaiting_chair(session, current_user, competition),
        to_review=to_review,
        on_presentation=any(p.part_key == PRESENTATION for p in my_panels),
        code_form=CodeForm(), confirm_form=ConfirmForm(), display=codes.display,
        Stage=Stage), status


@bp.route("/declaration", methods=["GET", "POST"])
@login_required
def declaration(competition_id: int):
    session = db_session()
    competition = _competition(competition_id)
    candidates = service.candidates_for_declaration(session, current_user, competition)
    if request.method == "POST":
        choices = {a.id: request.form.get(f"a{a.id}", "none") for a in candidates}
        service.declare_conflicts(
            session, current_user, competition,
            conflict_ids=[i for i, c in choices.items() if c == "conflict"],
            known_ids=[i for i, c in choices.items() if c == "known"], now=utcnow())
        session.commit()
        flash(_("Your declaration was recorded."), "success")
        return _back(competition_id)
    latest = service.latest_declaration(session, current_user.id, competition)
    return render_template("scoring/declaration.html", competition=competition,
                           candidates=candidates,
                           conflicts=set(latest.conflict_application_ids) if latest else set(),
                           known=set(latest.known_application_ids) if latest else set())


@bp.post("/find")
@login_required
def find(competition_id: int):
    _competition(competition_id)
    form = CodeForm()
    code = codes.normalise(form.code.data or "")
    if code is None:
        flash(_("“%(code)s” is not a valid script code; check it for a typing mistake.",
                code=form.code.data or ""), "error")
        return _back(competition_id)
    return redirect(url_for("scoring.script", competition_id=competition_id, code=code))


@bp.route("/scripts/<code>", methods=["GET", "POST"])
@login_required
def script(competition_id: int, code: str):
    session = db_session()
    competition = _competition(competition_id)
    item = service.get_script(session, competition, code)
    assignment = service.get_assignment(session, current_user, competition, item)
    rubric = service.rubric_of(item)
    typed, refusal = None, Refusal()
    if request.method == "POST":
        submit = request.form.get("action") == "submit"
        points = [request.form.get(f"c{i}", "") for i in range(len(rubric))]
        comment = request.form.get("comment", "")
        # A refused mark comes back as typed: one point over the maximum wipes nothing.
        typed = TypedForm({**{f"c{i}": p for i, p in enumerate(points)}, "comment": comment})
        with refused_into(typed) as refusal:
            if submit and request.form.get("final") != "y":
                raise InvalidInput(_("Tick the box to confirm that the marks are final."),
                                   field="final")
            service.save_mark(session, current_user, assignment, points=points, comment=comment,
                              submit=submit, now=utcnow())
            session.commit()
            flash(_("Your mark was submitted.") if submit else _("Draft saved."), "success")
            return redirect(url_for("scoring.script", competition_id=competition_id,
                                    code=item.code))
    mark = service.last_mark(session, assignment)
    shared = service.calibration_marks(session, current_user, item) if item.is_calibration else []
    return render_template("scoring/script.html", competition=competition, script=item,
                           assignment=assignment, rubric=rubric, mark=mark, typed=typed,
                           text=service.shown_text(item), shared=shared,
                           display=codes.display), refusal.status


@bp.route("/settle/<code>", methods=["GET", "POST"])
@login_required
def settle(competition_id: int, code: str):
    session = db_session()
    competition = _competition(competition_id)
    item = service.get_script(session, competition, code)
    marks = service.marks_for_chair(session, current_user, item)
    form = SettleForm()
    refusal = Refusal()
    status = 400 if form.is_submitted() else 200
    if form.validate_on_submit():
        with refused_into(form) as refusal:
            service.settle_script(session, current_user, item, mark=form.mark.data,
                                  reason=form.reason.data, now=utcnow())
            session.commit()
            flash(_("The final mark was recorded."), "success")
            return _back(competition_id)
    return render_template("scoring/settle.html", competition=competition, script=item,
                           marks=marks, form=form, text=service.shown_text(item),
                           state=service.group_state(session, item,
                                                     service.current_remark(session, item)),
                           display=codes.display), refusal.status if refusal else status


@bp.post("/scripts/create")
@login_required
def create_scripts(competition_id: int):
    session = db_session()
    competition = _competition(competition_id, board=True)
    scripts = service.create_scripts(session, current_user, competition, now=utcnow())
    session.commit()
    flash(_("%(n)d scripts were made under anonymous codes.", n=len(scripts)), "success")
    return _back(competition_id)


@bp.post("/panels")
@login_required
def panel_new(competition_id: int):
    session = db_session()
    competition = _competition(competition_id, board=True)
    form = _panel_form(session, competition)
    if not form.validate_on_submit():
        return home(competition_id, panel_form=form, status=400)
    chosen = [session.get(User, i) for i in form.examiners.data]
    with refused_into(form, {"threshold": "threshold_percent"}) as refusal:
        service.set_up_panel(session, current_user, competition, part_key=form.part_key.data,
                             chair=session.get(User, form.chair.data), examiners=chosen,
                             threshold_percent=form.threshold_percent.decimal, now=utcnow())
        session.commit()
        flash(_("The panel was set up."), "success")
        return _back(competition_id)
    return home(competition_id, panel_form=form, status=refusal.status)


def _add_examiner_form(session, competition) -> AddExaminerForm:
    form = AddExaminerForm()
    form.examiner.choices = [(u.id, u.full_name) for u in service.examiners_of(session, competition)]
    return form


@bp.post("/panels/<int:panel_id>/examiners")
@login_required
def add_examiner(competition_id: int, panel_id: int):
    session = db_session()
    competition = _competition(competition_id, board=True)
    panel = service.get_panel(session, competition, panel_id)
    form = _add_examiner_form(session, competition)
    if not form.validate_on_submit():
        raise InvalidInput(_("Choose an examiner."))
    service.add_panel_examiner(session, current_user, competition, panel,
                               session.get(User, form.examiner.data), now=utcnow())
    session.commit()
    flash(_("The examiner was added to the panel."), "success")
    return _back(competition_id)


@bp.post("/panels/<int:panel_id>/draw")
@login_required
def draw(competition_id: int, panel_id: int):
    session = db_session()
    competition = _competition(competition_id, board=True)
    panel = service.get_panel(session, competition, panel_id)
    service.assign_markers(session, current_user, competition, panel, now=utcnow())
    session.commit()
    flash(_("Examiners were drawn; the seed is recorded."), "success")
    return _back(competition_id)


@bp.route("/panels/<int:panel_id>/calibration", methods=["GET", "POST"])
@login_required
def calibration(competition_id: int, panel_id: int):
    session = db_session()
    competition = _competition(competition_id, board=True)
    panel = service.get_panel(session, competition, panel_id)
    form = CalibrationForm()
    if form.validate_on_submit():
        item = service.add_calibration_script(
            session, current_user, competition, panel, prompt=form.prompt.data,
            rubric=service.parse_rubric(form.rubric.data), answer_text=form.answer_text.data,
            now=utcnow())
        session.commit()
        flash(_("Sample script %(code)s was given to every member of the panel.",
                code=codes.display(item.code)), "success")
        return _back(competition_id)
    return render_template("scoring/calibration.html", competition=competition, panel=panel,
                           form=form)


@bp.route("/leaks/<code>", methods=["GET", "POST"])
@login_required
def leak(competition_id: int, code: str):
    session = db_session()
    competition = _competition(competition_id)
    if not any(scoring_permissions.chairs(session, current_user, p)
               for p in scoring_permissions.panels_of(session, current_user, competition)):
        abort(403)
    item = service.get_script(session, competition, code)
    service.review_leak(session, current_user, item)
    mask_form, dismiss_form = MaskForm(prefix="mask"), DismissForm(prefix="dismiss")
    if request.method == "POST":
        if request.form.get("action") == "dismiss" and dismiss_form.validate():
            service.dismiss_leak(session, current_user, item, note=dismiss_form.note.data,
                                 now=utcnow())
        elif request.form.get("action") == "mask" and mask_form.validate():
            service.mask_passage(session, current_user, item, passage=mask_form.passage.data,
                                 now=utcnow())
        else:
            raise InvalidInput(_("Fill in the form."))
        session.commit()
        flash(_("Recorded."), "success")
        return redirect(url_for("scoring.leak", competition_id=competition_id, code=item.code))
    return render_template("scoring/leak.html", competition=competition, script=item,
                           text=service.shown_text(item), mask_form=mask_form,
                           dismiss_form=dismiss_form,
                           is_flagged=service.is_flagged(session, item), display=codes.display)


@bp.post("/lock")
@login_required
def lock(competition_id: int):
    session = db_session()
    competition = _competition(competition_id, board=True)
    if not ConfirmForm().validate_on_submit():
        raise InvalidInput(_("Tick the box to confirm."))
    service.lock_scores(session, current_user, competition, now=utcnow())
    session.commit()
    flash(_("Scores locked."), "success")
    return _back(competition_id)


@bp.post("/reveal")
@login_required
def reveal(competition_id: int):
    session = db_session()
    competition = _competition(competition_id, board=True)
    if not ConfirmForm().validate_on_submit():
        raise InvalidInput(_("Tick the box to confirm."))
    service.reveal_identities(session, current_user, competition, now=utcnow())
    session.commit()
    flash(_("Identities revealed."), "success")
    return redirect(url_for("scoring.identities", competition_id=competition_id))


@bp.get("/identities")
@login_required
def identities(competition_id: int):
    session = db_session()
    competition = competitions.get_competition(session, competition_id)
    rows = service.code_map(session, current_user, competition)
    return render_template("scoring/identities.html", competition=competition, rows=rows,
                           display=codes.display)


@bp.get("/statistics")
@login_required
def statistics(competition_id: int):
    session = db_session()
    competition = _competition(competition_id, board=True)
    panels = service.examiner_statistics(session, current_user, competition)
    charts = {p.panel.id: json.dumps({"points": [[round(a, 2), round(b, 2)] for a, b in p.pairs]})
              for p in panels}
    return render_template("scoring/statistics.html", competition=competition, panels=panels,
                           charts=charts, alpha_source=service.ALPHA_SOURCE,
                           icc_source=service.ICC_SOURCE)


@bp.get("/presentation")
@login_required
def presentation(competition_id: int):
    session = db_session()
    competition = _competition(competition_id)
    panel, rows = service.presentation_sheet(session, current_user, competition)
    return render_template("scoring/presentation.html", competition=competition, panel=panel,
                           rows=rows, score_form=PresentationScoreForm(), decide_form=DecideForm(),
                           names={m.user_id: m.user.full_name for m in panel.members}
                           | {panel.chair_id: panel.chair.full_name},
                           single_round=_single_round(session, competition))


def _single_round(session, competition) -> bool:
    from exam.presentation.models import ScoringRule
    from exam.presentation.service import rules_of

    return rules_of(session, competition).scoring_rule == ScoringRule.SINGLE_MEAN


@bp.post("/presentation/<int:application_id>/<action>")
@login_required
def presentation_action(competition_id: int, application_id: int, action: str):
    session = db_session()
    competition = _competition(competition_id)
    if action == "score":
        form = PresentationScoreForm()
        if not form.validate_on_submit():
            raise InvalidInput(_("Enter a score from 0 to 100."))
        service.submit_presentation_score(session, current_user, competition, application_id,
                                          score=form.score.data, now=utcnow())
    elif action == "decide":
        form = DecideForm()
        if not form.validate_on_submit():
            raise InvalidInput(_("Enter the official score and the reason."))
        service.decide_presentation(session, current_user, competition, application_id,
                                    score=form.score.data, reason=form.reason.data, now=utcnow())
    elif action == "confirm":
        service.confirm_presentation(session, current_user, competition, application_id,
                                     now=utcnow())
    else:
        abort(404)
    session.commit()
    flash(_("Recorded."), "success")
    return redirect(url_for("scoring.presentation", competition_id=competition_id))
