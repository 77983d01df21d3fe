"""Stage 1, sources: the documents every fact comes from. Reading PDF, Word and HTML into
numbered pages of lines (``_extract.py`` with ``_pdf.py``, ``_docx.py``, ``_html.py``, rules in
``_text.py``), registering a document (``_register.py``, ``_registry.py``), the document store
outside the repository (``_store.py``), the documents table (``_documents.py``), and finding a
quote in its cited lines (``_quotes.py``). Later stages import from here; this folder imports
only the shared modules."""

from azwa_analysis.sources._documents import documents_table, read_documents
from azwa_analysis.sources._extract import extract
from azwa_analysis.sources._quotes import (
    Pages,
    check_quotes,
    cited_text,
    fold_whitespace,
    parse_location,
    unverified_quotes,
)
from azwa_analysis.sources._register import DocumentFacts, RegistrationError, register
from azwa_analysis.sources._registry import (
    Registration,
    load_yaml,
    parse_registration,
    parse_registrations,
    registration_files,
)
from azwa_analysis.sources._store import StoredDocument, read_stored, store_checksums
from azwa_analysis.sources._text import Extraction, ExtractionError

__all__ = [
    "DocumentFacts",
    "Extraction",
    "ExtractionError",
    "Pages",
    "Registration",
    "RegistrationError",
    "StoredDocument",
    "check_quotes",
    "cited_text",
    "documents_table",
    "extract",
    "fold_whitespace",
    "load_yaml",
    "parse_location",
    "parse_registration",
    "parse_registrations",
    "read_documents",
    "read_stored",
    "register",
    "registration_files",
    "store_checksums",
    "unverified_quotes",
]
