"""The audit log in the reader's words: one sentence per action, each detail under a label.

The chain stores codes ("sitting.papers_drawn") and canonical JSON, which is what is hashed and
what `thituyen audit verify` reads; people read the sentence and the labelled fields. Only
what the entry itself holds is shown: nothing is looked up (a script code is never turned into
a name here), so a page shows exactly what the visibility rules already let its reader see.
An action or a field this table does not know yet is still shown, under its code.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation

from flask_babel import format_datetime, format_decimal, lazy_pgettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

ACTIONS = {
    "account.admin_created": _l("An administrator account was created."),
    "account.invitation_accepted": _l("An invited staff member chose a password."),
    "account.invited": _l("A staff member was invited by email."),
    "account.locked": _l("An account was locked after repeated wrong passwords."),
    "account.recovery_code_used": _l("A recovery code was used to sign in."),
    "account.registered": _l("An account was created."),
    "account.second_factor_locked": _l("Two-step sign-in was locked after repeated wrong codes."),
    "account.signed_out_everywhere": _l("An account was signed out on every device."),
    "account.two_factor_enabled": _l("Two-step sign-in was turned on."),
    "appeals.key_corrected": _l("An answer key was corrected and every paper rescored."),
    "appeals.objection_decided": _l("An objection to the answer key was decided."),
    "appeals.objection_filed": _l("A candidate filed an objection to the answer key."),
    "appeals.remark_answered": _l("The board answered a re-mark appeal."),
    "appeals.remark_decided": _l("A re-mark appeal was decided."),
    "appeals.remark_filed": _l("A candidate filed a re-mark appeal."),
    "application.accepted": _l("An application was accepted."),
    "application.accepted_despite_findings":
        _l("An application was accepted although a published criterion was not met."),
    "application.rejected": _l("An application was rejected."),
    "application.submitted": _l("An application was submitted."),
    "appointment.accepted": _l("The candidate accepted the appointment."),
    "appointment.authority_named": _l("The appointing authority was named."),
    "appointment.closed": _l("The appointment process was closed."),
    "appointment.decided": _l("The appointing authority recorded an appointment decision."),
    "appointment.declined": _l("The candidate declined the appointment."),
    "appointment.lapsed": _l("The candidate did not answer in time; the offer lapsed."),
    "bank.imported": _l("Questions were imported into the bank."),
    "bank.item_approved": _l("A question was approved."),
    "bank.item_created": _l("A question was written."),
    "bank.item_retired": _l("A question was retired."),
    "bank.item_reviewed": _l("A question was reviewed."),
    "bank.item_revised": _l("A question was revised."),
    "competition.appointed": _l("A person was appointed to the competition."),
    "competition.appointment_removed": _l("An appointment was removed."),
    "competition.created": _l("The competition was created."),
    "competition.registration_extended": _l("Registration was extended."),
    "competition.rules_changed": _l("The rules or the timeline were changed."),
    "competition.stage_changed": _l("The competition moved to another stage."),
    "competition.suspended": _l("An inspector suspended the competition."),
    "competition.suspension_lifted": _l("The suspension was lifted."),
    "decision.recorded": _l("The board recorded a collegial decision."),
    "decision.vote_opened": _l("The board opened a vote for a collegial decision."),
    "oversight.inspector_appointed": _l("An inspector was appointed."),
    "oversight.inspector_dismissed": _l("An inspector was dismissed."),
    "oversight.report_received": _l("An irregularity report was received."),
    "oversight.report_resolved": _l("An irregularity report was resolved."),
    "oversight.report_under_review": _l("An inspector began reviewing an irregularity report."),
    "presentation.conflict_declared": _l("A panel member declared a conflict of interest."),
    "presentation.order_drawn": _l("The order of the presentations was drawn by lot."),
    "presentation.programme_submitted": _l("A candidate submitted an action programme."),
    "presentation.programmes_frozen": _l("The action programmes were frozen."),
    "presentation.recorded": _l("A presentation session was recorded."),
    "presentation.rules_set": _l("The rules of the presentation round were set."),
    "remedy.competition_annulment": _l("The competition was annulled."),
    "remedy.contest_decided": _l("A contested decision was decided."),
    "remedy.contested": _l("A candidate contested a decision."),
    "remedy.disqualification": _l("A candidate was disqualified."),
    "remedy.exclusion": _l("An acceptance was annulled: the candidate was found ineligible."),
    "remedy.rerun": _l("A rerun of the competition was recorded."),
    "remedy.result_annulment": _l("A result version was annulled."),
    "remedy.revocation": _l("An appointment was revoked."),
    "remedy.room_record": _l("The proctor recorded an irregularity in the room."),
    "remedy.withdrawal": _l("A candidate withdrew."),
    "results.priority_granted": _l("Priority points were granted."),
    "results.published": _l("Results were published."),
    "results.recomputed": _l("The results were recomputed from the locked marks."),
    "results.rules_set": _l("The result rules were set."),
    "results.sheet_countersigned": _l("A board member countersigned a signed sheet."),
    "results.sheet_signed": _l("A sheet was signed."),
    "results.tie_decided": _l("A tie was decided."),
    "rooms.checked_in": _l("The proctor checked a candidate's identity at the door."),
    "rooms.photo_uploaded": _l("A candidate uploaded a photograph."),
    "rooms.practice_items_added": _l("Practice questions were added."),
    "rooms.proctor_appointed": _l("A proctor was put in charge of a room."),
    "rooms.room_added": _l("A room was added."),
    "rooms.seats_drawn": _l("Rooms and seats were drawn by lot."),
    "rooms.seb_rule_set": _l("The Safe Exam Browser rule was set."),
    "scoring.calibration_added": _l("A calibration script was added."),
    "scoring.conflicts_declared": _l("An examiner declared conflicts of interest."),
    "scoring.discrepancy": _l("Two marks differed too much: a third examiner was drawn."),
    "scoring.final_mark": _l("A script's final mark was fixed (sealed)."),
    "scoring.final_mark_unsealed": _l("A sealed final mark was opened."),
    "scoring.identities_revealed": _l("The codes were matched back to the candidates."),
    "scoring.leak_dismissed": _l("A script flagged as naming its author was cleared."),
    "scoring.mark_submitted": _l("An examiner submitted a mark (sealed)."),
    "scoring.mark_unsealed": _l("A sealed mark was opened."),
    "scoring.markers_drawn": _l("Examiners were drawn for the scripts by lot."),
    "scoring.panel_examiner_added": _l("An examiner was added to a scoring panel."),
    "scoring.panel_set_up": _l("A scoring panel was set up."),
    "scoring.passage_masked": _l("The panel chair masked a passage of a script."),
    "scoring.presentation_confirmed": _l("A presentation score was confirmed."),
    "scoring.presentation_decided": _l("A presentation score was decided."),
    "scoring.presentation_rescore": _l("A presentation was sent back for scoring again."),
    "scoring.presentation_scored": _l("A panel member scored a presentation."),
    "scoring.remark_started": _l("Blind re-marking began."),
    "scoring.scores_locked": _l("The scores were locked."),
    "scoring.scripts_created": _l("The scripts were given anonymous codes."),
    "sitting.attempt_started": _l("A candidate started the test."),
    "sitting.checked_in": _l("A candidate checked in and received their paper, sealed."),
    "sitting.extra_time_granted": _l("The proctor granted extra time."),
    "sitting.late_entry_admitted": _l("The proctor admitted a candidate late."),
    "sitting.papers_drawn": _l("The public value was entered and every paper drawn."),
    "sitting.part_configured": _l("A part of the test was set up."),
    "sitting.part_removed": _l("A part of the test was removed."),
    "sitting.room_rules_set": _l("The room rules were set."),
    "sitting.sealed": _l("The papers were sealed and the commitments published."),
    "sitting.secret_revealed": _l("The draw's secret was revealed."),
    "sitting.submitted": _l("A candidate submitted their paper."),
    "vote.ballot_cast": _l("A board member voted."),
    "vote.closed": _l("A board vote was closed."),
    "vote.opened": _l("A board vote was opened."),
}

# The stage change reads better naming the stage it reached.
STAGE_SENTENCE = _l("The competition moved to the stage “%(stage)s”.")
SITTING_OPENED = _l("The room was opened: candidates can start.")

FIELDS = {
    "action": _l("What is done to the item"),
    "admitted_late": _l("Admitted late"),
    "checkin_minutes": _l("Check-in opens (minutes before the start)"),
    "instructions": _l("Instructions shown before the part"),
    "paper_key_released": _l("Started by releasing the sealed paper's key"),
    "after": _l("After"),
    "annulled": _l("Annulled"),
    "answers_sha256": _l("Digest of the answers"),
    "application_id": _l("Application number"),
    "application_ids": _l("Application numbers"),
    "automatic": _l("Submitted automatically"),
    "basis": _l("Basis"),
    "before": _l("Before"),
    "blueprint_digest": _l("Blueprint digest"),
    "blueprint_sha256": _l("Blueprint SHA-256"),
    "body": _l("Deciding body"),
    "browser_exam_keys": _l("Browser exam keys"),
    "candidate_number": _l("Candidate number"),
    "candidates": _l("Candidates"),
    "candidates_digest": _l("Digest of the candidate numbers"),
    "capacity": _l("Capacity"),
    "category": _l("Category"),
    "cells": _l("Blueprint rows"),
    "chair_id": _l("Panel chair (account number)"),
    "characters": _l("Characters masked"),
    "closes_at": _l("Closes at"),
    "code": lazy_pgettext("audit field", "Code"),
    "code_map_sha256": _l("Digest of the code map"),
    "config_key": _l("Configuration key"),
    "conflicts": _l("Conflicts declared"),
    "count": _l("Number"),
    "data_sha256": _l("Digest of the data"),
    "decision": _l("Decision"),
    "departs_from_ranking": _l("Departs from the ranking"),
    "difficulty": _l("Difficulty"),
    "digests": _l("Digests"),
    "document_sha256": _l("Digest of the signed document"),
    "documents": _l("Documents"),
    "draw_version": _l("Draw version"),
    "duration_seconds": _l("Time allowed"),
    "effect": _l("Effect"),
    "electorate": _l("Voters entitled"),
    "ended_at": _l("Ended at"),
    "examiner_id": _l("Examiner (account number)"),
    "examiner_ids": _l("Examiners (account numbers)"),
    "excluded": _l("Excluded"),
    "failed": _l("Criteria not met"),
    "file_sha256": _l("Digest of the file"),
    "final_marks_sha256": _l("Digest of the final marks"),
    "fingerprints_sha256": _l("Digest of the papers' fingerprints"),
    "flagged": _l("Flagged"),
    "format": _l("Format"),
    "from": _l("From"),
    "has_access_code": _l("Access code set"),
    "is_required": _l("Required"),
    "item_key": _l("Question"),
    "items": _l("Questions"),
    "job": _l("Job"),
    "key": _l("Key"),
    "kind": _l("Kind"),
    "known": _l("Acquaintances declared"),
    "late_entry_minutes": _l("Late entry (minutes)"),
    "loads": _l("Scripts per examiner"),
    "mark": lazy_pgettext("audit field", "Mark"),
    "mark_sealed": _l("Sealed mark"),
    "max_points": _l("Maximum"),
    "minutes": _l("Minutes"),
    "min_candidates": _l("Minimum number of candidates"),
    "missing": _l("Missing"),
    "name": _l("Name"),
    "networks": _l("Address ranges"),
    "new": _l("New mark"),
    "nonce": _l("Nonce"),
    "old": _l("Old mark"),
    "opened_by": _l("Opened by"),
    "option": _l("Option chosen"),
    "options": _l("Options"),
    "order": _l("Order"),
    "outcome": _l("Outcome"),
    "panel_quorum": _l("Panel quorum"),
    "papers": _l("Papers"),
    "part": _l("Part"),
    "part_key": _l("Part"),
    "parts": _l("Parts"),
    "pass_mark": _l("Pass mark"),
    "passage_sealed": _l("Sealed passage"),
    "points": _l("Points"),
    "position": _l("Position"),
    "present": _l("Present (account numbers)"),
    "priority_categories": _l("Priority categories"),
    "proctor_id": _l("Proctor (account number)"),
    "programme_deadline": _l("Programme deadline"),
    "public_value": _l("Public value"),
    "public_value_source": _l("Source of the public value"),
    "question": _l("Question put to the vote"),
    "questions_sha256": _l("Digest of the questions asked"),
    "quorum": _l("Quorum"),
    "ranking_position": _l("Place in the ranking"),
    "reason": _l("Reason"),
    "remark": _l("Re-mark"),
    "reply_days": _l("Days to reply"),
    "report": _l("Report number"),
    "rerun": _l("Rerun"),
    "result_sha256": _l("Digest of the result"),
    "result_version": _l("Result version"),
    "role": _l("Role"),
    "room": _l("Room"),
    "rooms": _l("Rooms"),
    "round": _l("Round"),
    "scoring_rule": _l("Scoring rule"),
    "score": _l("Score"),
    "scripts": _l("Scripts"),
    "seal_digest": _l("Seal digest"),
    "secret": _l("Secret"),
    "secret_commitment": _l("Commitment to the secret"),
    "seed": _l("Seed"),
    "seed_sha256": _l("Digest of the seed"),
    "sequence": _l("Call number"),
    "sha256": _l("Digest"),
    "size": _l("Size (bytes)"),
    "skipped": _l("Skipped"),
    "snapshot_commitment": _l("Commitment to the question snapshot"),
    "snapshot_items": _l("Questions in the snapshot"),
    "specialised_part": _l("Specialised part"),
    "stage": _l("Stage"),
    "started_at": _l("Started at"),
    "status": _l("Status"),
    "subject": _l("Subject"),
    "substantiated": _l("Substantiated"),
    "supersedes": _l("Replaces version"),
    "tally": _l("Tally"),
    "third_examiner_id": _l("Third examiner (account number)"),
    "threshold_percent": _l("Threshold (%)"),
    "tie_fallback": _l("If the vote ties"),
    "title": lazy_pgettext("audit field", "Title"),
    "to": _l("To"),
    "topic": _l("Topic"),
    "total": _l("Total"),
    "total_sealed": _l("Sealed total"),
    "type": _l("Type"),
    "upheld": _l("Upheld"),
    "user_id": _l("Account number"),
    "version": _l("Version"),
    "vote_id": _l("Vote number"),
    "voted": _l("Voted"),
    "voters": _l("Voters (account numbers)"),
    "votes": _l("Votes"),
    "weight": _l("Weight"),
    "why": _l("Why it closed"),
    "written_part": _l("Written part"),
    # inside records: the competition's rules, result rules, the public value's source
    "appeal_days": _l("Days for re-mark appeals"),
    "description": _l("Description"),
    "known_after": _l("Known after"),
    "label": _l("Label"),
    "max_age": _l("Maximum age"),
    "min_management_years": _l("Minimum years in management"),
    "objection_days": _l("Days for objections"),
    "post": _l("Post"),
    "qualifications": _l("Qualifications"),
    "registration_closes_at": _l("Registration closes"),
    "registration_opens_at": _l("Registration opens"),
    "required_degree": _l("Required degree"),
    "required_documents": _l("Required documents"),
    "reserve_months": _l("Reserve list valid (months)"),
    "reserve_size": _l("Size of the reserve list"),
    "sitting_closes_at": _l("Sitting closes"),
    "sitting_opens_at": _l("Sitting opens"),
    "tie_break_parts": _l("Tie-break parts"),
    "unit": _l("Unit"),
    "vacancies": _l("Vacancies"),
}
# Inside a record, a "key" names a part or a category, not a question of the bank.
NESTED_FIELDS = {"key": lazy_pgettext("audit field", "Code"),
                 "title": lazy_pgettext("audit field", "Title")}

CODES = {
    "present": _l("present"), "absent": _l("absent"), "refused": _l("refused"),
    "pending": _l("pending"), "upheld": _l("upheld"), "rejected": _l("rejected"),
    "filed": _l("filed"), "remarking": _l("being re-marked"), "decided": _l("decided"),
    "correct": _l("score against the corrected key"),
    "neutralise": _l("drop the question, spread its points"),
    "award": _l("drop the question, everyone gets its points"),
    "first": _l("first examiner"), "second": _l("second examiner"),
    "third": _l("third examiner"), "calibration": _l("calibration"),
    "mean": _l("the mean of the marks"), "objective": _l("objective"), "essay": _l("essay"),
    "provisional": _l("provisional"), "final": _l("final"),
    "result_sheet": _l("result sheet"), "score_sheet": _l("score sheet"),
    "filled": _l("post filled"), "exhausted": _l("list exhausted"),
    "no_decision": _l("no decision"), "all_voted": _l("everyone voted"),
    "deadline": _l("the deadline passed"), "spread": _l("spread rule"),
    "revote": _l("vote again"), "shared_variant": _l("one variant for everyone"),
}

# Fields whose values were recorded as the English of a catalogued message.
TRANSLATED = frozenset({"failed"})
_HEX = re.compile(r"^[0-9a-f]{32,}$")
_DECIMAL = re.compile(r"^-?\d+\.\d+$")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


@dataclass(frozen=True)
class Detail:
    label: str
    value: str
    is_digest: bool = False
    full: str = ""


def _code_labels() -> dict:
    """Every code a payload may hold, in the reader's words (stages, roles, kinds, ...)."""
    from exam.appointment import remedies
    from exam.appointment.service import OUTCOME_LABELS
    from exam.competitions.service import ROLE_LABELS, STAGE_LABELS
    from exam.labels import DEGREE_LABELS, DIFFICULTY_LABELS, TYPE_LABELS
    from exam.oversight.service import CATEGORY_LABELS
    from exam.oversight.votes import KIND_LABELS as VOTE_KINDS

    labels = dict(CODES)
    for table in (STAGE_LABELS, ROLE_LABELS, remedies.KIND_LABELS, remedies.BODY_LABELS,
                  remedies.EFFECT_LABELS, OUTCOME_LABELS, CATEGORY_LABELS, VOTE_KINDS,
                  DEGREE_LABELS, TYPE_LABELS, DIFFICULTY_LABELS):
        labels.update({str(k): v for k, v in table.items()})
    return labels


def field_label(key: str) -> str:
    label = FIELDS.get(key)
    return str(label) if label is not None else key.replace("_", " ")


def sentence(action: str, payload: dict | None = None) -> str:
    """One sentence for the action; empty for an action this table does not know (the page
    then names it by its code)."""
    payload = payload or {}
    if action == "competition.stage_changed" and payload.get("to"):
        if payload["to"] == "sitting":
            return str(SITTING_OPENED)
        stage = _code_labels().get(str(payload["to"]), payload["to"])
        return str(STAGE_SENTENCE) % {"stage": stage}
    text = ACTIONS.get(action)
    return str(text) if text is not None else ""


def parse(payload: str) -> dict:
    try:
        value = json.loads(payload or "{}")
    except ValueError:
        return {"": payload}
    return value if isinstance(value, dict) else {"": value}


def _scalar(key: str, value, labels: dict) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float):
        if key == "duration_seconds":
            return _("%(n)d minutes", n=int(value) // 60)
        return format_decimal(value)
    text = str(value)
    if text in labels and key not in ("key", "item_key", "code", "candidate_number", "title",
                                      "name", "reason", "question", "public_value"):
        return str(labels[text])
    if _DECIMAL.match(text):
        try:
            number = Decimal(text)
        except InvalidOperation:
            return text
        return format_decimal(number, format="#,##0.##")
    if _ISO.match(text):
        try:
            return format_datetime(datetime.fromisoformat(text), "short")
        except ValueError:
            return text
    return text


def _nested_label(key: str) -> str:
    return str(NESTED_FIELDS[key]) if key in NESTED_FIELDS else field_label(key)


def _compound(key: str, value, labels: dict) -> str:
    """Lists and nested records as one line each: "label: value; label: value"."""
    if isinstance(value, dict):
        return "; ".join(f"{_nested_label(k)}: {_compound(k, v, labels)}"
                         for k, v in value.items())
    if isinstance(value, list):
        if key in TRANSLATED:
            return ", ".join(_(str(v)) for v in value) or "—"
        if all(not isinstance(v, dict | list) for v in value):
            return ", ".join(_scalar(key, v, labels) for v in value) or "—"
        return " · ".join(f"({_compound(key, v, labels)})" for v in value)
    return _scalar(key, value, labels)


def details(payload: str) -> list[Detail]:
    """The entry's fields, each under its label; digests keep their full value apart."""
    labels = _code_labels()
    out = []
    for key, value in parse(payload).items():
        if isinstance(value, str) and _HEX.match(value):
            out.append(Detail(field_label(key), value[:16] + "…", True, value))
        elif isinstance(value, dict | list):
            out.append(Detail(field_label(key), _compound(key, value, labels)))
        else:
            out.append(Detail(field_label(key), _scalar(key, value, labels)))
    return out
