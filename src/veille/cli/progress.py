"""Progress of a run over files: a bar on a terminal, a plain line now and then otherwise.

The files and their sizes are listed before the run starts, so the bar has a
real total (bytes) from the first second; documents are counted as they are
stored, since a JSON Lines or WARC file holds any number of them. Without a
terminal (a log, a pipe, cron) a bar would be invisible or garbage, so one
plain line is written every `PLAIN_EVERY` seconds instead.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Self

from rich.console import Console
from rich.filesize import decimal
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

if TYPE_CHECKING:
    from veille.records import Processed, RawDoc, Rejected

PLAIN_EVERY = 10.0  # seconds between two progress lines in a log


@dataclass(frozen=True, slots=True)
class InputFiles:
    """What a run will read, listed up front: the files (each with the name its
    documents get, as `read_paths` names them), their total size, listing problems."""

    files: tuple[tuple[Path, str], ...]
    total_bytes: int
    problems: tuple[Rejected, ...]

    @classmethod
    def list(cls, paths: Iterable[Path]) -> InputFiles:
        """Expand folders as `read_paths` does (sorted, hidden names skipped)."""
        from veille.records import Rejected
        from veille.sources.files import display_name, walk

        files: list[tuple[Path, str]] = []
        problems: list[Rejected] = []
        for given in paths:
            if not given.is_dir():
                files.append((given, given.name))
                continue
            for item in walk(given):
                if isinstance(item, Rejected):
                    problems.append(item)
                else:
                    files.append((item, display_name(item, given)))
        total = sum(_size(path) for path, _ in files)
        return cls(tuple(files), total, tuple(problems))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # reported with its reason when the file is read
        return 0


class RunProgress:
    """Reads `InputFiles` and shows how far the run is; use as a context manager."""

    def __init__(self, inputs: InputFiles, console: Console, verb: str = "ingest") -> None:
        self.inputs = inputs
        self.console = console
        self.verb = verb
        self.files_done = 0
        self.bytes_done = 0
        self.documents = 0
        self._started = time.monotonic()
        self._last_line = self._started
        self._bar: Progress | None = None
        if console.is_terminal:
            self._bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                DownloadColumn(),
                TextColumn("{task.fields[files]}  {task.fields[documents]} documents"),
                TimeElapsedColumn(),
                TimeRemainingColumn(),
                console=console,
                transient=True,
            )
            self._task = self._bar.add_task(
                verb, total=max(inputs.total_bytes, 1), files="", documents=0
            )

    def __enter__(self) -> Self:
        if self._bar is not None:
            self._bar.start()
        else:
            self.console.print(f"{self.verb}: {self.summary()}", soft_wrap=True)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.stop()

    def documents_from_files(self) -> Iterator[RawDoc | Rejected]:
        """Every document of the input files, in order, counting each file once read."""
        from veille.sources.files import read_file, read_paths

        yield from self.inputs.problems
        for path, name in self.inputs.files:
            if path.exists() or path.is_symlink():
                yield from read_file(path, name=name)
            else:
                yield from read_paths([path])  # its reason for a missing file
            self.files_done += 1
            self.bytes_done += _size(path)
            self._show()

    def stored(self, item: Processed | Rejected) -> None:
        """A progress callback for `ingest`: one more document handled."""
        self.documents += 1
        self._show()

    def summary(self) -> str:
        """`3/10 files, 1.2/4.5 MB, 25 documents, 12 s`."""
        elapsed = time.monotonic() - self._started
        return (
            f"{self.files_done}/{len(self.inputs.files)} files, "
            f"{decimal(self.bytes_done)}/{decimal(self.inputs.total_bytes)}, "
            f"{self.documents} documents, {elapsed:.0f} s"
        )

    def _show(self) -> None:
        if self._bar is not None:
            files = f"{self.files_done}/{len(self.inputs.files)} files"
            self._bar.update(
                self._task, completed=self.bytes_done, files=files, documents=self.documents
            )
            return
        now = time.monotonic()
        if now - self._last_line >= PLAIN_EVERY:
            self._last_line = now
            self.console.print(f"{self.verb}: {self.summary()}", soft_wrap=True)
