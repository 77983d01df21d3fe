"""Reading one cell the way a Dutch steward means it: ``€ 80.000``, ``1.234``, ``22-11-2026``.

Every function returns the value or raises ``ValueError`` with a Dutch message saying what is
wrong and how to write it; nothing is guessed (``1,5`` is not whole euros, ``1,234.56`` is
refused as ambiguous).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

_DUTCH_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")
_PLAIN = re.compile(r"^\d+(,\d+)?$")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_AMOUNT = 2_000_000_000
_NEGATIVE = "bedrag mag niet negatief zijn — typ het bedrag zonder minteken"
_ABSURD = (
    "bedrag is onwaarschijnlijk groot voor één gemeente — controleer het aantal cijfers "
    "(hele euro's, zonder centen)"
)


def parse_amount(value: object) -> int:
    """Whole euros from a number or Dutch text.

    Examples
    --------
    >>> parse_amount("€ 80.000"), parse_amount("1.234"), parse_amount(402255.0)
    (80000, 1234, 402255)
    """
    if isinstance(value, bool):
        raise ValueError("geen bedrag — typ het bedrag in hele euro's, bijvoorbeeld 80000")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if value != value or not value.is_integer():  # NaN or cents
            raise ValueError("bedrag moet in hele euro's (zonder centen)")
        number = int(value)
    else:
        text = str(value).replace("\u00a0", " ").strip()
        text = text.removeprefix("€").removeprefix("EUR").strip().replace(" ", "")
        if re.search(r"mln|miljoen|k$", text, flags=re.IGNORECASE):
            raise ValueError(
                "schrijf het bedrag voluit in euro's, niet in miljoenen — bijvoorbeeld "
                "1.500.000 in plaats van 1,5 mln"
            )
        if text.startswith("-"):
            raise ValueError(_NEGATIVE)
        if _DUTCH_THOUSANDS.match(text) or _PLAIN.match(text):
            whole, _, cents = text.partition(",")
        elif re.match(r"^\d{1,3}(,\d{3})+(\.\d+)?$", text):
            raise ValueError(
                "Engelse notatie (komma als duizendtal) is dubbelzinnig; schrijf 1.234 of 1234"
            )
        else:
            raise ValueError("geen bedrag; schrijf bijvoorbeeld 80000 of € 80.000")
        if cents.strip("0"):
            raise ValueError("bedrag moet in hele euro's (zonder centen)")
        digits = whole.replace(".", "").lstrip("0") or "0"
        if len(digits) > len(str(MAX_AMOUNT)):  # int() refuses thousands of digits
            raise ValueError(_ABSURD)
        number = int(digits)
    if number < 0:
        raise ValueError(_NEGATIVE)
    if number > MAX_AMOUNT:
        raise ValueError(_ABSURD)
    return number


def parse_year(value: object) -> int:
    """A year 2015–2040 from a number or text.

    Examples
    --------
    >>> parse_year("2026"), parse_year(2027.0)
    (2026, 2027)
    """
    if isinstance(value, bool):
        raise ValueError("geen jaartal; schrijf vier cijfers, bijvoorbeeld 2026")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if not re.fullmatch(r"\d{4}", text):
        raise ValueError("geen jaartal; schrijf vier cijfers, bijvoorbeeld 2026")
    year = int(text)
    if not 2015 <= year <= 2040:
        raise ValueError("jaartal moet tussen 2015 en 2040 liggen")
    return year


def parse_date(value: object) -> dt.date:
    """A real calendar date from an Excel date or ``dd-mm-jjjj``/``jjjj-mm-dd`` text.

    Examples
    --------
    >>> parse_date("22-11-2026")
    datetime.date(2026, 11, 22)
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    match = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", text)
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    try:
        if match:
            return dt.date(int(match[3]), int(match[2]), int(match[1]))
        if iso:
            return dt.date(int(iso[1]), int(iso[2]), int(iso[3]))
    except ValueError as error:
        raise ValueError(
            "deze datum bestaat niet — controleer dag en maand (dd-mm-jjjj)"
        ) from error
    raise ValueError("geen datum; schrijf bijvoorbeeld 22-11-2026")


def check_text(value: object, *, max_length: int, min_length: int = 0) -> str:
    """Plain text: no formula start, no control characters, no markup, not too long or short.

    Examples
    --------
    >>> check_text("in 5 kernen", max_length=300)
    'in 5 kernen'
    """
    text = str(value).strip()
    if text.startswith(_FORMULA_START):
        raise ValueError(
            "tekst begint met =, +, - of @: een spreadsheet voert dat uit als "
            "formule; zet er een woord voor"
        )
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        raise ValueError("tekst bevat onzichtbare stuurtekens; typ de tekst opnieuw")
    if "<" in text or ">" in text:
        raise ValueError("tekst bevat < of > (HTML); schrijf gewone tekst")
    if len(text) > max_length:
        raise ValueError(
            f"tekst is te lang ({len(text)} tekens; maximaal {max_length}) — kort de tekst in"
        )
    if len(text) < min_length:
        raise ValueError(
            f"tekst is te kort ({len(text)} tekens; minimaal {min_length}) — schrijf het voluit"
        )
    return text


def neutralise(text: str) -> str:
    """Make a text cell safe for a spreadsheet: a leading ``'`` where it would run as a formula.

    Examples
    --------
    >>> neutralise("=HYPERLINK(1)"), neutralise("gewoon")
    ("'=HYPERLINK(1)", 'gewoon')
    """
    return "'" + text if text.startswith(_FORMULA_START) else text
