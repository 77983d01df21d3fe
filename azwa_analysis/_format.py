"""Dutch formats for everything a council member reads: ``€ 1.234,5 mln``, ``3 juli 2025``."""

from __future__ import annotations

from azwa_analysis._periods import format_date_nl, format_period_nl

__all__ = ["format_date_nl", "format_eur", "format_eur_mln", "format_number", "format_period_nl"]


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
