"""The Flask extensions every area may use (CSRF, sign-in, rate limits) and the acting account.

They live apart from `exam.web`, which registers the blueprints: a view imports this module,
never the module that imports it.
"""

from __future__ import annotations

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, current_user
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()
login_manager = LoginManager()
limiter = Limiter(key_func=get_remote_address, default_limits=[])


def current_actor():
    """The signed-in account, or None: what services receive as `actor`."""
    return current_user if current_user.is_authenticated else None
