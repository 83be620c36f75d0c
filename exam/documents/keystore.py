"""Where the organization's signing key lives: a PKCS#12 file in the instance folder.

Production: put the organization's `signing.p12` and its CA's `root-ca.pem` in
`instance/keys/` and set THITUYEN_SIGNING_PASSWORD. Development: `thituyen keys create-dev`
makes a private CA, a signing certificate and a random password kept beside them.
"""

from __future__ import annotations

import secrets
from functools import lru_cache
from pathlib import Path

from exam.documents.signing import (
    SigningKey,
    create_dev_pki,
    load_signer,
    normalise_fingerprint,
)

P12 = "signing.p12"
ROOT = "root-ca.pem"
DEV_PASSWORD = "dev-password"


class KeyMissing(RuntimeError):
    pass


def _password(folder: Path, configured: str | None) -> bytes:
    if configured:
        return configured.encode()
    dev = folder / DEV_PASSWORD
    if dev.exists():
        return dev.read_text().strip().encode()
    raise KeyMissing("Set THITUYEN_SIGNING_PASSWORD for the organization's signing key.")


def create_dev_keys(folder: str | Path, organization: str) -> Path:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    password = secrets.token_urlsafe(24)
    create_dev_pki(folder, organization, password.encode())
    dev = folder / DEV_PASSWORD
    dev.write_text(password)
    dev.chmod(0o600)
    return folder / P12


def has_keys(folder: str | Path) -> bool:
    return (Path(folder) / P12).exists()


def organization_key(folder: str | Path, configured_password: str | None = None) -> SigningKey:
    folder = Path(folder)
    p12 = folder / P12
    if not p12.exists():
        raise KeyMissing(f"No signing key in {folder}: run `thituyen keys create-dev` or install "
                         "the organization's certificate there.")
    return _load(str(p12), p12.stat().st_mtime_ns, _password(folder, configured_password))


@lru_cache(maxsize=4)
def _load(p12: str, _mtime: int, password: bytes) -> SigningKey:
    return load_signer(p12, password)


def trust_roots(folder: str | Path) -> list[Path]:
    root = Path(folder) / ROOT
    return [root] if root.exists() else []


def organization_certificate_sha256(folder: str | Path, configured_sha256: str | None = None,
                                    configured_password: str | None = None) -> str | None:
    """The certificate a genuine sheet must be certified with (SIGNING_CERT_SHA256, else the one
    in signing.p12); None when neither is there, so that no sheet can pass as genuine.

    The root also issues board members' certificates: trusting the root alone would let a member
    certify a sheet of their own making."""
    if configured_sha256:
        return normalise_fingerprint(configured_sha256)
    try:
        return organization_key(folder, configured_password).certificate_sha256
    except (KeyMissing, ValueError, OSError):  # no key, or a password that does not open it
        return None
