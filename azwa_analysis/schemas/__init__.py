"""One pandera ``DataFrameModel`` per table: the contract of ``data/raw`` and ``data/clean``."""

from azwa_analysis.schemas._funding import (
    ComparisonSchema,
    FundingRuleSchema,
    FundingSchema,
    ReconciliationSchema,
    StreamSchema,
)
from azwa_analysis.schemas._interventions import InterventionSchema, LocalStatusSchema
from azwa_analysis.schemas._municipalities import (
    KwbRawSchema,
    MergerRawSchema,
    MergerSchema,
    MunicipalityRawSchema,
    MunicipalitySchema,
)
from azwa_analysis.schemas._timeline import TimelineSchema

__all__ = [
    "ComparisonSchema",
    "FundingRuleSchema",
    "FundingSchema",
    "InterventionSchema",
    "KwbRawSchema",
    "LocalStatusSchema",
    "MergerRawSchema",
    "MergerSchema",
    "MunicipalityRawSchema",
    "MunicipalitySchema",
    "ReconciliationSchema",
    "StreamSchema",
    "TimelineSchema",
]
