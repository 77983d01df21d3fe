"""Dutch formats for everything a council member reads: ``€ 1.234,5 mln``, ``3 juli 2025``;
and text made safe to print on a terminal."""

from __future__ import annotations

import unicodedata

from azwa_analysis._periods import format_date_nl, format_period_nl

__all__ = [
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
