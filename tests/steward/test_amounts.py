"""One grammar for amounts: Dutch notation is read as meant; what it could misread is refused."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from azwa_analysis._format import format_number
from azwa_analysis.steward._parse import MAX_AMOUNT, parse_amount

_amounts = st.integers(min_value=0, max_value=MAX_AMOUNT)
_thousands = st.integers(min_value=1_000, max_value=MAX_AMOUNT)


def _english(number: int) -> str:
    return f"{number:,}"


@given(_amounts)
def test_every_dutch_spelling_of_an_amount_reads_as_that_amount(number: int) -> None:
    """Plain digits, Dutch thousands points, the euro sign and zero cents: the same euros."""
    dutch = format_number(number)
    for text in (str(number), dutch, f"€ {dutch}", f"€{dutch}", f"{dutch},00", f"EUR {dutch}"):
        assert parse_amount(text) == number, text


@given(_thousands)
def test_an_english_thousands_comma_is_never_read_as_a_decimal_comma(number: int) -> None:
    """`80,000` is not € 80 and `1,000` not € 1: a comma before three digits is refused."""
    for text in (_english(number), f"€ {_english(number)}", f"{_english(number)}.00"):
        with pytest.raises(ValueError, match="Engelse notatie"):
            parse_amount(text)


@given(_amounts, st.integers(min_value=1, max_value=99))
def test_cents_are_refused_where_whole_euros_are_asked(number: int, cents: int) -> None:
    """`80.000,50`, `12,5` and `80000.5` (a number from Excel) all carry cents."""
    for value in (
        f"{format_number(number)},{cents:02d}",
        f"{number},{cents}",
        number + cents / 100,
    ):
        with pytest.raises(ValueError, match="zonder centen"):
            parse_amount(value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("80,000", "Engelse notatie"),
        ("1,000", "Engelse notatie"),
        ("1,234.56", "Engelse notatie"),
        ("€ 80,000", "Engelse notatie"),
        ("80,000.00", "Engelse notatie"),
        ("80,0000", "geen bedrag"),
        ("8 0000", "geen bedrag"),
        ("1.5", "geen bedrag"),
        ("80.00", "geen bedrag"),
        ("12.345,678", "geen bedrag"),
    ],
)
def test_the_grammar_refuses_what_it_could_misread(text: str, message: str) -> None:
    """Comma-thousands, odd groupings and a decimal point are refused with a reason."""
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_amount(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("80.000", 80_000),
        ("80.000,00", 80_000),
        ("€ 80.000", 80_000),
        ("80 000", 80_000),
        ("80,00", 80),
        ("80,0", 80),
        ("0", 0),
    ],
)
def test_the_grammar_in_examples(text: str, expected: int) -> None:
    """The examples the template's instructions give."""
    assert parse_amount(text) == expected


def test_the_template_instructions_state_the_grammar() -> None:
    """The instructions sheet names what is read and what is refused."""
    from azwa_analysis.steward._template import INSTRUCTIONS

    text = "\n".join(INSTRUCTIONS)
    for example in ("80.000", "80.000,00", "€ 80.000", "80,000", "1,234.56", "centen"):
        assert example in text
