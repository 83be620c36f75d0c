"""The appointing authority records its decision in the browser; the public page shows it."""

import pytest
from playwright.sync_api import expect

from tests.appointment.helpers import ANH, REASONS, final_scene
from tests.browser.conftest import assert_accessible, pdf_file, screenshot
from tests.browser.test_registration import sign_in
from tests.conftest import Clock

pytestmark = pytest.mark.browser


def fill_decision(page, candidate_id: int, day: str, pdf: str, reasons: str = "") -> None:
    page.locator("#application_id").select_option(str(candidate_id))
    page.locator("#number").fill("45/QĐ-UBND")
    page.locator("#decided_on").fill(day)
    page.locator("#term_months").fill("60")
    page.locator("#reasons").fill(reasons)
    page.locator("#document").set_input_files(pdf)
    page.locator("#decision-form button[type=submit]").click()


def test_authority_departs_from_the_ranking_with_reasons_shown_publicly(
        page, live_server, app_context, tmp_path):
    session = live_server.session()
    clock = Clock()
    scene = final_scene(session, clock)
    session.commit()
    competition_id, signer_email = scene.competition.id, scene.signer.email
    candidate_id, candidate_number = scene.app(ANH).id, scene.app(ANH).candidate_number
    session.close()
    url = live_server.url
    pdf = pdf_file(tmp_path, "quyet-dinh.pdf")

    sign_in(page, url, signer_email)
    page.goto(f"{url}/manage/{competition_id}/appointment")
    assert_accessible(page, "appointment-manage")
    fill_decision(page, candidate_id, clock.now.date().isoformat(), pdf)
    expect(page.locator(".flash-error")).to_be_visible()
    expect(page.locator("#decision-form")).to_be_visible()

    fill_decision(page, candidate_id, clock.now.date().isoformat(), pdf, reasons=REASONS)
    expect(page.locator(".flash-success")).to_be_visible()
    expect(page.get_by_text(REASONS)).to_be_visible()
    screenshot(page, "appointment-recorded")

    page.goto(f"{url}/competitions/{competition_id}")
    decisions = page.locator("#appointment-decisions")
    expect(decisions).to_contain_text(ANH)
    expect(decisions).to_contain_text(candidate_number)
    expect(decisions.locator(".departure-reasons")).to_have_text(REASONS)
    expect(decisions.locator(".badge-warn")).to_be_visible()
    assert_accessible(page, "appointment-public")
    screenshot(page, "appointment-public")
