"""External tools for person-level checks (Chromium, poppler). Under CI=true a missing tool
fails the run; elsewhere the test is skipped, visibly."""

from __future__ import annotations

import os
import shutil

import pytest


def need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        message = f"{tool} is niet geïnstalleerd (apt-get install chromium poppler-utils)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path
