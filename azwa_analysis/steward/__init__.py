"""Stage 3 (beside analysis), steward: the way back into ``data/raw``. An Excel template from the
forms, validation reports a data steward can act on, and imports that add a submission to
``data/raw/imports/`` for the next build. Reads the clean tables (codes, names, vocabularies);
writes only raw submissions, in the format ``clean/_submissions.py`` reads."""

from azwa_analysis.steward._import import ImportResult, Replacement, Scope, import_file
from azwa_analysis.steward._template import write_template
from azwa_analysis.steward._transaction import Cleanup, quarantine_incomplete
from azwa_analysis.steward._validate import Validation, validate_file

__all__ = [
    "Cleanup",
    "ImportResult",
    "Replacement",
    "Scope",
    "Validation",
    "import_file",
    "quarantine_incomplete",
    "validate_file",
    "write_template",
]
