"""Demo results: rules set after the sitting (marks still anonymous), then provisional and
final publication and the signed sheet."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

from flask import current_app

from exam.competitions.models import Competition, Stage
from exam.documents import keystore
from exam.results import service, sheets
from exam.results.cli import signing_options

PRESENTATION = "presentation"


def demo_rules(session, competition: Competition, *, with_presentation: bool) -> dict:
    """Every written part at weight 1 (pass mark half its maximum), the presentation round when
    there is one; the essay part is the specialised one, the objective part the written one."""
    from exam.sitting.service import test_parts

    info = test_parts(session, competition)
    parts = [{"key": p.key, "title": p.title, "max_points": str(p.max_points), "weight": "1"}
             for p in info]
    if with_presentation:
        parts.append({"key": PRESENTATION, "title": "Thuyết trình đề án", "max_points": "100",
                      "weight": "1"})
    essay = next((p.key for p in info if p.kind == "essay"), "")
    written = next((p.key for p in info if p.kind == "objective"), "")
    if with_presentation:
        # Ties are left to the board's vote (the demo shows one decided so). The objective part
        # weighs 2.5 and the essay 10 (on a 100-point scale), so every weighted written mark
        # is a multiple of 0.1, the precision of the presentation's mean.
        for part in parts:
            kind = next((p.kind for p in info if p.key == part["key"]), "")
            part["weight"] = {"objective": "2.5", "essay": "10"}.get(kind, "1")
            if kind == "essay":
                part["pass_mark"] = str(Decimal(part["max_points"]) * Decimal("0.35"))
        return {"parts": parts, "specialised_part": "", "written_part": ""}
    return {"parts": parts, "specialised_part": essay, "written_part": written}


def prepare_demo_rules(session, competition: Competition, *, board_chair,
                       with_presentation: bool = True) -> None:
    """Result rules and one priority decision, fixed an hour after the sitting closed (while
    every mark is still anonymous)."""
    at = competition.sitting_closes_at + timedelta(hours=1)
    service.set_result_rules(session, board_chair, competition, now=at,
                             priority_categories=[{"key": "thuong_binh", "points": "5",
                                                   "label": "Thương binh, người hưởng chính "
                                                            "sách như thương binh"}],
                             **demo_rules(session, competition,
                                          with_presentation=with_presentation))
    applications = sorted(
        (a for a in service.accepted_applications(session, competition)),
        key=lambda a: a.candidate_number or "")
    if applications:
        service.grant_priority(session, board_chair, competition, applications[-1],
                               category="thuong_binh", now=at,
                               evidence="Giấy chứng nhận thương binh số 0412/GCN-LĐTBXH ngày "
                                        "15/03/2012 (bản sao có chứng thực, Hội đồng đã đối chiếu)")


def publish_demo_results(session, competition: Competition, *, board_chair, now: datetime) -> Path:
    """Provisional results published `appeal_days` and an hour before `now`, a re-mark appeal
    that republishes them, final results at `now`; returns the final signed sheet's path."""
    config = current_app.config
    if not keystore.has_keys(config["SIGNING_KEY_FOLDER"]):
        keystore.create_dev_keys(config["SIGNING_KEY_FOLDER"], config["ORGANIZATION_NAME"])
    options = signing_options()
    provisional_at = now - timedelta(days=competition.appeal_days, hours=1)
    scores = service.collect_part_scores(session, competition)
    from exam.presentation.demo import decide_ties_by_vote

    decide_ties_by_vote(session, competition, board_chair=board_chair,
                        at=provisional_at - timedelta(days=2), part_scores=scores)
    provisional = service.publish_provisional_results(session, board_chair, competition,
                                                      now=provisional_at, part_scores=scores)
    sheets.sign_result_sheet(session, board_chair, provisional, now=provisional_at, **options)
    republished = demo_appeal(session, competition, provisional, board_chair=board_chair,
                              at=provisional_at + timedelta(days=2))
    if republished is not None:
        sheets.sign_result_sheet(session, board_chair, republished,
                                 now=republished.published_at, **options)
    final = service.publish_final_results(session, board_chair, competition, now=now)
    sheet = sheets.sign_result_sheet(session, board_chair, final, now=now, **options)
    return Path(options["folder"]) / sheet.current_file


def demo_appeal(session, competition: Competition, provisional, *, board_chair, at: datetime):
    """The first reserve candidate asks for a re-mark of the specialised (essay) part; two new
    examiners mark it higher; the board decides and the result is republished (returned)."""
    from sqlalchemy import select

    from exam.appeals import service as appeals
    from exam.registration.models import Application
    from exam.scoring import service as scoring
    from exam.scoring.models import Assignment, Script
    from exam.sitting.service import test_parts

    essays = [p.key for p in test_parts(session, competition) if p.kind == "essay"]
    part_key = next(iter(provisional.data["tie_break_parts"]), None) or next(iter(essays), None)
    row = next((r for r in provisional.data["rows"] if r["standing"] == "reserve"), None)
    if part_key is None or row is None:
        return None
    application = session.get(Application, row["application_id"])
    appeal = appeals.file_remark_appeal(
        session, application.user, application, part_key=part_key, now=at,
        reason="Tôi cho rằng phần đề án của tôi chưa được chấm đủ các ý về giải pháp.")
    appeals.answer_remark_appeal(
        session, board_chair, appeal, grant=True, now=at + timedelta(hours=2),
        reason="Hội đồng chấp nhận đơn; bài được hai giám khảo chưa chấm bài này chấm lại.")
    pending = session.scalars(select(Assignment).join(Script).where(
        Script.competition_id == competition.id, Assignment.remark_id.is_not(None))
        .order_by(Assignment.id)).all()
    for n, assignment in enumerate(pending):
        points = [str(Decimal(str(c["max_points"])) * Decimal("0.9")) for c in
                  assignment.script.rubric]
        scoring.save_mark(session, assignment.examiner, assignment, points=points,
                          comment="Phúc khảo: bài nêu đủ giải pháp, lập luận chặt chẽ.",
                          submit=True, now=at + timedelta(days=1, minutes=n))
    return appeals.decide_remark_appeal(
        session, board_chair, appeal, now=at + timedelta(days=2),
        reason="Hai giám khảo phúc khảo cho điểm cao hơn; Hội đồng công nhận điểm phúc khảo.")


def publish_where_ready(session, competitions, *, board_chair, now: datetime) -> Path | None:
    """Publish the demo results of the first competition whose identities are revealed and
    whose result rules were set (see `prepare_demo_rules`)."""
    for competition in competitions:
        if (competition.stage == Stage.IDENTITIES_REVEALED
                and service.rule_set(session, competition) is not None):
            return publish_demo_results(session, competition, board_chair=board_chair, now=now)
    return None


def build_appeal_window(session, cast, *, now: datetime, rng) -> Competition:
    """A competition whose provisional results came out two days ago: the re-mark appeal
    window is open (for `appeal_days` from then), the signed provisional sheet published."""
    from exam.presentation.demo import decide_ties_by_vote, submit_programmes
    from exam.scoring.demo import simulate_scoring
    from exam.sitting.demo import build_sat_competition

    competition = build_sat_competition(
        session, cast, now=now, rng=rng, sitting_opens=now - timedelta(days=16),
        title="Thi tuyển Trưởng phòng Quản lý đô thị, UBND quận Ba Đình",
        post="Trưởng phòng Quản lý đô thị", unit="UBND quận Ba Đình",
        candidates=cast.candidates[len(cast.candidates) // 2:] or cast.candidates)
    prepare_demo_rules(session, competition, board_chair=cast.chair)
    config = current_app.config
    submit_programmes(session, competition, board_chair=cast.chair,
                      at=competition.sitting_closes_at + timedelta(hours=2),
                      upload_folder=config["UPLOAD_FOLDER"], max_bytes=config["MAX_DOCUMENT_BYTES"])
    simulate_scoring(session, competition, board_chair=cast.chair,
                     now=competition.sitting_closes_at + timedelta(days=1), rng=rng)
    if not keystore.has_keys(config["SIGNING_KEY_FOLDER"]):
        keystore.create_dev_keys(config["SIGNING_KEY_FOLDER"], config["ORGANIZATION_NAME"])
    published_at = now - timedelta(days=2)
    scores = service.collect_part_scores(session, competition)
    decide_ties_by_vote(session, competition, board_chair=cast.chair,
                        at=published_at - timedelta(days=1), part_scores=scores)
    provisional = service.publish_provisional_results(session, cast.chair, competition,
                                                      now=published_at, part_scores=scores)
    sheets.sign_result_sheet(session, cast.chair, provisional, now=published_at,
                             **signing_options())
    return competition
