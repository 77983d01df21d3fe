"""The timeline's steps and labels: rows about the same step share a ``step_id``, at most one row
of a step carries a short label for the figure, and conditions are a kind of their own."""

from __future__ import annotations

import datetime as dt

import polars as pl

from azwa_analysis import Tables
from azwa_analysis._issues import ValidationIssue
from azwa_analysis._vocab import EVENT_KIND_LABELS, EVENT_KINDS
from azwa_analysis.clean._parse import parse_table
from azwa_analysis.clean._process import derive_periods, validate_frame
from azwa_analysis.schemas import TimelineSchema

HEADER = (
    "event_id,period,period_start,date_text,event,agreement,actor,kind,scope,step_id,label,"
    "source_document,source_location,source_quote,note\n"
)
DEADLINE = "Werkagenda vastgesteld"


def _row(event_id: str, *, step_id: str = "", label: str = "", kind: str = "deadline") -> str:
    return (
        f"{event_id},2026-11-15,,15 november,De colleges stellen de werkagenda vast,AZWA,"
        f"gemeente;regio,{kind},national,{step_id},{label},001.txt,1,15 november,\n"
    )


def _issues(*rows: str) -> list[ValidationIssue]:
    frame, issues = parse_table(HEADER + "".join(rows), TimelineSchema, file="timeline.csv")
    frame, period_issues = derive_periods(frame, file="timeline.csv")
    issues += period_issues
    return issues + validate_frame(frame, TimelineSchema, file="timeline.csv", reported=issues)


def test_rows_of_one_step_with_one_label_pass() -> None:
    """Two documents about the same step share its step_id; one of them carries the label, and
    a step named in one document may leave step_id empty."""
    assert (
        _issues(
            _row("a", step_id="werkagenda_vastgesteld", label=DEADLINE),
            _row("b", step_id="werkagenda_vastgesteld"),
            _row("c"),
        )
        == []
    )


def test_two_labels_in_one_step_are_reported_on_both_rows() -> None:
    """The figure shows a step once, so a second label in the same step is an error."""
    issues = _issues(
        _row("a", step_id="werkagenda_vastgesteld", label=DEADLINE),
        _row("b", step_id="werkagenda_vastgesteld", label="Werkagenda klaar"),
        _row("c", step_id="andere_stap", label="Andere stap"),
    )
    assert {issue.row for issue in issues} == {2, 3}
    assert all("label" in issue.rule for issue in issues)


def test_a_label_longer_than_32_characters_is_reported() -> None:
    """A label is short enough to print beside its tick: 32 characters pass, 33 do not."""
    assert _issues(_row("a", label="x" * 32)) == []
    (issue,) = _issues(_row("a", label="x" * 33))
    assert (issue.row, issue.column) == (2, "label")


def test_a_step_id_is_a_slug() -> None:
    """The step_id follows the same slug rule as every other key."""
    (issue,) = _issues(_row("a", step_id="Werkagenda vastgesteld"))
    assert (issue.row, issue.column) == (2, "step_id")


def test_condition_is_a_kind_with_a_dutch_label() -> None:
    """A condition attached to the start of money or a plan is its own kind, not a deadline;
    every kind has a Dutch label."""
    assert _issues(_row("a", kind="condition")) == []
    assert set(EVENT_KIND_LABELS) == set(EVENT_KINDS)
    assert "voorwaarde" in EVENT_KIND_LABELS["condition"]


def test_shipped_labels_are_few_and_between_2022_and_2030(tables: Tables) -> None:
    """The figure's key dates: six to eight labels, one per step, all from 2022 to 2030."""
    labelled = tables.timeline.filter(pl.col("label").is_not_null())
    assert 6 <= labelled.height <= 8
    assert labelled["label"].is_unique().all()
    assert labelled["step_id"].is_unique().all()
    assert labelled["date"].min() >= dt.date(2022, 1, 1)  # type: ignore[operator]
    assert labelled["date_end"].max() <= dt.date(2030, 12, 31)  # type: ignore[operator]


def test_shipped_steps_span_documents(tables: Tables) -> None:
    """A step shared by several rows is named in several documents; a step of one row has a
    step_id only because it carries a label."""
    steps = (
        tables.timeline.filter(pl.col("step_id").is_not_null())
        .group_by("step_id")
        .agg(
            pl.len().alias("rows"),
            pl.col("source_document").n_unique().alias("documents"),
            pl.col("label").drop_nulls().len().alias("labels"),
        )
    )
    shared = steps.filter(pl.col("rows") > 1)
    assert (shared["documents"] > 1).all(), shared.filter(pl.col("documents") < 2)
    assert (steps.filter(pl.col("rows") == 1)["labels"] == 1).all()


def test_the_werkagenda_deadline_is_one_step_and_its_preparation_another(tables: Tables) -> None:
    """Five documents give the colleges' deadline (medio/15 november 2026): one step. Ready in
    September (the AZWA's addition to the regioplan) is a step of its own."""
    timeline = tables.timeline
    adopted = timeline.filter(pl.col("step_id") == "werkagenda_vastgesteld_2026_11_15")
    assert adopted.height == 5
    assert set(adopted["period"]) == {"2026-11-15", "2026-11"}
    ready = timeline.filter(pl.col("step_id") == "werkagenda_gereed_2026_09")
    assert {"opdracht_werkagenda_half_september_2026", "azwa_regioplan_addendum_2026q3"} <= set(
        ready["event_id"]
    )


def test_cuts_are_decisions_and_money_ranges_end(tables: Tables) -> None:
    """A cut is a decision, not the end of money; money over a range of years is recorded at
    its last year as funding_end; conditions are not deadlines."""
    timeline = tables.timeline
    cut = "(?i)korting van|kortingen toegepast|gekort op"
    cuts = timeline.filter(pl.col("event").str.contains(cut))
    assert cuts.height >= 4
    assert set(cuts["kind"]) == {"decision"}
    ranges = timeline.filter(
        (pl.col("kind") == "funding_start")
        & pl.col("period_start").is_not_null()
        & (pl.col("precision") == "year")
    )
    assert ranges.is_empty(), ranges["event_id"].to_list()
    plan = timeline.filter(pl.col("event_id") == "gala_spuk_plan_van_aanpak_2024_2026")
    assert plan["kind"].to_list() == ["condition"]
