"""The shipped raw data: every quote traceable, every file with provenance, key figures right.

The figures below were read from the documents by hand, independently of the transcription, so
a wrong amount in ``data/raw`` fails here even if it were internally consistent.
"""

from __future__ import annotations

import os

import polars as pl
import pytest

from azwa_analysis._io import read_sidecar, sha256_file
from azwa_analysis._paths import DataPaths
from azwa_analysis.clean._cross_checks import quoted_documents
from azwa_analysis.clean._load import input_files, load_inputs
from azwa_analysis.clean._process import process
from azwa_analysis.sources import Pages, cited_text, fold_whitespace

PATHS = DataPaths.default()
TRANSCRIBED = [
    "streams",
    "funding",
    "funding_rules",
    "interventions",
    "local_status",
    "timeline",
    "allocations",
    "iza_regions",
]


@pytest.fixture(scope="module")
def clean() -> dict[str, pl.DataFrame]:
    return process(load_inputs(PATHS))


@pytest.fixture(scope="module")
def documents() -> tuple[dict[str, Pages | list[str]], set[str]]:
    """The texts quotes are checked against; under CI every registered document must be in
    the store (``../shared/sources``)."""
    texts, absent = quoted_documents(load_inputs(PATHS))
    if absent and os.environ.get("CI") == "true":
        pytest.fail(f"documenten ontbreken in de opslag (AZWA_DOCUMENTS): {sorted(absent)}")
    return texts, absent


@pytest.mark.parametrize("table", TRANSCRIBED)
def test_every_quote_occurs_in_its_cited_lines(
    table: str, documents: tuple[dict[str, Pages | list[str]], set[str]]
) -> None:
    """Each row's quote, whitespace-folded, stands in the lines it cites (documents absent from
    the store are skipped outside CI)."""
    texts, absent = documents
    frame = pl.read_csv(PATHS.raw / f"{table}.csv", infer_schema=False)
    missing = [
        (i + 2, row["source_location"])
        for i, row in enumerate(frame.iter_rows(named=True))
        if row["source_document"] not in absent
        and fold_whitespace(row["source_quote"])
        not in (cited_text(texts[row["source_document"]], row["source_location"]) or "")
    ]
    assert missing == []
    assert frame.height > 0


def test_every_raw_input_has_provenance_with_a_matching_checksum() -> None:
    """Producer, title, licence, access date and sha256 beside every raw file."""
    for path in input_files(PATHS.raw):
        meta = read_sidecar(path)
        for key in ("title", "producer", "date_accessed", "licence", "sha256"):
            assert meta.get(key), f"{path.name}: {key}"
        assert meta["sha256"] == sha256_file(path), path.name


def _amount(funding: pl.DataFrame, component_id: str, year: int | None) -> int:
    rows = funding.filter(
        (pl.col("component_id") == component_id)
        & (pl.col("structural") if year is None else pl.col("year") == year)
    )
    assert rows.height == 1, (component_id, year, rows.height)
    return int(rows["amount_eur"][0])


@pytest.mark.parametrize(
    ("component_id", "year", "amount"),
    [
        ("gala_sportakkoord", 2026, 10_000_000),
        ("gala_brc", 2023, 89_300_000),
        ("gala_brc", None, 86_300_000),
        ("gala_kansrijke_start", 2023, 15_000_000),
        ("gala_kansrijke_start", None, 20_000_000),
        ("gala_valpreventie", 2024, 47_400_000),
        ("gala_valpreventie", None, 48_900_000),
        ("gala_welzijn_op_recept", 2026, 13_500_000),
        ("gala_wijkaanpak_sociale_basis", 2026, 26_900_000),
        ("gala_eenzaamheid", 2025, 8_000_000),
        ("gala_mantelzorg", None, 9_000_000),
        ("gala_coordinatie_regionaal", 2023, 8_900_000),
        ("gala_totaal_gezondheid_sociale_basis", None, 97_900_000),
        ("gala_totaal_brede_spuk", 2023, 449_000_000),
        ("gala_totaal_brede_spuk", 2026, 384_600_000),
        ("gala_iza", None, 150_000_000),
    ],
)
def test_gala_spuk_table_figures(
    clean: dict[str, pl.DataFrame], component_id: str, year: int | None, amount: int
) -> None:
    """Figures of the GALA SPUK table (document 003, chapter 4A), footnote markers removed."""
    gala = clean["funding"].filter(pl.col("source_document") == "003_058e7d6eb6b0f5e1.txt")
    assert _amount(gala, component_id, year) == amount


def test_gala_table_has_fifteen_numbered_components(clean: dict[str, pl.DataFrame]) -> None:
    """Components 1 to 15, each once per column it has."""
    numbers = clean["funding"]["component_number"].drop_nulls().unique().sort().to_list()
    assert numbers == list(range(1, 16))


@pytest.mark.parametrize(
    ("stream", "year", "amount"),
    [
        ("spuk_iza", 2026, 127_000_000),
        ("spuk_gala", 2026, 127_000_000),
        ("azwa_extra_2026", 2026, 50_000_000),
        ("hlo_mantelzorg", 2026, 18_000_000),
        ("spuk_iza", 2027, 135_000_000),
        ("azwa_doorbraak", 2028, 100_000_000),
        ("azwa_gala_structureel", 2027, 90_000_000),
        ("hlo_mantelzorg", 2030, 25_000_000),
    ],
)
def test_vng_financial_overview(
    clean: dict[str, pl.DataFrame], stream: str, year: int, amount: int
) -> None:
    """The VNG letter's overview 2026-2030 (document 001)."""
    rows = clean["funding"].filter(
        (pl.col("source_document") == "001_fee633c84b05d962.txt")
        & (pl.col("stream_id") == stream)
        & (pl.col("year") == year)
        & (pl.col("line_kind") == "budget")
    )
    assert set(rows["amount_eur"].to_list()) == {amount}


def test_arnhem_preventieakkoord_budget(clean: dict[str, pl.DataFrame]) -> None:
    """€ 80.000 per year, scoped to Arnhem."""
    rows = clean["funding"].filter(pl.col("scope") == "GM0202")
    assert set(rows["amount_eur"].to_list()) == {80_000}


def test_generic_cut_rule(clean: dict[str, pl.DataFrame]) -> None:
    """10 % on SPUK IZA and SPUK GALA from 2026."""
    cut = clean["funding_rules"].filter(pl.col("kind") == "generic_cut").row(0, named=True)
    assert (cut["rate_percent"], cut["from_year"], sorted(cut["stream_ids"])) == (
        10.0,
        2026,
        ["spuk_gala", "spuk_iza"],
    )


def test_municipalities_cover_all_342_with_kwb_on_current_borders(
    clean: dict[str, pl.DataFrame],
) -> None:
    """342 rows; a merged municipality sums its predecessors' 2021 inhabitants."""
    municipalities = clean["municipalities"]
    assert municipalities.height == 342
    dijk_en_waard = municipalities.filter(pl.col("municipality_code") == "GM1980").row(
        0, named=True
    )
    kwb = pl.read_csv(PATHS.raw / "municipalities" / "kwb2021_gemeenten.csv")
    predecessors = kwb.filter(pl.col("gemeentecode").is_in(["GM0398", "GM0416"]))
    assert dijk_en_waard["kwb_inhabitants_2021"] == predecessors["inwoners"].sum()
    assert dijk_en_waard["kwb_predecessors"] == ["GM0398", "GM0416"]
    assert not municipalities["inhabitants_reference_confirmed"].any()


def _official(clean: dict[str, pl.DataFrame], kind: str, recipient: str) -> list[int]:
    rows = clean["allocations"].filter(
        (pl.col("recipient_kind") == kind) & (pl.col("recipient") == recipient)
    )
    return rows.sort("year")["amount_eur"].to_list()


@pytest.mark.parametrize(
    ("code", "amounts"),
    [
        ("GM1954", [671_480, 571_739]),  # Beekdaelen
        ("GM0202", [3_029_529, 2_579_527]),  # Arnhem
        ("GM0632", [795_618, 677_438]),  # Woerden
        ("GM0518", [9_991_741, 8_507_582]),  # 's-Gravenhage
        ("GM0888", [296_382, 252_358]),  # printed as "Beek"
        ("GM0820", [317_174, 270_061]),  # "Nuenen, Gerwen en" / "Nederwetten"
        ("GM0060", [91_053, 91_066]),  # Ameland: the same in 2026, a minimum
    ],
)
def test_official_brede_spuk_per_municipality(
    clean: dict[str, pl.DataFrame], code: str, amounts: list[int]
) -> None:
    """Bijlage 2A of the VWS letter of 12 September 2025, 2025 and 2026 (read from the page
    images by a second reader)."""
    assert _official(clean, "gemeente", code) == amounts


def test_every_municipality_has_one_official_amount_per_year(
    clean: dict[str, pl.DataFrame],
) -> None:
    """All 342 municipalities in both years, each once; the columns add up to the sums read by
    hand (the letter prints no total)."""
    rows = clean["allocations"].filter(pl.col("recipient_kind") == "gemeente")
    codes = set(clean["municipalities"]["municipality_code"])
    for year, total in ((2025, 310_475_334), (2026, 264_423_052)):
        column = rows.filter(pl.col("year") == year)
        assert sorted(column["recipient"]) == sorted(codes)
        assert int(column["amount_eur"].sum()) == total


def test_official_spuk_iza_per_region(clean: dict[str, pl.DataFrame]) -> None:
    """Bijlage 2B: 42 regions, their mandaatgemeente, 2025 and 2026; SamenTwente is no
    municipality."""
    regions = clean["iza_regions"]
    assert regions.height == 42
    assert _official(clean, "regio", "zuid_limburg") == [5_823_733, 6_244_233]
    twente = regions.filter(pl.col("region_id") == "twente").row(0, named=True)
    assert (twente["mandate_holder"], twente["mandate_code"]) == ("SamenTwente", None)
    rows = clean["allocations"].filter(pl.col("recipient_kind") == "regio")
    sums = [int(rows.filter(pl.col("year") == y)["amount_eur"].sum()) for y in (2025, 2026)]
    assert sums == [142_900_002, 153_213_599]


@pytest.mark.parametrize(
    ("line_id", "amount"),
    [
        ("vws2026_spuk_azwa_lokaal_2027", 231_000_000),
        ("vws2026_spuk_azwa_regionaal_2029", 169_000_000),
        ("vws2026_spuk_azwa_nplv_2028", 21_000_000),
        ("vws2026_gezonde_school_2029", 13_000_000),
        ("vws2026_totaal_2028", 547_000_000),
        ("cw31_d5_2029", 263_000_000),
        ("cw31_d6_2031", 198_000_000),
        ("azwa_d5_sociaal_verwijzen_2027", 17_000_000),
        ("vws2025_korting_spuk_iza_2026", 14_100_000),
    ],
)
def test_money_of_the_newer_documents(
    clean: dict[str, pl.DataFrame], line_id: str, amount: int
) -> None:
    """Figures read from the page images (the VWS letter of April 2026 is a scan; its table's
    text layer separates the labels from the amounts)."""
    row = clean["funding"].filter(pl.col("line_id") == line_id)
    assert row["amount_eur"].to_list() == [amount]
