"""Demo: programmes submitted and frozen, a drawn and minuted presentation session, one declared
conflict, sealed scores, and a tie at the last vacancy that the board decides by secret vote."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import select

from exam.competitions.models import Competition, Membership, Role
from exam.errors import DomainError
from exam.presentation import gate
from exam.presentation import service as presentation
from exam.registration import service as registration
from exam.registration.service import Upload

QUESTIONS = [
    "Hỏi: Đề án ưu tiên giải pháp nào trong 12 tháng đầu? Nguồn lực thực hiện lấy từ đâu?",
    "Hỏi: Làm thế nào đo được kết quả cải cách thủ tục hành chính mà đề án đặt ra?",
    "Hỏi: Nếu được bổ nhiệm, anh/chị phối hợp với các phòng chuyên môn khác thế nào?",
    "Hỏi: Rủi ro lớn nhất của đề án là gì và cách phòng ngừa?",
]
TENTH = Decimal("0.1")


def _board(session, competition: Competition, role: Role):
    return session.scalar(select(Membership).where(
        Membership.competition_id == competition.id, Membership.role == role)).user


def submit_programmes(session, competition: Competition, *, board_chair, at: datetime,
                      upload_folder: str, max_bytes: int) -> None:
    """Rules with a programme deadline two hours after `at`; every candidate but the last
    submits (one replaces a first draft); the programmes are frozen at the deadline."""
    from exam.demo_cast import demo_pdf

    presentation.set_presentation_rules(
        session, board_chair, competition, scoring_rule="spread",
        programme_deadline=at + timedelta(hours=2), panel_quorum=3, min_candidates=2,
        tie_fallback="revote", now=at)
    candidates = registration.accepted_candidates(session, competition)
    for n, application in enumerate(candidates[:-1] if len(candidates) > 2 else candidates):
        moment = at + timedelta(minutes=5 + n)
        if n == 0:
            presentation.submit_programme(
                session, application.user, competition,
                upload=Upload("programme", "de-an-ban-nhap.pdf", demo_pdf("De an (ban nhap)")),
                upload_folder=upload_folder, max_bytes=max_bytes, now=moment)
        presentation.submit_programme(
            session, application.user, competition,
            upload=Upload("programme", "de-an.pdf",
                          demo_pdf(f"De an - chuong trinh hanh dong {application.candidate_number}")),
            upload_folder=upload_folder, max_bytes=max_bytes, now=moment + timedelta(minutes=30))
    presentation.freeze_programmes(session, _board(session, competition, Role.SECRETARY),
                                   competition, now=at + timedelta(hours=2))


def _weighted_without(rules, scores: dict, part: str) -> Decimal:
    from exam.results.ranking import two_places

    return sum((two_places(two_places(scores.get(p.key)) * p.weight) for p in rules.parts
                if p.key != part), Decimal(0))


def target_scores(session, competition: Competition, part: str,
                  rng: random.Random) -> dict[int, Decimal]:
    """Presentation scores that leave two candidates tied at the last vacancy when the rules
    split ties by nothing but the board; plain plausible scores otherwise."""
    from exam.results import ranking
    from exam.results import service as results

    candidates = registration.accepted_candidates(session, competition)
    plain = {a.id: Decimal(str(rng.uniform(60, 90))).quantize(Decimal("0.5")) for a in candidates}
    if results.rule_set(session, competition) is None:
        return plain
    rules = results.rules_for(session, competition)
    if rules.tie_break_parts or part not in {p.key for p in rules.parts}:
        return plain
    written = results.collect_part_scores(session, competition)
    grants = results.current_priority(session, competition)
    priority = {a.id: grants[a.id].points if a.id in grants else Decimal(0) for a in candidates}
    base = {a.id: _weighted_without(rules, written.get(a.id, {}), part) + priority[a.id]
            for a in candidates}
    order = sorted(candidates, key=lambda a: base[a.id], reverse=True)

    def ties_with(scores):
        rows = [ranking.RankInput(
            application_id=a.id, candidate_number=a.candidate_number or "", name=a.user.full_name,
            scores={**written.get(a.id, {}), part: scores[a.id]},
            priority_points=priority[a.id]) for a in candidates]
        return [{r.application_id for r in g}
                for g in ranking.unresolved_ties(ranking.rank(rows, rules))]

    for first in order[rules.vacancies - 1:] + order[: rules.vacancies - 1]:
        for second in order:
            for own in (Decimal(75), Decimal(70), Decimal(80), Decimal(65), Decimal(85),
                        Decimal(60), Decimal(90)):
                target = own + base[first.id] - base[second.id]
                if (first is second or target != target.quantize(TENTH)
                        or not Decimal(55) <= target <= Decimal(95)):
                    continue
                scores = {a.id: Decimal(55) + (n % 3) for n, a in enumerate(order)}
                leaders = [a for a in order if a not in (first, second)][: rules.vacancies - 1]
                scores |= {a.id: Decimal(95) for a in leaders}
                scores |= {first.id: own, second.id: target}
                if {first.id, second.id} in ties_with(scores):
                    return scores
    return plain


def presentation_round(session, competition: Competition, *, panel_chair, members,
                       at: datetime, rng: random.Random) -> None:
    """One member declares a conflict; the order is drawn; the secretary minutes each
    presentation; members present seal their scores; one wider spread goes to the chair."""
    from exam.scoring import service as scoring
    from exam.scoring.models import PRESENTATION
    from exam.scoring.presentation import scorers_for

    people = [panel_chair, *members]
    chair, secretary = (_board(session, competition, r) for r in (Role.CHAIR, Role.SECRETARY))
    candidates = registration.accepted_candidates(session, competition)
    if not candidates:
        return
    targets = target_scores(session, competition, PRESENTATION, rng)
    unconflicted = [a for a in candidates
                    if not presentation.conflicted_ids(session, competition, a.id)]
    if len(people) > 3 and unconflicted:
        presentation.declare_conflict(session, people[-1], competition, unconflicted[-1].id,
                                      kind="line", note="Là cấp trên trực tiếp của ứng viên "
                                      "tại đơn vị cũ", now=at)
    sitting = presentation.draw_presentation_order(session, chair, competition,
                                                   now=at + timedelta(minutes=10))
    panel = scoring.panel_for(session, competition, PRESENTATION)
    moment = at + timedelta(hours=1)
    chair_case = sitting.order[1] if len(sitting.order) > 1 else None
    for n, application_id in enumerate(sitting.order):
        ended = moment + timedelta(minutes=20)
        presentation.record_presentation(
            session, secretary, competition, application_id, started_at=moment, ended_at=ended,
            present_ids=[p.id for p in people], questions=QUESTIONS[n % len(QUESTIONS)],
            now=ended + timedelta(minutes=2))
        target = targets[application_id]
        scorers = [p for p in people if p.id in scorers_for(session, panel, application_id)]
        spread = Decimal(4) if application_id == chair_case else Decimal(1)
        offsets = [Decimal(0), spread, -spread, Decimal("0.5"), Decimal("-0.5")]
        if len(scorers) % 2 == 0 and len(scorers) < 5:
            offsets = [spread, -spread, Decimal("0.5"), Decimal("-0.5")]
        for member, offset in zip(scorers, offsets, strict=False):
            scoring.submit_presentation_score(session, member, competition, application_id,
                                              score=str(target + offset),
                                              now=ended + timedelta(minutes=5))
        _panel, rows = scoring.presentation_sheet(session, panel_chair, competition)
        state = {a.id: s for a, s in rows}[application_id]
        if state.outcome == "chair":
            scoring.decide_presentation(session, panel_chair, competition, application_id,
                                        score=str(target), reason="Sau khi ban chấm trao đổi, "
                                        "thống nhất lấy điểm ở giữa.",
                                        now=ended + timedelta(minutes=8))
        for member in scorers:
            scoring.confirm_presentation(session, member, competition, application_id,
                                         now=ended + timedelta(minutes=10))
        moment = ended + timedelta(minutes=10)


def decide_ties_by_vote(session, competition: Competition, *, board_chair,
                        at: datetime, part_scores=None) -> None:
    """Every tie at the last vacancy goes to the board's secret vote; the tally decides."""
    for group in gate.tied_groups(session, competition, part_scores):
        ids = [r.application_id for r in sorted(group, key=lambda r: r.candidate_number)]
        try:
            decision = gate.open_collegial_vote(
                session, board_chair, competition, subject="tie", application_ids=ids,
                reasons="Hai ứng viên bằng tổng điểm ở chỉ tiêu cuối cùng; quy chế không có tiêu "
                        "chí nào khác để phân định (dữ liệu minh hoạ).",
                closes_at=at + timedelta(days=1), now=at, part_scores=part_scores)
        except DomainError:
            continue
        from exam.oversight import votes
        from exam.oversight.models import BoardVote

        vote = session.get(BoardVote, decision.vote_id)
        for n, elector in enumerate(sorted(vote.electors, key=lambda e: e.user_id)):
            votes.cast_ballot(session, elector.user, vote, 1 if n == 0 else 0,
                              now=at + timedelta(hours=2 + n))
        gate.apply_decision(session, board_chair, decision, now=at + timedelta(days=1),
                            part_scores=part_scores)
