"""One pandera ``DataFrameModel`` per table: the contract of ``data/raw`` and ``data/clean``."""

from azwa_analysis.schemas._assumptions import (
    AgreementSchema,
    AllocationAssumptionSchema,
    DocumentSchema,
    OfficialAllocationSchema,
    OverviewBasisSchema,
    StatementSchema,
    StreamTargetSchema,
)
from azwa_analysis.schemas._funding import (
    ComparisonSchema,
    FundingRuleSchema,
    FundingSchema,
    ReconciliationSchema,
    StreamSchema,
)
from azwa_analysis.schemas._interventions import (
    InterventionSchema,
    LocalStatusSchema,
    StewardLocalStatusSchema,
)
from azwa_analysis.schemas._municipalities import (
    KwbRawSchema,
    MergerRawSchema,
    MergerSchema,
    MunicipalityRawSchema,
    MunicipalitySchema,
)
from azwa_analysis.schemas._outputs import (
    AllocationSchema,
    CoverageSchema,
    DeadlineSchema,
    FundingCliffSchema,
    FundingOverviewSchema,
)
from azwa_analysis.schemas._regions import (
    AllocationSourceSchema,
    HealthGoalSchema,
    IzaRegionSchema,
    RegionMemberSchema,
)
from azwa_analysis.schemas._timeline import TimelineSchema

__all__ = [
    "AgreementSchema",
    "AllocationAssumptionSchema",
    "AllocationSchema",
    "AllocationSourceSchema",
    "ComparisonSchema",
    "CoverageSchema",
    "DeadlineSchema",
    "DocumentSchema",
    "FundingCliffSchema",
    "FundingOverviewSchema",
    "FundingRuleSchema",
    "FundingSchema",
    "HealthGoalSchema",
    "InterventionSchema",
    "IzaRegionSchema",
    "KwbRawSchema",
    "LocalStatusSchema",
    "MergerRawSchema",
    "MergerSchema",
    "MunicipalityRawSchema",
    "MunicipalitySchema",
    "OfficialAllocationSchema",
    "OverviewBasisSchema",
    "ReconciliationSchema",
    "RegionMemberSchema",
    "StatementSchema",
    "StewardLocalStatusSchema",
    "StreamSchema",
    "StreamTargetSchema",
    "TimelineSchema",
]
