"""Blind scoring holds against insiders: before the reveal, nothing anyone but the author of a
secret can obtain depends on that secret.

Two worlds are built from scratch, each in its own fresh database, by the same steps on a
fixed clock. They differ in exactly one secret:

* ``pairing``: which candidate wrote which script. Candidates X and Y sit in the same order
  in both worlds, but X writes the first text in world A and the second in world B. The
  random script codes are drawn so that a given text gets the same code in both worlds: the
  draw of world B is the draw of world A permuted by the swap, exactly as likely, so an
  observer who could tell the worlds apart would be learning the pairing itself.
* ``mark``: one examiner's submitted mark (7 or 7.5 out of 10; both within the threshold,
  so the procedure takes the same steps). That examiner is not an observer.

Then every GET route of the URL map is requested with every id that exists, as anonymous, the
board (chair, plain member), the administrator, an inspector, the panel chair and each
examiner; the audit viewer also with every filter. Once the clock's own readings are
normalised (the requests themselves are not on the fixed clock), every answer must be the
same byte for byte in both worlds. A new route or audit payload that shows the secret fails
here, naming the URL and the observer.
"""

from __future__ import annotations

import difflib
import itertools
import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from exam.accounts.models import User
from exam.audit.models import AuditCheckpoint, AuditEntry
from exam.bank.models import ItemVersion
from exam.competitions.models import Competition, Role
from exam.jobs.models import Job
from exam.migrate import upgrade
from exam.oversight.models import BoardVote, IrregularityReport, ReportAttachment
from exam.registration.models import Application, Document
from exam.results.models import SignedSheet
from exam.scoring import codes
from exam.scoring import service as scoring
from exam.scoring.models import Assignment, AssignmentRole, Panel, Script
from exam.sitting import attempts
from exam.sitting import service as sitting
from tests import factories
from tests.conftest import fresh_database, make_test_app
from tests.factories import appoint, make_inspector, make_user
from tests.sitting.helpers import open_sitting, sitting_competition

pytestmark = pytest.mark.slow

NOW = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)
SEED = bytes(range(32, 64))
TEXT_ONE = ("Chương trình hành động gồm ba bước: rà soát thủ tục, số hoá hồ sơ, công khai kết "
            "quả giải quyết.")
TEXT_TWO = ("Tôi đề xuất lập tổ công tác liên ngành, giao chỉ tiêu theo quý và báo cáo định kỳ "
            "với Ban Giám đốc.")
# The third candidate signs the answer: the panel chair masks the name in both worlds alike.
TEXT_SIGNED = "Cải cách bắt đầu từ con người. Người viết: {name}."
CODE_POOL = ["7KQ2MZ4", "3HV9TX1", "B8D4NW6", "Y2R6PE5", "M4C8GJ3", "Q9T3KA7", "H6W1XS2"]
SECRETS = ("pairing", "mark")


def _codes() -> list[str]:
    return [body + codes.check_character(body) for body in CODE_POOL]


class World:
    """What one world is made of, and who observes it."""

    def __init__(self, app):
        self.app = app
        self.session = app.extensions["thituyen_db"].sessionmaker()
        self.observers: dict[str, int | None] = {}
        self.code_of_text: dict[str, str] = {}
        self.lock = None
        self.nonces = (f"{n:064x}" for n in itertools.count(1))


def _draw_codes(world: World, competition, pinned: dict[str, str] | None, monkeypatch) -> None:
    """Give each text the code it had in the first world (or the pool in order, the first time)."""
    answers = sitting.essay_answers(world.session, competition)
    if pinned is None:
        sequence = _codes()[:len(answers)]
    else:
        sequence = [pinned[a.answer_text] for a in answers]
    drawn = iter(sequence)
    monkeypatch.setattr(codes, "new_code", lambda: next(drawn))


def _draw_nonces(world: World, monkeypatch) -> None:
    """The nonces of seals come from the world's own seeded sequence, alike in both worlds."""
    for module in ("exam.scoring.preparation", "exam.scoring.marking"):
        monkeypatch.setattr(f"{module}.new_nonce", lambda: next(world.nonces), raising=False)


def _build(world: World, secret: str, variant: int, pinned, monkeypatch) -> None:
    from exam.audit.service import current_address

    session = world.session
    current_address.set("")  # the last request of the other world set it in this thread
    monkeypatch.setattr(factories, "_counter", itertools.count(1))
    admin = factories.make_admin(session)
    base = sitting_competition(session, now=NOW, candidates=3)
    competition, chair = base["competition"], base["chair"]
    open_sitting(session, base, now=NOW)
    x, y, z = base["applications"]
    texts = {x.id: TEXT_ONE, y.id: TEXT_TWO,
             z.id: TEXT_SIGNED.format(name=z.user.full_name)}
    if secret == "pairing" and variant == 1:
        texts[x.id], texts[y.id] = texts[y.id], texts[x.id]
    for n, application in enumerate((x, y, z)):
        started = NOW + timedelta(minutes=n)
        attempt = attempts.start_attempt(session, application.user, competition, now=started)
        essay = next(pl for pl in attempts.paper_lines(session, attempt)
                     if pl.item.type == "essay")
        attempts.save_answer(session, application.user, attempt, essay.line.id,
                             response=texts[application.id], is_flagged=False, client_seq=1,
                             now=started + timedelta(minutes=5))
        attempts.submit_attempt(session, application.user, attempt,
                                now=started + timedelta(minutes=30))
    attempts.close_sitting(session, chair, competition, now=competition.sitting_closes_at)
    at = competition.sitting_closes_at + timedelta(hours=1)

    _draw_nonces(world, monkeypatch)
    _draw_codes(world, competition, pinned, monkeypatch)
    scripts = scoring.create_scripts(session, chair, competition, now=at)
    world.code_of_text = {s.answer_text: s.code for s in scripts}
    people = [appoint(session, competition, Role.EXAMINER,
                      make_user(session, full_name=f"Giám khảo {i}")) for i in range(5)]
    panel_chair, examiners = people[0], people[1:]
    panel = scoring.set_up_panel(session, chair, competition, part_key=scripts[0].part_key,
                                 chair=panel_chair, examiners=examiners, now=at)
    signed = next(s for s in scripts if s.answer_text.startswith("Cải cách"))
    _mask(session, chair, panel_chair, signed, z.user.full_name, at)
    for person in examiners:
        scoring.declare_conflicts(session, person, competition, conflict_ids=[], now=at)
    scoring.assign_markers(session, chair, competition, panel, now=at, seed=SEED)

    by_text = {s.answer_text: s for s in scoring.scripts_of(session, competition)}

    def pair(text):
        rows = session.scalars(select(Assignment).where(
            Assignment.script_id == by_text[text].id, Assignment.role != AssignmentRole.THIRD))
        roles = {a.role: a for a in rows}
        return roles[AssignmentRole.FIRST], roles[AssignmentRole.SECOND]

    def give(assignment, total, *, submit=True, minutes=0):
        points = _split(Decimal(total), scoring.rubric_of(assignment.script))
        scoring.save_mark(session, assignment.examiner, assignment, points=points,
                          submit=submit, now=at + timedelta(hours=1, minutes=minutes))

    # A discrepancy: a third examiner marks, the chair has not settled yet.
    first, second = pair(TEXT_ONE)
    give(first, "3", minutes=1)
    give(second, "9", minutes=2)
    third = session.scalar(select(Assignment).where(
        Assignment.script_id == by_text[TEXT_ONE].id, Assignment.role == AssignmentRole.THIRD))
    give(third, "5", minutes=3)
    # Two close marks: a final mean. In the `mark` worlds the first of them is the secret.
    first, second = pair(TEXT_TWO)
    give(first, "7.5" if (secret == "mark" and variant == 1) else "7", minutes=4)
    give(second, "7", minutes=5)
    # A draft only.
    first, second = pair(TEXT_SIGNED.format(name=z.user.full_name))
    give(first, "6", submit=False, minutes=6)
    session.commit()

    def lock():
        """Every script final, the scores locked, identities still sealed."""
        give(first, "6", minutes=7)
        give(second, "6", minutes=8)
        scoring.settle_script(session, panel_chair, by_text[TEXT_ONE], mark="5",
                              reason="Bài làm đạt yêu cầu cơ bản, lập luận còn sơ sài.",
                              now=at + timedelta(hours=2))
        scoring.lock_scores(session, chair, competition, now=at + timedelta(hours=3))
        session.commit()

    world.lock = lock

    secret_holder = pair(TEXT_TWO)[0].examiner_id
    world.observers = {"anonymous": None, "board chair": chair.id,
                       "board member": base["member"].id, "administrator": admin.id,
                       "inspector": make_inspector(session).id, "panel chair": panel_chair.id}
    for n, person in enumerate(examiners, 1):
        if secret != "mark" or person.id != secret_holder:
            world.observers[f"examiner {n}"] = person.id
    session.commit()


def _mask(session, board, panel_chair, script, name, at) -> None:
    """Whoever the code lets mask a flagged passage (the panel chair; the board on older code)."""
    from exam.errors import PermissionDenied

    try:
        scoring.mask_passage(session, panel_chair, script, passage=name, now=at)
    except PermissionDenied:
        scoring.mask_passage(session, board, script, passage=name, now=at)


def _split(total: Decimal, rubric) -> list[str]:
    points = []
    for criterion in rubric:
        given = min(total, criterion["max_points"])
        points.append(str(given))
        total -= given
    return points


# ---------------------------------------------------------------- what observers obtain

def _values(session) -> dict[str, list]:
    from exam.rooms.models import CandidatePhoto, ExamRoom

    def ids(column):
        return list(session.scalars(select(column).order_by(column)))

    return {
        "competition_id": ids(Competition.id), "application_id": ids(Application.id),
        "document_id": ids(Document.id), "checkpoint_id": ids(AuditCheckpoint.id),
        "report_id": ids(IrregularityReport.id), "attachment_id": ids(ReportAttachment.id),
        "vote_id": ids(BoardVote.id), "user_id": ids(User.id), "job_id": ids(Job.id),
        # The bank's versions come from the same fixed sample bank in both worlds: the first,
        # the last and those the scripts were written on stand for all of them.
        "version_id": sorted({*ids(ItemVersion.id)[:1], *ids(ItemVersion.id)[-1:],
                              *(v for v in ids(Script.item_version_id) if v is not None)}),
        "panel_id": ids(Panel.id),
        "fmt": ["gift", "moodle_xml", "csv"],
        "script_code": ids(Script.code), "sheet_code": ids(SignedSheet.code),
        "room_id": ids(ExamRoom.id), "photo_id": ids(CandidatePhoto.id),
        # an invitation link opens the same page (or the same refusal) in both worlds
        "token": ["not-an-invitation"],
    }


def _urls(app, session) -> list[str]:
    values = _values(session)
    urls = []
    with app.test_request_context():
        from flask import url_for

        for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
            if "GET" not in rule.methods or rule.endpoint == "static":
                continue
            names = sorted(rule.arguments)
            choices = []
            for name in names:
                if name == "code":
                    name = "script_code" if rule.endpoint.startswith("scoring.") else "sheet_code"
                choices.append(values[name])
            for combination in itertools.product(*choices):
                urls.append(url_for(rule.endpoint, **dict(zip(names, combination, strict=True))))
        actions = sorted(set(session.scalars(select(AuditEntry.action))))
        filters = ([{}] + [{"competition": c} for c in values["competition_id"]]
                   + [{"actor": u} for u in values["user_id"]]
                   + [{"action": a} for a in actions] + [{"page": 2}])
        urls += [url_for("audit.log", **f) for f in filters[1:]]
        urls += [url_for("audit.public_log", competition=c) for c in values["competition_id"]]
        urls += [url_for("audit.public_log", page=2)]
        urls += [url_for("registration.review_list", competition_id=c, status=s)
                 for c in values["competition_id"] for s in ("accepted", "submitted")]
    return urls


TIMESTAMPS = [
    re.compile(rb"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?"),
    re.compile(rb"\d{1,2}/\d{1,2}/\d{4}( \d{1,2}:\d{2})?"),
    re.compile(rb"\b\d{1,2}:\d{2}(:\d{2})?\b"),
]


CSRF = re.compile(rb'(csrf[_-]token"?\s+(value|content)=")[^"]*')


def normalised(body: bytes) -> bytes:
    """The clock's readings (pages show when they were made; factories stamp the real time)
    and CSRF tokens (random per session by design, and tied to no secret)."""
    body = CSRF.sub(rb"\1<csrf>", body)
    for pattern in TIMESTAMPS:
        body = pattern.sub(b"<time>", body)
    return body


def _commitments(session) -> list[tuple[bytes, bytes]]:
    """Digests that bind a secret, and the chain that covers them.

    ``answers_sha256`` is the candidate's receipt: a hash of the whole paper (every objective
    answer, the paper's fingerprint, the time), which nobody else can recompute; being
    binding, it necessarily differs when the candidate's essay differs, and so does every
    audit entry hash and checkpoint head after it. A sealed mark is a commitment with a
    random nonce (exam.scoring.seals): it differs when the mark does, and hides it. Each is
    replaced by a label naming what it is (attempt, mark, entry, checkpoint), so where it is
    shown is still compared; what it hides cannot be.
    """
    import base64

    from exam.sitting.models import Attempt

    pairs = []
    for attempt_id, digest in session.execute(select(Attempt.id, Attempt.answers_sha256)):
        if digest:
            pairs.append((digest, f"answers-{attempt_id}"))
    # Sealed marks: hiding commitments (a 256-bit random nonce nobody else holds) to the mark.
    from exam.scoring import marking
    from exam.scoring.models import FinalMark, Mark

    if hasattr(Mark, "seal_nonce"):  # (code from before sealed marks has none to label)
        from exam.scoring.seals import seal

        for mark in session.scalars(select(Mark).where(Mark.seal_nonce != "")):
            pairs.append((seal(mark.seal_nonce, marking.mark_value(mark)),
                          f"sealed-mark-{mark.id}"))
        for final in session.scalars(select(FinalMark).where(FinalMark.seal_nonce != "")):
            pairs.append((seal(final.seal_nonce, marking.final_value(final)),
                          f"sealed-final-{final.id}"))
    for seq, digest in session.execute(select(AuditEntry.seq, AuditEntry.entry_hash)):
        pairs.append((digest, f"entry-{seq}"))
    for checkpoint_id, head, signature in session.execute(
            select(AuditCheckpoint.id, AuditCheckpoint.head, AuditCheckpoint.signature)):
        pairs.append((head, f"head-{checkpoint_id}"))
        pairs.append((base64.b64encode(bytes.fromhex(head)).decode(), f"head64-{checkpoint_id}"))
        if signature:  # the organization's signature over the head (and the time)
            pairs.append((base64.b64encode(signature).decode(), f"signature-{checkpoint_id}"))
    out = []
    for value, label in pairs:
        out.append((value.encode(), f"<{label}>".encode()))
        if len(value) == 64:
            out.append((value[:16].encode(), f"<{label}:16>".encode()))
    return out


def _observe(world: World) -> dict[tuple[str, str], tuple]:
    seen = {}
    urls = _urls(world.app, world.session)
    commitments = _commitments(world.session)
    for observer, user_id in world.observers.items():
        client = world.app.test_client()
        if user_id is not None:
            with client.session_transaction() as cookie:
                cookie["_user_id"] = str(user_id)
                cookie["_fresh"] = True
        for url in urls:
            response = client.get(url)
            body = response.get_data()
            for value, label in commitments:
                body = body.replace(value, label)
            seen[(observer, url)] = (response.status_code, response.mimetype,
                                     response.headers.get("Location", ""), normalised(body))
            response.close()
    return seen


@pytest.fixture
def reportlab_invariant(monkeypatch):
    from reportlab import rl_config

    monkeypatch.setattr(rl_config, "invariant", 1)


@pytest.fixture
def fixed_second_factor(monkeypatch):
    """The sign-up page of the second factor offers a random secret: the same in both worlds."""
    import pyotp

    monkeypatch.setattr(pyotp, "random_base32", lambda *a, **k: "JBSWY3DPEHPK3PXP" * 2)


def _world(tmp_path, secret, variant, pinned, monkeypatch, stack, key_folder):
    folder = tmp_path / f"{secret}-{variant}"
    folder.mkdir()
    url = stack.enter_context(fresh_database(folder, f"ni_{secret}_{variant}"))
    upgrade(url)
    # Checkpoints are signed, as in production, with one development key for both worlds.
    app = make_test_app(url, folder, SIGNING_KEY_FOLDER=str(key_folder))
    world = World(app)
    stack.callback(app.extensions["thituyen_db"].engine.dispose)
    stack.callback(world.session.close)
    with app.app_context():
        _build(world, secret, variant, pinned, monkeypatch)
    return world


def _seen(world: World, then=None) -> dict:
    with world.app.app_context():
        if then is not None:
            then(world)
        return _observe(world)


def assert_same(seen_first: dict, seen_second: dict, secret: str) -> None:
    assert set(seen_first) == set(seen_second)
    assert sum(1 for v in seen_first.values() if v[0] == 200) > 100, "the walk reached too little"
    differing = [key for key in sorted(seen_first) if seen_first[key] != seen_second[key]]
    report = []
    for observer, url in differing[:4]:
        a, b = seen_first[(observer, url)], seen_second[(observer, url)]
        diff = difflib.unified_diff(
            a[3].decode("utf-8", "replace").splitlines(),
            b[3].decode("utf-8", "replace").splitlines(), lineterm="", n=0)
        report.append(f"{observer} GET {url}: {a[:3]} / {b[:3]}\n"
                      + "\n".join(line[:300] for line in itertools.islice(diff, 2, 12)))
    assert not differing, (f"{len(differing)} answers depend on the {secret} secret:\n"
                           + "\n\n".join(report))


@pytest.mark.parametrize("secret", SECRETS)
def test_before_the_reveal_no_observer_can_tell_the_secret(tmp_path, monkeypatch,
                                                           reportlab_invariant,
                                                           fixed_second_factor, key_folder,
                                                           secret):
    """Scoring under way; for the pairing, again once the scores are locked (marks are
    then public, identities still sealed)."""
    from contextlib import ExitStack

    with ExitStack() as stack:
        first = _world(tmp_path, secret, 0, None, monkeypatch, stack, key_folder)
        second = _world(tmp_path, secret, 1, first.code_of_text, monkeypatch, stack, key_folder)
        assert first.code_of_text == second.code_of_text
        assert_same(_seen(first), _seen(second), secret)
        if secret == "pairing":
            def lock(world):
                _draw_nonces(world, monkeypatch)
                world.lock()

            locked = [_seen(w, then=lock) for w in (first, second)]
            assert_same(*locked, "pairing (scores locked)")
