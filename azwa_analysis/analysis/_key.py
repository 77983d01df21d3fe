"""Distribution keys: the shares of the official amounts, and a key calibrated on them.

**The keys VWS says hold for now** (letter of 22 April 2026, p. 5): money for municipalities is
distributed like the brede SPUK, money for mandaatgemeenten like the SPUK IZA. The official
amounts of both for 2025 and 2026 are known for every municipality and every region (VWS letter
of 12 September 2025), so each key is a table of shares: a municipality's (or region's) part of
the newest official year.

**The calibrated key** explains those shares with public indicators, so that the estimate's error
can be measured and an alternative key gives the range: a share proportional to

    w · inhabitants / Σ inhabitants + (1 − w) · disadvantaged / Σ disadvantaged,
    disadvantaged = inhabitants · (v · % low income + (1 − v) · % low education) / 100

(the GALA names inhabitants, income and education as the key's factors), with ``w`` and ``v``
fitted to the official 2025 shares by least relative error. A few municipalities get a fixed
minimum instead of a share (the Wadden islands and Rozendaal: their 2026 amount equals their 2025
amount while every other municipality received the same lower fraction); they are detected from
the data and keep their official share. The back-test reports how far the calibrated key is from
the official shares (median, 90th percentile, worst, and which municipalities), in sample and in
a ten-fold cross-validation.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from azwa_analysis._tables import Tables

#: A municipality whose amount changed by a fraction this far from the common one between the
#: two official years is taken to have a fixed minimum rather than a share.
FLOOR_TOLERANCE = 0.01
FOLDS = 10


@dataclass(frozen=True)
class CalibratedKey:
    """The fitted key and how well it reproduces the official shares."""

    weight_inhabitants: float
    weight_income: float
    basis_year: int
    floors: tuple[str, ...]
    median_error: float
    p90_error: float
    worst_error: float
    cv_median_error: float
    cv_p90_error: float
    worst: tuple[tuple[str, str, float], ...]


def official_shares(
    tables: Tables, *, recipient_kind: str, stream_id: str, year: int | None = None
) -> pl.DataFrame:
    """Each recipient's part of the official amounts of ``stream_id`` in ``year`` (default: the
    newest year with official amounts): columns ``recipient``, ``amount_eur``, ``share``.

    Examples
    --------
    >>> from azwa_analysis import load_tables
    >>> shares = official_shares(load_tables(), recipient_kind="regio", stream_id="spuk_iza")
    >>> shares.height, round(float(shares["share"].sum()), 9)
    (42, 1.0)
    """
    rows = tables.allocations.filter(
        (pl.col("recipient_kind") == recipient_kind) & (pl.col("stream_id") == stream_id)
    )
    wanted = int(rows["year"].max()) if year is None else year  # type: ignore[arg-type]
    rows = rows.filter(pl.col("year") == wanted)
    return rows.select(
        "recipient",
        "amount_eur",
        (pl.col("amount_eur") / pl.col("amount_eur").sum()).alias("share"),
    ).sort("recipient")


def distribution_shares(
    municipalities: pl.DataFrame, *, weight_inhabitants: float, weight_income: float
) -> pl.Series:
    """Each municipality's share (sums to 1) for one choice of weights, in frame order.

    Examples
    --------
    >>> frame = pl.DataFrame({"inhabitants": [100, 300],
    ...     "pct_low_income_households": [20.0, 10.0], "pct_low_education": [20.0, 10.0]})
    >>> distribution_shares(frame, weight_inhabitants=0.5, weight_income=0.5).to_list()
    [0.325, 0.675]
    """
    inhabitants = municipalities["inhabitants"].cast(pl.Float64)
    disadvantage_pct = pl.Series([0.0] * municipalities.height)
    for column, weight in (
        ("pct_low_income_households", weight_income),
        ("pct_low_education", 1.0 - weight_income),
    ):
        values = municipalities[column].cast(pl.Float64)
        known = values.is_not_null()
        weighted_sum = float((values.filter(known) * inhabitants.filter(known)).sum())
        mean = weighted_sum / float(inhabitants.filter(known).sum())
        disadvantage_pct = disadvantage_pct + weight * values.fill_null(mean)
    disadvantaged = inhabitants * disadvantage_pct / 100.0
    share = (
        weight_inhabitants * inhabitants / inhabitants.sum()
        + (1.0 - weight_inhabitants) * disadvantaged / disadvantaged.sum()
    )
    return share.alias("share")


def floor_municipalities(tables: Tables, *, stream_id: str = "spuk_gala") -> list[str]:
    """Municipalities whose official amount did not follow the common change between the two
    official years: they receive a fixed minimum, not a share."""
    rows = tables.allocations.filter(
        (pl.col("recipient_kind") == "gemeente") & (pl.col("stream_id") == stream_id)
    )
    years = sorted(set(rows["year"].to_list()))
    if len(years) < 2:
        return []
    first, last = years[-2], years[-1]
    wide = (
        rows.filter(pl.col("year") == first)
        .select("recipient", pl.col("amount_eur").alias("a"))
        .join(
            rows.filter(pl.col("year") == last).select(
                "recipient", pl.col("amount_eur").alias("b")
            ),
            on="recipient",
        )
        .with_columns((pl.col("b") / pl.col("a")).alias("ratio"))
    )
    common = float(wide["ratio"].median())  # type: ignore[arg-type]
    return sorted(
        wide.filter((pl.col("ratio") - common).abs() > FLOOR_TOLERANCE)["recipient"].to_list()
    )


def calibrate_key(tables: Tables, *, year: int = 2025) -> CalibratedKey:
    """Fit the calibrated key to the official brede SPUK shares of ``year`` (see the module
    docstring) and measure its error. Memoised per tables bundle.

    Examples
    --------
    >>> from azwa_analysis import load_tables
    >>> key = calibrate_key(load_tables())
    >>> 0.0 <= key.weight_inhabitants <= 1.0 and key.median_error < 0.1
    True
    """
    return tables.memoised(("calibrate_key", year), lambda: _calibrate(tables, year))


def _calibrate(tables: Tables, year: int) -> CalibratedKey:
    official = official_shares(tables, recipient_kind="gemeente", stream_id="spuk_gala", year=year)
    floors = floor_municipalities(tables)
    frame = (
        tables.municipalities.sort("municipality_code")
        .join(
            official.select(pl.col("recipient").alias("municipality_code"), "amount_eur"),
            on="municipality_code",
        )
        .filter(~pl.col("municipality_code").is_in(floors))
    )
    target = frame["amount_eur"].cast(pl.Float64).to_numpy()
    columns = _indicator_columns(frame)
    coefficients = _fit_nonnegative(columns, target, np.arange(len(target)))
    w_inh, w_inc = _weights(columns, coefficients)
    errors = (columns @ coefficients - target) / target
    cross = np.empty_like(errors)
    order = np.arange(len(target))
    for fold in range(FOLDS):
        test = order % FOLDS == fold
        fitted = _fit_nonnegative(columns, target, order[~test])
        cross[test] = (columns[test] @ fitted - target[test]) / target[test]
    absolute = np.abs(errors)
    worst = np.argsort(-absolute)[:5]
    names = frame["name"].to_list()
    codes = frame["municipality_code"].to_list()
    return CalibratedKey(
        weight_inhabitants=w_inh,
        weight_income=w_inc,
        basis_year=year,
        floors=tuple(floors),
        median_error=float(np.median(absolute)),
        p90_error=float(np.percentile(absolute, 90)),
        worst_error=float(absolute.max()),
        cv_median_error=float(np.median(np.abs(cross))),
        cv_p90_error=float(np.percentile(np.abs(cross), 90)),
        worst=tuple((codes[i], names[i], float(errors[i])) for i in worst),
    )


def key_backtest(tables: Tables, *, year: int = 2025) -> pl.DataFrame:
    """Per municipality (without a fixed minimum): the official amount of ``year``, what the
    calibrated key gives for the same total, and the relative error."""
    key = calibrate_key(tables, year=year)
    official = official_shares(tables, recipient_kind="gemeente", stream_id="spuk_gala", year=year)
    frame = (
        tables.municipalities.sort("municipality_code")
        .join(
            official.select(pl.col("recipient").alias("municipality_code"), "amount_eur"),
            on="municipality_code",
        )
        .filter(~pl.col("municipality_code").is_in(list(key.floors)))
    )
    shares = distribution_shares(
        frame, weight_inhabitants=key.weight_inhabitants, weight_income=key.weight_income
    )
    total = int(frame["amount_eur"].sum())
    return frame.select(
        "municipality_code",
        "name",
        "inhabitants",
        pl.col("amount_eur").alias("official_eur"),
        (shares * total).round(0).cast(pl.Int64).alias("calibrated_eur"),
    ).with_columns(
        ((pl.col("calibrated_eur") - pl.col("official_eur")) / pl.col("official_eur")).alias(
            "error"
        )
    )


def _indicator_columns(frame: pl.DataFrame) -> np.ndarray:
    """Inhabitants, inhabitants with a low income and inhabitants with a low education."""
    inhabitants = frame["inhabitants"].cast(pl.Float64)
    columns = [inhabitants.to_numpy()]
    for name in ("pct_low_income_households", "pct_low_education"):
        values = frame[name].cast(pl.Float64)
        mean = float((values * inhabitants).sum()) / float(inhabitants.sum())
        values = values.fill_null(mean)
        columns.append((inhabitants * values / 100.0).to_numpy())
    return np.column_stack(columns)


def _fit_nonnegative(columns: np.ndarray, target: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Least relative squared error with coefficients ≥ 0 (every subset of the three terms)."""
    weights = 1.0 / target[rows]
    best: tuple[float, np.ndarray] | None = None
    for mask in range(1, 1 << columns.shape[1]):
        used = [i for i in range(columns.shape[1]) if mask >> i & 1]
        design = columns[np.ix_(rows, np.array(used))] * weights[:, None]
        solution, *_ = np.linalg.lstsq(design, target[rows] * weights, rcond=None)
        if (solution < 0).any():
            continue
        full = np.zeros(columns.shape[1])
        full[used] = solution
        loss = float(np.sum(((columns[rows] @ full - target[rows]) * weights) ** 2))
        if best is None or loss < best[0]:
            best = (loss, full)
    assert best is not None  # inhabitants alone always gives a non-negative fit
    return best[1]


def _weights(columns: np.ndarray, coefficients: np.ndarray) -> tuple[float, float]:
    """The fitted linear terms as the key's two weights (see the module docstring)."""
    a, b, c = coefficients
    disadvantage = b + c
    w_inc = float(b / disadvantage) if disadvantage > 0 else 0.5
    inhabitants_total = float(columns[:, 0].sum())
    disadvantaged_total = float((w_inc * columns[:, 1] + (1 - w_inc) * columns[:, 2]).sum())
    by_inhabitants = a * inhabitants_total
    by_disadvantage = disadvantage * disadvantaged_total
    return float(by_inhabitants / (by_inhabitants + by_disadvantage)), w_inc
