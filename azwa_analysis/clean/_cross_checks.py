"""Checks across tables and files, wired to the build's tables: provenance of every raw file,
references between tables, quotes, subtotals and amounts, steward submissions.

The checks themselves are in :mod:`~azwa_analysis.clean._checks` and
:mod:`~azwa_analysis.sources`; this module says which applies to which table.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from azwa_analysis._issues import ValidationIssue
from azwa_analysis._vocab import AZWA_CATEGORIES
from azwa_analysis.clean import _checks as checks
from azwa_analysis.clean._load import RAW_TABLES, Inputs
from azwa_analysis.clean._municipalities import check_municipality_coverage
from azwa_analysis.clean._submissions import Submission
from azwa_analysis.clean._totals import check_totals
from azwa_analysis.sources import Pages, check_quotes

REQUIRED_SIDECAR_KEYS = ("title", "producer", "date_accessed", "licence", "sha256")


def check_provenance(inputs: Inputs, *, raw_prefix: str) -> list[ValidationIssue]:
    issues: list[ValidationIssue] = []
    for relative, checksum in sorted(inputs.checksums.items()):
        meta = inputs.sidecars.get(relative) or {}
        sidecar = f"{raw_prefix}{relative}.meta.yml"
        if not meta:
            issues.append(
                ValidationIssue.whole_file(
                    sidecar,
                    "herkomstbestand (sidecar) ontbreekt of is leeg",
                    "elk ruw bestand heeft een .meta.yml met zijn herkomst",
                )
            )
            continue
        for key in REQUIRED_SIDECAR_KEYS:
            if not meta.get(key):
                issues.append(ValidationIssue(sidecar, None, key, None, "verplicht veld ontbreekt"))
        if meta.get("sha256") and meta["sha256"] != checksum:
            issues.append(
                ValidationIssue(
                    sidecar,
                    None,
                    "sha256",
                    str(meta["sha256"]),
                    f"controlegetal klopt niet met het bestand ({checksum[:12]}…)",
                    "controleer de wijziging en voer daarna "
                    f"'azwa checksum {raw_prefix}{relative}' uit",
                )
            )
    return issues


def quoted_documents(inputs: Inputs) -> tuple[dict[str, Pages | list[str]], set[str]]:
    """The texts quotes are checked against (the seeds, and registered documents the store
    holds as registered), and the registered documents the store lacks."""
    texts: dict[str, Pages | list[str]] = dict(inputs.documents)
    absent: set[str] = set()
    for name, stored in inputs.stored.items():
        if stored.pages is not None:
            texts[name] = stored.pages
        else:
            absent.add(name)
    return texts, absent


_STORE_PROBLEMS = {
    "gewijzigd": (
        "het document in de opslag is veranderd sinds de registratie",
        "zet het geregistreerde origineel terug, of registreer de nieuwe versie onder een "
        "nieuwe naam met 'azwa source add'",
    ),
    "andere tekst": (
        "de tekst uit het document wijkt af van de registratie (andere versie van de lezer?)",
        "gebruik de vastgelegde versies (uv sync --locked) of registreer het document opnieuw "
        "en controleer de citaten",
    ),
    "onleesbaar": (
        "het document in de opslag is niet te lezen",
        "zet het geregistreerde origineel terug",
    ),
}


def check_store(inputs: Inputs, *, raw_prefix: str) -> list[ValidationIssue]:
    """A registered document that the store holds must be the registered one, reading as the
    same text. An absent document is no error: its quotes are counted as unchecked."""
    issues: list[ValidationIssue] = []
    for name, stored in sorted(inputs.stored.items()):
        if stored.state in _STORE_PROBLEMS:
            rule, hint = _STORE_PROBLEMS[stored.state]
            issues.append(
                ValidationIssue(
                    f"{raw_prefix}sources/{name}.yml",
                    None,
                    "sha256",
                    stored.detail or None,
                    f"{rule} ({name})",
                    hint,
                )
            )
    return issues


def check_submissions(
    frames: dict[str, pl.DataFrame], submissions: list[Submission], *, raw_prefix: str
) -> list[ValidationIssue]:
    """References in steward submissions exist (municipality, intervention, stream, region)."""
    codes = frames["municipalities"]["gemeentecode"].to_list()
    interventions = frames["interventions"]["intervention_id"].to_list()
    streams = frames["streams"]["stream_id"].to_list()
    regions = frames["iza_regions"]["region_id"].to_list()
    #: Per kind, what its rows refer to besides the municipality: (column, known, target).
    references: dict[str, tuple[tuple[str, list[str], str], ...]] = {
        "lokale_stand": (
            ("intervention_id", interventions, "interventie"),
            ("funding_stream_id", streams, "stroom"),
        ),
        "officiele_bedragen": (("stream_id", streams, "stroom"),),
        "iza_regio": (("region_id", regions, "regio"),),
        "adviseurstekst": (),
    }
    issues: list[ValidationIssue] = []
    for submission in submissions:
        file = raw_prefix + submission.relative
        frame = submission.frame
        issues.extend(
            checks.check_reference(frame, "municipality_code", codes, file=file, target="gemeente")
        )
        for column, known, target in references[submission.kind]:
            issues.extend(checks.check_reference(frame, column, known, file=file, target=target))
    return issues


def cross_checks(
    frames: dict[str, pl.DataFrame], inputs: Inputs, *, raw_prefix: str
) -> list[ValidationIssue]:
    def file(name: str) -> str:
        return raw_prefix + next(t.path for t in RAW_TABLES if t.name == name)

    issues: list[ValidationIssue] = []
    texts, absent = quoted_documents(inputs)
    codes = frames["municipalities"]["gemeentecode"].to_list()
    streams = frames["streams"]["stream_id"].to_list()
    funding = frames["funding"]
    interventions = frames["interventions"]
    for name in (
        "streams",
        "funding",
        "funding_rules",
        "interventions",
        "local_status",
        "timeline",
    ):
        issues.extend(check_quotes(frames[name], texts, file=file(name), absent=absent))
    issues.extend(
        checks.check_reference(
            funding, "stream_id", streams, file=file("funding"), target="stroom (streams.csv)"
        )
    )
    issues.extend(
        checks.check_reference(
            funding,
            "parent_component_id",
            funding.filter(pl.col("is_subtotal"))["component_id"],
            file=file("funding"),
            target="subtotaal (component_id met is_subtotal)",
        )
    )
    issues.extend(checks.check_scope(funding, codes, file=file("funding")))
    issues.extend(checks.check_subtotals(funding, file=file("funding")))
    issues.extend(checks.check_amounts_quoted(funding, file=file("funding")))
    issues.extend(
        checks.check_reference(
            frames["funding_rules"],
            "stream_ids",
            streams,
            file=file("funding_rules"),
            target="stroom (streams.csv)",
            list_column=True,
        )
    )
    totals = frames["allocation_totals"]
    line_ids = [*funding["line_id"].to_list(), *totals["line_id"].to_list()]
    for column in ("left_line_ids", "right_line_ids"):
        issues.extend(
            checks.check_reference(
                frames["comparisons"],
                column,
                line_ids,
                file=file("comparisons"),
                target="begrotingsregel (funding.line_id)",
                list_column=True,
            )
        )
    issues.extend(
        checks.check_reference(
            frames["comparisons"],
            "right_rule_id",
            frames["funding_rules"].filter(pl.col("kind") == "generic_cut")["rule_id"],
            file=file("comparisons"),
            target="kortingsregel (funding_rules.rule_id)",
        )
    )
    ids = interventions["intervention_id"].to_list()
    issues.extend(
        checks.check_reference(
            interventions,
            "funding_component_id",
            funding["component_id"],
            file=file("interventions"),
            target="onderdeel (funding.component_id)",
        )
    )
    issues.extend(
        checks.check_reference(
            interventions,
            "parent_intervention_id",
            ids,
            file=file("interventions"),
            target="interventie",
        )
    )
    issues.extend(checks.check_unique_aliases(interventions, file=file("interventions")))
    local = frames["local_status"]
    issues.extend(
        checks.check_reference(
            local,
            "intervention_id",
            ids,
            file=file("local_status"),
            target="interventie (interventions.csv)",
        )
    )
    issues.extend(
        checks.check_reference(
            local, "municipality_code", codes, file=file("local_status"), target="gemeente"
        )
    )
    issues.extend(
        checks.check_reference(
            local,
            "funding_stream_id",
            streams,
            file=file("local_status"),
            target="stroom (streams.csv)",
        )
    )
    issues.extend(checks.check_scope(frames["timeline"], codes, file=file("timeline")))
    for name in (
        "overview_basis",
        "allocation_keys",
        "stream_targets",
        "agreements",
        "statements",
        "allocations",
        "iza_regions",
        "region_members",
        "health_goals",
        "allocation_totals",
        "parties",
        "stream_successors",
        "programme_parts",
        "local_caveats",
    ):
        issues.extend(check_quotes(frames[name], texts, file=file(name), absent=absent))
    for name in ("overview_basis", "allocation_keys", "stream_targets"):
        issues.extend(
            checks.check_reference(
                frames[name], "stream_id", streams, file=file(name), target="stroom (streams.csv)"
            )
        )
    issues.extend(
        checks.check_reference(
            frames["overview_basis"],
            "basis_document",
            [*inputs.documents, *inputs.registrations],
            file=file("overview_basis"),
            target="document (data/raw/documents of data/raw/sources)",
        )
    )
    issues.extend(
        checks.check_reference(
            frames["stream_targets"],
            "intervention_id",
            ids,
            file=file("stream_targets"),
            target="interventie",
        )
    )
    issues.extend(
        checks.check_reference(
            frames["agreements"],
            "key_event_ids",
            frames["timeline"]["event_id"],
            file=file("agreements"),
            target="gebeurtenis (timeline.event_id)",
            list_column=True,
        )
    )
    issues.extend(_region_checks(frames, file, codes, streams))
    issues.extend(_programme_checks(frames, file, codes, streams, ids))
    issues.extend(check_totals(totals, frames["allocations"], file=file("allocation_totals")))
    issues.extend(
        checks.check_reference(
            totals, "stream_id", streams, file=file("allocation_totals"), target="stroom"
        )
    )
    official = frames["official_allocations"]
    issues.extend(
        checks.check_reference(
            official,
            "municipality_code",
            codes,
            file=file("official_allocations"),
            target="gemeente",
        )
    )
    issues.extend(
        checks.check_reference(
            official,
            "stream_id",
            streams,
            file=file("official_allocations"),
            target="stroom (streams.csv)",
        )
    )
    issues.extend(
        check_municipality_coverage(
            frames["municipalities"],
            frames["kwb"],
            frames["mergers"],
            files={
                "municipalities": file("municipalities"),
                "kwb": file("kwb"),
                "mergers": file("mergers"),
            },
        )
    )
    return issues


def _region_checks(
    frames: dict[str, pl.DataFrame],
    file: Callable[[str], str],
    codes: list[str],
    streams: list[str],
) -> list[ValidationIssue]:
    """Official amounts, IZA regions and their members refer to what exists; printed names
    fit their codes; every amount stands in its own quote."""
    allocations = frames["allocations"]
    regions = frames["iza_regions"]["region_id"].to_list()
    by_kind = {"gemeente": codes, "regio": regions}
    issues: list[ValidationIssue] = []
    for kind, allowed in by_kind.items():
        issues.extend(
            checks.check_reference(
                allocations.filter(pl.col("recipient_kind") == kind),
                "recipient",
                allowed,
                file=file("allocations"),
                target="gemeente" if kind == "gemeente" else "regio (iza_regions.region_id)",
            )
        )
    issues.extend(
        checks.check_reference(
            allocations, "stream_id", streams, file=file("allocations"), target="stroom"
        )
    )
    issues.extend(
        checks.check_names_match(allocations, frames["municipalities"], file=file("allocations"))
    )
    issues.extend(checks.check_amounts_quoted(allocations, file=file("allocations")))
    issues.extend(
        checks.check_reference(
            frames["iza_regions"],
            "mandate_code",
            codes,
            file=file("iza_regions"),
            target="gemeente",
        )
    )
    members = frames["region_members"]
    issues.extend(
        checks.check_reference(
            members, "region_id", regions, file=file("region_members"), target="regio"
        )
    )
    issues.extend(
        checks.check_reference(
            members, "municipality_code", codes, file=file("region_members"), target="gemeente"
        )
    )
    return issues


def _programme_checks(
    frames: dict[str, pl.DataFrame],
    file: Callable[[str], str],
    codes: list[str],
    streams: list[str],
    ids: list[str],
) -> list[ValidationIssue]:
    """Successors, programme parts and caveats refer to streams, interventions and
    municipalities that exist."""
    successors = frames["stream_successors"]
    issues: list[ValidationIssue] = []
    for column in ("stream_id", "successor_stream_id"):
        issues.extend(
            checks.check_reference(
                successors, column, streams, file=file("stream_successors"), target="stroom"
            )
        )
    issues.extend(
        checks.check_reference(
            successors,
            "pays_for",
            [*AZWA_CATEGORIES, *ids, "alle"],
            file=file("stream_successors"),
            target="AZWA-categorie, interventie of 'alle'",
            list_column=True,
        )
    )
    for column in ("programme_id", "part_id"):
        issues.extend(
            checks.check_reference(
                frames["programme_parts"],
                column,
                ids,
                file=file("programme_parts"),
                target="interventie",
            )
        )
    issues.extend(
        checks.check_reference(
            frames["local_caveats"],
            "municipality_code",
            codes,
            file=file("local_caveats"),
            target="gemeente",
        )
    )
    return issues
