from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from exam.accounts import service
from exam.accounts.forms import LoginForm, RegisterForm
from exam.db import db_session, utcnow
from exam.errors import DomainError
from exam.web import limiter

bp = Blueprint("accounts", __name__, url_prefix="/account")


def _safe_next(default: str) -> str:
    target = request.args.get("next") or ""
    return target if target.startswith("/") and not target.startswith("//") else default


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
def register():
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            user = service.register_candidate(
                db_session(), email=form.email.data, full_name=form.full_name.data,
                password=form.password.data, now=utcnow())
        except DomainError as error:
            db_session().rollback()
            form.email.errors = [*form.email.errors, error.message]
        else:
            db_session().commit()
            login_user(user)
            flash(_("Welcome, %(name)s. Your account is ready.", name=user.full_name), "success")
            return redirect(_safe_next(url_for("public.home")))
    return render_template("accounts/register.html", form=form)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("20 per minute", methods=["POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = service.authenticate(db_session(), form.email.data, form.password.data,
                                        now=utcnow())
        except DomainError as error:
            db_session().commit()  # keep the failed-attempt count
            flash(error.message, "error")
        else:
            db_session().commit()
            login_user(user)
            return redirect(_safe_next(url_for("public.home")))
    return render_template("accounts/login.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    logout_user()
    flash(_("You are signed out."), "success")
    return redirect(url_for("public.home"))


@bp.get("/")
@login_required
def profile():
    return render_template("accounts/profile.html", user=current_user)
