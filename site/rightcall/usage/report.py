"""The dashboard's figures for a period and a language, read from the daily rollups only.

Every figure is a :class:`Table` (the page, the charts, the CSV export and the JSON endpoint all
use the same tables), and every count below ``USAGE_MIN_CELL`` is suppressed — shown as "<5" —
so rare combinations cannot single anyone out. Rates are suppressed when their denominator is.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import and_, func, or_, select

from ..extensions import db
from ..models.usage import UsageDaily
from .rollup import ALL

D = UsageDaily
EMERGENCY, NON_EMERGENCY = "emergency-911", "police-non-emergency"


@dataclass(frozen=True)
class Count:
    value: int
    suppressed: bool


@dataclass(frozen=True)
class LanguageTag:
    """A language's URL tag, shown by its name in the viewer's language (Babel)."""

    tag: str


@dataclass(frozen=True)
class Rate:
    """``part / whole``; suppressed (None) when ``whole`` is a suppressed count or zero."""

    part: int
    whole: int
    suppressed: bool
    percent: bool = True           # shown as a percentage (a share) or as a plain ratio

    @property
    def value(self) -> float | None:
        return None if self.suppressed or not self.whole else self.part / self.whole


@dataclass
class Table:
    id: str
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    chart: str | None = None       # "line" | "bars" | None
    chart_column: int = 1          # the column the chart draws


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> "Period":
        return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1))

    def each_day(self):
        return [self.start + timedelta(days=i) for i in range(self.days)]


class Report:
    """All figures for ``period`` (and optionally one ``locale``), with suppression applied."""

    def __init__(self, period: Period, locale: str | None, min_cell: int, compare: bool = False):
        self.period, self.locale, self.min_cell, self.compare = period, locale, min_cell, compare
        self.breakdowns = self._breakdowns(period)
        self.daily = self._daily(period)
        self.previous = self._breakdowns(period.previous()) if compare else None

    # -- reading the rollups ------------------------------------------------------------------
    def _where(self, period: Period, per_language: bool = False):
        """Rows of ``period``: the chosen language's, or (``per_language``) each language's."""
        conditions = [D.day >= period.start, D.day <= period.end]
        if self.locale:
            conditions.append(D.locale == self.locale)
        elif per_language:
            conditions.append(D.locale != ALL)
        else:
            conditions.append(D.locale == ALL)
        return and_(*conditions)

    def _breakdowns(self, period: Period) -> dict[tuple[str, str], dict[str, int]]:
        """(kind, dimension) → {value: count} over the whole period; locales in ("*", "locale")."""
        out: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
        query = (select(D.kind, D.dimension, D.value, func.sum(D.count)).where(self._where(period))
                 .group_by(D.kind, D.dimension, D.value))
        for kind, dimension, value, count in db.session.execute(query):
            out[(kind, dimension)][value] = int(count)
        by_locale = (select(D.kind, D.locale, func.sum(D.count))
                     .where(self._where(period, per_language=True), D.dimension == "total")
                     .group_by(D.kind, D.locale))
        for kind, locale, count in db.session.execute(by_locale):
            out[(kind, "locale")][locale] = int(count)
        return out

    def _daily(self, period: Period) -> dict[tuple[str, str, str], dict[date, int]]:
        """Day-by-day series: every kind's total, taps per service, quiz and fallback answers."""
        wanted = or_(D.dimension == "total",
                     and_(D.kind == "call_tap", D.dimension == "service",
                          D.value.in_([EMERGENCY, NON_EMERGENCY])),
                     and_(D.kind == "quiz_answer", D.dimension == "correct"),
                     and_(D.kind == "chat_outcome", D.dimension == "fallback"),
                     and_(D.kind == "pageview", D.dimension == "visitors"))
        query = (select(D.kind, D.dimension, D.value, D.day, func.sum(D.count))
                 .where(self._where(period), wanted).group_by(D.kind, D.dimension, D.value, D.day))
        out: dict[tuple[str, str, str], dict[date, int]] = defaultdict(dict)
        for kind, dimension, value, day, count in db.session.execute(query):
            out[(kind, dimension, value)][day] = int(count)
        return out

    # -- suppression ----------------------------------------------------------------------------
    def count(self, value: int) -> Count:
        return Count(value, 0 < value < self.min_cell)

    def rate(self, part: int, whole: int, percent: bool = True) -> Rate:
        return Rate(part, whole, whole == 0 or whole < self.min_cell or 0 < part < self.min_cell, percent)

    def total(self, kind: str, source=None) -> int:
        return sum(self.values(kind, "total", source).values())

    def values(self, kind: str, dimension: str, source=None) -> dict[str, int]:
        """``source``: the previous period's breakdowns (an empty period is still that period)."""
        return (self.breakdowns if source is None else source).get((kind, dimension), {})

    # -- the tables -----------------------------------------------------------------------------
    def tables(self) -> list[Table]:
        return [self.summary(), self.pageviews_by_day(), self.languages(),
                self.ranking("pages", "Top pages", "pageview", "page", "Page"),
                self.ranking("referrers", "Referring sites", "pageview", "referrer", "Site"),
                self.ranking("campaigns", "Campaigns (utm_campaign)", "pageview", "utm_campaign", "Campaign"),
                self.ranking("sources", "Sources (utm_source)", "pageview", "utm_source", "Source"),
                self.ranking("devices", "Devices", "pageview", "device", "Device"),
                self.ranking("routes", "Where the assistant sent people", "chat_outcome", "route", "Service"),
                self.ranking("intents", "Situations asked about (assistant intents)", "chat_outcome", "intent", "Intent"),
                self.fallback_intents(),
                self.ranking("call_taps", "Call taps by service", "call_tap", "service", "Service"),
                self.taps_ratio_by_day(), self.quiz_by_day(), self.quiz_scenarios(),
                self.ranking("language_switches", "Language switches (from)", "language_switch", "from", "From",
                             as_label=LanguageTag)]

    def summary(self) -> Table:
        table = Table("summary", "Summary", ["Figure", "This period", "Previous period"])
        for label, compute in [
            ("Page views", lambda s: self.count(self.total("pageview", s))),
            ("Visitors (daily, summed)", lambda s: self.count(sum(self.values("pageview", "visitors", s).values()))),
            ("Assistant conversations", lambda s: self.count(self.total("chat_started", s))),
            ("Assistant answers", lambda s: self.count(self.total("chat_outcome", s))),
            ("Not understood (fallback rate)", lambda s: self.rate(
                self.values("chat_outcome", "fallback", s).get("yes", 0), self.total("chat_outcome", s))),
            ("Sent to 9-1-1 by the safety layer", lambda s: self.count(
                self.values("chat_outcome", "safety", s).get("yes", 0))),
            ("Call taps", lambda s: self.count(self.total("call_tap", s))),
            ("9-1-1 taps", lambda s: self.count(self.values("call_tap", "service", s).get(EMERGENCY, 0))),
            ("Non-emergency taps", lambda s: self.count(self.values("call_tap", "service", s).get(NON_EMERGENCY, 0))),
            ("Quiz answers", lambda s: self.count(self.total("quiz_answer", s))),
            ("Quiz accuracy", lambda s: self.rate(
                self.values("quiz_answer", "correct", s).get("yes", 0), self.total("quiz_answer", s))),
        ]:
            table.rows.append([label, compute(self.breakdowns),
                               compute(self.previous) if self.previous is not None else None])
        if self.previous is None:
            table.columns.pop()
            for row in table.rows:
                row.pop()
        return table

    def pageviews_by_day(self) -> Table:
        table = Table("pageviews_by_day", "Page views by day", ["Day", "Page views", "Visitors"], chart="line")
        views = self.daily.get(("pageview", "total", ""), {})
        visitors = self.daily.get(("pageview", "visitors", ""), {})
        for day in self.period.each_day():
            table.rows.append([day, self.count(views.get(day, 0)), self.count(visitors.get(day, 0))])
        return table

    def languages(self) -> Table:
        table = Table("languages", "Page views by language", ["Language", "Page views", "Assistant answers"], chart="bars")
        views = self.values("pageview", "locale")
        answers = self.values("chat_outcome", "locale")
        for locale in sorted(set(views) | set(answers), key=lambda l: -views.get(l, 0)):
            table.rows.append([LanguageTag(locale), self.count(views.get(locale, 0)),
                               self.count(answers.get(locale, 0))])
        return table

    def ranking(self, table_id: str, title: str, kind: str, dimension: str, label: str,
                limit: int = 15, as_label=lambda value: value or "(none)") -> Table:
        table = Table(table_id, title, [label, "Count", "Share"], chart="bars")
        values = self.values(kind, dimension)
        whole = sum(values.values())
        for value, count in sorted(values.items(), key=lambda item: (-item[1], item[0]))[:limit]:
            table.rows.append([as_label(value), self.count(count), self.rate(count, whole)])
        return table

    def fallback_intents(self) -> Table:
        table = Table("fallback_intents", "Intents most often not understood",
                      ["Intent", "Not understood", "Of answers", "Rate"], chart="bars")
        fallbacks = self.values("chat_outcome", "fallback_intent")
        answers = self.values("chat_outcome", "intent")
        for intent, count in sorted(fallbacks.items(), key=lambda item: -item[1])[:15]:
            whole = answers.get(intent, 0)
            table.rows.append([intent, self.count(count), self.count(whole), self.rate(count, whole)])
        return table

    def taps_ratio_by_day(self) -> Table:
        table = Table("taps_ratio_by_day", "9-1-1 taps per non-emergency tap, by day",
                      ["Day", "9-1-1 taps", "Non-emergency taps", "Ratio"], chart="line",
                      chart_column=3)
        emergency = self.daily.get(("call_tap", "service", EMERGENCY), {})
        other = self.daily.get(("call_tap", "service", NON_EMERGENCY), {})
        for day in self.period.each_day():
            e, o = emergency.get(day, 0), other.get(day, 0)
            table.rows.append([day, self.count(e), self.count(o), self.rate(e, o, percent=False)])
        return table

    def quiz_by_day(self) -> Table:
        table = Table("quiz_by_day", "Quiz accuracy by day", ["Day", "Answers", "Correct", "Accuracy"],
                      chart="line", chart_column=3)
        right = self.daily.get(("quiz_answer", "correct", "yes"), {})
        wrong = self.daily.get(("quiz_answer", "correct", "no"), {})
        for day in self.period.each_day():
            r, w = right.get(day, 0), wrong.get(day, 0)
            table.rows.append([day, self.count(r + w), self.count(r), self.rate(r, r + w)])
        return table

    def quiz_scenarios(self) -> Table:
        table = Table("quiz_scenarios", "Quiz scenarios, hardest first (misconceptions that persist)",
                      ["Scenario", "Answers", "Correct", "Accuracy"])
        answers = self.values("quiz_answer", "scenario")
        right = self.values("quiz_answer", "scenario_correct")
        rows = [[s, self.count(n), self.count(right.get(s, 0)), self.rate(right.get(s, 0), n)]
                for s, n in answers.items()]
        rows.sort(key=lambda row: (row[3].value is None, row[3].value or 0, row[0]))
        table.rows = rows
        return table
