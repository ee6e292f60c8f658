"""Turn one corpus file (plain text or PDF) into text, or say in one line why not.

Text files come in UTF-8 and, from older tools, Windows-1252; the decoder tells them
apart instead of guessing, so a file in neither is rejected rather than mojibaked.
PDFs go through poppler's pdftotext when installed, else pypdf.

Every reader returns the same normal form: `\\n` newlines (page breaks `\\f` become
newlines too) and Unicode NFC, so the cleaner sees one shape of text.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import logging
import os
import re
import shutil
import stat
import subprocess
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from index.documents.model import ReadError

DOCUMENT_SUFFIXES = (".txt", ".pdf")
# Official metadata (index/documents/metadata.py): read with the document of the same name,
# or alone, as a metadata-only record, when that document is not there (yet).
SIDECAR_SUFFIX = ".json"
SUPPORTED_SUFFIXES = (*DOCUMENT_SUFFIXES, SIDECAR_SUFFIX)
# A written question with its answer is a few kB of text; 5 MB of text is a broken file
# (or not a document at all), and reading it whole would cost memory for nothing.
MAX_TEXT_BYTES = 5_000_000
# PDFs carry fonts and scanned annexes, so they may be larger than their text.
MAX_PDF_BYTES = 50_000_000
PDF_TIMEOUT_SECONDS = 60
PDFTOTEXT = "pdftotext"
# `-layout` keeps line-end hyphens and blank lines between paragraphs. The default
# reading-order mode does not: poppler then drops a hyphen at a line end and joins the
# lines, which turns `werkings-` / `en projectsubsidies` into `werkingsen` and
# `OCMW-` / `verenigingen` into `OCMWverenigingen` before the cleaner can decide.
PDFTOTEXT_ARGS = ("-layout", "-enc", "UTF-8", "-q")

# C0 controls other than \t \n \r \f: no editor writes them into text.
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f]")
# ...and bytes that Windows-1252 leaves undefined.
_DUTCH_NON_ASCII = frozenset("àáâäçèéêëìíîïñòóôöùúûüÀÁÂÄÇÈÉÊËÌÍÎÏÑÒÓÔÖÙÚÛÜ‘’‚“”„–—…€§°•·")
_NOT_CP1252 = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x81\x8d\x8f\x90\x9d]")


def read_document(path: Path | str) -> str:
    """The text of a corpus file; ReadError with a one-line reason if it is unusable."""
    path = Path(path)
    try:
        with open_regular(path) as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise ReadError("not a regular file")
            head = handle.read(1024)
            if path.suffix.lower() == ".pdf" or head.lstrip().startswith(b"%PDF-"):
                _check_size(info.st_size, MAX_PDF_BYTES)
                pdf = True
            else:
                _check_size(info.st_size, MAX_TEXT_BYTES)
                pdf = False
                data = head + handle.read(MAX_TEXT_BYTES + 1 - len(head))
    except FileNotFoundError:
        raise ReadError("file vanished") from None
    except OSError as error:
        raise ReadError(_os_reason(error)) from None
    if pdf:
        return read_pdf(path)
    if len(data) > MAX_TEXT_BYTES:  # grew since it was measured
        raise ReadError(f"file too large: more than {_mb(MAX_TEXT_BYTES)}")
    return decode_text(data)


def open_regular(path: Path | str):
    """Open for reading without blocking: a named pipe would otherwise wait forever for a
    writer. Anything but a regular file is refused with ReadError."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ReadError(f"not a regular file ({_kind(info.st_mode)})")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a directory" if stat.S_ISDIR(mode) else "not a file"


def _check_size(size: int, limit: int) -> None:
    if size > limit:
        raise ReadError(f"file too large: {_mb(size)}, limit {_mb(limit)}")


def decode_text(data: bytes) -> str:
    """Decode UTF-8 (BOM stripped) or, failing that, Windows-1252 that looks like text;
    UTF-8 with pieces in Windows-1252 (pasted from an older tool) is read piece by piece."""
    if not data.strip():
        raise ReadError("empty file")
    if _looks_utf16(data):
        raise ReadError("not UTF-8 or Windows-1252 text (looks like UTF-16)")
    if _looks_binary(data):
        raise ReadError("binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _decode_mixed(data) if _UTF8_MULTIBYTE.search(data) else _decode_cp1252(data)
    text = normalise_text(text)
    if not text.strip():
        raise ReadError("empty file")
    return text


def normalise_text(text: str) -> str:
    """`\\r\\n`, `\\r` and page breaks to `\\n`; NFC so `é` is one code point everywhere."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    return unicodedata.normalize("NFC", text)


def _looks_binary(data: bytes) -> bool:
    """NUL bytes, or more than 1% control bytes: no text editor wrote this."""
    if b"\0" in data:
        return True
    sample = data[:65536]
    return len(_CONTROL.findall(sample)) > len(sample) / 100


def _looks_utf16(data: bytes) -> bool:
    """A BOM, or NULs in every other byte that decode to readable text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    sample = data[:4096]
    if b"\0" not in sample:
        return False
    codec = "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
    text = sample[: len(sample) // 2 * 2].decode(codec, errors="replace")
    latin = sum(c < "\u0250" or "\u2000" <= c < "\u2070" for c in text)
    return latin > 0.9 * len(text)


def _decode_mixed(data: bytes) -> str:
    """UTF-8 where the bytes are UTF-8, Windows-1252 for the bytes that are not: a file
    decoded whole as Windows-1252 would turn its UTF-8 `é` into `Ã©` without a word."""
    text = data.decode("utf-8", errors=_CP1252_FALLBACK)
    _check_plausible(text)
    return text


def _cp1252_fallback(error: UnicodeDecodeError) -> tuple[str, int]:
    piece = error.object[error.start:error.end]
    if _NOT_CP1252.search(piece):
        raise ReadError("not UTF-8 or Windows-1252 text")
    return piece.decode("cp1252"), error.end


_CP1252_FALLBACK = "vraagbaak-cp1252-fallback"
codecs.register_error(_CP1252_FALLBACK, _cp1252_fallback)
# A well-formed multi-byte UTF-8 sequence; Windows-1252 Dutch text practically never has one.
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}"
                             rb"|[\xf0-\xf4][\x80-\xbf]{3}")


def _decode_cp1252(data: bytes) -> str:
    """Windows-1252 only if the bytes are plausible Dutch text in it."""
    fail = ReadError("not UTF-8 or Windows-1252 text")
    if _NOT_CP1252.search(data):
        raise fail
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise fail from None
    _check_plausible(text)
    return text


def _check_plausible(text: str) -> None:
    fail = ReadError("not UTF-8 or Windows-1252 text")
    visible = [c for c in text[:65536] if not c.isspace()]
    letters = sum(c.isalpha() for c in visible)
    odd = sum(c > "\x7f" and c not in _DUTCH_NON_ASCII for c in visible)
    # Dutch prose is mostly letters, its few non-ASCII ones accents and quotes;
    # bytes of another encoding decode to symbols such as `Ã`, `¤` or `ƒ`.
    if letters < 0.5 * len(visible) or odd > 0.02 * len(visible):
        raise fail


def read_pdf(path: Path) -> str:
    """Text of a PDF by pdftotext if installed, else pypdf (size checked by the caller).

    pdftotext drops the space a PDF keeps at the end of a line that goes on (the
    continuation sign the parser reads, see docs/cleaning.md); pypdf keeps it. So the
    pdftotext lines get it back from pypdf's reading of the same lines."""
    tool = shutil.which(PDFTOTEXT)
    if tool:
        text = _pdftotext(tool, path)
        with contextlib.suppress(ReadError):
            text = mark_continuations(text, _pypdf_text(path))
    else:
        text = _pypdf_text(path)
    text = normalise_text(text)
    if not text.strip():
        raise ReadError("PDF has no text layer (scanned?)")
    return text


def mark_continuations(text: str, marked: str) -> str:
    """`text` with a space after each line that `marked` (the same document read by
    another tool) ends with a space: lines are matched by their words, in order."""
    ends: dict[str, list[bool]] = {}
    for line in marked.split("\n"):
        words = " ".join(line.split())
        if words:
            ends.setdefault(words, []).append(line[-1:].isspace())
    out = []
    for line in text.split("\n"):
        queue = ends.get(" ".join(line.split()))
        goes_on = queue.pop(0) if queue else False
        out.append(line.rstrip() + " " if goes_on else line)
    return "\n".join(out)


def _pdftotext(tool: str, path: Path) -> str:
    try:
        done = subprocess.run(
            [tool, *PDFTOTEXT_ARGS, "--", os.fspath(path), "-"],
            capture_output=True, timeout=PDF_TIMEOUT_SECONDS, check=False,
        )
    except subprocess.TimeoutExpired:
        raise ReadError(f"PDF extraction timed out after {PDF_TIMEOUT_SECONDS} s") from None
    except OSError as error:
        raise ReadError(f"pdftotext could not run: {error.strerror or error}") from None
    if done.returncode == 0:
        return done.stdout.decode("utf-8", errors="replace")
    if not path.exists():
        raise ReadError("file vanished")
    # pdftotext's exit codes do not tell an encrypted file from a broken one; pypdf can.
    return _pypdf_text(path)


@contextlib.contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """pypdf logs every repair it makes; the one-line reason is what we report."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def _pypdf_text(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    with _quiet_pypdf():
        try:
            reader = PdfReader(path)
            if reader.is_encrypted and not reader.decrypt(""):
                raise ReadError("PDF is encrypted")
            # a page break is a blank line, as in pdftotext's output
            return "\n\n".join(page.extract_text() or "" for page in reader.pages)
        except ReadError:
            raise
        except FileNotFoundError:
            raise ReadError("file vanished") from None
        except (FileNotDecryptedError, DependencyError):  # the latter: AES without a crypto lib
            raise ReadError("PDF is encrypted") from None
        except OSError as error:
            raise ReadError(_os_reason(error)) from None
        except Exception as error:  # pypdf raises almost anything on broken input
            raise ReadError(f"PDF is malformed: {_one_line(error)}") from None


def document_beside(sidecar: Path) -> Path | None:
    """The document whose metadata `sidecar` is (`x.pdf` or `x.txt` for `x.json`), if any:
    then the sidecar is read with it and is no document of its own."""
    sidecar = Path(sidecar)
    if sidecar.suffix != SIDECAR_SUFFIX:  # `x.pdf` has `x.json`, never `x.JSON`
        return None
    for suffix in DOCUMENT_SUFFIXES:
        for spelling in (suffix, suffix.upper()):
            document = sidecar.with_suffix(spelling)
            if document.is_file():
                return document
    return None


def iter_corpus_files(paths: Iterable[Path | str],
                      skipped: Callable[[Path, str], None] | None = None) -> Iterator[Path]:
    """Supported files under `paths`, depth first in sorted order, each file once.

    A path given explicitly is yielded as it is (reading it reports what is wrong);
    inside directories, hidden entries, unsupported suffixes and sidecars that have their
    document beside them (`document_beside`) are skipped, and a
    directory reached twice (a symlink loop) is not entered again. An entry with a
    supported suffix that is no readable file (a looping or broken symbolic link, a
    named pipe) is not yielded but passed to `skipped` with a one-line reason.
    """
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: set[tuple[int, int]] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from _walk(path, seen_dirs, seen_files, skipped)
        elif _first_visit(path, seen_files):
            yield path


def _walk(directory: Path, seen_dirs: set, seen_files: set,
          skipped: Callable[[Path, str], None] | None = None) -> Iterator[Path]:
    if not _first_visit(directory, seen_dirs):
        return
    try:
        with os.scandir(directory) as scan:
            entries = sorted(scan, key=lambda e: os.fsencode(e.name))
    except OSError:
        return  # unreadable or vanished directory: nothing to index in it
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = directory / entry.name
        try:
            is_dir = entry.is_dir()  # follows symlinks; a looping link raises ELOOP
            is_file = not is_dir and entry.is_file()
        except OSError as error:
            is_dir = is_file = False
            reason = "symbolic link loop" if error.errno == errno.ELOOP else _os_reason(error)
        else:
            reason = None
        if is_dir:
            yield from _walk(path, seen_dirs, seen_files, skipped)
        elif path.suffix.lower() not in SUPPORTED_SUFFIXES or document_beside(path):
            continue
        elif is_file:
            if _first_visit(path, seen_files):
                yield path
        elif skipped is not None:
            skipped(path, reason or _not_a_file(path))


def _not_a_file(path: Path) -> str:
    try:
        return f"not a regular file ({_kind(path.stat().st_mode)})"
    except FileNotFoundError:
        return "broken symbolic link: its target does not exist" if path.is_symlink() \
            else "file vanished"
    except OSError as error:
        return "symbolic link loop" if error.errno == errno.ELOOP else _os_reason(error)


def _first_visit(path: Path, seen: set[tuple[int, int]]) -> bool:
    """True the first time a file or directory (by device and inode) comes by."""
    try:
        info = path.stat()
    except OSError:
        return True  # let the reader report it
    key = (info.st_dev, info.st_ino)
    if key in seen:
        return False
    seen.add(key)
    return True


def printable_path(path: Path | str) -> str:
    """A path fit for a terminal or a log: undecodable bytes and controls escaped."""
    raw = os.fsencode(path).decode("utf-8", errors="backslashreplace")
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in raw)


def _os_reason(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, IsADirectoryError):
        return "is a directory, not a file"
    return f"cannot read file: {error.strerror or error}"


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return text[:200] or type(error).__name__


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size} bytes"
