"""Writing the files a user names with `-o`: nothing destroyed, nothing half-written.

- `-` is stdout (the command layer prints it; runner.py).
- A device (/dev/null), a FIFO or a socket, and a name of one of this process's descriptors
  (/dev/stdout, /dev/fd/1), are written into, never replaced.
- A symlink is followed: its target is replaced, the link stays.
- A regular file is replaced atomically: a temporary file beside it is written in full, flushed
  to disk and given the old file's mode and owner, then renamed over it. A failure or Ctrl-C
  leaves the old file as it was and no temporary.
- A file without write permission is refused, even for root (who could write it): `chmod 444`
  says "do not overwrite", as it does to editors. So is a directory where a file is wanted.
- A directory export (write_directory) is all or nothing, and the directory's other files stay.
- Temporaries a killed run left behind are removed: only ours (beside the same target) and only
  old ones (another run may be writing right now).
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import OutputError

Content = bytes | str | Callable[[Path], None]   # a callable writes the file at the path it is given
# Names of this process's own descriptors: writing "into" them is what the user means.
DESCRIPTOR = re.compile(r"/dev/(stdout|stderr|fd/\d+)|/proc/(self|thread-self|\d+)/fd/\d+")
STALE_SECONDS = 3600   # a temporary this old belongs to a run that was killed


def write_output(path: Path | str, content: Content) -> None:
    """Write content to the path the user gave, by the rules above. Raises OutputError naming it."""
    path = Path(path)
    with _naming(path):
        if _is_stream(path):
            _write_into(path, _as_bytes(content))
            return
        target = Path(os.path.realpath(path))   # a symlink's target is replaced, the link kept
        old = _writable(target, path)
        _remove_stale(target.parent, [target.name])
        temporary = _stage(target, content, old)
        os.replace(temporary, target)


def write_directory(directory: Path | str, contents: dict[str, Content]) -> None:
    """Write each content as the file of that name in directory, all or none.

    Into an existing directory, every file is first written as a temporary beside the file it
    replaces; only when all are complete are they renamed into place, with Ctrl-C and kill held
    off for that moment. A new directory is filled under a temporary name and renamed once full.
    Raises OutputError naming the file that could not be written."""
    directory = Path(directory)
    if str(directory) == "-" or (directory.exists() and not directory.is_dir()):
        raise OutputError(errno.ENOTDIR, "폴더가 아닙니다", str(directory))
    existing = directory.is_dir()
    with _naming(directory):
        if existing:
            home = directory
            _remove_stale(directory, contents)
        else:
            directory.parent.mkdir(parents=True, exist_ok=True)
            _remove_stale(directory.parent, [directory.name])
            home = Path(tempfile.mkdtemp(dir=directory.parent, prefix=f".{directory.name}.", suffix=".tmp"))
            os.chmod(home, 0o777 & ~_umask())   # as mkdir would have made it, not mkdtemp's 0700
    staged: list[tuple[Path, Path]] = []
    try:
        for name, content in contents.items():
            with _naming(directory / name):
                target = Path(os.path.realpath(home / name))   # a symlink's target, as above
                staged.append((_stage(target, content, _writable(target, directory / name)), target))
        with _naming(directory), _signals_held():
            for temporary, target in staged:
                os.replace(temporary, target)
            if not existing:
                os.rename(home, directory)
    except BaseException:
        for temporary, _ in staged:
            _unlink(temporary)
        if not existing:
            _remove_tree(home)
        raise


# --- the steps ------------------------------------------------------------------------------

@contextmanager
def _naming(shown: Path) -> Iterator[None]:
    """OSErrors as OutputError naming the user's path, not our temporary file."""
    try:
        yield
    except OutputError:
        raise
    except OSError as error:
        raise OutputError(error.errno, error.strerror or str(error), str(shown)) from None


def _is_stream(path: Path) -> bool:
    """A device, FIFO or socket, or a name of one of our descriptors: written into, not replaced."""
    if DESCRIPTOR.fullmatch(os.path.abspath(path)):
        return True
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False   # not there yet (or unreachable: the write will say why)
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _write_into(path: Path, data: bytes) -> None:
    # O_APPEND: /dev/stdout redirected to a file (`>> log`) is appended to, as the shell set it up.
    # A FIFO waits for its reader here, as `cat > fifo` would.
    handle = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CLOEXEC)
    try:
        _write_all(handle, data)
    finally:
        os.close(handle)


def _writable(target: Path, shown: Path) -> os.stat_result | None:
    """The metadata of the file to replace (None if there is none), after refusing what must not be."""
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return None
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(errno.EISDIR, "파일이 아니라 디렉터리입니다", str(shown))
    if not stat.S_ISREG(info.st_mode):   # a device or FIFO among a directory's tables
        raise OutputError(errno.EINVAL, "일반 파일이 아닙니다", str(shown))
    # Root may write anything; a file nobody may write still means "keep me" (checked by its bits).
    if not info.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise OutputError(errno.EACCES, "쓰기 금지된 파일이라 덮어쓰지 않습니다", str(shown))
    return info


def _stage(target: Path, content: Content, old: os.stat_result | None) -> Path:
    """A complete temporary copy of content beside target, flushed to disk, with the mode and
    owner the file should have; the caller renames it into place."""
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        if callable(content):
            os.close(handle)
            handle = -1
            content(temporary)
            handle = os.open(temporary, os.O_RDONLY | os.O_CLOEXEC)
        else:
            _write_all(handle, content.encode("utf-8") if isinstance(content, str) else content)
        os.fsync(handle)   # before the rename: after a crash, the old file or the whole new one
        _keep_attributes(handle, old)
    except BaseException:
        _unlink(temporary)
        raise
    finally:
        if handle >= 0:
            os.close(handle)
    return temporary


def _keep_attributes(handle: int, old: os.stat_result | None) -> None:
    if old is None:
        os.fchmod(handle, 0o666 & ~_umask())   # as a plain open() would have made it
        return
    if (old.st_uid, old.st_gid) != (os.getuid(), os.getgid()):
        try:
            os.fchown(handle, old.st_uid, old.st_gid)   # root, or our own file of another group
        except PermissionError:
            pass   # only root may give a file away; the new one is ours, as an editor's would be
    os.fchmod(handle, stat.S_IMODE(old.st_mode))   # after fchown, which clears set-id bits


def _write_all(handle: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(handle, view):]


def _as_bytes(content: Content) -> bytes:
    """Content for a stream: a writer callable (SQLite) writes a temporary file first."""
    if isinstance(content, str):
        return content.encode("utf-8")
    if isinstance(content, bytes):
        return content
    with tempfile.TemporaryDirectory(prefix="seoul-econ-") as folder:
        path = Path(folder) / "output"
        content(path)
        return path.read_bytes()


@contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C, TERM and HUP wait until the block is done (then they act as usual)."""
    import signal

    held = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _remove_stale(directory: Path, names: Iterable[str]) -> None:
    """Our temporaries for these names (`.NAME.xxxxxxxx.tmp`, and SQLite's `-journal` beside one)
    that a killed run left, once they are old enough that no run can still be writing them."""
    alternatives = "|".join(re.escape(name) for name in names)
    if not alternatives:
        return
    pattern = re.compile(rf"\.(?:{alternatives})\.[a-z0-9_]{{8}}\.tmp(?:-journal)?")
    now = time.time()
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return   # the write itself will report the directory
    for entry in entries:
        try:
            if not pattern.fullmatch(entry.name) or now - entry.stat(follow_symlinks=False).st_mtime < STALE_SECONDS:
                continue
        except OSError:
            continue
        if entry.is_dir(follow_symlinks=False):
            _remove_tree(Path(entry.path))
        else:
            _unlink(Path(entry.path))


def _remove_tree(path: Path) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
