"""Signed sheets validate in pyHanko and poppler; any tampering is caught.

pdfsig checks: "Signature Validation: Signature is Valid." (the CMS over the
byte ranges) is always asserted. Trust is asserted too when ``certutil``
(libnss3-tools) is available: the dev root is imported into a throw-away NSS
database passed with ``-nssdir``, so pdfsig must print "Certificate is Trusted."
Without certutil pdfsig can only say "Certificate issuer isn't Trusted.", which
is expected for a private root and is then the only trust line accepted.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.fields import MDPPerm, SigSeedSubFilter
from pyhanko.sign.general import SigningError
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from exam.documents.pdf import read_sheet_metadata
from exam.documents.signing import (
    add_approval_signature,
    certify_pdf,
    create_dev_pki,
    load_trust_roots,
    verify_pdf,
)

from .conftest import ORG, need, verification

VALID = "Signature Validation: Signature is Valid."


@pytest.fixture(scope="module")
def nss_db(pki, tmp_path_factory) -> str | None:
    """NSS database trusting the dev root, or None when certutil is missing."""
    certutil = shutil.which("certutil")
    if certutil is None:
        return None
    db = tmp_path_factory.mktemp("nss")
    subprocess.run([certutil, "-N", "-d", f"sql:{db}", "--empty-password"], check=True)
    subprocess.run(
        [
            certutil,
            "-A",
            "-d",
            f"sql:{db}",
            "-n",
            "thituyen-dev-root",
            "-t",
            "CT,C,C",
            "-i",
            str(pki.root_cert_path),
        ],
        check=True,
    )
    return f"sql:{db}"


def pdfsig(pdf: bytes, tmp_path: Path, nss_db: str | None) -> list[str]:
    """pdfsig's report, one text block per signature."""
    exe = need("pdfsig")
    path = tmp_path / "signed.pdf"
    path.write_bytes(pdf)
    # No -no-ocsp: poppler 22.12 then reports "Unknown issue with Certificate" for a
    # trusted chain. Our dev certificates carry no OCSP/AIA URL, so nothing is fetched.
    cmd = [exe]
    if nss_db:
        cmd += ["-nssdir", nss_db]
    out = subprocess.run([*cmd, str(path)], capture_output=True, text=True)
    return re.split(r"^Signature #\d+:$", out.stdout, flags=re.M)[1:]


def assert_pdfsig_valid(block: str, nss_db: str | None) -> None:
    assert VALID in block, block
    if nss_db:
        assert "Certificate Validation: Certificate is Trusted." in block, block
    else:
        assert "Certificate issuer isn't Trusted." in block, block


def pyhanko_statuses(pdf: bytes, roots):
    reader = PdfFileReader(io.BytesIO(pdf))
    return [
        validate_pdf_signature(s, signer_validation_context=ValidationContext(trust_roots=roots))
        for s in reader.embedded_signatures
    ]


def flip(pdf: bytes, offset: int) -> bytes:
    data = bytearray(pdf)
    data[offset] ^= 0x01
    return bytes(data)


def signed_content_offsets(pdf: bytes) -> dict[str, int]:
    """Offsets of bytes inside the signed range: a metadata value and a page stream."""
    code = pdf.index(verification().code.encode()) + 2
    stream = pdf.index(b"stream\n", pdf.index(b"/Filter")) + len(b"stream\n") + 40
    byte_range_end = int(re.search(rb"/ByteRange \[0 (\d+)", pdf).group(1))
    assert code < byte_range_end
    assert stream < byte_range_end
    return {"metadata": code, "page-stream": stream}


def overlay_update(pdf: bytes) -> bytes:
    """A forger's incremental update painting a white box over part of page 1."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    ref = writer.add_object(generic.StreamObject(stream_data=b"q 1 1 1 rg 300 600 200 40 re f Q"))
    writer.add_stream_to_page(0, ref)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# ---------------------------------------------------------------------------


def test_certified_sheet_is_valid_everywhere(signed_sheet, pki, tmp_path, nss_db):
    roots = load_trust_roots([pki.root_cert_path])
    (status,) = pyhanko_statuses(signed_sheet, roots)
    assert status.bottom_line
    assert status.intact
    assert status.trusted
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert status.docmdp_ok

    result = verify_pdf(signed_sheet, [pki.root_cert_path])
    assert result.is_valid, result.problems
    assert result.problems == []
    (signer,) = result.signers
    assert signer.name == ORG
    assert signer.certification
    assert signer.is_valid
    assert signer.coverage == "ENTIRE_FILE"
    assert signer.signed_at is not None

    (block,) = pdfsig(signed_sheet, tmp_path, nss_db)
    assert_pdfsig_valid(block, nss_db)
    assert "Total document signed" in block


def test_metadata_survives_signing_and_is_reported(unsigned_sheet, signed_sheet, pki):
    expected = read_sheet_metadata(unsigned_sheet)
    assert expected["ThituyenCode"] == verification().code
    assert read_sheet_metadata(signed_sheet) == expected
    assert verify_pdf(signed_sheet, [pki.root_cert_path]).metadata == expected


@pytest.mark.parametrize("where", ["metadata", "page-stream"])
def test_one_flipped_byte_is_detected(signed_sheet, pki, tmp_path, nss_db, where):
    tampered = flip(signed_sheet, signed_content_offsets(signed_sheet)[where])
    roots = load_trust_roots([pki.root_cert_path])
    (status,) = pyhanko_statuses(tampered, roots)
    assert not status.intact
    assert not status.bottom_line

    result = verify_pdf(tampered, [pki.root_cert_path])
    assert not result.is_valid
    assert any("altered" in p for p in result.problems), result.problems

    (block,) = pdfsig(tampered, tmp_path, nss_db)
    assert VALID not in block
    assert "Digest Mismatch" in block


def test_approval_signature_keeps_certification_valid(
    signed_sheet, member_key, pki, tmp_path, nss_db
):
    countersigned = add_approval_signature(
        signed_sheet, member_key, field_name="ThanhVien1", reason="Thành viên hội đồng ký duyệt"
    )
    assert countersigned.startswith(signed_sheet)  # incremental update

    result = verify_pdf(countersigned, [pki.root_cert_path])
    assert result.is_valid, result.problems
    first, second = result.signers
    assert first.certification
    assert first.is_valid
    assert first.coverage == "ENTIRE_REVISION"
    assert first.modification_level == "FORM_FILLING"
    assert second.name == "Trần Văn Thành Viên"
    assert second.coverage == "ENTIRE_FILE"
    assert result.metadata["ThituyenCode"] == verification().code

    roots = load_trust_roots([pki.root_cert_path])
    statuses = pyhanko_statuses(countersigned, roots)
    assert all(s.bottom_line and s.docmdp_ok for s in statuses)

    blocks = pdfsig(countersigned, tmp_path, nss_db)
    assert len(blocks) == 2
    for block in blocks:
        assert_pdfsig_valid(block, nss_db)


def test_overlaid_page_content_is_rejected(signed_sheet, member_key, pki):
    for base in (
        signed_sheet,
        add_approval_signature(signed_sheet, member_key, field_name="TV2", reason="Duyệt"),
    ):
        forged = overlay_update(base)
        result = verify_pdf(forged, [pki.root_cert_path])
        assert not result.is_valid
        assert not result.signers[0].is_valid
        assert any("not allowed by the certification" in p for p in result.problems)
        status = pyhanko_statuses(forged, load_trust_roots([pki.root_cert_path]))[0]
        assert status.intact  # the old bytes are untouched ...
        assert not status.bottom_line
        assert not status.docmdp_ok


def test_signing_over_an_overlay_is_still_rejected(signed_sheet, member_key, pki):
    """A forger with a member key cannot launder an overlay by signing after it."""
    forged = add_approval_signature(
        overlay_update(signed_sheet), member_key, field_name="TV3", reason="Duyệt"
    )
    result = verify_pdf(forged, [pki.root_cert_path])
    assert not result.is_valid
    assert not result.signers[0].is_valid


def test_rewritten_metadata_is_rejected_although_pyhanko_accepts_it(signed_sheet, pki):
    writer = IncrementalPdfFileWriter(io.BytesIO(signed_sheet))
    info = writer.trailer["/Info"]
    info["/ThituyenCode"] = generic.TextStringObject("FAKE-CODE")
    writer.update_container(info)
    out = io.BytesIO()
    writer.write(out)
    forged = out.getvalue()

    (status,) = pyhanko_statuses(forged, load_trust_roots([pki.root_cert_path]))
    assert status.bottom_line  # pyHanko alone deems this a benign update (pitfall P6)
    result = verify_pdf(forged, [pki.root_cert_path])
    assert not result.is_valid
    assert result.metadata["ThituyenCode"] == verification().code  # certified value
    assert any("changed after certification" in p for p in result.problems)


def test_appended_bytes_are_rejected(signed_sheet, pki):
    result = verify_pdf(signed_sheet + b"\n% appended\n", [pki.root_cert_path])
    assert not result.is_valid


def test_untrusted_root_is_rejected(signed_sheet, tmp_path):
    other = create_dev_pki(tmp_path / "other", "Người lạ", b"x")
    result = verify_pdf(signed_sheet, [other.root_cert_path])
    assert not result.is_valid
    assert any("not trusted" in p for p in result.problems)


def test_unsigned_and_garbage_inputs(unsigned_sheet, pki):
    assert not verify_pdf(unsigned_sheet, [pki.root_cert_path]).is_valid
    garbage = verify_pdf(b"not a pdf", [pki.root_cert_path])
    assert not garbage.is_valid
    assert garbage.problems
    assert not verify_pdf(unsigned_sheet, []).is_valid


def test_approval_only_document_is_not_a_certified_sheet(unsigned_sheet, member_key, pki):
    signed = add_approval_signature(unsigned_sheet, member_key, field_name="X", reason="r")
    result = verify_pdf(signed, [pki.root_cert_path])
    assert not result.is_valid
    assert any("no certification" in p for p in result.problems)


def test_no_changes_certification_would_block_board_signatures(
    unsigned_sheet, board_key, member_key
):
    """Why we certify with FILL_FORMS: pyHanko refuses to countersign a P=1 document."""
    meta = signers.PdfSignatureMetadata(
        field_name="Certification",
        md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES,
        certify=True,
        docmdp_permissions=MDPPerm.NO_CHANGES,
    )
    locked = (
        signers.PdfSigner(meta, signer=board_key.signer)
        .sign_pdf(IncrementalPdfFileWriter(io.BytesIO(unsigned_sheet)))
        .getvalue()
    )
    with pytest.raises(SigningError, match="forbids all changes"):
        add_approval_signature(locked, member_key, field_name="TV", reason="Duyệt")


def test_certify_refuses_a_second_certification(signed_sheet, board_key):
    with pytest.raises(SigningError):
        certify_pdf(
            signed_sheet, board_key, reason="again", location="Hà Nội", field_name="Certification2"
        )


def _dev_tsa(pki):
    """A test-only RFC 3161 TSA whose certificate chains to the dev root."""
    import datetime as dt

    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
    from pyhanko.sign.timestamps import DummyTimeStamper

    from .conftest import PASSWORD

    root = x509.load_pem_x509_certificate(pki.root_cert_path.read_bytes())
    root_key = serialization.load_pem_private_key(pki.root_key_path.read_bytes(), PASSWORD)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Dev TSA")]))
        .issuer_name(root.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .sign(root_key, hashes.SHA256())
    )
    der_key = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
        tsa_key=asn1_keys.PrivateKeyInfo.load(der_key),
    )


def test_timestamped_certification(unsigned_sheet, board_key, pki, tmp_path):
    signed = certify_pdf(
        unsigned_sheet, board_key, reason="r", location="Hà Nội", timestamper=_dev_tsa(pki)
    )
    result = verify_pdf(signed, [pki.root_cert_path])
    assert result.is_valid, result.problems
    assert result.signers[0].timestamp is not None
    # a timestamp from a TSA the verifier does not trust makes the sheet invalid
    other = create_dev_pki(tmp_path / "other-tsa", "TSA lạ", b"x")
    untrusted = verify_pdf(signed, [pki.root_cert_path], tsa_trust_roots=[other.root_cert_path])
    assert not untrusted.is_valid


def test_dev_pki_files_and_guards(pki):
    from cryptography import x509

    from exam.documents.signing import load_signer

    assert pki.root_cert_path.name == "root-ca.pem"
    assert pki.p12_path.name == "signing.p12"
    assert pki.p12_path.stat().st_mode & 0o077 == 0
    assert pki.root_key_path.stat().st_mode & 0o077 == 0
    with pytest.raises(FileExistsError):
        create_dev_pki(pki.directory, ORG, b"x")
    with pytest.raises(ValueError, match="wrong password"):
        load_signer(pki.p12_path, b"wrong")
    key = load_signer(pki.p12_path, b"dev-password")
    cert = x509.load_der_x509_certificate(key.signer.signing_cert.dump())
    assert cert.public_key().key_size == 3072
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature
    assert usage.content_commitment
    assert key.subject_name == ORG


def test_verify_pdf_pins_the_certifier_and_a_member_may_only_countersign(
        pki, board_key, member_key, unsigned_sheet, signed_sheet):
    from exam.documents.signing import add_approval_signature, certify_pdf, verify_pdf

    pin = board_key.certificate_sha256
    by_member = certify_pdf(unsigned_sheet, member_key, reason="x", location="Hà Nội")
    refused = verify_pdf(by_member, [pki.root_cert_path], certifier_sha256=pin)
    assert not refused.is_valid
    assert any("not by the organization's signing certificate" in p for p in refused.problems)

    countersigned = add_approval_signature(signed_sheet, member_key, field_name="Member1",
                                           reason="Đồng ý")
    assert verify_pdf(countersigned, [pki.root_cert_path], certifier_sha256=pin).is_valid
