"""Process-wide settings made when the package is imported, before anything else of ours.

jsonschema (imported by Altair in the briefing kernels and by nbformat in the renderer) loads
the optional IRI checker ``rfc3987_syntax`` when it is installed, and that compiles a grammar at
import: 0.9 s in every process, for a format check neither Altair nor nbformat asks for.
Marking the module absent makes jsonschema skip that one format.
"""

import sys

sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
