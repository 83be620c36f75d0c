"""A board member countersigns with a key that never leaves a PKCS#11 token (SoftHSM2 standing
in for a USB token): pdfsig and `thituyen verify-pdf` both accept the sheet."""

from __future__ import annotations

import subprocess

import pytest

from exam.documents import keystore
from exam.documents.signing import DevPki, issue_dev_token_certificate
from exam.results.models import Countersignature
from tests.operations.conftest import require_tool
from tests.results.helpers import make_scene
from tests.results.test_sheets import pdfsig_report, publish, verify_cli

MODULE = "/usr/lib/softhsm/libsofthsm2.so"
PIN, SO_PIN, TOKEN, LABEL = "246810", "12345678", "chu-tich", "ky-so"


def tool(*args: str) -> str:
    done = subprocess.run(list(args), capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr + done.stdout
    return done.stdout


@pytest.fixture
def token(tmp_path, monkeypatch, signing_folder):
    """A token holding an RSA key made on it and the dev CA's certificate for that key."""
    require_tool("softhsm2-util", "pkcs11-tool", MODULE)
    (tmp_path / "tokens").mkdir()
    conf = tmp_path / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tmp_path}/tokens\nobjectstore.backend = file\n")
    monkeypatch.setenv("SOFTHSM2_CONF", str(conf))
    tool("softhsm2-util", "--init-token", "--free", "--label", TOKEN, "--so-pin", SO_PIN,
         "--pin", PIN)
    p11 = ["pkcs11-tool", "--module", MODULE, "--token-label", TOKEN]
    tool(*p11, "--login", "--pin", PIN, "--keypairgen", "--key-type", "rsa:2048", "--id", "01",
         "--label", LABEL)
    public = tmp_path / "public.der"
    tool(*p11, "--read-object", "--type", "pubkey", "--id", "01", "--output-file", str(public))
    password = (signing_folder / keystore.DEV_PASSWORD).read_text().encode()
    pki = DevPki(signing_folder, signing_folder / "root-ca.pem",
                 signing_folder / "root-ca-key.pem", signing_folder / "signing.p12")
    certificate = tmp_path / "member.der"
    certificate.write_bytes(issue_dev_token_certificate(pki, public.read_bytes(), "Lê Quang Uy",
                                                        "Sở Nội vụ", password))
    tool(*p11, "--login", "--pin", PIN, "--write-object", str(certificate), "--type", "cert",
         "--id", "01", "--label", LABEL)
    return {"module": MODULE, "token": TOKEN, "label": LABEL}


def countersign(runner, sheet, member, token, pin, monkeypatch):
    monkeypatch.setenv("THITUYEN_TOKEN_PIN", pin)
    return runner.invoke(args=["countersign", sheet.code, "--as", member.email,
                               "--pkcs11-module", token["module"], "--token-label",
                               token["token"], "--key-label", token["label"]])


def test_a_token_countersignature_validates_in_pdfsig_and_verify_pdf(
        db, clock, signing_key, sheet_folder, runner, token, tmp_path, monkeypatch):
    require_tool("pdfsig")
    scene = make_scene(db, clock)
    _version, sheet, _pdf = publish(db, scene, clock.now, sheet_folder, signing_key)

    result = countersign(runner, sheet, scene.member, token, PIN, monkeypatch)

    assert result.exit_code == 0, result.output
    assert "Lê Quang Uy" in result.output
    db.expire_all()
    countersigned = (sheet_folder / sheet.current_file).read_bytes()
    report = pdfsig_report(countersigned, tmp_path)
    assert report.count("Signature is Valid.") == 2, report
    assert "Lê Quang Uy" in report
    checked = verify_cli(runner, countersigned, tmp_path)
    assert checked.exit_code == 0, checked.output
    assert "approval signature by Lê Quang Uy" in checked.output
    assert "the sheet is genuine" in checked.output


def test_a_wrong_pin_or_a_stranger_adds_no_signature(
        db, clock, signing_key, sheet_folder, runner, token, monkeypatch):
    scene = make_scene(db, clock)
    _version, sheet, _pdf = publish(db, scene, clock.now, sheet_folder, signing_key)
    before = sheet.current_file

    wrong = countersign(runner, sheet, scene.member, token, "000000", monkeypatch)
    assert wrong.exit_code == 1
    assert "cannot open token" in wrong.output
    stranger = countersign(runner, sheet, scene.applications[0].user, token, PIN, monkeypatch)
    assert stranger.exit_code == 1
    assert "Only board members countersign" in stranger.output

    db.expire_all()
    assert db.query(Countersignature).filter_by(sheet_id=sheet.id).count() == 0
    assert sheet.current_file == before
    assert sorted(p.name for p in sheet_folder.iterdir()) == [before]
