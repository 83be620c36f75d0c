"""Blind scoring by panels: the functions other areas and the web call.

The rules live beside the code that applies them: preparation.py (codes, scripts, identity
leaks), panels.py (panels, conflicts, the draw), marking.py (marks, reconciliation, the chair),
outcome.py (lock, reveal, final marks, re-marks), presentation.py (the presentation round) and
statistics.py (examiner statistics).
"""

from exam.scoring.marking import (
    add_calibration_script,
    awaiting_chair,
    calibration_marks,
    current_remark,
    final_mark,
    get_assignment,
    group_state,
    last_mark,
    marks_for_chair,
    reconcile,
    save_mark,
    settle_script,
    states_of,
    submitted_mark,
    threshold_points,
    work_for,
)
from exam.scoring.outcome import (
    code_map,
    final_part_marks,
    lock_scores,
    remark_outcome,
    reveal_identities,
    scoring_summary,
    start_remark,
)
from exam.scoring.panels import (
    add_panel_examiner,
    anonymity_warnings,
    assign_markers,
    candidates_for_declaration,
    declaration_is_open,
    declare_conflicts,
    examiners_of,
    get_panel,
    latest_declaration,
    panel_for,
    panel_is_drawn,
    panels,
    parts_without_panel,
    plan_assignment,
    set_up_panel,
    verify_draws,
)
from exam.scoring.preparation import (
    add_script,
    create_scripts,
    dismiss_leak,
    find_leaks,
    flagged_scripts,
    get_script,
    is_flagged,
    mask_passage,
    masked_passages,
    parse_rubric,
    review_leak,
    rubric_of,
    scripts_of,
    shown_text,
)
from exam.scoring.presentation import (
    confirm_presentation,
    decide_presentation,
    part_is_blind,
    presentation_results,
    presentation_sheet,
    submit_presentation_score,
)
from exam.scoring.statistics import (
    ALPHA_SOURCE,
    ICC_SOURCE,
    examiner_statistics,
)

__all__ = [
    "ALPHA_SOURCE", "ICC_SOURCE", "add_calibration_script", "add_panel_examiner", "add_script",
    "anonymity_warnings", "assign_markers", "awaiting_chair", "calibration_marks",
    "candidates_for_declaration", "code_map", "confirm_presentation", "create_scripts",
    "current_remark", "decide_presentation", "declaration_is_open", "declare_conflicts",
    "dismiss_leak", "examiner_statistics", "examiners_of", "final_mark", "final_part_marks",
    "find_leaks", "flagged_scripts", "get_assignment", "get_panel", "get_script", "group_state",
    "is_flagged", "last_mark", "latest_declaration", "lock_scores", "marks_for_chair",
    "mask_passage", "masked_passages", "review_leak", "panel_for", "panel_is_drawn", "panels", "parse_rubric", "part_is_blind",
    "parts_without_panel", "plan_assignment", "presentation_results", "presentation_sheet",
    "reconcile", "remark_outcome", "reveal_identities", "rubric_of", "save_mark",
    "scoring_summary", "scripts_of", "set_up_panel", "settle_script", "shown_text", "start_remark",
    "states_of", "submit_presentation_score", "submitted_mark", "threshold_points", "verify_draws",
    "work_for",
]
