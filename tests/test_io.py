"""Shared file I/O: atomic writes."""

from __future__ import annotations

from azwa_analysis._io import write_bytes_atomic


def test_write_bytes_atomic_leaves_no_temporary_files(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The target gets the new bytes and no temporary file remains beside it."""
    target = tmp_path / "out.bin"
    target.write_bytes(b"old")
    write_bytes_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.bin"]
