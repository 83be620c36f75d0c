"""The question bank: versions, the draft -> reviewed -> approved -> retired workflow, imports.

Rules: the reviewer and the approver are never the item's author; an approved wording is
never edited (an edit makes a new version, and approving it retires the old one, so each key
has at most one approved version); an import is all or nothing. Only question authors (in any
competition) and the administrator see the bank; examiners and candidates never do.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from exam.audit import service as audit
from exam.bank.models import BankItem, ItemStatus, ItemVersion
from exam.bank.problems import in_words
from exam.competitions import permissions
from exam.errors import Conflict, DomainError, InvalidInput, NotFound, require
from question_bank import formats
from question_bank.draw import canonical_json
from question_bank.items import Item, item_from_dict, item_to_dict

FORMAT_LABELS = {"gift": "GIFT", "moodle_xml": "Moodle XML", "csv": "CSV", "qti": "QTI 3.0"}
IMPORT_LABELS = FORMAT_LABELS | {"aiken": "Aiken"}
FORMAT_EXTENSIONS = {"gift": "gift", "moodle_xml": "xml", "csv": "csv", "qti": "zip"}


def can_use_bank(session: Session, user) -> bool:
    """The administrator and anyone appointed question author in some competition, unless
    they are also a candidate somewhere (rows from before that rule was enforced)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if getattr(user, "is_admin", False):
        return True
    return permissions.holds_bank_role(session, user) and not permissions.has_live_application(
        session, user)


def _require_bank(session: Session, actor) -> None:
    require(can_use_bank(session, actor), _("Only question authors can use the question bank."))


def item_of(version: ItemVersion) -> Item:
    return item_from_dict(json.loads(version.data))


def content_digest(item: Item) -> str:
    return hashlib.sha256(canonical_json(item_to_dict(item)).encode()).hexdigest()


def _validated(item: Item) -> Item:
    problems = item.validate()
    require(not problems, _("The question is not usable yet: %(problems)s",
                            problems=" ".join(in_words(p) for p in problems)), InvalidInput)
    return item


def _fill(version: ItemVersion, item: Item) -> None:
    version.data = canonical_json(item_to_dict(item))
    version.topic = item.topic
    version.difficulty = str(item.difficulty)
    version.type = str(item.type)


def _new_item(session: Session, actor, item: Item, now: datetime) -> ItemVersion:
    bank_item = BankItem(key=item.key, created_by_id=actor.id, created_at=now)
    version = ItemVersion(item=bank_item, number=1, status=ItemStatus.DRAFT, author_id=actor.id,
                          created_at=now)
    _fill(version, item)
    session.add_all([bank_item, version])
    return version


def create_item(session: Session, actor, item: Item, *, now: datetime) -> ItemVersion:
    """A new question starts as a draft by its author."""
    _require_bank(session, actor)
    _validated(item)
    taken = session.scalar(select(BankItem.id).where(BankItem.key == item.key))
    require(taken is None, _("The key %(key)s is already used in the bank.", key=item.key),
            Conflict, field="key")
    version = _new_item(session, actor, item, now)
    session.flush()
    audit.record(session, actor, "bank.item_created", at=now, target=version,
                 payload={"key": item.key, "version": 1, "sha256": content_digest(item)})
    return version


def latest_version(session: Session, bank_item: BankItem) -> ItemVersion:
    return session.scalars(select(ItemVersion).where(ItemVersion.bank_item_id == bank_item.id)
                           .order_by(ItemVersion.number.desc()).limit(1)).one()


def revise_item(session: Session, actor, version: ItemVersion, item: Item, *,
                now: datetime) -> ItemVersion:
    """Edit the newest wording: a draft or reviewed one in place (back to draft), an approved
    or retired one by a new draft version, so papers keep pointing at what they served."""
    _require_bank(session, actor)
    require(version.id == latest_version(session, version.item).id,
            _("Only the newest version of a question can be edited."), Conflict)
    require(item.key == version.item.key, _("The key of a question cannot change."), InvalidInput)
    _validated(item)
    if version.status in (ItemStatus.DRAFT, ItemStatus.REVIEWED):
        target = version
        target.status = ItemStatus.DRAFT
        target.reviewed_by_id = target.reviewed_at = None
        target.author_id = actor.id
    else:
        target = ItemVersion(item=version.item, number=version.number + 1, author_id=actor.id,
                             status=ItemStatus.DRAFT, created_at=now)
        session.add(target)
    _fill(target, item)
    session.flush()
    audit.record(session, actor, "bank.item_revised", at=now, target=target,
                 payload={"key": item.key, "version": target.number,
                          "sha256": content_digest(item)})
    return target


def review_version(session: Session, actor, version: ItemVersion, *, now: datetime) -> ItemVersion:
    """A second pair of eyes: the author cannot review their own wording."""
    _require_bank(session, actor)
    require(version.status == ItemStatus.DRAFT, _("Only a draft can be marked reviewed."), Conflict)
    require(version.author_id != actor.id, _("The author of a question cannot review it."))
    version.status = ItemStatus.REVIEWED
    version.reviewed_by_id, version.reviewed_at = actor.id, now
    session.flush()
    audit.record(session, actor, "bank.item_reviewed", at=now, target=version,
                 payload={"key": version.item.key, "version": version.number})
    return version


def approve_version(session: Session, actor, version: ItemVersion, *, now: datetime) -> ItemVersion:
    """Approval makes the wording drawable and retires the previously approved version."""
    _require_bank(session, actor)
    require(version.status == ItemStatus.REVIEWED,
            _("Only a reviewed question can be approved."), Conflict)
    require(version.author_id != actor.id, _("The author of a question cannot approve it."))
    problems = item_of(version).approval_problems()
    require(not problems, _("The question cannot be approved yet: %(problems)s",
                            problems="; ".join(problems)), InvalidInput)
    for older in session.scalars(select(ItemVersion).where(
            ItemVersion.bank_item_id == version.bank_item_id,
            ItemVersion.status == ItemStatus.APPROVED)):
        older.status, older.retired_at = ItemStatus.RETIRED, now
    version.status = ItemStatus.APPROVED
    version.approved_by_id, version.approved_at = actor.id, now
    session.flush()
    audit.record(session, actor, "bank.item_approved", at=now, target=version,
                 payload={"key": version.item.key, "version": version.number,
                          "sha256": content_digest(item_of(version))})
    return version


@dataclass(frozen=True)
class BulkOutcome:
    """What one bulk step did: the versions it moved, and each refusal with its reason."""

    done: list[ItemVersion]
    refused: list[tuple[ItemVersion | None, int, str]]  # (version or None, id, reason)


def advance_many(session: Session, actor, version_ids: list[int], step: str, *,
                 now: datetime) -> BulkOutcome:
    """Review or approve several questions at once. Each goes through the same service as a
    single one (who may, the author's own wording, approval problems) and is logged on its own;
    a refused question is reported with its reason and leaves the others untouched."""
    _require_bank(session, actor)
    action = {"review": review_version, "approve": approve_version}.get(step)
    require(action is not None, _("Choose to mark reviewed or to approve."), InvalidInput)
    ids = list(dict.fromkeys(int(i) for i in version_ids))
    require(ids, _("Select at least one question."), InvalidInput)
    require(len(ids) <= 500, _("Select at most 500 questions at once."), InvalidInput)
    done, refused = [], []
    for version_id in ids:
        version = session.get(ItemVersion, version_id) if 0 < version_id < 2**63 else None
        if version is None:
            refused.append((None, version_id, _("No such question.")))
            continue
        try:
            with session.begin_nested():
                action(session, actor, version, now=now)
        except DomainError as error:
            session.refresh(version)
            refused.append((version, version_id, error.message))
        else:
            done.append(version)
    return BulkOutcome(done, refused)


def retire_version(session: Session, actor, version: ItemVersion, *, now: datetime) -> ItemVersion:
    """A retired question is no longer drawn; papers already sealed keep their copy."""
    _require_bank(session, actor)
    require(version.status == ItemStatus.APPROVED,
            _("Only an approved question can be retired."), Conflict)
    version.status, version.retired_at = ItemStatus.RETIRED, now
    session.flush()
    audit.record(session, actor, "bank.item_retired", at=now, target=version,
                 payload={"key": version.item.key, "version": version.number})
    return version


def preview_import(session: Session, actor, fmt: str, data: bytes | str) -> formats.ImportReport:
    """What importing the file would do, question by question, before anything is written;
    a key already in the bank is an error of its question."""
    _require_bank(session, actor)
    require(fmt in formats.IMPORT_FORMATS, _("Unknown file format."), InvalidInput)
    try:
        report = formats.read(fmt, data)
    except formats.ImportFormatError as error:
        raise InvalidInput(_("The file was not imported; nothing was added. %(problems)s",
                             problems=" · ".join(in_words(p) for p in error.problems[:20]))) from None
    keys = [item.key for item in report.items]
    taken = set(session.scalars(select(BankItem.key).where(BankItem.key.in_(keys)))) if keys else set()
    for entry in report.entries:
        if entry.item is not None and entry.status in ("imported", "changed") and entry.key in taken:
            entry.status = "error"
            entry.notes.append(f"the key {entry.key!r} is already in the bank")
    return report


def import_bank(session: Session, actor, fmt: str, data: bytes | str, *,
                now: datetime) -> list[ItemVersion]:
    """All or nothing: a file with any bad item, or a key already in the bank, adds nothing.
    Questions of types the platform does not score were shown as skipped in the preview
    and are left out."""
    _require_bank(session, actor)
    require(fmt in formats.IMPORT_FORMATS, _("Unknown file format."), InvalidInput)
    try:
        report = formats.read(fmt, data)
    except formats.ImportFormatError as error:
        report = None
        problems = error.problems
    else:
        problems = report.problems
    if problems:
        raise InvalidInput(_("The file was not imported; nothing was added. %(problems)s",
                             problems=" · ".join(in_words(p) for p in problems[:20])))
    items = report.items
    keys = [item.key for item in items]
    taken = sorted(session.scalars(select(BankItem.key).where(BankItem.key.in_(keys))))
    require(not taken, _("The file was not imported; nothing was added. These keys are "
                         "already in the bank: %(keys)s", keys=", ".join(taken)), Conflict)
    versions = [_new_item(session, actor, item, now) for item in items]
    session.flush()
    raw = data.encode("utf-8") if isinstance(data, str) else data
    digest = hashlib.sha256(raw).hexdigest()
    audit.record(session, actor, "bank.imported", at=now,
                 payload={"format": fmt, "items": len(versions), "file_sha256": digest,
                          "skipped": report.count("skipped")})
    return versions


def export_bank(session: Session, actor, fmt: str, *,
                status: ItemStatus | None = ItemStatus.APPROVED) -> str | bytes:
    """The newest version of each question (approved only, by default) in ``fmt``."""
    _require_bank(session, actor)
    require(fmt in formats.EXPORT_FORMATS, _("Unknown file format."), InvalidInput)
    versions = list_questions(session, actor, status=status)
    return formats.dump(fmt, [item_of(v) for v in versions])


def list_questions(session: Session, actor, *, status: str | None = None,
                   topic: str | None = None) -> list[ItemVersion]:
    """The newest version of every question, optionally filtered; approved beats a newer draft
    only when status=approved is asked for."""
    _require_bank(session, actor)
    query = select(ItemVersion).join(BankItem)
    if status:
        query = query.where(ItemVersion.status == status)
    else:
        newest = select(ItemVersion.bank_item_id, func.max(ItemVersion.number).label("n")) \
            .group_by(ItemVersion.bank_item_id).subquery()
        query = query.join(newest, (newest.c.bank_item_id == ItemVersion.bank_item_id)
                           & (newest.c.n == ItemVersion.number))
    if topic:
        query = query.where(ItemVersion.topic == topic)
    versions = list(session.scalars(query.order_by(BankItem.key, ItemVersion.number)))
    if status:
        by_item = {}
        for version in versions:
            by_item[version.bank_item_id] = version
        versions = sorted(by_item.values(), key=lambda v: v.item.key)
    return versions


def topics(session: Session) -> list[str]:
    return list(session.scalars(select(ItemVersion.topic).distinct().order_by(ItemVersion.topic)))


def get_version(session: Session, actor, version_id: int) -> ItemVersion:
    _require_bank(session, actor)
    version = session.get(ItemVersion, version_id)
    if version is None:
        raise NotFound(_("No such question."))
    return version


def approved_versions(session: Session) -> list[ItemVersion]:
    """What a seal freezes: every approved version (at most one per key)."""
    return list(session.scalars(select(ItemVersion).join(BankItem)
                                .where(ItemVersion.status == ItemStatus.APPROVED)
                                .order_by(BankItem.key)))


def counts_by_status(session: Session) -> dict[str, int]:
    return dict(session.execute(select(ItemVersion.status, func.count())
                                .group_by(ItemVersion.status)).all())
