"""Geometry for the dashboard's server-rendered SVG charts (no JavaScript, no other host).

A line chart plots one number column of a day-by-day table; a bar chart plots the first number
column of a ranking. Suppressed cells are drawn as gaps (line) or empty bars, never as values.
"""
from __future__ import annotations

from dataclasses import dataclass

from .report import Count, Rate, Table

WIDTH, HEIGHT, PAD = 640, 180, 28


@dataclass
class LineChart:
    points: list[tuple[float, float]]      # one polyline per run of shown values
    runs: list[str]
    top: str                               # the largest value, formatted by the caller
    top_value: float
    first: object
    last: object
    width: int = WIDTH
    height: int = HEIGHT


@dataclass
class Bar:
    label: object                          # a table cell, formatted by the template
    width: float
    value: object


def _number(cell) -> float | None:
    if isinstance(cell, Count):
        return None if cell.suppressed else float(cell.value)
    if isinstance(cell, Rate):
        return cell.value
    return None


def line(table: Table, column: int) -> LineChart | None:
    values = [_number(row[column]) for row in table.rows]
    shown = [v for v in values if v is not None]
    if not table.rows or not shown:
        return None
    top = max(shown) or 1.0
    step = (WIDTH - 2 * PAD) / max(len(values) - 1, 1)
    runs, current, points = [], [], []
    for i, value in enumerate(values):
        if value is None:
            if current:
                runs.append(" ".join(current))
            current = []
            continue
        x = PAD + i * step
        y = HEIGHT - PAD - (value / top) * (HEIGHT - 2 * PAD)
        points.append((round(x, 1), round(y, 1)))
        current.append(f"{x:.1f},{y:.1f}")
    if current:
        runs.append(" ".join(current))
    return LineChart(points, runs, "", top, table.rows[0][0], table.rows[-1][0])


def bars(table: Table, column: int = 1) -> list[Bar]:
    values = [(row[0], row[column], _number(row[column])) for row in table.rows]
    top = max((v for _, _, v in values if v is not None), default=0) or 1.0
    return [Bar(label, 0.0 if v is None else round(100 * v / top, 1), cell)
            for label, cell, v in values]
