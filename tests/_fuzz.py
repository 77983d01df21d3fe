"""Shared by the fuzz tests: random damage to a file's bytes."""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st


def fuzzing(examples: int) -> settings:
    """Hypothesis settings for a fuzz test: ``examples`` runs, no deadline (the machine is
    shared), no example database, function-scoped fixtures allowed (they are reset by hand)."""
    return settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
        ],
    )


#: Up to eight edits: flip a byte, insert one, delete a few, or cut the rest off.
EDITS = st.lists(
    st.tuples(
        st.sampled_from(["flip", "insert", "delete", "truncate"]),
        st.integers(min_value=0, max_value=10**6),
        st.integers(min_value=0, max_value=255),
    ),
    min_size=1,
    max_size=8,
)


def corrupt(data: bytes, edits: list[tuple[str, int, int]]) -> bytes:
    """``data`` with ``edits`` applied, positions wrapped to its length."""
    buffer = bytearray(data)
    for kind, position, byte in edits:
        at = position % (len(buffer) + 1)
        if kind == "flip" and at < len(buffer):
            buffer[at] ^= byte or 0xFF
        elif kind == "insert":
            buffer[at:at] = bytes([byte])
        elif kind == "delete":
            del buffer[at : at + 1 + byte % 16]
        elif kind == "truncate":
            del buffer[at:]
    return bytes(buffer)
