"""Stage 1, sources: the documents every fact comes from, and the quotes that tie a fact to its
lines. Later stages import from here; this folder imports only the shared modules."""

from azwa_analysis.sources._documents import documents_table, read_documents
from azwa_analysis.sources._quotes import check_quotes, cited_text, fold_whitespace

__all__ = ["check_quotes", "cited_text", "documents_table", "fold_whitespace", "read_documents"]
