"""How a dashboard cell is shown: Babel formats for the viewer's language, "<5" for small counts."""
from __future__ import annotations

from datetime import date

from babel import Locale
from flask import current_app
from flask_babel import format_date, format_decimal, format_percent, get_locale

from .. import locales
from ..usage.report import Count, LanguageTag, Rate


def _small() -> str:
    return f"<{current_app.config['USAGE_MIN_CELL']}"


def cell_text(cell) -> str:
    """For the page: numbers, dates and percentages in the viewer's locale."""
    if isinstance(cell, Count):
        return _small() if cell.suppressed else format_decimal(cell.value)
    if isinstance(cell, Rate):
        if cell.value is None:
            return "—"
        return format_percent(cell.value, "#,##0.0%") if cell.percent else format_decimal(cell.value, "#,##0.00")
    if isinstance(cell, date):
        return format_date(cell, "medium")
    if isinstance(cell, LanguageTag):
        language = locales.BY_TAG.get(cell.tag)
        if language is None:
            return cell.tag
        return Locale.parse(language.babel_id).get_display_name(get_locale()) or cell.tag
    return "" if cell is None else str(cell)


def plain_cell(cell):
    """For CSV and JSON: plain numbers (rates as fractions), "<5" for suppressed counts."""
    if isinstance(cell, Count):
        return _small() if cell.suppressed else cell.value
    if isinstance(cell, Rate):
        return None if cell.value is None else round(cell.value, 4)
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, LanguageTag):
        return cell.tag
    return cell
