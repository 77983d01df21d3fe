"""One pandera ``DataFrameModel`` per table: the contract of ``data/raw`` and ``data/clean``."""

from azwa_analysis.schemas._adviser import AdviserTextSchema, StewardAdviserTextSchema
from azwa_analysis.schemas._assumptions import (
    AgreementSchema,
    AllocationKeySchema,
    DocumentSchema,
    OfficialAllocationSchema,
    OverviewBasisSchema,
    PartySchema,
    StatementSchema,
    StreamTargetSchema,
)
from azwa_analysis.schemas._funding import (
    ComparisonSchema,
    FigureRegisterSchema,
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
    AgendaSchema,
    AllocationSchema,
    CoverageSchema,
    DeadlineSchema,
    FundingCliffSchema,
    FundingOverviewSchema,
)
from azwa_analysis.schemas._programmes import (
    GlossarySchema,
    LocalCaveatSchema,
    ProgrammePartSchema,
    StreamSuccessorSchema,
)
from azwa_analysis.schemas._regions import (
    AllocationSourceSchema,
    AllocationTotalSchema,
    HealthGoalSchema,
    IzaRegionSchema,
    RegionMemberSchema,
    StewardRegionSchema,
)
from azwa_analysis.schemas._timeline import TimelineSchema

__all__ = [
    "AdviserTextSchema",
    "AgendaSchema",
    "AgreementSchema",
    "AllocationKeySchema",
    "AllocationSchema",
    "AllocationSourceSchema",
    "AllocationTotalSchema",
    "ComparisonSchema",
    "CoverageSchema",
    "DeadlineSchema",
    "DocumentSchema",
    "FigureRegisterSchema",
    "FundingCliffSchema",
    "FundingOverviewSchema",
    "FundingRuleSchema",
    "FundingSchema",
    "GlossarySchema",
    "HealthGoalSchema",
    "InterventionSchema",
    "IzaRegionSchema",
    "KwbRawSchema",
    "LocalCaveatSchema",
    "LocalStatusSchema",
    "MergerRawSchema",
    "MergerSchema",
    "MunicipalityRawSchema",
    "MunicipalitySchema",
    "OfficialAllocationSchema",
    "OverviewBasisSchema",
    "PartySchema",
    "ProgrammePartSchema",
    "ReconciliationSchema",
    "RegionMemberSchema",
    "StatementSchema",
    "StewardAdviserTextSchema",
    "StewardLocalStatusSchema",
    "StewardRegionSchema",
    "StreamSchema",
    "StreamSuccessorSchema",
    "StreamTargetSchema",
    "TimelineSchema",
]
