"""The platform's signature on submission receipts: detached CMS, and a certified PDF."""

from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _

from exam.documents import keystore, pdf, signing
from exam.sitting.models import Attempt
from exam.timefmt import to_local


def platform_key():
    """The organization's signing key, or None on an install that has none yet."""
    folder = current_app.config["SIGNING_KEY_FOLDER"]
    if not keystore.has_keys(folder):
        return None
    try:
        return keystore.organization_key(folder, current_app.config.get("SIGNING_PASSWORD"))
    except keystore.KeyMissing:
        return None


def platform_signer():
    """A callable signing bytes with the organization key (None when no key is installed)."""
    key = platform_key()
    if key is None:
        return None
    return lambda data: signing.sign_detached(data, key)


def is_receipt_signature_valid(attempt: Attempt) -> bool:
    from exam.sitting.attempts import verify_receipt

    if not attempt.receipt_signature:
        return False
    config = current_app.config
    folder = config["SIGNING_KEY_FOLDER"]
    pinned = keystore.organization_certificate_sha256(folder, config.get("SIGNING_CERT_SHA256"),
                                                      config.get("SIGNING_PASSWORD"))
    if pinned is None:
        return False
    return verify_receipt(attempt.receipt_statement, attempt.receipt_signature,
                          keystore.trust_roots(folder), signer_sha256=pinned)


def receipt_pdf(attempt: Attempt, competition, candidate_name: str) -> bytes:
    """A one-page receipt; certified with the organization key when one is installed."""
    header = pdf.SheetHeader(
        organization=current_app.config["ORGANIZATION_NAME"], competition_title=competition.title,
        title=_("Submission receipt"), post=competition.post, unit=competition.unit,
        post_label=_("Post"), unit_label=_("Unit"), page_label=_("Page {page}/{pages}"))
    submitted = to_local(attempt.submitted_at).strftime("%d/%m/%Y %H:%M:%S (%z)")
    notes = [_("The SHA-256 above is computed over the canonical JSON of every answer exactly as "
               "submitted; download it from the receipt page to check it."),
             _("Signed statement: %(statement)s", statement=attempt.receipt_statement)]
    if attempt.is_auto_submitted:
        notes.insert(0, _("Submitted automatically when the time ran out."))
    data = pdf.build_submission_receipt(pdf.SubmissionReceipt(
        header=header, candidate_number=attempt.paper.candidate_number,
        candidate_name=candidate_name, submitted_at=submitted,
        answers_sha256=attempt.answers_sha256, notes=notes,
        candidate_number_label=_("Candidate number"), candidate_name_label=_("Full name"),
        submitted_at_label=_("Submitted at"), answers_sha256_label=_("SHA-256 of the answers")))
    key = platform_key()
    if key is None:
        return data
    return signing.certify_pdf(data, key, reason=_("Submission receipt"),
                               location=current_app.config["ORGANIZATION_NAME"])
