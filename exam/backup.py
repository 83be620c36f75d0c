"""`thituyen backup` / `thituyen restore`: one archive holding everything an install needs.

The archive (a gzipped tar) holds a consistent database dump (pg_dump's snapshot on PostgreSQL,
SQLite's online backup API), the instance folder's files (uploads, signed sheets, queued mail),
the signing keys and the session secret encrypted with a passphrase (scrypt + AES-256-GCM), and a
manifest giving the SHA-256 of every member. The database is dumped before the files are read:
a file is written before the row naming it is committed and only deleted on rollback, so every
file the dump refers to is already on disk.

Restore checks the whole archive (digests, paths, passphrase) before writing anything, refuses a
database or key folder that is not empty, and stages the files so that a failed database
restore leaves the instance as it was.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

FORMAT = "thituyen-backup/1"
MANIFEST = "manifest.json"
KEYS_MEMBER = "keys.tar.enc"
SCRYPT = {"n": 2**15, "r": 8, "p": 1}
SECRET_KEY_FILE = "secret_key"


class BackupError(Exception):
    """A backup or restore that cannot be done; nothing was written."""


@dataclass(frozen=True)
class Layout:
    """Where an install keeps what a backup carries, from its configuration."""

    database_url: str
    instance: Path
    folders: dict[str, Path]  # uploads, signed, mail: copied as they are
    keys: Path

    @classmethod
    def of(cls, app) -> Layout:
        from exam.results.cli import signed_folder

        config = app.config
        instance = Path(app.instance_path)
        return cls(
            database_url=config["DATABASE_URL"], instance=instance,
            folders={"uploads": Path(config["UPLOAD_FOLDER"]),
                     "signed": Path(signed_folder(app)),
                     "mail": Path(config.get("MAIL_FOLDER") or instance / "mail")},
            keys=Path(config["SIGNING_KEY_FOLDER"]))


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _dialect(url: str) -> str:
    return make_url(url).get_backend_name()


def _pg_command(url: str) -> tuple[list[str], dict]:
    """libpq connection arguments and environment (the password never on the command line)."""
    parsed = make_url(url)
    args = ["--dbname", parsed.database or ""]
    if parsed.host:
        args += ["--host", parsed.host]
    if parsed.port:
        args += ["--port", str(parsed.port)]
    if parsed.username:
        args += ["--username", parsed.username]
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = parsed.password
    return args, env


def _run(command: list[str], env: dict) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (Debian: apt-get install postgresql-client).")
    # The arguments are the operator's own configuration, passed as a list without a shell.
    done = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()}")


def _dump_database(url: str, folder: Path) -> tuple[str, Path]:
    dialect = _dialect(url)
    if dialect == "sqlite":
        source_path = make_url(url).database
        if not source_path or not Path(source_path).exists():
            raise BackupError(f"No SQLite database at {source_path}.")
        target = folder / "database.sqlite"
        source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)  # the online backup API: a consistent copy while in use
        finally:
            destination.close()
            source.close()
        return "database.sqlite", target
    if dialect == "postgresql":
        target = folder / "database.pgdump"
        args, env = _pg_command(url)
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges",
              "--file", str(target), *args], env)
        return "database.pgdump", target
    raise BackupError(f"Backups support SQLite and PostgreSQL, not {dialect}.")


def _key(passphrase: str, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, **SCRYPT).derive(passphrase.encode())


def _tar_bytes(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        for name, data in sorted(entries.items()):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mode = 0o600
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def _files_under(folder: Path) -> dict[str, bytes]:
    if not folder.is_dir():
        return {}
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file() and not path.is_symlink()}


def create_backup(app, destination: Path, passphrase: str, *, now: datetime) -> dict:
    """Write the archive to `destination` (never over an existing file); return its manifest."""
    if not passphrase:
        raise BackupError("A passphrase is needed to encrypt the signing keys.")
    destination = Path(destination)
    if destination.exists():
        raise BackupError(f"{destination} already exists; not overwriting it.")
    layout = Layout.of(app)
    members: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory() as scratch:
        name, dump = _dump_database(layout.database_url, Path(scratch))
        members[name] = dump.read_bytes()
    for label, folder in layout.folders.items():
        for relative, data in _files_under(folder).items():
            members[f"files/{label}/{relative}"] = data
    secrets = {f"keys/{name}": data for name, data in _files_under(layout.keys).items()}
    secret_key = layout.instance / SECRET_KEY_FILE
    if secret_key.is_file():
        secrets[SECRET_KEY_FILE] = secret_key.read_bytes()
    salt, nonce = os.urandom(16), os.urandom(12)
    members[KEYS_MEMBER] = AESGCM(_key(passphrase, salt)).encrypt(
        nonce, _tar_bytes(secrets), FORMAT.encode())
    manifest = {
        "format": FORMAT, "created_at": now.isoformat(), "dialect": _dialect(layout.database_url),
        "database": name, "alembic_revision": _revision(layout.database_url),
        "keys": {"cipher": "AES-256-GCM", "kdf": "scrypt", **SCRYPT, "salt": salt.hex(),
                 "nonce": nonce.hex(), "files": sorted(secrets)},
        "members": {member: {"sha256": _sha256(data), "bytes": len(data)}
                    for member, data in sorted(members.items())},
    }
    members[MANIFEST] = json.dumps(manifest, indent=2, sort_keys=True).encode()
    partial = destination.with_name(destination.name + ".partial")
    try:
        with tarfile.open(partial, mode="x:gz") as archive:
            for member in [MANIFEST, *sorted(set(members) - {MANIFEST})]:
                info = tarfile.TarInfo(member)
                info.size = len(members[member])
                info.mode = 0o600
                info.mtime = int(now.timestamp())
                archive.addfile(info, io.BytesIO(members[member]))
        partial.chmod(0o600)
        partial.rename(destination)
    finally:
        partial.unlink(missing_ok=True)
    return manifest


def _revision(url: str) -> str | None:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            if "alembic_version" not in inspect(connection).get_table_names():
                return None
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    finally:
        engine.dispose()


def read_archive(archive_path: Path, passphrase: str) -> tuple[dict, dict[str, bytes], dict[str, bytes]]:
    """The manifest, the checked members and the decrypted secrets; raises on any mismatch."""
    members: dict[str, bytes] = {}
    try:
        with tarfile.open(archive_path, mode="r:gz") as archive:
            for info in archive:
                name = info.name
                if not info.isfile() or name.startswith("/") or ".." in Path(name).parts:
                    raise BackupError(f"Unexpected entry in the archive: {name!r}.")
                if name in members:
                    raise BackupError(f"Entry {name!r} appears twice in the archive.")
                members[name] = archive.extractfile(info).read()
    except (OSError, EOFError, zlib.error, tarfile.TarError) as error:
        raise BackupError(f"{archive_path} is not a readable thituyen backup: {error}") from None
    try:
        manifest = json.loads(members.pop(MANIFEST))
    except (KeyError, ValueError):
        raise BackupError("The archive has no readable manifest.") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    listed = manifest.get("members", {})
    if set(listed) != set(members):
        missing, extra = sorted(set(listed) - set(members)), sorted(set(members) - set(listed))
        raise BackupError(f"The archive does not match its manifest (missing {missing}, "
                          f"unlisted {extra}).")
    for name, data in members.items():
        if _sha256(data) != listed[name]["sha256"]:
            raise BackupError(f"{name} does not match its digest in the manifest: the archive "
                              "is damaged or was changed.")
    keys = manifest["keys"]
    try:
        plain = AESGCM(_key(passphrase, bytes.fromhex(keys["salt"]))).decrypt(
            bytes.fromhex(keys["nonce"]), members.pop(KEYS_MEMBER), FORMAT.encode())
    except InvalidTag:
        raise BackupError("Wrong passphrase: the signing keys cannot be decrypted.") from None
    secrets = {}
    with tarfile.open(fileobj=io.BytesIO(plain), mode="r") as inner:
        for info in inner:
            if not info.isfile() or ".." in Path(info.name).parts or info.name.startswith("/"):
                raise BackupError(f"Unexpected key entry {info.name!r}.")
            secrets[info.name] = inner.extractfile(info).read()
    return manifest, members, secrets


def _database_is_empty(url: str) -> bool:
    if _dialect(url) == "sqlite":
        path = make_url(url).database
        if not path or not Path(path).exists() or Path(path).stat().st_size == 0:
            return True
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return not inspect(connection).get_table_names()
    finally:
        engine.dispose()


def _restore_database(url: str, name: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        dump = Path(scratch) / name
        dump.write_bytes(data)
        if name == "database.sqlite":
            target = make_url(url).database
            Path(target).parent.mkdir(parents=True, exist_ok=True)
            source, destination = sqlite3.connect(dump), sqlite3.connect(target)
            try:
                source.backup(destination)
            finally:
                destination.close()
                source.close()
            return
        args, env = _pg_command(url)
        _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error",
              "--single-transaction", *args, str(dump)], env)


def restore_backup(app, archive_path: Path, passphrase: str) -> dict:
    """Bring an archive back on an empty instance; return its manifest. All or nothing."""
    layout = Layout.of(app)
    manifest, members, secrets = read_archive(Path(archive_path), passphrase)
    dialect = _dialect(layout.database_url)
    if manifest["dialect"] != dialect:
        raise BackupError(f"The backup holds a {manifest['dialect']} database; this instance "
                          f"uses {dialect}. Restore it on a {manifest['dialect']} instance.")
    if not _database_is_empty(layout.database_url):
        raise BackupError("The database is not empty: restore only onto a new, empty database.")
    occupied = [str(folder) for folder in [*layout.folders.values(), layout.keys]
                if folder.is_dir() and any(folder.iterdir())]
    if occupied:
        raise BackupError(f"Not empty: {', '.join(occupied)}. Restore only onto a new instance.")
    layout.instance.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=layout.instance, prefix=".restore-") as staging:
        staged = Path(staging)
        for name, data in [*((n, d) for n, d in members.items() if n.startswith("files/")),
                           *secrets.items()]:
            path = staged / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            if name.startswith("keys/") or name == SECRET_KEY_FILE:
                path.chmod(0o600)
        _restore_database(layout.database_url, manifest["database"], members[manifest["database"]])
        for label, folder in layout.folders.items():
            _move_into(staged / "files" / label, folder)
        _move_into(staged / "keys", layout.keys)
        if (staged / SECRET_KEY_FILE).exists():
            os.replace(staged / SECRET_KEY_FILE, layout.instance / SECRET_KEY_FILE)
    from exam.documents import keystore

    keystore._load.cache_clear()
    return manifest


def _move_into(source: Path, folder: Path) -> None:
    if not source.is_dir():
        return
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.rglob("*")):
        if path.is_file():
            target = folder / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(path, target)
