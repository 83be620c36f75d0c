"""Safe Exam Browser, checked the way Moodle's quizaccess_seb checks it.

SEB sends, with every request, ``X-SafeExamBrowser-ConfigKeyHash`` = SHA-256(absolute URL
without its fragment + Config Key) and, when it has a Browser Exam Key,
``X-SafeExamBrowser-RequestHash`` = SHA-256(absolute URL + Browser Exam Key). The Config Key
is the SHA-256 of the configuration's SEB-JSON (``seb_json``), so the board's configuration
file alone tells which key the room's machines will present; it is the same on Windows,
macOS and iOS. The Browser Exam Key also covers SEB's own program files, so it can only be
read off a prepared machine and pasted in. As in Moodle, the Config Key must match, and when
Browser Exam Keys are listed one of them must match too.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import plistlib
from dataclasses import dataclass
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


def _key_order(key: str) -> tuple[str, str]:
    """Case-insensitive order, a lower-case letter before the same upper-case one (SEB's
    documentation: ``allowWlan`` comes before ``allowWLAN``)."""
    return key.lower(), key.swapcase()


def seb_json(value) -> str:
    """SEB-JSON: the settings as SEB serialises them for the Config Key. No whitespace, no
    escaping but of the double quote (a URL filter's backslashes stay as they are), keys in
    case-insensitive order at every level, ``originatorVersion`` and empty dictionaries left
    out, data as Base64, a whole real number without its decimal part."""
    if isinstance(value, dict):
        members = [f'"{key}":{seb_json(value[key])}' for key in sorted(value, key=_key_order)
                   if key.lower() != "originatorversion"
                   and not (isinstance(value[key], dict) and not value[key])]
        return "{" + ",".join(members) + "}"
    if isinstance(value, list):
        return "[" + ",".join(seb_json(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, bytes):
        return '"' + base64.b64encode(value).decode() + '"'
    if isinstance(value, datetime):
        return '"' + value.strftime("%Y-%m-%dT%H:%M:%S+00:00") + '"'
    if value is None:
        return '""'
    return '"' + str(value).replace('"', '\\"') + '"'


def config_key(settings: dict) -> str:
    """SEB's Config Key of a settings dictionary: SHA-256 of its SEB-JSON, Base16."""
    return hashlib.sha256(seb_json(settings).encode()).hexdigest()


def generated_config(start_url: str, quit_url: str, host: str) -> bytes:
    """A plain (unencrypted) .seb file: start at the sitting, stay on this site, send keys."""
    settings = {
        "startURL": start_url,
        "quitURL": quit_url,
        "sendBrowserExamKey": True,
        # macOS/iOS: keep the classic WebView, which sends the key headers, on this site
        # ("Prefer Modern in New Tab + Different Host"), as SEB's developer notes advise.
        "browserWindowWebView": 2,
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
    """The settings of an unencrypted XML .seb file (kept as text, so a binary property list
    or an encrypted file is refused like any other file)."""
    try:
        config.decode("utf-8")
        start = config.lstrip(b"\xef\xbb\xbf \t\r\n")
        require(start.startswith((b"<?xml", b"<!DOCTYPE", b"<plist")), "not XML", InvalidInput)
        settings = plistlib.loads(config)
    except (plistlib.InvalidFileException, ValueError, TypeError, KeyError,
            InvalidInput) as exc:
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


@dataclass(frozen=True)
class BrowserCheck:
    """What a request showed of Safe Exam Browser: the Config Key's hash right or not, and
    the Browser Exam Key's (None when the board listed none)."""

    config_key_ok: bool
    browser_exam_key_ok: bool | None

    @property
    def is_ready(self) -> bool:
        return self.config_key_ok and self.browser_exam_key_ok is not False


def check(rule: SebRule, url: str, headers) -> BrowserCheck:
    url = url.split("#", 1)[0]
    keys = rule.browser_exam_keys.split()
    given = headers.get(REQUEST_HASH_HEADER, "")
    return BrowserCheck(
        bool(rule.config_key) and _matches(url, rule.config_key,
                                           headers.get(CONFIG_KEY_HEADER, "")),
        any(_matches(url, k, given) for k in keys) if keys else None)


def request_allowed(rule: SebRule | None, url: str, headers) -> bool:
    """True when no SEB is required, or the request carries a hash of this URL with the
    configuration's Config Key and, when the board listed Browser Exam Keys, one with one
    of them."""
    return rule is None or not rule.is_required or check(rule, url, headers).is_ready
