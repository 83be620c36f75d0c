from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from exam.accounts import invitations
from exam.accounts import service as accounts
from exam.competitions import permissions, readiness, service
from exam.competitions.forms import (
    AppointForm,
    CompetitionForm,
    ConfirmForm,
    RemoveAppointmentForm,
)
from exam.competitions.models import Role
from exam.db import db_session, utcnow
from exam.insights.dashboard import WHO, acting_groups, waiting_work
from exam.jobs.forms import StepForm
from exam.timefmt import to_local, to_utc

bp = Blueprint("competitions", __name__, url_prefix="/manage")

STAFF_PER_PAGE = 25


def _form_fields(form: CompetitionForm) -> dict:
    fields = {name: getattr(form, name).data for name in service.RULE_FIELDS if hasattr(form, name)}
    for name in CompetitionForm.DATE_FIELDS:
        fields[name] = to_utc(fields[name])
    return fields


@bp.get("/")
@login_required
def index():
    return render_template("competitions/index.html",
                           competitions=service.list_for_staff(db_session(), current_user),
                           stage_labels=service.STAGE_LABELS)


@bp.route("/new", methods=["GET", "POST"])
@login_required
def create():
    if not current_user.is_admin:
        abort(403)
    form = CompetitionForm()
    if form.validate_on_submit():
        competition = service.create_competition(db_session(), current_user, now=utcnow(),
                                                 **_form_fields(form))
        db_session().commit()
        flash(_("The competition was created as a draft."), "success")
        return redirect(url_for("competitions.dashboard", competition_id=competition.id))
    return render_template("competitions/edit.html", form=form, competition=None)


def _staff_competition(competition_id: int):
    session = db_session()
    competition = service.get_competition(session, competition_id)
    if not (current_user.is_admin or permissions.is_staff(session, current_user, competition)):
        abort(403)
    return competition


@bp.get("/<int:competition_id>")
@login_required
def dashboard(competition_id: int):
    session = db_session()
    competition = _staff_competition(competition_id)
    roles = permissions.roles_in(session, current_user, competition)
    is_board = permissions.is_board(session, current_user, competition)
    staff = service.staff_of(session, competition)
    role = request.args.get("role") or None
    role = role if role in {str(r) for r in Role} else None
    shown = [m for m in staff if role is None or m.role == role]
    page = max(request.args.get("page", 1, type=int), 1)
    return render_template(
        "competitions/dashboard.html", competition=competition,
        waiting=waiting_work(session, competition), who_labels=WHO, step_form=StepForm(),
        open_for=acting_groups(current_user, roles, is_board=is_board),
        roles=roles, is_board=is_board,
        staff=shown[(page - 1) * STAFF_PER_PAGE:page * STAFF_PER_PAGE], staff_total=len(shown),
        staff_page=page, staff_per_page=STAFF_PER_PAGE, staff_role=role,
        staff_filters={"competition_id": competition.id} | ({"role": role} if role else {}),
        show_emails=current_user.is_admin or is_board,
        next_stage=service.next_stage(competition),
        is_domain_stage=service.next_stage(competition) in service.DOMAIN_ACTION_STAGES,
        can_run=permissions.can_run_stages(session, current_user, competition),
        can_set_rules=permissions.can_set_rules(session, current_user, competition),
        stage_labels=service.STAGE_LABELS, role_labels=service.ROLE_LABELS,
        appoint_form=AppointForm(), confirm_form=ConfirmForm(),
        remove_form=RemoveAppointmentForm(),
        requirements=readiness.by_stage(session, competition),
        can_remove={m.id for m in staff
                    if permissions.can_appoint(session, current_user, competition, m.role)})


@bp.route("/<int:competition_id>/rules", methods=["GET", "POST"])
@login_required
def rules(competition_id: int):
    competition = _staff_competition(competition_id)
    form = CompetitionForm(obj=competition)
    if form.is_submitted() is False:
        for name in CompetitionForm.DATE_FIELDS:
            getattr(form, name).data = (to_local(getattr(competition, name)) or None) and \
                to_local(getattr(competition, name)).replace(tzinfo=None)
    if form.validate_on_submit():
        service.update_rules(db_session(), current_user, competition, now=utcnow(),
                             **_form_fields(form))
        db_session().commit()
        flash(_("The rules were saved."), "success")
        return redirect(url_for("competitions.dashboard", competition_id=competition.id))
    return render_template("competitions/edit.html", form=form, competition=competition)


@bp.post("/<int:competition_id>/appoint")
@login_required
def appoint(competition_id: int):
    """Appoint someone with an account, or invite by email someone without one."""
    session = db_session()
    competition = _staff_competition(competition_id)
    form = AppointForm()
    if not form.validate_on_submit():
        flash(_("Enter an email and a role."), "error")
        return redirect(url_for("competitions.dashboard", competition_id=competition_id))
    user = accounts.find_user(session, form.email.data)
    if user is not None:
        service.appoint(session, current_user, competition, user, form.role.data, now=utcnow())
        session.commit()
        flash(_("%(name)s was appointed.", name=user.full_name), "success")
    elif not (form.full_name.data or "").strip():
        flash(_("No account with that email. To invite the person, give their full name as "
                "well: they receive a one-time link to choose a password."), "error")
    else:
        membership = invitations.invite_and_appoint(
            session, current_user, competition, email=form.email.data,
            full_name=form.full_name.data, role=form.role.data, now=utcnow(),
            link_for=_invitation_link)
        session.commit()
        flash(_("%(name)s was appointed and invited: an email with a one-time link to choose a "
                "password was sent to %(email)s.", name=membership.user.full_name,
                email=membership.user.email), "success")
    return redirect(url_for("competitions.dashboard", competition_id=competition_id))


def _invitation_link(token: str) -> str:
    base = current_app.config.get("PUBLIC_BASE_URL") or request.host_url
    return base.rstrip("/") + url_for("accounts.invitation", token=token)


@bp.post("/<int:competition_id>/staff/<int:membership_id>/remove")
@login_required
def remove_appointment(competition_id: int, membership_id: int):
    session = db_session()
    competition = _staff_competition(competition_id)
    membership = service.get_membership(session, competition, membership_id)
    form = RemoveAppointmentForm()
    if not form.validate_on_submit():
        flash(_("Give a reason of at least a few words."), "error")
        return redirect(url_for("competitions.dashboard", competition_id=competition_id))
    name = membership.user.full_name
    service.remove_appointment(session, current_user, membership, reason=form.reason.data,
                               now=utcnow())
    session.commit()
    flash(_("The appointment of %(name)s was removed.", name=name), "success")
    return redirect(url_for("competitions.dashboard", competition_id=competition_id))


@bp.post("/<int:competition_id>/advance")
@login_required
def advance(competition_id: int):
    session = db_session()
    competition = _staff_competition(competition_id)
    form = ConfirmForm()
    if not form.validate_on_submit():
        flash(_("Tick the box to confirm."), "error")
    else:
        service.advance_stage(session, current_user, competition, now=utcnow())
        session.commit()
        flash(_("The competition is now at: %(stage)s.",
                stage=service.STAGE_LABELS[competition.stage]), "success")
    return redirect(url_for("competitions.dashboard", competition_id=competition_id))
