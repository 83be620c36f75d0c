"""Safe Exam Browser, checked the way Moodle checks it.

SEB sends, with every request, ``X-SafeExamBrowser-ConfigKeyHash`` = SHA-256(absolute URL +
Config Key) and ``X-SafeExamBrowser-RequestHash`` = SHA-256(absolute URL + Browser Exam Key).
The Config Key is the SHA-256 of the configuration's settings serialised as JSON (keys in
case-insensitive order, no whitespace, data as Base64, ``originatorVersion`` left out), so
the board's configuration file alone tells which key the room's machines will present.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import plistlib
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy.orm import Session

from exam.audit import service as audit
from exam.competitions.models import Competition, Stage
from exam.competitions.permissions import can_run_stages
from exam.errors import Conflict, InvalidInput, PermissionDenied, require
from exam.rooms.models import SebRule

CONFIG_KEY_HEADER = "X-SafeExamBrowser-ConfigKeyHash"
REQUEST_HASH_HEADER = "X-SafeExamBrowser-RequestHash"
MAX_CONFIG_BYTES = 512 * 1024


def _json_value(value):
    if isinstance(value, dict):
        return {k: _json_value(value[k]) for k in sorted(value, key=str.lower)}
    if isinstance(value, list):
        return [_json_value(v) for v in value]
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")
    return value


def config_key(settings: dict) -> str:
    """SEB's Config Key of a settings dictionary."""
    settings = {k: v for k, v in settings.items() if k != "originatorVersion"}
    text = json.dumps(_json_value(settings), separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def generated_config(start_url: str, quit_url: str, host: str) -> bytes:
    """A plain (unencrypted) .seb file: start at the sitting, stay on this site, send keys."""
    settings = {
        "startURL": start_url,
        "quitURL": quit_url,
        "sendBrowserExamKey": True,
        "allowQuit": False,
        "browserWindowAllowReload": True,
        "showReloadButton": True,
        "allowSpellCheck": False,
        "URLFilterEnable": True,
        "URLFilterEnableContentFilter": False,
        "URLFilterRules": [{"action": 1, "active": True, "expression": f"{host}/*",
                            "regex": False}],
    }
    return plistlib.dumps(settings, fmt=plistlib.FMT_XML)


def settings_of(config: bytes) -> dict:
    try:
        settings = plistlib.loads(config)
    except (plistlib.InvalidFileException, ValueError, TypeError, KeyError) as exc:
        raise InvalidInput(_("This is not an unencrypted SEB configuration file (.seb, XML)."
                             )) from exc
    require(isinstance(settings, dict),
            _("This is not an unencrypted SEB configuration file (.seb, XML)."), InvalidInput)
    return settings


def rule_of(session: Session, competition: Competition) -> SebRule | None:
    return session.get(SebRule, competition.id)


def set_rule(session: Session, actor, competition: Competition, *, is_required: bool,
             config: bytes, browser_exam_keys: str = "", now: datetime) -> SebRule:
    """The board's SEB configuration and whether the sitting demands it; fixed once open."""
    require(can_run_stages(session, actor, competition),
            _("Only the chair or the secretary can set the browser rule."), PermissionDenied)
    require(not competition.has_reached(Stage.SITTING),
            _("The sitting has begun: the browser rule can no longer change."), Conflict)
    require(len(config) <= MAX_CONFIG_BYTES, _("The configuration file is too large."),
            InvalidInput)
    key = config_key(settings_of(config))
    keys = [k.lower() for k in (browser_exam_keys or "").replace(",", " ").split()]
    for k in keys:
        require(len(k) == 64 and all(c in "0123456789abcdef" for c in k),
                _("A Browser Exam Key is 64 hexadecimal characters."), InvalidInput)
    rule = rule_of(session, competition)
    if rule is None:
        rule = SebRule(competition_id=competition.id)
        session.add(rule)
    rule.is_required, rule.config_xml, rule.config_key = bool(is_required), config.decode(), key
    rule.browser_exam_keys = " ".join(keys)
    session.flush()
    audit.record(session, actor, "rooms.seb_rule_set", at=now, competition=competition,
                 payload={"is_required": rule.is_required, "config_key": key,
                          "browser_exam_keys": keys})
    return rule


def _matches(url: str, key: str, given: str) -> bool:
    expected = hashlib.sha256((url + key).encode()).hexdigest()
    return hmac.compare_digest(expected, (given or "").strip().lower())


def request_allowed(rule: SebRule | None, url: str, headers) -> bool:
    """True when no SEB is required, or the request carries a hash of this URL with the
    configuration's Config Key (or one of the listed Browser Exam Keys)."""
    if rule is None or not rule.is_required:
        return True
    url = url.split("#", 1)[0]
    if rule.config_key and _matches(url, rule.config_key, headers.get(CONFIG_KEY_HEADER, "")):
        return True
    given = headers.get(REQUEST_HASH_HEADER, "")
    return any(_matches(url, k, given) for k in rule.browser_exam_keys.split())
