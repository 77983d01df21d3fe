"""Replace a whole directory at once, so readers see the old set of files or the new, never a mix.

On Linux, ``renameat2(RENAME_EXCHANGE)`` swaps two directories in one step. Where that is not
available the fallback is two renames with a recovery step: a process killed between them leaves
``<target>.previous``, which :func:`recover_directory` puts back on the next run.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
from pathlib import Path

from azwa_analysis._io import remove_tree

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _renameat2_exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths; False when the system cannot."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        func = libc.renameat2
    except (OSError, AttributeError):
        return False
    func.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    func.restype = ctypes.c_int
    result = func(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    errno = ctypes.get_errno()
    if errno in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: not supported here
        return False
    raise OSError(errno, os.strerror(errno), str(a))


def _previous(target: Path) -> Path:
    return target.with_name(target.name + ".previous")


def recover_directory(target: Path) -> None:
    """Undo a fallback swap that was interrupted between its two renames."""
    previous = _previous(target)
    if previous.exists() and not target.exists():
        os.rename(previous, target)
    elif previous.exists():
        remove_tree(previous)


def replace_directory(staging: Path, target: Path) -> None:
    """Make ``staging`` the new ``target``; the old contents are deleted afterwards."""
    recover_directory(target)
    if not target.exists():
        os.rename(staging, target)
        return
    if _renameat2_exchange(staging, target):
        remove_tree(staging)
        return
    previous = _previous(target)
    os.rename(target, previous)
    os.rename(staging, target)
    remove_tree(previous)
