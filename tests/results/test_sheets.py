"""Signed result sheets: pyHanko and pdfsig accept them, one changed byte is caught everywhere,
Vietnamese names come back exactly, and a superseded sheet still verifies as genuine."""

from __future__ import annotations

import io
import re
import subprocess
from decimal import Decimal

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from exam.documents.signing import load_trust_roots
from exam.results import service, sheets
from tests.documents.conftest import need, pdftotext
from tests.results.helpers import NAMES, PARTS, make_scene

BASE = "http://testserver"


def publish(db, scene, now, folder, key, scores=None):
    version = service.publish_provisional_results(db, scene.chair, scene.competition, now=now,
                                                  part_scores=scores or scene.scores)
    sheet = sheets.sign_result_sheet(db, scene.chair, version, key=key, folder=folder,
                                     base_url=BASE, organization="Sở Nội vụ", now=now)
    return version, sheet, sheets.sheet_file(sheet, folder)


def flip_inside_signed_range(pdf: bytes) -> bytes:
    start = pdf.index(b"stream\n", pdf.index(b"/Filter")) + len(b"stream\n") + 40
    end = int(re.search(rb"/ByteRange \[0 (\d+)", pdf).group(1))
    assert start < end
    data = bytearray(pdf)
    data[start] ^= 0x01
    return bytes(data)


def pdfsig_report(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "sheet.pdf"
    path.write_bytes(pdf)
    return subprocess.run([need("pdfsig"), str(path)], capture_output=True, text=True,
                          check=False).stdout


def verify_cli(runner, pdf: bytes, tmp_path):
    path = tmp_path / "to-check.pdf"
    path.write_bytes(pdf)
    return runner.invoke(args=["verify-pdf", str(path)])


def test_signed_sheet_is_valid_for_pyhanko_pdfsig_and_verify_pdf(
        db, clock, signing_key, roots, sheet_folder, runner, tmp_path):
    scene = make_scene(db, clock)
    version, sheet, pdf = publish(db, scene, clock.now, sheet_folder, signing_key)

    (embedded,) = PdfFileReader(io.BytesIO(pdf)).embedded_signatures
    status = validate_pdf_signature(
        embedded, signer_validation_context=ValidationContext(trust_roots=load_trust_roots(roots)))
    assert status.bottom_line
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert "Signature Validation: Signature is Valid." in pdfsig_report(pdf, tmp_path)

    result = verify_cli(runner, pdf, tmp_path)
    assert result.exit_code == 0, result.output
    assert f"verification code: {sheet.code}" in result.output
    assert "the sheet is genuine" in result.output

    check = sheets.check_pdf(db, pdf, roots, signing_key.certificate_sha256)
    assert check.is_genuine
    assert check.signers[0].name == "Sở Nội vụ"
    assert check.superseded_by is None
    assert sheet.data_sha256 == version.data_sha256


def test_one_changed_byte_makes_every_checker_say_invalid(
        db, clock, signing_key, roots, sheet_folder, runner, tmp_path):
    scene = make_scene(db, clock)
    _version, _sheet, pdf = publish(db, scene, clock.now, sheet_folder, signing_key)
    tampered = flip_inside_signed_range(pdf)

    (embedded,) = PdfFileReader(io.BytesIO(tampered)).embedded_signatures
    status = validate_pdf_signature(
        embedded, signer_validation_context=ValidationContext(trust_roots=load_trust_roots(roots)))
    assert not status.bottom_line
    assert not status.intact
    report = pdfsig_report(tampered, tmp_path)
    assert "Signature is Valid." not in report
    assert "Digest Mismatch" in report or "Signature is Invalid" in report

    result = verify_cli(runner, tampered, tmp_path)
    assert result.exit_code != 0
    assert "NOT genuine" in result.output
    assert not sheets.check_pdf(db, tampered, roots, signing_key.certificate_sha256).is_genuine


def test_pdftotext_gives_back_the_vietnamese_names_exactly(
        db, clock, signing_key, sheet_folder, tmp_path):
    scene = make_scene(db, clock)
    _version, sheet, pdf = publish(db, scene, clock.now, sheet_folder, signing_key)
    text = pdftotext(pdf, tmp_path)
    for name in NAMES:
        assert name in text
    assert sheet.code in text
    assert sheet.data_sha256 in text
    assert f"{BASE}/verify/{sheet.code}" in text
    assert "Đề nghị trúng tuyển" in " ".join(text.split())  # a cell may wrap
    assert sheet.chain_head in text
    assert ("Chấm phách (giám khảo không biết bài của ai): Thi viết, Đề án chuyên môn."
            in " ".join(text.split()))


def test_sheet_says_the_presentation_round_was_not_blind(
        db, clock, signing_key, sheet_folder, tmp_path):
    parts = [*PARTS, {"key": "presentation", "title": "Thuyết trình", "max_points": "100",
                      "weight": "1"}]
    scores = {name: (70, 70, 60 + i) for i, name in enumerate(NAMES)}
    scene = make_scene(db, clock, parts=parts, scores=scores)
    _version, _sheet, pdf = publish(db, scene, clock.now, sheet_folder, signing_key)
    text = " ".join(pdftotext(pdf, tmp_path).split())
    assert "Chấm phách (giám khảo không biết bài của ai): Thi viết, Đề án chuyên môn." in text
    assert "Ban chấm thi chấm trực tiếp, không rọc phách: Thuyết trình." in text


def test_a_sheet_with_a_code_we_never_issued_is_not_genuine(db, clock, signing_key, roots,
                                                              sheet_folder):
    scene = make_scene(db, clock)
    _version, sheet, pdf = publish(db, scene, clock.now, sheet_folder, signing_key)
    db.delete(sheet)
    db.flush()
    check = sheets.check_pdf(db, pdf, roots, signing_key.certificate_sha256)
    assert check.signature_valid
    assert not check.matches_record
    assert not check.is_genuine


def test_republished_result_gives_a_new_sheet_and_the_old_one_is_superseded_but_genuine(
        db, clock, signing_key, roots, sheet_folder, runner, tmp_path):
    scene = make_scene(db, clock)
    first, old_sheet, old_pdf = publish(db, scene, clock.now, sheet_folder, signing_key)
    changed = dict(scene.scores)
    changed[scene.app("Trần Đức Anh").id] = {"written": Decimal(95), "specialised": Decimal(90)}
    second = service.republish_provisional_results(
        db, scene.chair, scene.competition, reason="Phúc khảo bài thi của thí sinh 0002",
        now=clock.hours(2), part_scores=changed)
    new_sheet = sheets.sign_result_sheet(db, scene.chair, second, key=signing_key,
                                         folder=sheet_folder, base_url=BASE,
                                         organization="Sở Nội vụ", now=clock.hours(2))
    assert new_sheet.code != old_sheet.code
    assert new_sheet.data_sha256 != old_sheet.data_sha256

    old = sheets.check_pdf(db, old_pdf, roots, signing_key.certificate_sha256)
    assert old.is_genuine
    assert old.superseded_by.number == 2
    result = verify_cli(runner, old_pdf, tmp_path)
    assert result.exit_code == 0
    assert "superseded by result version 2" in result.output
    new = sheets.check_pdf(db, sheets.sheet_file(new_sheet, sheet_folder), roots,
                           signing_key.certificate_sha256)
    assert new.is_genuine
    assert new.superseded_by is None
    assert first.number == 1


def test_board_member_countersignature_keeps_the_sheet_genuine(
        db, clock, signing_key, signing_folder, roots, sheet_folder, tmp_path):
    from exam.documents import keystore
    from exam.documents.signing import DevPki, issue_dev_signer, load_signer

    scene = make_scene(db, clock)
    _version, sheet, _pdf = publish(db, scene, clock.now, sheet_folder, signing_key)
    password = (signing_folder / keystore.DEV_PASSWORD).read_text().encode()
    pki = DevPki(signing_folder, signing_folder / "root-ca.pem",
                 signing_folder / "root-ca-key.pem", signing_folder / "signing.p12")
    member = load_signer(issue_dev_signer(pki, "Lê Quang Uy", "Sở Nội vụ", password,
                                          "member.p12"), password)
    sheets.countersign(db, scene.member, sheet, member_key=member, folder=sheet_folder,
                       now=clock.now)
    countersigned = sheets.sheet_file(sheet, sheet_folder)
    check = sheets.check_pdf(db, countersigned, roots, signing_key.certificate_sha256)
    assert check.is_genuine, check.problems
    assert [s.name for s in check.signers] == ["Sở Nội vụ", "Lê Quang Uy"]
    assert pdfsig_report(countersigned, tmp_path).count("Signature is Valid.") == 2


@pytest.mark.parametrize("typed", ["{code}", "{lower}", " {nodash} "])
def test_a_typed_code_finds_the_record(db, clock, signing_key, sheet_folder, typed):
    scene = make_scene(db, clock)
    _version, sheet, _pdf = publish(db, scene, clock.now, sheet_folder, signing_key)
    text = typed.format(code=sheet.code, lower=sheet.code.lower(),
                        nodash=sheet.code.replace("-", ""))
    check = sheets.check_code(db, text)
    assert check.sheet.id == sheet.id
    assert check.matches_record


def _member_signer(signing_folder, name, filename):
    from exam.documents import keystore
    from exam.documents.signing import DevPki, issue_dev_signer, load_signer

    password = (signing_folder / keystore.DEV_PASSWORD).read_text().encode()
    pki = DevPki(signing_folder, signing_folder / "root-ca.pem",
                 signing_folder / "root-ca-key.pem", signing_folder / "signing.p12")
    return load_signer(issue_dev_signer(pki, name, "Sở Nội vụ", password, filename), password)


def _overlay(pdf: bytes, text: str) -> bytes:
    """The sheet's pages with `text` stamped over them and its /Info kept: a fresh, unsigned PDF."""
    from pypdf import PdfReader, PdfWriter
    from reportlab.pdfgen import canvas

    stamp = io.BytesIO()
    page = canvas.Canvas(stamp)
    page.setFont("Helvetica-Bold", 60)
    page.drawString(100, 500, text)
    page.save()
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter()
    for original in reader.pages:
        page = writer.add_page(original)
        page.merge_page(PdfReader(io.BytesIO(stamp.getvalue())).pages[0])
        page.pop("/Annots", None)
    writer.add_metadata(dict(reader.metadata))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_sheet_certified_by_a_board_members_own_certificate_is_not_genuine(
        client, db, clock, signing_key, signing_folder, roots, sheet_folder, runner, tmp_path):
    """The root issues members' certificates too: only the organization's certifies a sheet."""
    from exam.documents.signing import certify_pdf

    scene = make_scene(db, clock)
    _version, sheet, pdf = publish(db, scene, clock.now, sheet_folder, signing_key)
    member = _member_signer(signing_folder, "Lê Quang Uy", "member-forger.p12")
    forged = certify_pdf(_overlay(pdf, "FORGED"), member, reason="Công bố", location="Hà Nội")

    check = sheets.check_pdf(db, forged, roots, signing_key.certificate_sha256)
    assert check.code == sheet.code  # the forger copied the metadata
    assert check.matches_record
    assert not check.is_genuine
    assert any("Lê Quang Uy" in p and "countersign" in p for p in check.problems)
    assert [(s.name, s.certification, s.is_valid) for s in check.signers] == [
        ("Lê Quang Uy", True, False)]

    result = verify_cli(runner, forged, tmp_path)
    assert result.exit_code != 0
    assert "NOT genuine" in result.output
    assert "countersign" in result.output

    page = client.post("/verify", data={"sheet": (io.BytesIO(forged), "ket-qua.pdf")},
                       content_type="multipart/form-data").get_data(as_text=True)
    assert "flash-error" in page.split('id="verdict"')[0].rsplit("<p", 1)[1]

    genuine = verify_cli(runner, pdf, tmp_path)
    assert genuine.exit_code == 0, genuine.output


def test_the_pinned_certificate_can_be_configured_and_nothing_passes_without_one(
        app, db, clock, signing_key, roots, sheet_folder, runner, tmp_path):
    scene = make_scene(db, clock)
    _version, _sheet, pdf = publish(db, scene, clock.now, sheet_folder, signing_key)
    colons = ":".join(signing_key.certificate_sha256[i:i + 2].upper() for i in range(0, 64, 2))
    app.config["SIGNING_CERT_SHA256"] = colons
    try:
        assert verify_cli(runner, pdf, tmp_path).exit_code == 0
        app.config["SIGNING_CERT_SHA256"] = "ab" * 32
        refused = verify_cli(runner, pdf, tmp_path)
        assert refused.exit_code != 0
        assert "organization's signing certificate" in refused.output
    finally:
        app.config["SIGNING_CERT_SHA256"] = None
    assert not sheets.check_pdf(db, pdf, roots, None).is_genuine
    printed = runner.invoke(args=["keys", "fingerprint"])
    assert printed.output.strip() == signing_key.certificate_sha256
