"""RFC 3161 timestamps on signed sheets when a timestamp authority is configured, so that a
sheet stays verifiable after the signing certificate expires. A local TSA (pyHanko's
timestamper behind an HTTP server, its certificate issued by the dev CA) stands in for the
authority."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from asn1crypto import keys as asn1_keys
from asn1crypto import tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

from exam.documents import keystore, signing
from exam.results.cli import signing_options
from tests.results.helpers import make_scene
from tests.results.test_sheets import pdfsig_report, publish, verify_cli


def tsa_credentials(folder):
    """A timestamping certificate (critical EKU time stamping) issued by the dev root."""
    password = (folder / keystore.DEV_PASSWORD).read_text().encode()
    root_cert = x509.load_pem_x509_certificate((folder / "root-ca.pem").read_bytes())
    root_key = serialization.load_pem_private_key((folder / "root-ca-key.pem").read_bytes(),
                                                  password)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Local TSA")]))
            .issuer_name(root_cert.subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]),
                           critical=True)
            .sign(root_key, hashes.SHA256()))
    return (asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
            asn1_keys.PrivateKeyInfo.load(key.private_bytes(
                serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption())))


@pytest.fixture
def local_tsa(signing_folder):
    cert, key = tsa_credentials(signing_folder)
    stamper = DummyTimeStamper(tsa_cert=cert, tsa_key=key)
    served = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (http.server's name)
            body = self.rfile.read(int(self.headers["Content-Length"]))
            assert self.headers["Content-Type"] == "application/timestamp-query"
            reply = stamper.request_tsa_response(tsp.TimeStampReq.load(body)).dump()
            served.append(len(reply))
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        def log_message(self, *_args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/", served
    server.shutdown()
    server.server_close()


def test_a_configured_tsa_timestamps_the_sheet_and_it_still_verifies(
        app, db, clock, signing_key, sheet_folder, local_tsa, runner, tmp_path):
    url, served = local_tsa
    app.config["TSA_URL"] = url
    try:
        options = signing_options(app)
    finally:
        app.config["TSA_URL"] = None
    assert options["key"].tsa_url == url
    scene = make_scene(db, clock)

    _version, _sheet, pdf = publish(db, scene, clock.now, sheet_folder, options["key"])

    assert served  # the authority was asked
    verdict = signing.verify_pdf(pdf, signing_key.trust_roots)
    assert verdict.is_valid, verdict.problems
    [certification] = verdict.signers
    assert certification.timestamp is not None
    assert abs(certification.timestamp - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)
    checked = verify_cli(runner, pdf, tmp_path)
    assert checked.exit_code == 0, checked.output
    assert "timestamped by a timestamp authority" in checked.output
    assert "Signature is Valid." in pdfsig_report(pdf, tmp_path)


def test_without_a_tsa_the_sheet_carries_no_timestamp(db, clock, signing_key, sheet_folder):
    scene = make_scene(db, clock)
    _version, _sheet, pdf = publish(db, scene, clock.now, sheet_folder,
                                    dataclasses.replace(signing_key, tsa_url=None))
    [certification] = signing.verify_pdf(pdf, signing_key.trust_roots).signers
    assert certification.timestamp is None
