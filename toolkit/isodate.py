"""ISO 8601 / W3C date values as TEI's dating attributes hold them, read into intervals.

TEI's @when, @from, @to, @notBefore and @notAfter take the XML Schema date types (xsd:date,
gYear, gYearMonth, gMonth, gMonthDay, gDay, time, dateTime); the -iso variants (@when-iso ...)
take ISO 8601 more broadly, of which we accept the same calendar forms plus ISO week and
ordinal dates. A value is read into the earliest and latest day it can mean, so that "1925"
to "1925-06" compares the way a historian would: a span runs backwards only if its start
must come after its end.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

_TZ = r"(?:Z|[+-](?:(?:0\d|1[0-3]):[0-5]\d|14:00))?"
_TIME = r"(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?|24:00:00(?:\.0+)?"
_YEAR = r"-?(?:[1-9]\d{4,}|\d{4})"

_DATE_FORMS = [
    ("dateTime", re.compile(rf"(?P<y>{_YEAR})-(?P<m>\d\d)-(?P<d>\d\d)T(?:{_TIME}){_TZ}")),
    ("date", re.compile(rf"(?P<y>{_YEAR})-(?P<m>\d\d)-(?P<d>\d\d){_TZ}")),
    ("gYearMonth", re.compile(rf"(?P<y>{_YEAR})-(?P<m>\d\d){_TZ}")),
    ("gYear", re.compile(rf"(?P<y>{_YEAR}){_TZ}")),
    ("gMonthDay", re.compile(rf"--(?P<m>\d\d)-(?P<d>\d\d){_TZ}")),
    ("gMonth", re.compile(rf"--(?P<m>\d\d){_TZ}")),
    ("gDay", re.compile(rf"---(?P<d>\d\d){_TZ}")),
    ("time", re.compile(rf"(?:{_TIME}){_TZ}")),
]
# ISO 8601 only (the -iso attributes): week dates 2024-W05(-3) and ordinal dates 2024-032.
_WEEK = re.compile(r"(?P<y>\d{4})-?W(?P<w>\d\d)(?:-?(?P<wd>[1-7]))?")
_ORDINAL = re.compile(r"(?P<y>\d{4})-?(?P<o>\d{3})")

#: The attributes that hold a date in W3C form, and their ISO 8601 siblings.
W3C_ATTRIBUTES = ("when", "notBefore", "notAfter", "from", "to")
ISO_ATTRIBUTES = tuple(f"{a}-iso" for a in W3C_ATTRIBUTES)


class DateValueError(ValueError):
    """The value is not a date of the kind the attribute takes; str() says why."""


@dataclass(frozen=True)
class DateValue:
    """A parsed value: its form and the first and last day it can mean (None if yearless)."""

    text: str
    form: str
    earliest: date | None
    latest: date | None

    @property
    def year(self) -> int | None:
        return self.earliest.year if self.earliest else None


def _bounds(year: int | None, month: int | None, day: int | None) -> tuple[date, date] | None:
    if year is None:
        return None
    if not 1 <= year <= 9999:
        return None  # outside datetime.date; still a valid value, just not comparable
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    if day is None:
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    return date(year, month, day), date(year, month, day)


def _check_fields(text: str, year: int | None, month: int | None, day: int | None) -> None:
    if month is not None and not 1 <= month <= 12:
        raise DateValueError(f"{text!r} has month {month:02d}; months run 01-12")
    if day is not None:
        # A day without a year (gDay, gMonthDay) is checked against a leap year: --02-29 is valid.
        last = calendar.monthrange(year if year and 1 <= year <= 9999 else 2000, month or 1)[1]
        if month is None:
            last = 31
        if not 1 <= day <= last:
            where = f" in {calendar.month_name[month]}" if month else ""
            yr = f" {year}" if year and month else ""
            raise DateValueError(f"{text!r} has day {day:02d}; there are {last} days{where}{yr}")


def parse(text: str, *, iso: bool = False) -> DateValue:
    """Read one attribute value; raise DateValueError with a reason if it is not a date."""
    value = text.strip()
    if value != text or not value:
        raise DateValueError(f"{text!r} is not a date (empty or padded with spaces)")
    for form, pattern in _DATE_FORMS:
        match = pattern.fullmatch(value)
        if not match:
            continue
        fields = match.groupdict()
        year = int(fields["y"]) if fields.get("y") else None
        month = int(fields["m"]) if fields.get("m") else None
        day = int(fields["d"]) if fields.get("d") else None
        _check_fields(value, year, month, day)
        bounds = _bounds(year, month, day)
        return DateValue(value, form, *(bounds or (None, None)))
    if iso:
        match = _WEEK.fullmatch(value)
        if match:
            year, week = int(match["y"]), int(match["w"])
            weeks = date(year, 12, 28).isocalendar()[1]
            if not 1 <= week <= weeks:
                raise DateValueError(f"{text!r} has week {week}; {year} has {weeks} ISO weeks")
            first = date.fromisocalendar(year, week, int(match["wd"] or 1))
            last = first if match["wd"] else first + timedelta(days=6)
            return DateValue(value, "week", first, last)
        match = _ORDINAL.fullmatch(value)
        if match:
            year, ordinal = int(match["y"]), int(match["o"])
            days = 366 if calendar.isleap(year) else 365
            if not 1 <= ordinal <= days:
                raise DateValueError(f"{text!r} has day {ordinal}; {year} has {days} days")
            day = date(year, 1, 1) + timedelta(days=ordinal - 1)
            return DateValue(value, "ordinal", day, day)
    raise DateValueError(_why(value))


def _why(value: str) -> str:
    """A hint for the commonest mistakes editors make."""
    if re.fullmatch(r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4}", value):
        return f"{value!r} is not ISO 8601: write year-month-day, e.g. 1927-11-07"
    if re.fullmatch(r"\d{4}-\d{1,2}(?:-\d{1,2})?", value):
        return f"{value!r} is not ISO 8601: months and days take two digits (e.g. 1927-03-07)"
    if re.fullmatch(r"\d{4}\s*[-–/]\s*\d{1,4}", value):
        return f"{value!r} is a span: use @from and @to (or @notBefore/@notAfter)"
    if re.fullmatch(r"\d{1,3}", value):
        return f"{value!r} is not ISO 8601: years take at least four digits (e.g. 0800)"
    return f"{value!r} is not an ISO 8601 date (forms: 1927, 1927-11, 1927-11-07, --11-07)"


def after(start: DateValue, end: DateValue) -> bool:
    """True when `start` must fall after `end` (the span runs backwards)."""
    if start.earliest is None or end.latest is None:
        return False
    return start.earliest > end.latest
