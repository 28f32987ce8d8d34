"""How old a salary figure is, counted one way everywhere: content health's stale figures and the
admin's career listing filter ("gathered more than 12 months ago") share this."""

from __future__ import annotations

import calendar
import datetime


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` calendar months earlier, clamped to the month's end (31 May -> 28 Feb)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))
