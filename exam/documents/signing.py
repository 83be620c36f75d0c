"""PAdES signing and verification of our PDFs (pyHanko), plus detached CMS signatures.

Design choices (see docs in the project's research notes):

* A sheet is *certified* by the board (DocMDP certification signature). We use
  ``MDPPerm.FILL_FORMS`` (P=2), not ``NO_CHANGES`` (P=1): with P=1 pyHanko refuses
  to add any further signature ("Author signature forbids all changes") and a
  conforming validator treats every later signature as a violation, yet board
  members must be able to countersign in incremental updates. P=2 allows exactly
  form filling and signing; any change to page content, or any other object,
  fails pyHanko's difference analysis (``docmdp_ok`` False).
* ``verify_pdf`` is stricter than pyHanko's ``bottom_line``: every revision after
  the certification must be a signature revision, and the newest signature must
  cover the whole file. This rejects "benign-looking" updates (e.g. a rewritten
  /Info) that pyHanko alone would accept.
* Trust is only ever what the caller passes (the board's published root); never
  the OS store, never certificates found in the file.
* The root also issues board members' certificates, so chaining to it is not enough for
  the certification: ``verify_pdf`` pins the organization's signing certificate by its
  SHA-256 (``certifier_sha256``); a member's certificate only ever countersigns.
* pyHanko's synchronous calls run ``asyncio.run`` inside; the public functions here
  step into a worker thread when the calling thread already runs an event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import functools
import hashlib
import io
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from asn1crypto import cms
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from flask_babel import gettext as _
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.fields import MDPPerm, SigSeedSubFilter
from pyhanko.sign.timestamps import HTTPTimeStamper, TimeStamper
from pyhanko.sign.validation import (
    async_validate_detached_cms,
    read_certification_data,
    validate_pdf_signature,
)
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from .pdf import metadata_at

__all__ = [
    "CERTIFICATION_PERMISSION",
    "DevPki",
    "PdfVerification",
    "SignerReport",
    "SigningKey",
    "add_approval_signature",
    "certificate_sha256",
    "certify_pdf",
    "create_dev_pki",
    "issue_dev_signer",
    "load_signer",
    "load_trust_roots",
    "sign_detached",
    "verify_detached",
    "verify_pdf",
]

ROOT_CERT_FILE = "root-ca.pem"
ROOT_KEY_FILE = "root-ca-key.pem"
SIGNER_P12_FILE = "signing.p12"

# P=2: further signatures (and form filling) allowed, nothing else. See module docstring.
CERTIFICATION_PERMISSION = MDPPerm.FILL_FORMS
KEY_USAGE = frozenset({"digital_signature", "non_repudiation"})
_ALLOWED_AFTER_CERTIFICATION = (ModificationLevel.NONE, ModificationLevel.FORM_FILLING)


# --------------------------------------------------------------------------- dev PKI


def _outside_event_loop(func):
    """pyHanko calls asyncio.run; that fails in a thread whose loop is running, so hop threads."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return func(*args, **kwargs)
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(func, *args, **kwargs).result()

    return wrapper


@dataclass(frozen=True)
class DevPki:
    """Files of a throw-away PKI for development and tests (never for a real exam)."""

    directory: Path
    root_cert_path: Path
    root_key_path: Path
    p12_path: Path


def _name(common_name: str, organization: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _write_private(path: Path, data: bytes) -> None:
    """Write key material readable by the owner only."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)


def _issue_leaf(
    root_cert: x509.Certificate,
    root_key: rsa.RSAPrivateKey,
    common_name: str,
    organization: str,
    days: int = 3 * 365,
    public_key=None,
) -> tuple[rsa.RSAPrivateKey | None, x509.Certificate]:
    """A signing certificate; for `public_key` (a key held on a token) when given, else for a
    new RSA-3072 key returned with it."""
    now = dt.datetime.now(dt.UTC)
    key = None if public_key is not None else rsa.generate_private_key(
        public_exponent=65537, key_size=3072)
    public_key = public_key if public_key is not None else key.public_key()
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name, organization))
        .issuer_name(root_cert.subject)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()),
            critical=False,
        )
        .sign(root_key, hashes.SHA256())
    )
    return key, cert


def _write_p12(path: Path, name: str, key, cert, root_cert, password: bytes) -> None:
    data = pkcs12.serialize_key_and_certificates(
        name.encode("utf-8"),
        key,
        cert,
        [root_cert],
        serialization.BestAvailableEncryption(password),
    )
    _write_private(path, data)


def create_dev_pki(
    directory: Path, organization: str, password: bytes, *, overwrite: bool = False
) -> DevPki:
    """Make a root CA and an RSA-3072 signing certificate (CN = organization).

    Writes ``root-ca.pem`` (publish this: it is what verifiers trust),
    ``root-ca-key.pem`` (encrypted with ``password``; lets ``issue_dev_signer``
    make board-member certificates) and ``signing.p12``. Backs
    ``thituyen keys create-dev``. Refuses to replace existing files unless
    ``overwrite`` (sheets signed with the old key would stop verifying against
    a new root).
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    existing = [
        directory / f
        for f in (ROOT_CERT_FILE, ROOT_KEY_FILE, SIGNER_P12_FILE)
        if (directory / f).exists()
    ]
    if existing and not overwrite:
        raise FileExistsError(f"refusing to overwrite {', '.join(map(str, existing))}")
    now = dt.datetime.now(dt.UTC)
    root_key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    root_name = _name(f"{organization} Development Root CA", organization)
    root_cert = (
        x509.CertificateBuilder()
        .subject_name(root_name)
        .issuer_name(root_name)
        .public_key(root_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=10 * 365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(root_key.public_key()), critical=False
        )
        .sign(root_key, hashes.SHA256())
    )
    pki = DevPki(
        directory=directory,
        root_cert_path=directory / ROOT_CERT_FILE,
        root_key_path=directory / ROOT_KEY_FILE,
        p12_path=directory / SIGNER_P12_FILE,
    )
    pki.root_cert_path.write_bytes(root_cert.public_bytes(serialization.Encoding.PEM))
    _write_private(
        pki.root_key_path,
        root_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(password),
        ),
    )
    key, cert = _issue_leaf(root_cert, root_key, organization, organization)
    _write_p12(pki.p12_path, organization, key, cert, root_cert, password)
    return pki


def issue_dev_signer(
    pki: DevPki, common_name: str, organization: str, password: bytes, filename: str
) -> Path:
    """Issue another dev signing certificate (e.g. a board member) as ``filename`` (.p12)."""
    root_cert = x509.load_pem_x509_certificate(pki.root_cert_path.read_bytes())
    root_key = serialization.load_pem_private_key(pki.root_key_path.read_bytes(), password)
    if not isinstance(root_key, rsa.RSAPrivateKey):
        raise ValueError("the development root key must be RSA")
    key, cert = _issue_leaf(root_cert, root_key, common_name, organization)
    path = pki.directory / filename
    _write_p12(path, common_name, key, cert, root_cert, password)
    return path


def issue_dev_token_certificate(
    pki: DevPki, public_key_der: bytes, common_name: str, organization: str, password: bytes
) -> bytes:
    """A dev certificate (DER) for a key generated on a PKCS#11 token, to store beside it."""
    root_cert = x509.load_pem_x509_certificate(pki.root_cert_path.read_bytes())
    root_key = serialization.load_pem_private_key(pki.root_key_path.read_bytes(), password)
    public_key = serialization.load_der_public_key(public_key_der)
    _key, cert = _issue_leaf(root_cert, root_key, common_name, organization,
                             public_key=public_key)
    return cert.public_bytes(serialization.Encoding.DER)


# --------------------------------------------------------------------------- keys


TrustRoot = Path | str | bytes | x509.Certificate | asn1_x509.Certificate


def load_trust_roots(roots: Iterable[TrustRoot]) -> list[asn1_x509.Certificate]:
    """Certificates to trust, from PEM/DER paths or bytes or certificate objects."""
    out: list[asn1_x509.Certificate] = []
    for root in roots:
        if isinstance(root, asn1_x509.Certificate):
            out.append(root)
            continue
        if isinstance(root, x509.Certificate):
            data = root.public_bytes(serialization.Encoding.DER)
        else:
            raw = Path(root).read_bytes() if isinstance(root, Path | str) else root
            if b"-----BEGIN" in raw:
                out += [
                    asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER))
                    for c in x509.load_pem_x509_certificates(raw)
                ]
                continue
            data = raw
        out.append(asn1_x509.Certificate.load(data))
    return out


class _ParsedKeySigner(signers.SimpleSigner):
    """pyHanko's SimpleSigner parses (and validates) its private key again for every signature:
    about 0.13 s of CPU for an RSA-3072 key, against 1 ms for the signature itself, on every
    receipt of a sitting's finish. This one parses it once. Other mechanisms than RSA PKCS#1
    v1.5 go through pyHanko unchanged."""

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        try:
            mechanism = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
        except ValueError:
            mechanism = None
        if mechanism != "rsassa_pkcs1v15":
            return super().sign_raw(data, digest_algorithm)
        key = self.__dict__.get("_parsed_key")
        if key is None:
            key = serialization.load_der_private_key(self.signing_key.dump(), password=None)
            self.__dict__["_parsed_key"] = key
        return key.sign(data, PKCS1v15(), getattr(hashes, digest_algorithm.upper())())


@dataclass
class SigningKey:
    """A loaded signer (key + certificate chain) and the roots its signatures chain to."""

    signer: signers.Signer  # SimpleSigner (PKCS#12) or PKCS11Signer (a token)
    trust_roots: list[asn1_x509.Certificate]
    root_paths: list[Path] = field(default_factory=list)
    # RFC 3161 timestamp authority: signatures made with this key carry its token (PAdES B-T),
    # so they stay verifiable after the certificate expires.
    tsa_url: str | None = None

    @property
    def subject_name(self) -> str:
        """The signer's common name (organization or board member)."""
        return _common_name(self.signer.signing_cert)

    @property
    def certificate_sha256(self) -> str:
        """Fingerprint of the signing certificate: what verifiers pin for the organization."""
        return certificate_sha256(self.signer.signing_cert)

    def validation_context(self) -> ValidationContext:
        """A fresh context trusting only our roots (contexts cache state; don't share)."""
        return ValidationContext(trust_roots=list(self.trust_roots))


def load_signer(
    p12_path: Path | str, password: bytes, trust_roots: Sequence[TrustRoot] | None = None
) -> SigningKey:
    """Load a PKCS#12 signer; trust roots default to ``root-ca.pem`` next to it."""
    p12_path = Path(p12_path)
    if trust_roots is None:
        root_path = p12_path.parent / ROOT_CERT_FILE
        if not root_path.exists():
            raise FileNotFoundError(f"no trust root given and {root_path} does not exist")
        trust_roots = [root_path]
    signer = signers.SimpleSigner.load_pkcs12(str(p12_path), passphrase=password)
    if signer is None:
        raise ValueError(f"could not load a signing key from {p12_path} (wrong password?)")
    signer.__class__ = _ParsedKeySigner
    roots = load_trust_roots(trust_roots)
    paths = [Path(r) for r in trust_roots if isinstance(r, Path | str)]
    return SigningKey(signer=signer, trust_roots=roots, root_paths=paths)


class TokenError(RuntimeError):
    """The PKCS#11 token cannot be opened or holds no usable key and certificate."""


@contextlib.contextmanager
def token_key(
    module: str, *, token_label: str, key_label: str, pin: str,
    trust_roots: Sequence[TrustRoot],
):
    """A signer whose private key never leaves a PKCS#11 token (a board member's USB token,
    an HSM): pyHanko's PKCS11Signer over the vendor's module. The key and its certificate share
    `key_label`; the session is closed when the block ends."""
    from pkcs11 import PKCS11Error
    from pyhanko.config.pkcs11 import TokenCriteria
    from pyhanko.sign import pkcs11 as p11
    from pyhanko.sign.general import SigningError

    try:
        session = p11.open_pkcs11_session(module, token_criteria=TokenCriteria(label=token_label),
                                          user_pin=pin)
    except (PKCS11Error, SigningError, OSError, RuntimeError) as error:
        raise TokenError(f"cannot open token {token_label!r} with {module}: "
                         f"{type(error).__name__} {error}".strip()) from None
    try:
        try:
            signer = p11.PKCS11Signer(session, cert_label=key_label, key_label=key_label)
            signer.signing_cert  # noqa: B018  (fetched now so a missing certificate shows here)
        except (PKCS11Error, SigningError) as error:
            raise TokenError(f"token {token_label!r} has no key and certificate labelled "
                             f"{key_label!r}: {type(error).__name__} {error}".strip()) from None
        yield SigningKey(signer=signer, trust_roots=load_trust_roots(trust_roots),
                         root_paths=[Path(r) for r in trust_roots if isinstance(r, Path | str)])
    finally:
        session.close()


def certificate_sha256(cert: asn1_x509.Certificate) -> str:
    """SHA-256 of the certificate's DER, lower-case hex (as `openssl x509 -fingerprint` shows it)."""
    return hashlib.sha256(cert.dump()).hexdigest()


def normalise_fingerprint(value: str) -> str:
    """Accept `AB:CD:...` or `abcd...`; return lower-case hex without separators."""
    return "".join(ch for ch in (value or "").lower() if ch in "0123456789abcdef")


def _common_name(cert: asn1_x509.Certificate) -> str:
    native = cert.subject.native
    return str(native.get("common_name") or cert.subject.human_friendly)


# --------------------------------------------------------------------------- PDF signing


def _sign(
    pdf_bytes: bytes,
    key: SigningKey,
    meta: signers.PdfSignatureMetadata,
    tsa_url: str | None,
    timestamper: TimeStamper | None,
) -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes), strict=True)
    tsa_url = tsa_url or key.tsa_url
    if timestamper is None and tsa_url:
        timestamper = HTTPTimeStamper(tsa_url)
    pdf_signer = signers.PdfSigner(meta, signer=key.signer, timestamper=timestamper)
    out = pdf_signer.sign_pdf(writer)
    return out.getvalue()


@_outside_event_loop
def certify_pdf(
    pdf_bytes: bytes,
    key: SigningKey,
    *,
    reason: str,
    location: str,
    field_name: str = "Certification",
    tsa_url: str | None = None,
    timestamper: TimeStamper | None = None,
) -> bytes:
    """Add the board's PAdES certification signature (invisible field).

    ``tsa_url`` (or a ready pyHanko ``timestamper``): RFC 3161 timestamp
    authority for PAdES B-T; without one the signing time is only the signer's
    claim (B-B).
    """
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        reason=reason,
        location=location,
        md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES,
        certify=True,
        docmdp_permissions=CERTIFICATION_PERMISSION,
        validation_context=key.validation_context(),
        signer_key_usage=set(KEY_USAGE),
    )
    return _sign(pdf_bytes, key, meta, tsa_url, timestamper)


@_outside_event_loop
def add_approval_signature(
    pdf_bytes: bytes,
    key: SigningKey,
    *,
    field_name: str,
    reason: str,
    location: str | None = None,
    tsa_url: str | None = None,
    timestamper: TimeStamper | None = None,
) -> bytes:
    """Countersign (e.g. a board member) in a new incremental update; earlier ones stay valid."""
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        reason=reason,
        location=location,
        md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES,
        validation_context=key.validation_context(),
        signer_key_usage=set(KEY_USAGE),
    )
    return _sign(pdf_bytes, key, meta, tsa_url, timestamper)


# --------------------------------------------------------------------------- PDF verification


@dataclass(frozen=True)
class SignerReport:
    """One embedded signature as a verifier sees it."""

    field_name: str
    name: str
    signed_at: dt.datetime | None
    is_valid: bool
    coverage: str
    certification: bool = False
    intact: bool = False
    trusted: bool = False
    modification_level: str | None = None
    timestamp: dt.datetime | None = None
    certificate_sha256: str = ""


@dataclass
class PdfVerification:
    """Verdict on a signed PDF: ``is_valid`` plus details a person can read."""

    is_valid: bool
    signers: list[SignerReport] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)


@_outside_event_loop
def verify_pdf(
    pdf_bytes: bytes,
    trust_roots: Sequence[TrustRoot],
    *,
    tsa_trust_roots: Sequence[TrustRoot] | None = None,
    certifier_sha256: str | Iterable[str] | None = None,
) -> PdfVerification:
    """Check every signature against ``trust_roots`` and that nothing but signatures was added.

    Valid only if: there is a certification signature, made with a certificate pinned in
    ``certifier_sha256`` when given (the organization's; others only countersign); every signature is
    intact, trusted and respects DocMDP; each revision after the certification
    is a signature revision; the newest signature covers the entire file.
    ``metadata`` comes from the certified revision, not from later updates.
    Embedded timestamps must chain to ``tsa_trust_roots`` (default: ``trust_roots``).
    """
    result = PdfVerification(is_valid=False)
    problems = result.problems
    try:
        roots = load_trust_roots(trust_roots)
        tsa_roots = load_trust_roots(tsa_trust_roots) if tsa_trust_roots else roots
    except (OSError, ValueError) as exc:
        problems.append(_("Could not load the trust roots: %(error)s", error=exc))
        return result
    if not roots:
        problems.append(_("No trust root given; cannot decide whom to trust."))
        return result
    try:
        reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=True)
        sigs = list(reader.embedded_signatures)
        cert_data = read_certification_data(reader)
    except Exception as exc:  # pyHanko raises several types for malformed files
        problems.append(_("The file is not a readable PDF: %(error)s", error=exc))
        return result
    if not sigs:
        problems.append(_("The document has no signature."))
        return result

    cert_ref = _certification_ref(reader) if cert_data is not None else None
    certification = None
    for sig in sigs:
        is_cert = cert_ref is not None and sig.sig_object.container_ref == cert_ref
        if is_cert:
            certification = sig
        report = _check_signature(sig, roots, tsa_roots, is_cert, problems)
        result.signers.append(report)

    total_revisions = reader.xrefs.total_revisions
    if certification is None:
        problems.append(_("The document has no certification signature."))
    else:
        pins = _pins(certifier_sha256)
        certifier = next(r for r in result.signers if r.certification)
        if pins is not None and certifier.certificate_sha256 not in pins:
            result.signers = [
                dataclasses.replace(s, is_valid=False) if s is certifier else s
                for s in result.signers
            ]
            problems.append(
                _("The certification signature is by %(name)s, not by the organization's "
                  "signing certificate; another certificate can only countersign.",
                  name=certifier.name)
            )
        if cert_data.permission != CERTIFICATION_PERMISSION:
            problems.append(
                _("The certification allows %(allowed)s; expected %(expected)s.",
                  allowed=cert_data.permission.name, expected=CERTIFICATION_PERMISSION.name)
            )
        signed_revisions = {s.signed_revision for s in sigs}
        later = range(certification.signed_revision + 1, total_revisions)
        unsigned = [r for r in later if r not in signed_revisions]
        if unsigned:
            problems.append(
                _("%(n)d update(s) after the certification are not signatures "
                  "(the file was changed after it was signed).", n=len(unsigned))
            )
        earlier = [s for s in sigs if s.signed_revision < certification.signed_revision]
        if earlier:
            problems.append(_("A signature precedes the certification signature."))
        try:
            result.metadata = metadata_at(reader, certification.signed_revision)
            latest = metadata_at(reader)
        except Exception as exc:
            problems.append(_("Could not read the document information: %(error)s", error=exc))
        else:
            if latest != result.metadata:
                problems.append(_("The verification data was changed after certification."))

    newest = max(sigs, key=lambda s: s.signed_revision)
    if newest.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        problems.append(_("Data was appended after the last signature."))

    result.is_valid = not problems and all(s.is_valid for s in result.signers)
    return result


def _pins(certifier_sha256: str | Iterable[str] | None) -> frozenset[str] | None:
    if certifier_sha256 is None:
        return None
    values = [certifier_sha256] if isinstance(certifier_sha256, str) else certifier_sha256
    return frozenset(normalise_fingerprint(v) for v in values)


def _certification_ref(reader: PdfFileReader):
    """Reference of the signature that /Perms /DocMDP names as the certification."""
    try:
        return reader.root["/Perms"].get_value_as_reference("/DocMDP")
    except Exception:  # missing or direct object: treat as "no certification"
        return None


def _check_signature(sig, roots, tsa_roots, is_cert: bool, problems: list[str]) -> SignerReport:
    label = sig.field_name or "?"
    try:
        status = validate_pdf_signature(
            sig,
            signer_validation_context=ValidationContext(trust_roots=list(roots)),
            ts_validation_context=ValidationContext(trust_roots=list(tsa_roots)),
        )
    except Exception as exc:  # malformed CMS, unsupported algorithms, ...
        problems.append(_("Signature %(label)s could not be checked: %(error)s",
                               label=repr(label), error=exc))
        return SignerReport(
            field_name=label,
            name="?",
            signed_at=None,
            is_valid=False,
            coverage=_enum_name(sig.coverage),
            certification=is_cert,
        )
    name = _common_name(status.signing_cert) if status.signing_cert is not None else "?"
    mod = status.modification_level
    ok = bool(status.bottom_line and status.intact and status.valid and status.trusted)
    if not status.intact:
        problems.append(_("Signature %(label)s (%(name)s): the signed content was altered.",
                               label=repr(label), name=name))
    elif not status.valid:
        problems.append(_("Signature %(label)s (%(name)s): the signature value is wrong.",
                               label=repr(label), name=name))
    if status.intact and not status.trusted:
        problems.append(_("Signature %(label)s (%(name)s): the signer is not trusted.",
                               label=repr(label), name=name))
    if status.docmdp_ok is False:
        ok = False
        problems.append(
            _("Signature %(label)s (%(name)s): later changes are not allowed by the "
              "certification.", label=repr(label), name=name)
        )
    if status.coverage < SignatureCoverageLevel.ENTIRE_REVISION:
        ok = False
        problems.append(_("Signature %(label)s (%(name)s): it does not cover its whole revision.",
                               label=repr(label), name=name))
    if is_cert and mod is not None and mod not in _ALLOWED_AFTER_CERTIFICATION:
        ok = False
        problems.append(
            _("Certification %(label)s: the document was modified after signing (%(change)s).",
              label=repr(label), change=mod.name)
        )
    ts = status.timestamp_validity
    timestamp = ts.timestamp if ts is not None else None
    if ts is not None and not (ts.intact and ts.valid and ts.trusted):
        ok = False
        problems.append(_("Signature %(label)s (%(name)s): its timestamp is not valid or trusted.",
                               label=repr(label), name=name))
    return SignerReport(
        field_name=label,
        name=name,
        signed_at=status.signer_reported_dt,
        is_valid=ok,
        coverage=_enum_name(status.coverage),
        certification=is_cert,
        intact=bool(status.intact),
        trusted=bool(status.trusted),
        modification_level=_enum_name(mod),
        timestamp=timestamp,
        certificate_sha256=(
            certificate_sha256(status.signing_cert) if status.signing_cert is not None else ""
        ),
    )


def _enum_name(value) -> str | None:
    return None if value is None else value.name


# --------------------------------------------------------------------------- detached CMS


@_outside_event_loop
def sign_detached(data: bytes, key: SigningKey) -> bytes:
    """Detached CMS (DER) over ``data``; also verifiable with ``openssl cms -verify -binary``."""

    async def run() -> cms.ContentInfo:
        return await key.signer.async_sign_general_data(data, "sha256", detached=True)

    return asyncio.run(run()).dump()


@_outside_event_loop
def verify_detached(
    data: bytes,
    signature: bytes,
    trust_roots: Sequence[TrustRoot],
    *,
    signer_sha256: str | Iterable[str] | None = None,
) -> bool:
    """True only if ``signature`` is an intact CMS over ``data`` by a signer chaining to a root
    (and, when ``signer_sha256`` is given, made with that very certificate)."""
    try:
        content = cms.ContentInfo.load(signature)
        if content["content_type"].native != "signed_data":
            return False
        signed_data = content["content"]
        vc = ValidationContext(trust_roots=load_trust_roots(trust_roots))

        async def run():
            return await async_validate_detached_cms(
                data, signed_data, signer_validation_context=vc
            )

        status = asyncio.run(run())
    except Exception:  # any parse/validation error means "not verified"
        return False
    pins = _pins(signer_sha256)
    if pins is not None and (
        status.signing_cert is None or certificate_sha256(status.signing_cert) not in pins
    ):
        return False
    return bool(status.bottom_line and status.intact and status.valid and status.trusted)
