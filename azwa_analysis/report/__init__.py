"""Council briefings: content from the clean tables, rendered with Quarto or without it."""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from azwa_analysis.report._briefing import Briefing, Figure, warm_up

__all__ = ["Briefing", "Figure", "warm_up"]


def __getattr__(name: str) -> Any:
    # The briefing content pulls in Altair; the renderer's planning does not need it.
    if name in __all__:
        from azwa_analysis.report import _briefing

        return getattr(_briefing, name)
    raise AttributeError(f"module 'azwa_analysis.report' has no attribute {name!r}")
