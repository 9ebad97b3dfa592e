"""Give freed memory back to the operating system between the big steps of a run.

numpy arrays under glibc's mmap threshold (which glibc raises up to 32 MB as large blocks are
freed) live on the heap; once a step has freed them, glibc keeps the pages for reuse, so the
process's resident size stays at the step's peak. Building the pairs of a province in chunks
leaves about as much freed heap as the pairs themselves (1.5 GB at 40,000 candidates):
``malloc_trim`` returns it. Elsewhere than glibc (Windows, macOS, musl) this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import sys


@functools.cache
def _trim():
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc.malloc_trim
    except (OSError, AttributeError):  # not glibc
        return None


def release_freed_memory() -> None:
    """Return the heap's free pages to the OS (glibc ``malloc_trim(0)``); a no-op elsewhere."""
    trim = _trim()
    if trim is not None:
        trim(0)
