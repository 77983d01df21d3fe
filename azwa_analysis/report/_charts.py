"""Charts for notebooks and briefings: Altair specs rendered to static SVG or PNG offline.

Altair's HTML output loads Vega from a CDN; a briefing must work without a network, so every
chart here is converted with vl-convert (bundled Vega) into SVG/PNG, with Dutch number and date
formats (``nl-NL``).
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import json
from typing import Any, Final, cast

import altair as alt  # after azwa_analysis/__init__ skipped jsonschema's IRI grammar
import polars as pl
import vl_convert as vlc

LOCALE: Final = "nl-NL"
AGREEMENT_COLOURS = {
    "IZA": "#1f77b4",
    "GALA": "#2ca02c",
    "AZWA": "#d62728",
    "HLO": "#9467bd",
    "Preventieakkoord": "#8c564b",
    "other": "#7f7f7f",
}
WIDTH = 560


def _spec(chart: alt.TopLevelMixin, *, validate: bool = True) -> dict[str, Any]:
    spec = chart.to_dict(validate=validate)
    assert isinstance(spec, dict)
    return spec


def chart_svg(chart: alt.TopLevelMixin) -> str:
    """The chart as an SVG string (no network, Dutch number formats)."""
    return _svg(json.dumps(_spec(chart), sort_keys=True, default=str))


def chart_png(chart: alt.TopLevelMixin, *, scale: float = 2.0) -> bytes:
    """The chart as PNG bytes (for Word)."""
    return _png(json.dumps(_spec(chart), sort_keys=True, default=str), scale)


def chart_images(chart: alt.TopLevelMixin, *, scale: float = 2.0) -> tuple[str, bytes]:
    """SVG and PNG of one chart from one spec: what a briefing figure needs.

    The spec is checked against the Vega-Lite schema unless validation is switched off the
    pandera way (``PANDERA_VALIDATION_ENABLED=False``), as the batch renderer does for its
    kernels: the check costs more than drawing a small chart, and the tests run it.
    """
    from pandera.config import get_config_context

    validate = bool(get_config_context().validation_enabled)
    return spec_images(_spec(chart, validate=validate), scale=scale)


def spec_images(spec: dict[str, Any], *, scale: float = 2.0) -> tuple[str, bytes]:
    """SVG and PNG of one Vega-Lite spec (a dict)."""
    text = json.dumps(spec, sort_keys=True, default=str)
    return _svg(text), _png(text, scale)


# The same spec gives the same picture: a batch of briefings draws the national chart once.
@functools.lru_cache(maxsize=32)
def _svg(spec: str) -> str:
    return str(
        vlc.vegalite_to_svg(json.loads(spec), format_locale=LOCALE, time_format_locale=LOCALE)
    )


@functools.lru_cache(maxsize=32)
def _png(spec: str, scale: float) -> bytes:
    # Rasterising the (cached) SVG gives the same bytes as vegalite_to_png, which would lay
    # the chart out a second time: 19 ms instead of 45 ms per chart.
    return bytes(vlc.svg_to_png(_svg(spec), scale=scale))


def funding_chart(
    overview: pl.DataFrame, *, title: str = "Landelijke middelen per jaar"
) -> alt.TopLevelMixin:
    """Stacked bars: national money per year by stream (budget rows only), in € mln.

    Examples
    --------
    >>> from azwa_analysis import load_tables, funding_overview
    >>> chart = funding_chart(funding_overview(load_tables()))
    >>> chart_svg(chart).startswith("<svg")
    True
    """
    data = (
        overview.filter(pl.col("kind") == "budget")
        .group_by("year", "stream", "agreement")
        .agg((pl.col("amount_eur").sum() / 1_000_000).alias("mln"))
        .sort("year", "stream")
    )
    return cast(
        alt.TopLevelMixin,
        alt.Chart(data, title=title)
        .mark_bar()
        .encode(
            x=alt.X("year:O", title="Jaar", axis=alt.Axis(labelAngle=0)),
            y=alt.Y("sum(mln):Q", title="€ mln", axis=alt.Axis(format=",.0f")),
            color=alt.Color(
                "stream:N",
                title="Stroom",
                legend=alt.Legend(orient="bottom", columns=2, labelLimit=320),
            ),
            tooltip=[
                alt.Tooltip("year:O", title="Jaar"),
                alt.Tooltip("stream:N", title="Stroom"),
                alt.Tooltip("mln:Q", title="€ mln", format=",.1f"),
            ],
        )
        .properties(width=WIDTH, height=260),
    )


def allocation_chart(allocation: pl.DataFrame, *, title: str) -> alt.TopLevelMixin:
    """A municipality's own amount per year (sum over streams) with the range as an error band
    (a point where the amount is official)."""
    data = _allocation_data(allocation)
    base = alt.Chart(data, title=title).encode(
        x=alt.X("year:O", title="Jaar", axis=alt.Axis(labelAngle=0))
    )
    bars = base.mark_bar(color="#4c78a8").encode(
        y=alt.Y("mln:Q", title="€ mln", axis=alt.Axis(format=",.2f"))
    )
    band = base.mark_errorbar(color="black", ticks=True).encode(
        y=alt.Y("low:Q", title="€ mln"), y2="high:Q"
    )
    return cast(alt.TopLevelMixin, alt.layer(bars, band).properties(width=WIDTH, height=220))


def allocation_images(
    allocation: pl.DataFrame, *, title: str, scale: float = 2.0
) -> tuple[str, bytes]:
    """SVG and PNG of :func:`allocation_chart`, without building and compiling the chart for
    every municipality: Altair's spec of the chart is made once and compiled once to Vega
    (VL to Vega is 12 of the 76 ms vl-convert spends on this chart), and this data and title
    are filled into that Vega spec. The picture equals the chart's own (a test checks it)."""
    template, data_index = _allocation_vega()
    spec = copy.deepcopy(template)
    spec["data"][data_index]["values"] = _allocation_data(allocation).to_dicts()
    spec["title"]["text"] = title
    svg = str(vlc.vega_to_svg(spec, format_locale=LOCALE, time_format_locale=LOCALE))
    return svg, bytes(vlc.svg_to_png(svg, scale=scale))


@functools.cache
def _allocation_vega() -> tuple[dict[str, Any], int]:
    """The chart's Vega spec, and the place of its one inline dataset in ``spec["data"]``."""
    empty = pl.DataFrame(
        {"year": [2025], "amount_eur": [0], "low_eur": [0], "high_eur": [0]},
        schema={
            "year": pl.Int32,
            "amount_eur": pl.Int64,
            "low_eur": pl.Int64,
            "high_eur": pl.Int64,
        },
    )
    spec = vlc.vegalite_to_vega(_spec(allocation_chart(empty, title="-")))
    inline = [index for index, entry in enumerate(spec["data"]) if "values" in entry]
    if len(inline) != 1 or spec["title"]["text"] != "-":
        raise AssertionError("de Vega-spec van de toewijzingsfiguur heeft een andere vorm")
    return spec, inline[0]


def _allocation_data(allocation: pl.DataFrame) -> pl.DataFrame:
    return (
        allocation.group_by("year")
        .agg(
            (pl.col("amount_eur").sum() / 1_000_000).alias("mln"),
            (pl.col("low_eur").sum() / 1_000_000).alias("low"),
            (pl.col("high_eur").sum() / 1_000_000).alias("high"),
        )
        .sort("year")
    )


def timeline_chart(
    events: pl.DataFrame, *, as_of: dt.date, title: str = "Tijdlijn van de akkoorden"
) -> alt.TopLevelMixin:
    """Events per agreement on a time axis, with a rule at the as-of date; events with a
    ``label`` (the key dates) are drawn larger and named beside their mark."""
    if "label" not in events.columns:
        events = events.with_columns(pl.lit(None, pl.String).alias("label"))
    data = events.select("date", "date_end", "agreement", "event", "when_nl", "label").with_columns(
        pl.col("event").str.slice(0, 80),
        pl.col("agreement").replace({"other": "overig"}),
    )
    order = [name.replace("other", "overig") for name in AGREEMENT_COLOURS]
    colour = alt.Color(
        "agreement:N",
        legend=None,
        scale=alt.Scale(domain=order, range=list(AGREEMENT_COLOURS.values())),
    )
    x = alt.X("date_end:T", title=None, axis=alt.Axis(format="%Y"))
    y = alt.Y("agreement:N", title=None, sort=order)
    base = alt.Chart(data, title=title)
    ticks = base.mark_tick(thickness=2, size=16, opacity=0.6).encode(
        x=x,
        y=y,
        color=colour,
        tooltip=[alt.Tooltip("when_nl:N", title="Wanneer"), alt.Tooltip("event:N", title="Wat")],
    )
    labelled = data.filter(pl.col("label").is_not_null()).sort("date_end")
    key = (
        alt.Chart(labelled)
        .mark_point(filled=True, size=70, shape="diamond")
        .encode(x=x, y=y, color=colour)
    )
    names = (
        alt.Chart(
            labelled.with_columns(pl.concat_str("label", pl.lit(" ("), "when_nl", pl.lit(")")))
        )
        .mark_text(align="left", dx=6, dy=-9, fontSize=9, color="#222222")
        .encode(x=x, y=y, text="label:N")
    )
    today = (
        alt.Chart(pl.DataFrame({"as_of": [as_of]}))
        .mark_rule(color="black", strokeDash=[4, 3])
        .encode(x="as_of:T")
    )
    return cast(
        alt.TopLevelMixin, alt.layer(ticks, key, names, today).properties(width=WIDTH, height=190)
    )


class SvgChart:
    """Shows a chart as static SVG in Jupyter (no Vega from a CDN): ``SvgChart(chart)``."""

    def __init__(self, chart: alt.TopLevelMixin):
        self.chart = chart

    def _repr_svg_(self) -> str:
        return chart_svg(self.chart)


def municipality_map(
    values: pl.DataFrame,
    geometry: dict[str, Any],
    *,
    value: str,
    title: str,
    legend: str,
    number_format: str = ",.2f",
    domain: tuple[float, float] | None = None,
) -> alt.TopLevelMixin:
    """A choropleth of the 342 municipalities: ``values`` has ``municipality_code``, ``name`` and
    the column ``value``; ``geometry`` is the CBS TopoJSON of the 2025 municipalities (its
    features carry ``statcode``). ``domain`` clamps the colour scale (values outside it get the
    end colours), so a few outliers do not wash out the rest. Rendered offline like every chart
    here.

    Examples
    --------
    >>> from azwa_analysis import load_tables
    >>> from azwa_analysis.report._charts import municipality_geometry
    >>> frame = pl.DataFrame({"municipality_code": ["GM0014"], "name": ["Groningen"], "x": [1.0]})
    >>> chart = municipality_map(frame, municipality_geometry(), value="x", title="t", legend="x")
    >>> chart_svg(chart).startswith("<svg")
    True
    """
    (name,) = geometry["objects"]
    shapes = alt.Data(values=geometry, format=alt.DataFormat(type="topojson", feature=name))
    lookup = alt.LookupData(
        alt.Data(values=values.select("municipality_code", "name", value).to_dicts()),
        key="municipality_code",
        fields=["name", value],
    )
    return cast(
        alt.TopLevelMixin,
        alt.Chart(shapes, title=title)
        .mark_geoshape(stroke="white", strokeWidth=0.3)
        .transform_lookup(lookup="properties.statcode", from_=lookup)
        .encode(
            color=alt.Color(
                f"{value}:Q",
                title=legend,
                scale=alt.Scale(scheme="blues")
                if domain is None
                else alt.Scale(scheme="blues", domain=list(domain), clamp=True),
                legend=alt.Legend(format=number_format, orient="right"),
            ),
            tooltip=[
                alt.Tooltip("name:N", title="Gemeente"),
                alt.Tooltip(f"{value}:Q", title=legend, format=number_format),
            ],
        )
        .project(type="mercator")
        .properties(width=WIDTH, height=600),
    )


def municipality_geometry(paths: Any = None) -> dict[str, Any]:
    """The CBS TopoJSON of the 2025 municipalities, from ``data/raw/municipalities`` (a raw
    input whose checksum the build verifies)."""
    from azwa_analysis._paths import DataPaths

    folder = (paths or DataPaths.default()).raw / "municipalities"
    loaded = json.loads((folder / "gemeente_2025.topojson").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded
