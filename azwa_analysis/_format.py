"""Dutch formats for everything a council member reads: ``€ 1.234,5 mln``, ``3 juli 2025``;
and text made safe to print on a terminal."""

from __future__ import annotations

import math
import re
import unicodedata

from azwa_analysis._periods import format_date_nl, format_period_nl

__all__ = [
    "dutch_usage",
    "format_date_nl",
    "format_eur",
    "format_eur_mln",
    "format_number",
    "format_period_nl",
    "printable",
]


def printable(text: str, *, newlines: bool = True) -> str:
    r"""Text as it may reach a terminal: control characters (ESC, BEL, CR, …) and invisible
    format characters (zero-width, bidirectional overrides) shown as escapes, never obeyed.
    Line breaks and tabs stay when ``newlines`` (our own messages), not otherwise (a cell).

    Examples
    --------
    >>> print(printable("a\x1b[2Jb\u202ec"))
    a\x1b[2Jb\u202ec
    >>> print(printable("cel\nmet regel", newlines=False))
    cel\nmet regel
    """
    kept = "\n\t" if newlines else ""
    out = []
    for ch in text:
        if ch in kept or unicodedata.category(ch) not in ("Cc", "Cf", "Zl", "Zp"):
            out.append(ch)
        elif ch == "\n":
            out.append("\\n")
        elif ord(ch) < 0x100:
            out.append(f"\\x{ord(ch):02x}")
        else:
            out.append(f"\\u{ord(ch):04x}")
    return "".join(out)


def format_number(value: float, *, decimals: int = 0) -> str:
    """Dutch grouping and decimal comma.

    Examples
    --------
    >>> format_number(1234567.891, decimals=1)
    '1.234.567,9'
    """
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_eur_mln(amount_eur: int | float, *, decimals: int = 1) -> str:
    """An amount in euros as millions: ``€ 1.234,5 mln``.

    Examples
    --------
    >>> format_eur_mln(89_300_000)
    '€ 89,3 mln'
    >>> format_eur_mln(1_234_500_000)
    '€ 1.234,5 mln'
    """
    return f"€ {format_number(amount_eur / 1_000_000, decimals=decimals)} mln"


def format_eur(amount_eur: int | float) -> str:
    """Whole euros, or millions from one million up: ``€ 80.000``, ``€ 127,0 mln``.

    Examples
    --------
    >>> format_eur(80_000), format_eur(127_000_000)
    ('€ 80.000', '€ 127,0 mln')
    """
    if abs(amount_eur) >= 1_000_000:
        return format_eur_mln(amount_eur)
    return f"€ {format_number(amount_eur)}"


def format_eur_exact(amount_eur: int) -> str:
    """An official amount to the euro: ``€ 2.579.527``.

    Examples
    --------
    >>> format_eur_exact(2_579_527)
    '€ 2.579.527'
    """
    return f"€ {format_number(amount_eur)}"


def format_eur_estimate(amount_eur: int | float) -> str:
    """An estimate, rounded to two significant figures in millions: what a key that is a few
    per cent off can support.

    Examples
    --------
    >>> [format_eur_estimate(a) for a in (804_508, 3_012_345, 12_345_678)]
    ['€ 0,80 mln', '€ 3,0 mln', '€ 12 mln']
    """
    millions = amount_eur / 1_000_000
    if millions == 0:
        return "€ 0 mln"
    rounded = round(millions, 1 - math.floor(math.log10(abs(millions))))
    decimals = max(0, 1 - math.floor(math.log10(abs(rounded))))
    return f"€ {format_number(rounded, decimals=decimals)} mln"


_USAGE = (
    (r"^Invalid value for (.+?): .*valid integer.*$", "{0} moet een geheel getal zijn"),
    (
        r"^Invalid value for (.+?): .*greater than or equal to (\d+).*$",
        "{0} moet minstens {1} zijn",
    ),
    (r"^Invalid value for (.+?): (.*)$", "ongeldige waarde voor {0} ({1})"),
    (r"^No such option: (\S+).*$", "onbekende optie {0}"),
    (r"^No such command (.+)\.$", "onbekende opdracht {0}"),
    (r"^Missing option (.+)\.$", "verplichte optie {0} ontbreekt"),
    (r"^Missing argument (.+)\.$", "argument {0} ontbreekt"),
    (r"^Option (.+) requires an argument\.$", "optie {0} heeft een waarde nodig"),
    (r"^Got unexpected extra arguments? \((.+)\)$", "onverwacht extra argument ({0})"),
)


def dutch_usage(message: str) -> str:
    """A command-line usage error (typer's, in English) in Dutch; unchanged where its form is
    not known.

    Examples
    --------
    >>> dutch_usage("No such option: --bla")
    'onbekende optie --bla'
    """
    for pattern, dutch in _USAGE:
        match = re.match(pattern, message.strip(), flags=re.DOTALL)
        if match:
            return dutch.format(*match.groups())
    return message
