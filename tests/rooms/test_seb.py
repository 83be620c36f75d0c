"""Our Config Key is Safe Exam Browser's: the same SEB-JSON, the same hash, the same header.

The reference vectors are Moodle's (catalyst/moodle-quizaccess_seb, now Moodle's
mod/quiz/accessrule/seb): ``tests/config_key_test.php``, ``real_ck_hash_provider``, gives the
Config Key that SEB's own configuration tool showed for two unencrypted files it saved,
``tests/fixtures/unencrypted_mac_001.seb`` (SEB 2.1.4, macOS) and
``tests/fixtures/unencrypted_win_223.seb`` (SEB 2.2.3, Windows);
``tests/fixtures/JSON_unencrypted_mac_001.txt`` is the SEB-JSON that SEB wrote to its log for
the first. The three files are kept unedited in tests/fixtures/moodle/seb (see
tests/fixtures/README.md). The rules the vectors exercise are also
checked below on a configuration of our own, against SEB-JSON written by hand from SEB's
developer documentation (seb-config-key.html) and SEB for Windows' serialiser
(SafeExamBrowser.Configuration/ConfigurationData/Json.cs).
"""

import hashlib
import plistlib
from datetime import datetime
from pathlib import Path

import pytest

from exam.rooms import seb
from exam.rooms.models import SebRule

MOODLE_VECTORS = {
    "unencrypted_mac_001.seb": "4fa9af8ec8759eb7c680752ef4ee5eaf1a860628608fccae2715d519849f9292",
    "unencrypted_win_223.seb": "fc6f4ea5922717760f4d6d536c23b8d19bf20b52aa97940f5427a76e20f49026",
}


MOODLE_FIXTURES = Path(__file__).resolve().parent.parent / "fixtures/moodle/seb"


@pytest.mark.parametrize("name", sorted(MOODLE_VECTORS))
def test_the_config_key_equals_the_one_seb_computed_for_moodles_files(name):
    folder = MOODLE_FIXTURES
    settings = seb.settings_of((folder / name).read_bytes())
    assert seb.config_key(settings) == MOODLE_VECTORS[name]
    logged = folder / "JSON_unencrypted_mac_001.txt"
    if name == "unencrypted_mac_001.seb":
        assert seb.seb_json(settings) == logged.read_text(encoding="utf-8").strip()


OUR_CONFIG = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>startURL</key><string>https://thi.example.vn/sitting/7</string>
  <key>originatorVersion</key><string>SEB_OSX_3.3</string>
  <key>allowWLAN</key><false/>
  <key>allowWlan</key><true/>
  <key>urlFilterRegex</key><true/>
  <key>URLFilterEnable</key><true/>
  <key>URLFilterRules</key>
  <array>
    <dict>
      <key>regex</key><true/>
      <key>expression</key><string>^https:\\/\\/thi\\.example\\.vn\\/.*$</string>
      <key>action</key><integer>1</integer>
      <key>originatorVersion</key><string>nested</string>
    </dict>
  </array>
  <key>proxies</key><dict/>
  <key>examKeySalt</key><data>AAECAwQ=</data>
  <key>browserWindowWidth</key><real>100.0</real>
  <key>zoomFactor</key><real>0.5</real>
  <key>quitText</key><string>Bài thi "đã nộp"</string>
</dict>
</plist>
""".encode()

OUR_SEB_JSON = (
    '{"allowWlan":true,"allowWLAN":false,"browserWindowWidth":100,'
    '"examKeySalt":"AAECAwQ=","quitText":"Bài thi \\"đã nộp\\"",'
    '"startURL":"https://thi.example.vn/sitting/7","URLFilterEnable":true,'
    '"urlFilterRegex":true,'
    '"URLFilterRules":[{"action":1,"expression":"^https:\\/\\/thi\\.example\\.vn\\/.*$",'
    '"regex":true}],"zoomFactor":0.5}')


def test_seb_json_follows_sebs_rules():
    """Case-insensitive order (lower case first), originatorVersion left out at every level,
    empty dictionaries left out, backslashes kept, quotes escaped, data as Base64, a whole
    real without decimals, Vietnamese as UTF-8."""
    settings = seb.settings_of(OUR_CONFIG)
    assert seb.seb_json(settings) == OUR_SEB_JSON
    assert seb.config_key(settings) == hashlib.sha256(OUR_SEB_JSON.encode()).hexdigest()
    assert seb.seb_json({"saved": datetime(2026, 12, 2, 8, 30)}) == (
        '{"saved":"2026-12-02T08:30:00+00:00"}')


def test_only_an_unencrypted_xml_file_is_taken():
    from exam.errors import InvalidInput

    binary = plistlib.dumps({"startURL": "https://thi.example.vn/"}, fmt=plistlib.FMT_BINARY)
    for refused in (binary, b"\x1f\x8b\x08 an encrypted or compressed file", b"",
                    b"<?xml version='1.0' encoding='latin-1'?>" + b"\xe9"):
        with pytest.raises(InvalidInput, match="not an unencrypted SEB configuration"):
            seb.settings_of(refused)


def test_the_config_key_does_not_depend_on_the_saving_version():
    settings = seb.settings_of(OUR_CONFIG)
    without = {k: v for k, v in settings.items() if k != "originatorVersion"}
    assert seb.config_key(settings) == seb.config_key(without)
    changed = dict(settings, allowWlan=False)
    assert seb.config_key(changed) != seb.config_key(settings)


def _header(url: str, key: str) -> str:
    return hashlib.sha256((url + key).encode()).hexdigest()


def test_listed_browser_exam_keys_must_match_as_well_as_the_config_key():
    """Moodle's rule: the Config Key is checked, and the Browser Exam Key too when listed."""
    config = seb.generated_config("https://thi.example.vn/sitting/7",
                                  "https://thi.example.vn/", "thi.example.vn")
    key = seb.config_key(plistlib.loads(config))
    bek = hashlib.sha256(b"a prepared exam machine").hexdigest()
    rule = SebRule(competition_id=7, is_required=True, config_xml=config.decode(),
                   config_key=key, browser_exam_keys=bek)
    url = "https://thi.example.vn/sitting/7/paper"
    good_ck, good_bek = _header(url, key), _header(url, bek)
    allowed = seb.request_allowed
    assert allowed(rule, url + "#question-3", {seb.CONFIG_KEY_HEADER: good_ck,
                                                seb.REQUEST_HASH_HEADER: good_bek})
    assert not allowed(rule, url, {seb.CONFIG_KEY_HEADER: good_ck})
    assert not allowed(rule, url, {seb.REQUEST_HASH_HEADER: good_bek})
    assert not allowed(rule, url, {seb.CONFIG_KEY_HEADER: _header(url + "?x=1", key),
                                   seb.REQUEST_HASH_HEADER: good_bek})
    rule.browser_exam_keys = ""
    assert allowed(rule, url, {seb.CONFIG_KEY_HEADER: good_ck})
    rule.is_required = False
    assert allowed(rule, url, {})
