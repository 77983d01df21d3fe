"""The 342 municipalities (2025 division), the mergers since 2021 and the KWB 2021 indicators."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import pandera.polars as pa
import polars as pl

from azwa_analysis.schemas._common import MUNICIPALITY_CODE_REGEX

PROVINCES = (
    "Groningen",
    "Friesland",
    "Drenthe",
    "Overijssel",
    "Flevoland",
    "Gelderland",
    "Utrecht",
    "Noord-Holland",
    "Zuid-Holland",
    "Zeeland",
    "Noord-Brabant",
    "Limburg",
)

_PCT = {"min_value": 0.0, "max_value": 100.0}


class MunicipalitySchema(pa.DataFrameModel):
    """Gemeenten (indeling 2025) met regio's, inwoners en de KWB-2021-indicatoren voor de
    verdeelsleutel."""

    municipality_code: str = pa.Field(
        unique=True, str_matches=MUNICIPALITY_CODE_REGEX, description="CBS-gemeentecode."
    )
    name: str = pa.Field(unique=True, description="Gemeentenaam.")
    province: str = pa.Field(isin=PROVINCES, description="Provincie (Fryslân als 'Friesland').")
    ggd_region_code: str = pa.Field(str_matches=r"^GG\d{4}$", description="GGD-regio (code).")
    ggd_region_name: str = pa.Field(description="GGD-regio (naam).")
    zorgkantoor_region_code: str = pa.Field(
        str_matches=r"^ZK\d{2}$", description="Zorgkantoorregio (code)."
    )
    zorgkantoor_region_name: str = pa.Field(description="Zorgkantoorregio (naam).")
    inhabitants: pl.Int64 = pa.Field(
        in_range={"min_value": 500, "max_value": 2_000_000}, description="Aantal inwoners."
    )
    inhabitants_reference: str = pa.Field(
        description="Peildatum en herkomst van het inwonertal, zoals de bron die geeft."
    )
    inhabitants_reference_confirmed: bool = pa.Field(
        description="Onwaar: de bron noemt geen peildatum (vermoedelijk 1 januari 2026)."
    )
    kwb_inhabitants_2021: pl.Int64 = pa.Field(
        in_range={"min_value": 500, "max_value": 2_000_000},
        description="Inwoners 1 januari 2021 (KWB 2021), opgeteld over voorgangers bij fusie.",
    )
    pct_low_income_households: float = pa.Field(
        nullable=True, in_range=_PCT, description="% huishoudens met een laag inkomen (KWB 2021)."
    )
    pct_at_or_below_social_minimum: float = pa.Field(
        nullable=True, in_range=_PCT, description="% huishoudens tot sociaal minimum (KWB 2021)."
    )
    pct_low_education: float = pa.Field(
        nullable=True, in_range=_PCT, description="% inwoners laag opgeleid (KWB 2021)."
    )
    pct_mid_education: float = pa.Field(
        nullable=True, in_range=_PCT, description="% inwoners middelbaar opgeleid (KWB 2021)."
    )
    pct_high_education: float = pa.Field(
        nullable=True, in_range=_PCT, description="% inwoners hoog opgeleid (KWB 2021)."
    )
    pct_65_plus: float = pa.Field(
        nullable=True, in_range=_PCT, description="% inwoners 65 jaar en ouder (KWB 2021)."
    )
    pct_under_15: float = pa.Field(
        nullable=True, in_range=_PCT, description="% inwoners jonger dan 15 (KWB 2021)."
    )
    bijstand_per_1000: float = pa.Field(
        nullable=True,
        in_range={"min_value": 0.0, "max_value": 1000.0},
        description="Bijstandsuitkeringen per 1.000 inwoners (KWB 2021).",
    )
    kwb_predecessors: Annotated[pl.List, pl.String()] = pa.Field(
        description="Gemeentecodes (indeling 2021) waaruit de KWB-cijfers komen; meer dan één "
        "bij een fusie (inwonergewogen gemiddelde)."
    )

    class Config:
        strict = True
        description = "Gemeenten"


class MergerSchema(pa.DataFrameModel):
    """Gemeentelijke herindelingen 2022-2023: opgeheven codes en hun opvolger."""

    old_code: str = pa.Field(
        unique=True, str_matches=MUNICIPALITY_CODE_REGEX, description="Opgeheven gemeentecode."
    )
    old_name: str = pa.Field(description="Naam van de opgeheven gemeente.")
    new_code: str = pa.Field(
        str_matches=MUNICIPALITY_CODE_REGEX, description="Code van de opvolger (indeling 2025)."
    )
    new_name: str = pa.Field(description="Naam van de opvolger.")
    effective_date: dt.date = pa.Field(description="Ingangsdatum van de herindeling.")

    class Config:
        strict = True
        description = "Herindelingen"


class MunicipalityRawSchema(pa.DataFrameModel):
    """Ruwe gemeentelijst (data/raw/municipalities/gemeenten_2025.csv)."""

    gemeentecode: str = pa.Field(
        unique=True, str_matches=MUNICIPALITY_CODE_REGEX, description="CBS-gemeentecode."
    )
    gemeentenaam: str = pa.Field(unique=True, description="Gemeentenaam.")
    provincie: str = pa.Field(isin=PROVINCES, description="Provincie.")
    ggdregio_code: str = pa.Field(str_matches=r"^GG\d{4}$", description="GGD-regio (code).")
    ggdregio_naam: str = pa.Field(description="GGD-regio (naam).")
    zorgkantoorregio_code: str = pa.Field(
        str_matches=r"^ZK\d{2}$", description="Zorgkantoorregio (code)."
    )
    zorgkantoorregio_naam: str = pa.Field(description="Zorgkantoorregio (naam).")
    inwoners_onbevestigd: pl.Int64 = pa.Field(
        in_range={"min_value": 500, "max_value": 2_000_000},
        description="Inwoners; peildatum niet bevestigd.",
    )

    class Config:
        strict = True
        description = "Gemeenten (ruw)"


class KwbRawSchema(pa.DataFrameModel):
    """Ruwe KWB-2021-indicatoren per gemeente (indeling 2021)."""

    gemeentecode: str = pa.Field(
        unique=True,
        str_matches=MUNICIPALITY_CODE_REGEX,
        description="CBS-gemeentecode (indeling 2021).",
    )
    gemeentenaam: str = pa.Field(nullable=True, description="Gemeentenaam (in de bron soms leeg).")
    provincie: str = pa.Field(
        nullable=True, isin=PROVINCES, description="Provincie (in de bron soms leeg)."
    )
    inwoners: pl.Int64 = pa.Field(
        in_range={"min_value": 500, "max_value": 2_000_000}, description="Inwoners 1 januari 2021."
    )
    pct_lage_inkomens_huishoudens: float = pa.Field(
        nullable=True, in_range=_PCT, description="% huishoudens laag inkomen."
    )
    pct_op_of_onder_sociaal_minimum: float = pa.Field(
        nullable=True, in_range=_PCT, description="% tot sociaal minimum."
    )
    pct_laag_opgeleid: float = pa.Field(
        nullable=True, in_range=_PCT, description="% laag opgeleid."
    )
    pct_middelbaar_opgeleid: float = pa.Field(
        nullable=True, in_range=_PCT, description="% middelbaar opgeleid."
    )
    pct_hoog_opgeleid: float = pa.Field(
        nullable=True, in_range=_PCT, description="% hoog opgeleid."
    )
    pct_65_plus: float = pa.Field(nullable=True, in_range=_PCT, description="% 65 jaar en ouder.")
    pct_jonger_dan_15: float = pa.Field(
        nullable=True, in_range=_PCT, description="% jonger dan 15."
    )
    bijstand_per_1000: float = pa.Field(
        nullable=True,
        in_range={"min_value": 0.0, "max_value": 1000.0},
        description="Bijstandsuitkeringen per 1.000 inwoners.",
    )

    class Config:
        strict = True
        description = "KWB 2021 (ruw)"


class MergerRawSchema(pa.DataFrameModel):
    """Ruwe herindelingstabel (data/raw/municipalities/herindelingen_2022_2023.csv)."""

    oude_gemeentecode: str = pa.Field(
        unique=True, str_matches=MUNICIPALITY_CODE_REGEX, description="Opgeheven code."
    )
    oude_gemeentenaam: str = pa.Field(description="Opgeheven naam.")
    nieuwe_gemeentecode: str = pa.Field(
        str_matches=MUNICIPALITY_CODE_REGEX, description="Code opvolger."
    )
    nieuwe_gemeentenaam: str = pa.Field(description="Naam opvolger.")
    ingangsdatum: dt.date = pa.Field(description="Ingangsdatum.")

    class Config:
        strict = True
        description = "Herindelingen (ruw)"
