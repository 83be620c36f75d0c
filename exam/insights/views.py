import json

from flask import Blueprint, render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from exam.competitions import service as competitions
from exam.db import db_session
from exam.insights import service

bp = Blueprint("insights", __name__, url_prefix="/manage/<int:competition_id>/insights")


def _bin_labels() -> list[str]:
    step = 100 // service.BINS
    return [f"{low}–{low + step}%" for low in range(0, 100, step)]


@bp.get("/")
@login_required
def overview(competition_id: int):
    session = db_session()
    competition = competitions.get_competition(session, competition_id)
    report = service.item_report(session, current_user, competition)
    distributions = service.part_distributions(session, current_user, competition)
    labels = _bin_labels()
    bars = {d.part_key: json.dumps({"type": "bar", "labels": labels, "values": d.counts,
                                    "label": _("Candidates")}) for d in distributions}
    scatter = json.dumps({"type": "scatter", "label": _("Items"),
                          "points": [[round(i.facility, 3), round(i.discrimination, 3)]
                                     for i in report.items if i.discrimination is not None]})
    return render_template("insights/overview.html", competition=competition, report=report,
                           distributions=distributions, bin_labels=labels, bars=bars,
                           scatter=scatter, advice=ADVICE)


ADVICE = {"too_easy": _l("Almost everyone earns it"), "too_hard": _l("Almost nobody earns it"),
          "weak": _l("Does not separate stronger from weaker candidates"), "": ""}
