"""Session set-up for tests and doctests: build the shipped raw data once into a private folder
and point ``AZWA_DATA_DIR`` at it, so nothing depends on (or changes) the repository's
``data/clean``.

The document store (the originals of registered documents) is ``$AZWA_DOCUMENTS``, else
``../shared/sources`` beside the repository when it is there. With a store the session build is
strict: every quote of every registered document is checked, or the session does not start.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

_ROOT = Path(__file__).resolve().parent


#: Where CI and a developer's checkout keep the document store, beside the repository.
SHARED_STORE = _ROOT.parent / "shared" / "sources"


def pytest_configure(config: pytest.Config) -> None:
    if not os.environ.get("AZWA_DOCUMENTS") and SHARED_STORE.is_dir():
        os.environ["AZWA_DOCUMENTS"] = str(SHARED_STORE)
    if os.environ.get("AZWA_TEST_DATA_DIR"):
        return
    from azwa_analysis._paths import DataPaths
    from azwa_analysis.clean import run

    folder = Path(tempfile.mkdtemp(prefix="azwa-test-data-")) / "data"
    shutil.copytree(_ROOT / "data" / "raw", folder / "raw")
    (folder / "clean").mkdir()
    paths = DataPaths(folder)
    run(paths, strict=paths.store is not None)
    os.environ["AZWA_TEST_DATA_DIR"] = str(folder)
    os.environ["AZWA_DATA_DIR"] = str(folder)
    config.add_cleanup(lambda: shutil.rmtree(folder.parent, ignore_errors=True))
