"""Save outputs: every clean table and the manifest into a staging folder, swapped in at once."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import polars as pl

from azwa_analysis._io import sha256_file, staging_directory
from azwa_analysis._paths import DataPaths
from azwa_analysis._tables import (
    CLEAN_SCHEMAS,
    MANIFEST,
    code_fingerprint,
    package_version,
    read_manifest,
)
from azwa_analysis.clean._atomic import replace_directory
from azwa_analysis.clean._load import Inputs


def is_up_to_date(clean: Path, fingerprint_value: str) -> bool:
    """True when the manifest records this fingerprint and every output is intact."""
    manifest = read_manifest(clean)
    if manifest.get("fingerprint") != fingerprint_value:
        return False
    for entry in manifest.get("outputs", {}).values():
        path = clean / entry["file"]
        if not path.exists() or sha256_file(path) != entry["sha256"]:
            return False
    return True


def save_outputs(
    outputs: Mapping[str, pl.DataFrame],
    inputs: Inputs,
    paths: DataPaths,
    fingerprint_value: str,
    *,
    unverified: Mapping[str, int] | None = None,
) -> None:
    """Write all tables and the manifest into a staging folder, then swap it in at once."""
    clean = paths.clean
    with staging_directory(paths.root, ".clean-staging-") as staging:
        if clean.exists():  # keep files that are not ours (README, .gitkeep)
            for path in clean.iterdir():
                if path.is_file() and path.suffix not in (".parquet", ".json"):
                    (staging / path.name).write_bytes(path.read_bytes())
        manifest_outputs: dict[str, Any] = {}
        for name, frame in outputs.items():
            data = write_parquet_bytes(frame)
            (staging / f"{name}.parquet").write_bytes(data)
            manifest_outputs[name] = {
                "file": f"{name}.parquet",
                "rows": frame.height,
                "sha256": hashlib.sha256(data).hexdigest(),
                "schema": CLEAN_SCHEMAS[name].__name__,
            }
        manifest = {
            "package": "azwa-analysis",
            "version": package_version(),
            "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "fingerprint": fingerprint_value,
            "code_sha256": code_fingerprint(),
            "inputs": {
                name: {"sha256": checksum} for name, checksum in sorted(inputs.checksums.items())
            },
            "outputs": manifest_outputs,
            "documents_in_store": sorted(
                name for name, checksum in inputs.store_checksums.items() if checksum
            ),
            "unverified_quotes": dict(unverified or {}),
        }
        (staging / MANIFEST).write_text(
            json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        replace_directory(staging, clean)


def write_parquet_bytes(frame: pl.DataFrame) -> bytes:
    """Parquet bytes of a frame, without timestamps so equal frames give equal bytes."""
    buffer = io.BytesIO()
    frame.write_parquet(buffer, compression="zstd", statistics=False)
    return buffer.getvalue()
