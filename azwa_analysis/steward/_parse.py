"""Reading one cell the way a Dutch steward means it: ``€ 80.000``, ``1.234``, ``22-11-2026``.

Every function returns the value or raises ``ValueError`` with a Dutch message saying what is
wrong and how to write it; nothing is guessed (``1,5`` is not whole euros, ``1,234.56`` is
refused as ambiguous).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

#: The one grammar for amounts (also in the template's instructions): digits, optionally
#: grouped by three with Dutch points (or spaces), optionally ``,00`` zero cents, optionally
#: after ``€`` or ``EUR``. A comma before exactly three digits is English thousands notation
#: (``80,000``): refused, never read as € 80.
_WHOLE = r"([0-9]{1,3}(\.[0-9]{3})+|[0-9]{1,3}( [0-9]{3})+|[0-9]+)"
_DUTCH_AMOUNT = re.compile(rf"^{_WHOLE}(,(?P<cents>[0-9]{{1,2}}))?$")
_ENGLISH_AMOUNT = re.compile(r"^[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: What Excel shows for a broken calculation, in English and in Dutch Excel.
_EXCEL_ERRORS = re.compile(
    r"#(NULL!|DIV/0!|VALUE!|REF!|NAME\?|NUM!|N/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|"
    r"CONNECT!|BUSY!|UNKNOWN!|LEEG!|DEEL/0!|WAARDE!|VERW!|NAAM\?|GETAL!|N/B)",
    flags=re.IGNORECASE,
)
FIRST_DAY = dt.date(2015, 1, 1)
LAST_DAY = dt.date(2040, 12, 31)
MAX_AMOUNT = 2_000_000_000
_NEGATIVE = "bedrag mag niet negatief zijn — typ het bedrag zonder minteken"
_ABSURD = (
    "bedrag is onwaarschijnlijk groot voor één gemeente — controleer het aantal cijfers "
    "(hele euro's, zonder centen)"
)


def parse_amount(value: object) -> int:
    """Whole euros from a number or Dutch text (the grammar above).

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
        number = _parse_amount_text(str(value))
    if number < 0:
        raise ValueError(_NEGATIVE)
    if number > MAX_AMOUNT:
        raise ValueError(_ABSURD)
    return number


def _parse_amount_text(value: str) -> int:
    text = " ".join(value.replace("\u00a0", " ").replace("\u202f", " ").split())
    text = text.removeprefix("€").removeprefix("EUR").strip()
    if re.search(r"mln|miljoen|k$", text, flags=re.IGNORECASE):
        raise ValueError(
            "schrijf het bedrag voluit in euro's, niet in miljoenen — bijvoorbeeld "
            "1.500.000 in plaats van 1,5 mln"
        )
    if text.startswith("-"):
        raise ValueError(_NEGATIVE)
    if _ENGLISH_AMOUNT.match(text):
        raise ValueError(
            "Engelse notatie: een komma voor drie cijfers is een duizendtal, geen decimaalteken "
            "— schrijf 80.000 of 80000 (Nederlandse notatie, hele euro's)"
        )
    match = _DUTCH_AMOUNT.match(text)
    if match is None:
        raise ValueError(
            "geen bedrag — schrijf hele euro's zoals 80000, 80.000, 80.000,00 of € 80.000"
        )
    if (match["cents"] or "").strip("0"):
        raise ValueError("bedrag moet in hele euro's (zonder centen)")
    digits = match[1].replace(".", "").replace(" ", "").lstrip("0") or "0"
    if len(digits) > len(str(MAX_AMOUNT)):  # int() refuses thousands of digits
        raise ValueError(_ABSURD)
    return int(digits)


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
    """A real calendar date, 2015–2040 (the template's own rule), from an Excel date or
    ``dd-mm-jjjj``/``jjjj-mm-dd`` text.

    Examples
    --------
    >>> parse_date("22-11-2026")
    datetime.date(2026, 11, 22)
    """
    day = _parse_date(value)
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(
            "datum moet tussen 01-01-2015 en 31-12-2040 liggen — controleer het jaartal "
            "(dd-mm-jjjj)"
        )
    return day


def _parse_date(value: object) -> dt.date:
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


def check_text(
    value: object, *, max_length: int, min_length: int = 0, multiline: bool = False
) -> str:
    r"""Plain text: no formula start, no control characters, no markup, not too long or short.

    With ``multiline`` a line feed (a paragraph break: Alt+Enter in Excel) is allowed, and
    Windows' and old Macs' line ends (``\r\n``, ``\r``) become ``\n``; every other rule stays.

    Examples
    --------
    >>> check_text("in 5 kernen", max_length=300)
    'in 5 kernen'
    >>> check_text("Eerste alinea.\r\n\r\nTweede.", max_length=300, multiline=True)
    'Eerste alinea.\n\nTweede.'
    """
    text = check_visible(str(value))
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.strip()
    if text.startswith(_FORMULA_START):
        raise ValueError(
            "tekst begint met =, +, - of @: een spreadsheet voert dat uit als "
            "formule; zet er een woord voor"
        )
    line_feed = "\n" if multiline else ""
    if any(unicodedata.category(ch) == "Cc" and ch not in line_feed for ch in text):
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


def check_visible(text: str) -> str:
    """Text is what it looks like: no invisible format characters (Unicode category Cf:
    zero-width spaces and joiners, bidirectional overrides, soft hyphens, a stray byte-order
    mark) and no Excel error value.

    Examples
    --------
    >>> check_visible("pilot")
    'pilot'
    >>> check_visible("pilot\u200b")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ValueError: tekst bevat onzichtbare opmaaktekens (U+200B) — typ de waarde opnieuw ...
    """
    hidden = sorted({f"U+{ord(ch):04X}" for ch in text if unicodedata.category(ch) == "Cf"})
    if hidden:
        raise ValueError(
            f"tekst bevat onzichtbare opmaaktekens ({', '.join(hidden[:3])}) — typ de waarde "
            "opnieuw in plaats van haar te plakken"
        )
    if _EXCEL_ERRORS.fullmatch(text.strip()):
        raise ValueError(
            "Excel-foutwaarde in de cel — herstel de berekening of typ de waarde zelf in"
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
