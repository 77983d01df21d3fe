"""Data stewards: an Excel template, validation reports they can act on, safe imports."""

from azwa_analysis.steward._import import ImportResult, import_file
from azwa_analysis.steward._template import write_template
from azwa_analysis.steward._validate import Validation, validate_file

__all__ = ["ImportResult", "Validation", "import_file", "validate_file", "write_template"]
