"""Writing output files so that a failed run never leaves a half-written or clobbered file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_atomic(path: Path, content: bytes | str | Callable[[Path], None]) -> None:
    """Write content to path through a temporary file in the same folder, then rename.

    content may be a function that writes the temporary file itself (e.g. SQLite). If anything
    fails, or the run is interrupted, the old file (if any) stays as it was.
    """
    path = Path(path)
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:   # name the file the user asked for, not our temporary one
        raise OSError(error.errno, error.strerror, str(path)) from None
    try:
        if callable(content):
            os.close(handle)
            content(Path(temporary))
        else:
            with os.fdopen(handle, "wb") as out:
                out.write(content.encode("utf-8") if isinstance(content, str) else content)
        os.chmod(temporary, 0o666 & ~_umask())   # as a plain open() would have made it
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
