"""The timeline's steps and labels: rows about the same step share a ``step_id``, at most one row
of a step carries a short label for the figure, and conditions are a kind of their own."""

from __future__ import annotations

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
