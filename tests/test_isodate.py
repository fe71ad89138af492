"""ISO 8601 / W3C date values as TEI dating attributes hold them."""

from __future__ import annotations

from datetime import date

import pytest

from toolkit.isodate import DateValueError, after, parse


@pytest.mark.parametrize(
    ("value", "form", "earliest", "latest"),
    [
        ("1927", "gYear", date(1927, 1, 1), date(1927, 12, 31)),
        ("1927-11", "gYearMonth", date(1927, 11, 1), date(1927, 11, 30)),
        ("1928-02", "gYearMonth", date(1928, 2, 1), date(1928, 2, 29)),
        ("1927-11-07", "date", date(1927, 11, 7), date(1927, 11, 7)),
        ("1927-11-07Z", "date", date(1927, 11, 7), date(1927, 11, 7)),
        ("1927-11-07T10:15:00+03:00", "dateTime", date(1927, 11, 7), date(1927, 11, 7)),
        ("--11-07", "gMonthDay", None, None),
        ("--02-29", "gMonthDay", None, None),
        ("--11", "gMonth", None, None),
        ("---07", "gDay", None, None),
        ("10:15:00", "time", None, None),
        ("-0044-03-15", "date", None, None),
        ("0800", "gYear", date(800, 1, 1), date(800, 12, 31)),
    ],
)
def test_w3c_forms(value, form, earliest, latest):
    parsed = parse(value)
    assert (parsed.form, parsed.earliest, parsed.latest) == (form, earliest, latest)


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("1936-02-30", "29 days in February 1936"),
        ("1927-13", "months run 01-12"),
        ("1927-11-7", "two digits"),
        ("7/11/1927", "year-month-day"),
        ("1925-6", "two digits"),
        ("1925-1926", "a span"),
        ("927", "four digits"),
        ("late 1926", "not an ISO 8601 date"),
        (" 1927", "padded"),
        ("", "empty"),
        ("1927-W05", "not an ISO 8601 date"),  # week dates only in @when-iso
        ("--02-30", "29 days in February"),
    ],
)
def test_invalid_values_say_why(value, why):
    with pytest.raises(DateValueError) as err:
        parse(value)
    assert why in str(err.value)


def test_iso_week_and_ordinal_dates():
    week = parse("1927-W45", iso=True)
    assert (week.earliest, week.latest) == (date(1927, 11, 7), date(1927, 11, 13))
    assert parse("1927-W45-2", iso=True).earliest == date(1927, 11, 8)
    assert parse("1927-311", iso=True).earliest == date(1927, 11, 7)
    with pytest.raises(DateValueError):
        parse("1927-W54", iso=True)
    with pytest.raises(DateValueError):
        parse("1927-366", iso=True)


def test_after_compares_ranges():
    assert after(parse("1928"), parse("1927"))
    assert not after(parse("1927"), parse("1927-06"))  # overlapping: not backwards
    assert not after(parse("1927-06"), parse("1927"))
    assert after(parse("1927-07"), parse("1927-06-30"))
    assert not after(parse("--11-07"), parse("1927"))  # no year: not comparable
