"""Municipality reference data: the 2025 list, mergers, and KWB 2021 indicators on 2025 borders."""

from __future__ import annotations

import polars as pl

from azwa_analysis._issues import ROW, ValidationIssue

_KWB_PCT = {
    "pct_lage_inkomens_huishoudens": "pct_low_income_households",
    "pct_op_of_onder_sociaal_minimum": "pct_at_or_below_social_minimum",
    "pct_laag_opgeleid": "pct_low_education",
    "pct_middelbaar_opgeleid": "pct_mid_education",
    "pct_hoog_opgeleid": "pct_high_education",
    "pct_65_plus": "pct_65_plus",
    "pct_jonger_dan_15": "pct_under_15",
    "bijstand_per_1000": "bijstand_per_1000",
}


def clean_mergers(raw: pl.DataFrame) -> pl.DataFrame:
    """Rename the raw merger table to the clean schema's English column names."""
    return raw.select(
        pl.col("oude_gemeentecode").alias("old_code"),
        pl.col("oude_gemeentenaam").alias("old_name"),
        pl.col("nieuwe_gemeentecode").alias("new_code"),
        pl.col("nieuwe_gemeentenaam").alias("new_name"),
        pl.col("ingangsdatum").alias("effective_date"),
    )


def kwb_on_current_borders(kwb: pl.DataFrame, mergers: pl.DataFrame) -> pl.DataFrame:
    """KWB 2021 figures mapped onto the current division.

    A merged municipality gets the sum of its predecessors' inhabitants and, for every
    percentage, the inhabitant-weighted mean over the predecessors that publish it (an
    approximation for household-based percentages, stated in the data dictionary).

    Examples
    --------
    >>> kwb = pl.DataFrame({"gemeentecode": ["GM0001", "GM0002"], "inwoners": [100, 300],
    ...     **{k: [10.0, 20.0] for k in _KWB_PCT}})
    >>> mergers = pl.DataFrame({"old_code": ["GM0001", "GM0002"], "new_code": ["GM0009"] * 2})
    >>> kwb_on_current_borders(kwb, mergers)["pct_low_education"].to_list()
    [17.5]
    """
    mapped = kwb.join(
        mergers.select("old_code", "new_code"),
        left_on="gemeentecode",
        right_on="old_code",
        how="left",
    ).with_columns(pl.coalesce("new_code", "gemeentecode").alias("municipality_code"))

    def weighted_mean(raw: str) -> pl.Expr:
        weight = pl.col("inwoners").filter(pl.col(raw).is_not_null()).sum()
        value = (pl.col(raw) * pl.col("inwoners")).sum() / weight
        return pl.when(weight > 0).then(value).otherwise(None)

    weighted = [weighted_mean(raw).alias(clean) for raw, clean in _KWB_PCT.items()]
    return (
        mapped.group_by("municipality_code")
        .agg(
            pl.col("inwoners").sum().alias("kwb_inhabitants_2021"),
            *weighted,
            pl.col("gemeentecode").sort().alias("kwb_predecessors"),
        )
        .sort("municipality_code")
    )


def clean_municipalities(
    raw: pl.DataFrame,
    kwb: pl.DataFrame,
    mergers: pl.DataFrame,
    *,
    inhabitants_reference: str,
    inhabitants_reference_confirmed: bool,
) -> pl.DataFrame:
    """The clean municipality table: 2025 list joined with KWB on current borders."""
    base = raw.select(
        pl.col("gemeentecode").alias("municipality_code"),
        pl.col("gemeentenaam").alias("name"),
        pl.col("provincie").alias("province"),
        pl.col("ggdregio_code").alias("ggd_region_code"),
        pl.col("ggdregio_naam").alias("ggd_region_name"),
        pl.col("zorgkantoorregio_code").alias("zorgkantoor_region_code"),
        pl.col("zorgkantoorregio_naam").alias("zorgkantoor_region_name"),
        pl.col("inwoners_onbevestigd").alias("inhabitants"),
        pl.lit(inhabitants_reference).alias("inhabitants_reference"),
        pl.lit(inhabitants_reference_confirmed).alias("inhabitants_reference_confirmed"),
    )
    return base.join(kwb_on_current_borders(kwb, mergers), on="municipality_code", how="left").sort(
        "municipality_code"
    )


def check_municipality_coverage(
    raw: pl.DataFrame, kwb: pl.DataFrame, mergers: pl.DataFrame, *, files: dict[str, str]
) -> list[ValidationIssue]:
    """Every 2025 municipality has KWB data; every KWB and merger code lands on a 2025 code.

    Works on the raw frames (Dutch column names, with the loader's row numbers).
    """
    current = set(raw["gemeentecode"].to_list())
    issues: list[ValidationIssue] = []
    for row, code in mergers.select(ROW, "nieuwe_gemeentecode").iter_rows():
        if code not in current:
            issues.append(
                ValidationIssue(
                    files["mergers"],
                    row,
                    "nieuwe_gemeentecode",
                    code,
                    "opvolger bestaat niet in de gemeentelijst 2025",
                )
            )
    merged = dict(mergers.select("oude_gemeentecode", "nieuwe_gemeentecode").iter_rows())
    covered: set[str] = set()
    for row, code in kwb.select(ROW, "gemeentecode").iter_rows():
        target = merged.get(code, code)
        if target not in current:
            issues.append(
                ValidationIssue(
                    files["kwb"],
                    row,
                    "gemeentecode",
                    code,
                    "gemeente bestaat niet in 2025 en staat niet in de herindelingstabel",
                    "voeg de herindeling toe aan herindelingen_2022_2023.csv",
                )
            )
        covered.add(target)
    for row, code in raw.select(ROW, "gemeentecode").iter_rows():
        if code not in covered:
            issues.append(
                ValidationIssue(
                    files["municipalities"],
                    row,
                    "gemeentecode",
                    code,
                    "geen KWB-2021-cijfers voor deze gemeente",
                )
            )
    return issues
