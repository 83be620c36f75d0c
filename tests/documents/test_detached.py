"""Detached CMS signatures for audit checkpoints."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from exam.documents.signing import create_dev_pki, sign_detached, verify_detached

CHECKPOINT = b"thituyen.example/audit\n4321\nq0ZpD4Jr6n3nQ2V0s0eQ9w==\n"


@pytest.fixture(scope="module")
def signature(board_key) -> bytes:
    return sign_detached(CHECKPOINT, board_key)


def test_detached_signature_verifies(signature, pki):
    assert verify_detached(CHECKPOINT, signature, [pki.root_cert_path])


def test_altered_data_fails(signature, pki):
    assert not verify_detached(
        CHECKPOINT.replace(b"4321", b"4320"), signature, [pki.root_cert_path]
    )


def test_altered_signature_and_garbage_fail(signature, pki):
    broken = bytearray(signature)
    broken[-10] ^= 0x01
    assert not verify_detached(CHECKPOINT, bytes(broken), [pki.root_cert_path])
    assert not verify_detached(CHECKPOINT, b"garbage", [pki.root_cert_path])
    assert not verify_detached(CHECKPOINT, signature, [])


def test_other_root_is_not_trusted(signature, tmp_path):
    other = create_dev_pki(tmp_path, "Người lạ", b"x")
    assert not verify_detached(CHECKPOINT, signature, [other.root_cert_path])


def test_openssl_can_verify_it_too(signature, pki, tmp_path):
    """The CMS is standard: any verifier can check it (skipped without openssl)."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed")
    (tmp_path / "data").write_bytes(CHECKPOINT)
    (tmp_path / "sig.der").write_bytes(signature)
    cmd = [
        openssl,
        "cms",
        "-verify",
        "-binary",
        "-inform",
        "DER",
        "-in",
        "sig.der",
        "-content",
        "data",
        "-CAfile",
        str(pki.root_cert_path),
        "-purpose",
        "any",
        "-out",
        "/dev/null",
    ]
    assert subprocess.run(cmd, cwd=tmp_path, capture_output=True).returncode == 0
    (tmp_path / "data").write_bytes(CHECKPOINT + b"x")
    assert subprocess.run(cmd, cwd=tmp_path, capture_output=True).returncode != 0
