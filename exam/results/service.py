"""Results: ranking from locked marks, tie decisions, publication as immutable versions.

Totals are never typed in: every publication recomputes them from the locked marks
(`collect_part_scores`) with the rule in `exam.results.ranking`. The rules themselves and the
priority decisions live in `exam.results.rules` (re-exported here).
"""

from __future__ import annotations

import calendar
import hashlib
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from exam.audit import service as audit
from exam.competitions import service as competitions
from exam.competitions.models import Competition, Stage
from exam.errors import Conflict, InvalidInput, NotFound, require
from exam.notifications.service import notify
from exam.registration.models import Application, ApplicationStatus
from exam.results import permissions, ranking
from exam.results.models import ResultKind, ResultRow, ResultVersion, TieDecision
from exam.results.rules import (
    accepted_applications,
    clean_text,
    current_priority,
    grant_priority,
    priority_categories,
    rule_set,
    rules_for,
    set_result_rules,
)

__all__ = [
    "accepted_applications", "canonical_sha256", "collect_part_scores", "compute_ranking",
    "current_priority", "get_version", "grant_priority", "latest_version", "own_result",
    "priority_categories", "public_results_summary", "publish_final_results",
    "publish_provisional_results",
    "republish_provisional_results", "store_tie_decision", "rule_set", "rules_for",
    "set_result_rules", "tie_decisions", "versions_of",
]


def canonical_sha256(data) -> str:
    """SHA-256 of the NFC, sorted-keys JSON form: what sheets print and verifiers recompute."""
    return hashlib.sha256(audit.canonical_json(data).encode("utf-8")).hexdigest()


def store_tie_decision(session: Session, actor, competition: Competition,
                       application_ids: list[int], *, reason: str, now: datetime,
                       part_scores=None) -> TieDecision:
    """Store a tie order the board's vote (or the appointing authority) decided."""
    require(competition.stage in {Stage.IDENTITIES_REVEALED, Stage.PROVISIONAL_RESULTS},
            _("Ties are decided after identities are revealed and before final results."),
            Conflict)
    competitions.require_not_suspended(competition)
    reason = clean_text(reason)
    require(len(reason) >= 10, _("Give the reason for the board's decision."), InvalidInput)
    ranked = compute_ranking(session, competition, part_scores=part_scores)
    by_rank: dict[int, set[int]] = {}
    for row in ranked:
        if row.rank is not None and row.is_tied:
            by_rank.setdefault(row.rank, set()).add(row.application_id)
    ids = [int(i) for i in application_ids]
    require(len(ids) == len(set(ids)) and set(ids) in by_rank.values(),
            _("Order exactly the candidates of one tied group."), InvalidInput)
    decision = TieDecision(competition_id=competition.id, application_ids=ids, reason=reason,
                           decided_by_id=actor.id, decided_at=now)
    session.add(decision)
    session.flush()
    audit.record(session, actor, "results.tie_decided", at=now, competition=competition,
                 target=decision, payload={"order": ids})
    return decision


def tie_decisions(session: Session, competition: Competition) -> list[TieDecision]:
    return list(session.scalars(select(TieDecision).where(
        TieDecision.competition_id == competition.id).order_by(TieDecision.id)))


# --------------------------------------------------------------------------- ranking


def collect_part_scores(session: Session, competition: Competition) -> dict[int, dict[str, Decimal]]:
    """application id -> part key -> locked mark: objective parts (with upheld key objections
    applied) and finally marked essays."""
    from exam.appeals.rescoring import adjusted_objective_scores
    from exam.scoring.service import final_part_marks

    merged: dict[int, dict[str, Decimal]] = {}
    for source in (adjusted_objective_scores(session, competition),
                   final_part_marks(session, competition)):
        for application_id, parts in source.items():
            merged.setdefault(application_id, {}).update(parts)
    return merged


def compute_ranking(session: Session, competition: Competition, *,
                    part_scores: dict[int, dict[str, Decimal]] | None = None
                    ) -> list[ranking.RankedRow]:
    """The ranking the rules give today; `part_scores` defaults to the locked marks.

    It puts names next to totals, so it waits for the reveal: before it, a ranking would open
    the code map by another door (every caller, page, job and export goes through here)."""
    require(competition.has_reached(Stage.IDENTITIES_REVEALED),
            _("Candidates are ranked by name only once identities are revealed."), Conflict)
    rules = rules_for(session, competition)
    if part_scores is None:
        part_scores = collect_part_scores(session, competition)
    grants = current_priority(session, competition)
    positions: dict[int, int] = {}
    for decision in tie_decisions(session, competition):
        for index, application_id in enumerate(decision.application_ids):
            positions[application_id] = index + 1
    applications = session.scalars(select(Application).where(
        Application.competition_id == competition.id,
        Application.status == ApplicationStatus.ACCEPTED))
    rows = [ranking.RankInput(
        application_id=a.id, candidate_number=a.candidate_number or "",
        name=unicodedata.normalize("NFC", a.user.full_name),
        scores=part_scores.get(a.id, {}),
        priority_points=grants[a.id].points if a.id in grants else Decimal(0),
        board_position=positions.get(a.id)) for a in applications]
    return ranking.rank(rows, rules)


# --------------------------------------------------------------------------- publication


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def result_data(competition: Competition, rules: ranking.ResultRules, ranked, *, number: int,
                kind: str, published_at: datetime, reserve_expires_on: date | None) -> dict:
    """The canonical result a sheet prints and its hash covers: plain strings and numbers."""
    return {
        "competition": {"id": competition.id, "title": competition.title,
                        "post": competition.post, "unit": competition.unit,
                        "vacancies": competition.vacancies},
        "version": number,
        "kind": kind,
        "published_at": published_at.isoformat(),
        "reserve_expires_on": reserve_expires_on.isoformat() if reserve_expires_on else None,
        "parts": [{"key": p.key, "title": p.title, "max_points": str(p.max_points),
                   "weight": str(p.weight), "pass_mark": str(p.effective_pass_mark)}
                  for p in rules.parts],
        "tie_break_parts": list(rules.tie_break_parts),
        "rows": [{"application_id": r.application_id, "candidate_number": r.candidate_number,
                  "name": r.name, "scores": {k: str(v) for k, v in r.scores.items()},
                  "passed_parts": r.passed_parts, "priority_points": str(r.priority_points),
                  "total": str(r.total), "rank": r.rank, "is_tied": r.is_tied,
                  "split_by": r.split_by, "standing": str(r.standing)} for r in ranked],
    }


def versions_of(session: Session, competition: Competition) -> list[ResultVersion]:
    return list(session.scalars(select(ResultVersion).where(
        ResultVersion.competition_id == competition.id).order_by(ResultVersion.number)))


def latest_version(session: Session, competition: Competition) -> ResultVersion | None:
    return session.scalar(select(ResultVersion).where(
        ResultVersion.competition_id == competition.id).order_by(ResultVersion.number.desc())
        .limit(1))


def get_version(session: Session, competition: Competition, number: int) -> ResultVersion:
    version = session.scalar(select(ResultVersion).where(
        ResultVersion.competition_id == competition.id, ResultVersion.number == number))
    if version is None:
        raise NotFound(_("No such result version."))
    return version


def first_provisional(session: Session, competition: Competition) -> ResultVersion | None:
    return session.scalar(select(ResultVersion).where(
        ResultVersion.competition_id == competition.id,
        ResultVersion.kind == ResultKind.PROVISIONAL).order_by(ResultVersion.number).limit(1))


def appeal_window_closes_at(session: Session, competition: Competition) -> datetime | None:
    first = first_provisional(session, competition)
    return first.published_at + timedelta(days=competition.appeal_days) if first else None


def _new_version(session: Session, actor, competition: Competition, *, kind: str, reason: str,
                 now: datetime, part_scores) -> ResultVersion:
    competitions.require_not_suspended(competition)
    rules = rules_for(session, competition)
    ranked = compute_ranking(session, competition, part_scores=part_scores)
    require(ranked, _("There is no accepted candidate to rank."), Conflict)
    ties = ranking.unresolved_ties(ranked)
    require(not ties, _("%(n)d tied group(s) straddle the last vacancy; the chair must record "
                        "the board's decision first.", n=len(ties)), Conflict)
    previous = latest_version(session, competition)
    stored = rule_set(session, competition)
    expires = _add_months(now.date(), stored.reserve_months)
    number = (previous.number + 1) if previous else 1
    data = result_data(competition, rules, ranked, number=number, kind=kind, published_at=now,
                       reserve_expires_on=expires)
    decided = {r.application_id for r in ranked if r.split_by == "board"}
    numbers = {r.application_id: r.candidate_number for r in ranked}
    board = [{"order": [numbers.get(i, "") for i in t.application_ids], "reason": t.reason}
             for t in tie_decisions(session, competition) if decided & set(t.application_ids)]
    if board:  # the reasons of the tie decisions that set a place, printed on the sheet
        data["board_decisions"] = board
    version = ResultVersion(
        competition_id=competition.id, number=number, kind=kind, reason=clean_text(reason),
        published_at=now, published_by_id=actor.id, reserve_expires_on=expires, data=data,
        data_sha256=canonical_sha256(data), supersedes_id=previous.id if previous else None)
    session.add(version)
    session.flush()
    for position, row in enumerate(ranked, 1):
        session.add(ResultRow(
            version_id=version.id, application_id=row.application_id, position=position,
            candidate_number=row.candidate_number, full_name=row.name,
            scores={k: str(v) for k, v in row.scores.items()}, passed_parts=row.passed_parts,
            priority_points=row.priority_points, total=row.total, rank=row.rank,
            is_tied=row.is_tied, standing=str(row.standing)))
    session.flush()
    audit.record(session, actor, "results.published", at=now, competition=competition,
                 target=version, payload={"version": number, "kind": kind,
                                          "data_sha256": version.data_sha256,
                                          "supersedes": previous.number if previous else None})
    for row in ranked:
        application = session.get(Application, row.application_id)
        notify(session, application.user, "results_published", now=now, competition=competition,
               subject_id=application.id)
    return version


def publish_provisional_results(session: Session, actor, competition: Competition, *,
                                now: datetime, part_scores=None) -> ResultVersion:
    """First publication: only once identities are revealed; opens the appeal window."""
    require(permissions.can_manage_results(session, actor, competition),
            _("Only the board chair or secretary can publish results."))
    require(competition.stage == Stage.IDENTITIES_REVEALED,
            _("Provisional results are published right after identities are revealed."),
            Conflict)
    version = _new_version(session, actor, competition, kind=ResultKind.PROVISIONAL,
                           reason="", now=now, part_scores=part_scores)
    competitions.enter_stage(session, actor, competition, Stage.PROVISIONAL_RESULTS, now=now,
                             via_domain_action=True, payload={"result_version": version.number})
    return version


def republish_provisional_results(session: Session, actor, competition: Competition, *,
                                  reason: str, now: datetime, part_scores=None) -> ResultVersion:
    """A changed mark or key during the appeal window: a new version supersedes, both kept."""
    require(permissions.can_manage_results(session, actor, competition),
            _("Only the board chair or secretary can publish results."))
    require(competition.stage == Stage.PROVISIONAL_RESULTS,
            _("Only provisional results can be republished."), Conflict)
    require(len(clean_text(reason)) >= 10, _("Say why the results are republished."), InvalidInput)
    return _new_version(session, actor, competition, kind=ResultKind.PROVISIONAL, reason=reason,
                        now=now, part_scores=part_scores)


def publish_final_results(session: Session, actor, competition: Competition, *, now: datetime,
                          part_scores=None) -> ResultVersion:
    """After the appeal window, with every appeal and objection decided."""
    from exam.appeals.cases import open_cases

    require(permissions.can_manage_results(session, actor, competition),
            _("Only the board chair or secretary can publish results."))
    require(competition.stage == Stage.PROVISIONAL_RESULTS,
            _("Final results follow the provisional ones."), Conflict)
    closes = appeal_window_closes_at(session, competition)
    require(closes is not None and now >= closes,
            _("The appeal window is still open; final results can be published after it."),
            Conflict)
    pending = open_cases(session, competition)
    require(not pending, _("%(n)d appeal(s) or objection(s) still await the board's decision.",
                           n=pending), Conflict)
    version = _new_version(session, actor, competition, kind=ResultKind.FINAL, reason="",
                           now=now, part_scores=part_scores)
    competitions.enter_stage(session, actor, competition, Stage.FINAL_RESULTS, now=now,
                             via_domain_action=True, payload={"result_version": version.number})
    return version


def row_of(session: Session, version: ResultVersion, application_id: int) -> ResultRow | None:
    return session.scalar(select(ResultRow).where(ResultRow.version_id == version.id,
                                                  ResultRow.application_id == application_id))


def count_versions(session: Session, competition: Competition) -> int:
    return session.scalar(select(func.count()).select_from(ResultVersion).where(
        ResultVersion.competition_id == competition.id)) or 0


@dataclass(frozen=True)
class OwnResult:
    """What a candidate sees of their own result in the latest version."""

    version: ResultVersion
    row: ResultRow


def own_result(session: Session, actor, application: Application) -> OwnResult:
    require(application.user_id == getattr(actor, "id", None)
            or permissions.is_board(session, actor, application.competition),
            _("You may not see this result."))
    version = latest_version(session, application.competition)
    require(version is not None, _("Results have not been published yet."), NotFound)
    row = row_of(session, version, application.id)
    require(row is not None, _("This candidate is not in the published result."), NotFound)
    return OwnResult(version, row)


def public_results_summary(session: Session, competition: Competition) -> dict:
    """The results section of the public record (page and JSON): every published version with
    its data hash and signed sheet code, who is recommended, the reserve list, key decisions.
    Empty until something is published."""
    from exam.appeals.cases import decided_objections
    from exam.results.models import SignedSheet

    versions = versions_of(session, competition)
    objections = decided_objections(session, competition)
    if not versions and not objections:
        return {}
    codes = dict(session.execute(select(SignedSheet.version_id, SignedSheet.code).where(
        SignedSheet.competition_id == competition.id,
        SignedSheet.kind == "result_sheet")).all())
    listed = [{"number": v.number, "kind": v.kind, "published_at": v.published_at,
               "data_sha256": v.data_sha256, "sheet_code": codes.get(v.id),
               "reason": v.reason, "is_current": v is versions[-1]} for v in versions]
    current = versions[-1] if versions else None
    rows = current.data["rows"] if current else []

    def people(standing: str) -> list[dict]:
        return [{"candidate_number": r["candidate_number"], "name": r["name"],
                 "total": r["total"]} for r in rows if r["standing"] == standing]

    return {
        "current": listed[-1] if listed else None,
        "versions": listed,
        "recommended": people("recommended"),
        "reserve": people("reserve"),
        "reserve_expires_on": current.reserve_expires_on if current else None,
        "key_decisions": [{"item_key": o.item_key, "status": str(o.status), "action": o.action,
                           "reason": o.decision_reason, "decided_at": o.decided_at}
                          for o in objections],
    }
