"""Defaults in code; overrides from the environment and instance/config.py."""

from __future__ import annotations

import logging
import os
import secrets
import socket
from pathlib import Path
from urllib.parse import urlsplit

LOCAL_REDIS = "redis://127.0.0.1:6379"


def instance_path() -> str:
    return os.path.abspath(
        os.environ.get("THITUYEN_INSTANCE_PATH")
        or Path(__file__).resolve().parent.parent / "instance"
    )


class Defaults:
    BABEL_DEFAULT_LOCALE = "vi"
    BABEL_DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"
    LANGUAGES = ("vi", "en")
    CLI_LANGUAGE = os.environ.get("THITUYEN_CLI_LANGUAGE", "en")
    ORGANIZATION_NAME = "Hội đồng thi tuyển"
    MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
    MAX_CONTENT_LENGTH = 40 * 1024 * 1024
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None
    PUBLIC_BASE_URL = None  # unset: the address the server is reached at (public_base_url)
    RATELIMIT_HEADERS_ENABLED = True


def load(app, test_config: dict | None) -> None:
    app.config.from_object(Defaults)
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
    else:
        app.config.update(test_config)
    for name in ("SECRET_KEY", "DATABASE_URL", "PUBLIC_BASE_URL", "DOCUMENT_PLACE",
                 "RATELIMIT_STORAGE_URI",
                 "MAIL_SERVER", "MAIL_PORT", "MAIL_USE_TLS", "MAIL_USERNAME", "MAIL_PASSWORD",
                 "MAIL_FROM"):
        if name in os.environ and (test_config is None or name not in test_config):
            app.config[name] = os.environ[name]
    if not app.config.get("RATELIMIT_STORAGE_URI"):
        app.config["RATELIMIT_STORAGE_URI"] = default_rate_limit_storage(app.testing)
    if app.config["RATELIMIT_STORAGE_URI"].startswith(("redis://", "rediss://")):
        # Redis down later: count in this worker rather than refuse every request.
        app.config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)
    app.config.setdefault(
        "DATABASE_URL", "sqlite:///" + os.path.join(app.instance_path, "thituyen.sqlite")
    )
    app.config.setdefault("UPLOAD_FOLDER", os.path.join(app.instance_path, "uploads"))
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(app.instance_path)
    secure = not app.testing and os.environ.get("THITUYEN_INSECURE_COOKIES") != "1"
    for name in ("SESSION_COOKIE_SECURE", "REMEMBER_COOKIE_SECURE"):
        if test_config is None or name not in test_config:
            app.config[name] = secure
    # Reverse proxies in front that set X-Forwarded-For/-Proto (deploy/nginx: 1); 0 when the
    # app faces clients directly, so that a client cannot claim another address.
    app.config.setdefault("PROXY_HOPS", int(os.environ.get("THITUYEN_PROXY_HOPS") or 0))
    threads = int(os.environ.get("THITUYEN_THREADS") or 4)  # gunicorn.conf.py's threads
    app.config.setdefault("DATABASE_POOL_SIZE", threads)
    app.config.setdefault("DATABASE_MAX_OVERFLOW", 2)
    app.config.setdefault("LEAN_AUTOSAVE_POOL", threads)
    # The lean autosave (exam.sitting.lean) on PostgreSQL; THITUYEN_LEAN_AUTOSAVE=0 turns it off.
    app.config.setdefault("LEAN_AUTOSAVE", os.environ.get("THITUYEN_LEAN_AUTOSAVE", "1") != "0")
    app.config.setdefault("SIGNING_KEY_FOLDER", os.path.join(app.instance_path, "keys"))
    # RFC 3161 timestamp authority for signed sheets and receipts (unset: no timestamp).
    app.config.setdefault("TSA_URL", os.environ.get("THITUYEN_TSA_URL"))
    app.config.setdefault("SIGNING_PASSWORD", os.environ.get("THITUYEN_SIGNING_PASSWORD"))
    # SHA-256 of the organization's signing certificate, pinned by verification; by default
    # the certificate inside SIGNING_KEY_FOLDER/signing.p12.
    app.config.setdefault("SIGNING_CERT_SHA256", os.environ.get("THITUYEN_SIGNING_CERT_SHA256"))
    # A queued receipt waits this long for the worker (`thituyen sitting work`) before the
    # candidate's receipt page prepares it itself.
    app.config.setdefault("RECEIPT_INLINE_AFTER_SECONDS",
                          float(os.environ.get("THITUYEN_RECEIPT_WAIT_SECONDS") or 10))


def engine_options(config) -> dict:
    """Connection pools sized against PostgreSQL's 100 connections. Each gunicorn worker
    holds at most DATABASE_POOL_SIZE + DATABASE_MAX_OVERFLOW (Flask, ORM) plus
    LEAN_AUTOSAVE_POOL (the lean autosave) connections; by default threads + 2 + threads,
    so 4 workers x 4 threads hold at most 40. SQLite keeps SQLAlchemy's own pooling."""
    if not str(config["DATABASE_URL"]).startswith("postgresql"):
        return {}
    return {"pool_size": int(config["DATABASE_POOL_SIZE"]),
            "max_overflow": int(config["DATABASE_MAX_OVERFLOW"])}


def _instance_secret(folder: str) -> str:
    """A secret key generated once per install and kept in the instance folder, never in git."""
    path = Path(folder) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def redis_reachable(url: str = LOCAL_REDIS, timeout: float = 0.3) -> bool:
    """Something accepts connections at the Redis address (a cheap probe, no client needed)."""
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379),
                                      timeout=timeout):
            return True
    except OSError:
        return False


def default_rate_limit_storage(testing: bool) -> str:
    """Rate limits must be counted across gunicorn's workers, or each worker allows the whole
    limit (four workers: four times the documented limit). Without RATELIMIT_STORAGE_URI, use
    the local Redis when it answers; otherwise count per process and say so."""
    if testing:
        return "memory://"
    if redis_reachable():
        return LOCAL_REDIS
    logging.getLogger("thituyen").warning(
        "No Redis at %s and RATELIMIT_STORAGE_URI is not set: rate limits are counted per "
        "worker process, so each gunicorn worker allows the full limit.", LOCAL_REDIS)
    return "memory://"


LOCAL_ADDRESS = "http://127.0.0.1:8000"


def public_base_url(app=None, *, from_request: bool = True) -> str:
    """Where QR codes and links on documents point: PUBLIC_BASE_URL when set; otherwise the
    address this request reached the server at (so a sheet made on a real host never points
    at 127.0.0.1), and outside a request the local address `make run` serves."""
    from flask import current_app, has_request_context, request

    configured = (app or current_app).config.get("PUBLIC_BASE_URL")
    if configured:
        return configured.rstrip("/")
    if from_request and has_request_context():
        return request.host_url.rstrip("/")
    return LOCAL_ADDRESS
