"""Where documents state the same quantity: do they agree?"""

from __future__ import annotations

import polars as pl

from azwa_analysis.schemas import ReconciliationSchema


def apply_rate(amount: int, rate_percent: float) -> int:
    """``amount`` reduced by ``rate_percent`` percent, rounded to whole euros.

    Examples
    --------
    >>> apply_rate(150_000_000, 10.0)
    135000000
    """
    return round(amount * (100.0 - rate_percent) / 100.0)


def reconcile_frames(
    funding: pl.DataFrame,
    comparisons: pl.DataFrame,
    rules: pl.DataFrame,
) -> pl.DataFrame:
    """Compare every quantity that more than one row states, and every listed comparison.

    Two kinds of check:

    * ``same_quantity`` — rows sharing a ``quantity_key`` (the same quantity, stated in several
      places) must have equal amounts;
    * ``derived`` — a row of ``comparisons``: the sum of the left lines against the sum of the
      right lines after an optional rule (the generic cut), within a rounding tolerance.

    Nothing is corrected: a difference is reported with its explanation when the data has one
    (``verklaard verschil``), otherwise as ``verschil``.

    Parameters
    ----------
    funding : pl.DataFrame
        Clean funding lines (:class:`~azwa_analysis.schemas.FundingSchema`).
    comparisons : pl.DataFrame
        :class:`~azwa_analysis.schemas.ComparisonSchema` rows.
    rules : pl.DataFrame
        :class:`~azwa_analysis.schemas.FundingRuleSchema` rows.

    Returns
    -------
    pl.DataFrame
        Validated against :class:`~azwa_analysis.schemas.ReconciliationSchema`.

    Examples
    --------
    >>> funding = pl.DataFrame({
    ...     "line_id": ["a", "b"], "quantity_key": ["hlo_2026", "hlo_2026"],
    ...     "amount_eur": [18_000_000, 18_000_000], "source_document": ["001.txt", "002.txt"],
    ...     "component": ["HLO", "HLO"], "year": [2026, 2026]})
    >>> empty = pl.DataFrame(schema={"comparison_id": pl.String, "description": pl.String,
    ...     "left_line_ids": pl.List(pl.String), "right_line_ids": pl.List(pl.String),
    ...     "right_rule_id": pl.String, "tolerance_eur": pl.Int64, "explanation": pl.String})
    >>> rules = pl.DataFrame(schema={"rule_id": pl.String, "rate_percent": pl.Float64})
    >>> reconcile_frames(funding, empty, rules)["status"].to_list()
    ['overeenstemming']
    """
    rows: list[dict[str, object]] = []
    keyed = funding.filter(pl.col("quantity_key").is_not_null())
    for key, group in keyed.sort("line_id").group_by("quantity_key", maintain_order=True):
        if group.height < 2:
            continue
        low, high = int(group["amount_eur"].min()), int(group["amount_eur"].max())  # type: ignore[arg-type]
        first = group.row(0, named=True)
        when = "structureel" if first["year"] is None else str(first["year"])
        rows.append(
            {
                "check_id": str(key[0]),
                "kind": "same_quantity",
                "description": f"{first['component']} ({when}), in {group.height} bronregels",
                "line_ids": group["line_id"].to_list(),
                "documents": sorted(set(group["source_document"].to_list())),
                "left_eur": low,
                "right_eur": high,
                "difference_eur": high - low,
                "tolerance_eur": 0,
                "status": "overeenstemming" if low == high else "verschil",
                "explanation": None,
            }
        )
    amounts = dict(funding.select("line_id", "amount_eur").iter_rows())
    documents = dict(funding.select("line_id", "source_document").iter_rows())
    rates = dict(rules.select("rule_id", "rate_percent").iter_rows())
    for comparison in comparisons.iter_rows(named=True):
        left = sum(amounts[line] for line in comparison["left_line_ids"])
        right = sum(amounts[line] for line in comparison["right_line_ids"])
        if comparison["right_rule_id"] is not None:
            right = apply_rate(right, rates[comparison["right_rule_id"]])
        difference = right - left
        within = abs(difference) <= comparison["tolerance_eur"]
        status = (
            "overeenstemming"
            if within
            else "verklaard verschil"
            if comparison["explanation"]
            else "verschil"
        )
        lines = [*comparison["left_line_ids"], *comparison["right_line_ids"]]
        rows.append(
            {
                "check_id": comparison["comparison_id"],
                "kind": "derived",
                "description": comparison["description"],
                "line_ids": lines,
                "documents": sorted({documents[line] for line in lines}),
                "left_eur": left,
                "right_eur": right,
                "difference_eur": difference,
                "tolerance_eur": comparison["tolerance_eur"],
                "status": status,
                "explanation": comparison["explanation"],
            }
        )
    frame = pl.DataFrame(rows, schema=_SCHEMA)
    return ReconciliationSchema.validate(frame)


_SCHEMA: dict[str, pl.DataType] = {
    "check_id": pl.String(),
    "kind": pl.String(),
    "description": pl.String(),
    "line_ids": pl.List(pl.String()),
    "documents": pl.List(pl.String()),
    "left_eur": pl.Int64(),
    "right_eur": pl.Int64(),
    "difference_eur": pl.Int64(),
    "tolerance_eur": pl.Int64(),
    "status": pl.String(),
    "explanation": pl.String(),
}
