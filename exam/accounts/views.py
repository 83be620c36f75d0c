import time

from flask import (
    Blueprint,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from exam.accounts import invitations, service, session_rules
from exam.accounts.forms import (
    CodeForm,
    EnrolForm,
    InvitationForm,
    LoginForm,
    RegisterForm,
    SignOutEverywhereForm,
)
from exam.accounts.qr import qr_data_uri
from exam.accounts.session_rules import two_factor_required
from exam.db import db_session, utcnow
from exam.demo_cast import DEMO_DOMAIN
from exam.errors import DomainError
from exam.extensions import limiter
from exam.refusals import Refusal, refused_into

bp = Blueprint("accounts", __name__, url_prefix="/account")


def is_local_path(target: str) -> bool:
    """A path on this site only: browsers read a backslash, or a tab or newline after the
    slash, as the start of another host's address."""
    return (target.startswith("/") and not target.startswith("//") and "\\" not in target
            and not any(ord(c) < 32 or ord(c) == 127 for c in target))


def _safe_next(default: str) -> str:
    target = request.args.get("next") or ""
    return target if is_local_path(target) else default


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
def register():
    if current_user.is_authenticated:
        # Creating an account would sign this person out of theirs without a word.
        return render_template("accounts/register.html", form=None), (
            409 if request.method == "POST" else 200)
    form = RegisterForm()
    refusal = Refusal()
    if form.validate_on_submit():
        with refused_into(form) as refusal:
            user = service.register_candidate(
                db_session(), email=form.email.data, full_name=form.full_name.data,
                password=form.password.data, now=utcnow())
            db_session().commit()
            sign_in(user)
            flash(_("Welcome, %(name)s. Your account is ready.", name=user.full_name), "success")
            return redirect(_safe_next(url_for("public.home")))
    return render_template("accounts/register.html", form=form), refusal.status


@bp.route("/invitation/<token>", methods=["GET", "POST"])
@limiter.limit("30 per hour", methods=["POST"])
def invitation(token: str):
    """A person invited by email chooses a password; the link then stops working."""
    session = db_session()
    user = invitations.invited_user(session, token)
    if current_user.is_authenticated and current_user.id != user.id:
        return render_template("accounts/register.html", form=None), 409
    form = InvitationForm()
    refusal = Refusal()
    if form.validate_on_submit():
        with refused_into(form) as refusal:
            invitations.accept_invitation(session, token, password=form.password.data,
                                          now=utcnow())
            session.commit()
            return render_template("accounts/invitation.html", form=None, invited=user)
    return render_template("accounts/invitation.html", form=form, invited=user), refusal.status


def _address_and_email() -> str:
    """Candidates in one exam hall share an address: limit guesses per account, not per room."""
    return f"{request.remote_addr}|{(request.form.get('email') or '').strip().lower()}"


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("20 per minute", methods=["POST"], key_func=_address_and_email)
@limiter.limit("1200 per minute", methods=["POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = service.authenticate(db_session(), form.email.data, form.password.data,
                                        address=request.remote_addr or "", now=utcnow())
        except DomainError as error:
            db_session().commit()  # keep the failed-attempt count
            flash(error.message, "error")
        else:
            db_session().commit()
            if user.totp_secret or (two_factor_required()
                                    and service.requires_second_factor(db_session(), user)):
                return _start_second_step(user)
            sign_in(user)
            return redirect(_safe_next(url_for("public.home")))
    return render_template("accounts/login.html", form=form)


@bp.before_app_request
def _refuse_stale_sessions():
    """A copied cookie stops working after "sign out everywhere" and after SESSION_MAX_HOURS;
    a session signed in with the password alone ends once its holder joins the staff."""
    auth_at = session.get("auth_at")
    if auth_at is not None and current_user.is_authenticated:
        now_ts = time.time()
        if (session_rules.is_too_old(auth_at, now_ts)
                or session_rules.is_revoked(auth_at, current_user.sessions_revoked_at)):
            logout_user()
            session.pop("auth_at", None)
            return None
    if not session_rules.is_role_check_due(session, time.time()):
        return None
    session["role_checked_at"] = time.time()
    if current_user.is_authenticated and service.requires_second_factor(db_session(),
                                                                        current_user):
        logout_user()
        session.pop("auth_at", None)
        flash(_("Your account now needs two-step sign-in. Please sign in again."), "error")
        return redirect(url_for("accounts.login"))
    return None


PENDING = "two_factor_pending"
PENDING_SECONDS = 600


KEPT_AT_SIGN_IN = ("lang",)


def sign_in(user, *, second_factor: bool = False) -> None:
    """Start a new signed-in session; remember when (so old cookies can be revoked) and
    whether the second factor was given.

    Nothing from before survives but the language: not a value planted by whoever used the
    computer or set the cookie before (session fixation), nor the CSRF token they could know.
    """
    kept = {name: session[name] for name in KEPT_AT_SIGN_IN if name in session}
    session.clear()
    session.update(kept)
    g.pop(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"), None)
    login_user(user)
    session["auth_at"] = time.time()
    session["second_factor"] = second_factor
    session["role_checked_at"] = time.time()


def _start_second_step(user):
    """The password was right; the session is not signed in until the second factor is."""
    session[PENDING] = {"user_id": user.id, "since": int(time.time()),
                        "next": _safe_next(url_for("public.home"))}
    target = "accounts.second_factor" if user.totp_secret else "accounts.enrol_second_factor"
    return redirect(url_for(target))


def _pending_user():
    pending = session.get(PENDING)
    if not pending or time.time() - pending.get("since", 0) > PENDING_SECONDS:
        session.pop(PENDING, None)
        return None
    return service.get_user(db_session(), pending["user_id"])


@bp.route("/two-factor", methods=["GET", "POST"])
@limiter.limit("20 per minute", methods=["POST"])
def second_factor():
    user = _pending_user()
    if user is None:
        flash(_("Sign in with your password first."), "error")
        return redirect(url_for("accounts.login"))
    if not user.totp_secret:
        return redirect(url_for("accounts.enrol_second_factor"))
    form = CodeForm()
    if form.validate_on_submit():
        try:
            service.check_second_factor(db_session(), user, form.code.data, now=utcnow())
        except DomainError as error:
            db_session().commit()  # keep the failed-attempt count
            form.code.errors = [*form.code.errors, error.message]
        else:
            db_session().commit()
            target = session[PENDING]["next"]
            sign_in(user, second_factor=True)
            left = service.remaining_recovery_codes(db_session(), user)
            if left <= 3:
                flash(_("Only %(n)d recovery codes are left.", n=left), "error")
            return redirect(target)
    return render_template("accounts/second_factor.html", form=form,
                           demo_email=user.email if user.email.endswith(DEMO_DOMAIN) else None)


@bp.route("/two-factor/setup", methods=["GET", "POST"])
@limiter.limit("20 per minute", methods=["POST"])
def enrol_second_factor():
    """First sign-in of a staff member (or anyone who chooses to): link an authenticator."""
    user = current_user if current_user.is_authenticated else _pending_user()
    if user is None:
        flash(_("Sign in with your password first."), "error")
        return redirect(url_for("accounts.login"))
    if user.totp_secret:
        flash(_("Two-step sign-in is already on for this account."), "success")
        return redirect(url_for("accounts.profile" if current_user.is_authenticated
                                else "accounts.second_factor"))
    secret = session.get("two_factor_secret") or service.new_totp_secret()
    session["two_factor_secret"] = secret
    form = EnrolForm()
    if form.validate_on_submit():
        try:
            codes = service.enrol_second_factor(db_session(), user, secret, form.code.data,
                                                now=utcnow())
        except DomainError as error:
            db_session().rollback()
            form.code.errors = [*form.code.errors, error.message]
        else:
            db_session().commit()
            target = (session.get(PENDING) or {}).get("next") or url_for("accounts.profile")
            sign_in(user, second_factor=True)
            return render_template("accounts/recovery_codes.html", codes=codes, next=target)
    uri = service.totp_uri(user, secret, current_app.config.get("ORGANIZATION_NAME",
                                                                 service.TOTP_ISSUER))
    return render_template("accounts/enrol_second_factor.html", form=form, secret=secret,
                           qr=qr_data_uri(uri))


@bp.post("/sign-out-everywhere")
@login_required
def sign_out_everywhere():
    form = SignOutEverywhereForm()
    if form.validate_on_submit():
        service.sign_out_everywhere(db_session(), current_user, now=utcnow())
        db_session().commit()
        logout_user()
        flash(_("You are signed out on every device."), "success")
    return redirect(url_for("public.home"))


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
