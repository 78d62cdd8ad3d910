"""``/admin/usage``: the usage dashboard, each table as CSV, and the same figures as JSON."""
from __future__ import annotations

import csv
import io
from datetime import date, timedelta

from flask import Response, abort, current_app, g, jsonify, render_template, request, url_for
from sqlalchemy import func, select

from .. import locales
from ..extensions import db
from ..models.usage import UsageDaily
from ..usage import charts, live
from ..usage.report import Period, Report
from ..usage.salt import today
from . import bp
from .formatting import cell_text, plain_cell
from .figures_access import figures_access

bp.add_app_template_filter(cell_text, "cell")

PRESETS = {"7": 7, "30": 30, "90": 90}
MAX_DAYS = 731


class QueryError(ValueError):
    """A period or filter the dashboard cannot show; its message is shown with a 400."""


def _campaign_start(end: date) -> date:
    configured = current_app.config["USAGE_CAMPAIGN_START"]
    if configured:
        return date.fromisoformat(configured)
    first = db.session.scalar(select(func.min(UsageDaily.day)))
    return min(first or end, end)


def _period(now: date) -> tuple[Period, str]:
    args = request.args
    if args.get("start") or args.get("end"):
        try:
            start = date.fromisoformat(args.get("start", ""))
            end = date.fromisoformat(args.get("end", ""))
        except ValueError:
            raise QueryError("Dates must be written YYYY-MM-DD, both start and end.") from None
        if end < start:
            raise QueryError("The end date is before the start date.")
        if (end - start).days >= MAX_DAYS:
            raise QueryError(f"Choose a period of at most {MAX_DAYS} days.")
        return Period(start, end), "custom"
    preset = args.get("preset", "30")
    if preset == "campaign":
        return Period(_campaign_start(now), now), preset
    if preset not in PRESETS:
        raise QueryError("Unknown preset: use 7, 30, 90 or campaign.")
    return Period(now - timedelta(days=PRESETS[preset] - 1), now), preset


def _locale() -> str | None:
    tag = request.args.get("locale") or None
    if tag is not None and tag not in locales.BY_TAG:
        raise QueryError("Unknown language: use one of " + ", ".join(locales.TAGS) + ".")
    return tag


def _report() -> tuple[Report, str]:
    now = today()
    period, preset = _period(now)
    locale = _locale()
    live.freshen(now)
    compare = request.args.get("compare") == "1"
    return Report(period, locale, current_app.config["USAGE_MIN_CELL"], compare), preset


@bp.errorhandler(QueryError)
def _bad_request(error: QueryError):
    """A period or filter the dashboard cannot show: a 400 that says why (JSON for JSON)."""
    if request.path.endswith(".json"):
        response = jsonify(error=str(error))
    else:
        response = Response(render_template("admin/error.html", message=str(error), back=url_for("admin.usage")), mimetype="text/html")
    response.status_code = 400
    return response


@bp.before_request
def _viewer_language():
    g.lang = locales.get(locales.negotiate(request.accept_languages))


@bp.after_request
def _private(response):
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/usage")
@figures_access
def usage():
    report, preset = _report()
    tables = report.tables()
    drawn = {}
    for table in tables:
        if table.chart == "line":
            drawn[table.id] = charts.line(table, table.chart_column)
        elif table.chart == "bars":
            drawn[table.id] = charts.bars(table, table.chart_column)
    query = {k: v for k, v in request.args.items() if k in ("preset", "start", "end", "locale", "compare")}
    return render_template("admin/usage.html", report=report, tables=tables, charts=drawn,
                           preset=preset, query=query, languages=locales.LANGUAGES,
                           csv_url=lambda t: url_for("admin.usage_csv", table_id=t, **query),
                           json_url=url_for("admin.usage_json", **query))


@bp.get("/usage/<table_id>.csv")
@figures_access
def usage_csv(table_id: str):
    report, _ = _report()
    table = next((t for t in report.tables() if t.id == table_id), None)
    if table is None:
        abort(404)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table.columns)
    writer.writerows([plain_cell(c) for c in row] for row in table.rows)
    name = f"rightcall-{table.id}-{report.period.start}-{report.period.end}.csv"
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.get("/usage.json")
@figures_access
def usage_json():
    report, _ = _report()
    return jsonify(
        period={"start": report.period.start.isoformat(), "end": report.period.end.isoformat()},
        locale=report.locale, min_cell=report.min_cell,
        tables=[{"id": t.id, "title": t.title, "columns": t.columns,
                 "rows": [[plain_cell(c) for c in row] for row in t.rows]} for t in report.tables()])


