"""Council briefings: content from the clean tables, rendered with Quarto or without it."""

from azwa_analysis.report._briefing import Briefing, Figure

__all__ = ["Briefing", "Figure"]
