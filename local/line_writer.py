"""Standard output for a Lambda environment process: each complete line reaches the shared
stream in one write, under a lock every environment holds, so log records of concurrent
environments never share a line (a block-buffered pipe cuts them anywhere)."""

import io
import os
from typing import Any


class LineWriter(io.TextIOBase):
    def __init__(self, fd: int, lock: Any) -> None:
        super().__init__()
        self._fd, self._lock, self._pending = fd, lock, ""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self._pending += text
        if "\n" in self._pending:
            complete, _, self._pending = self._pending.rpartition("\n")
            self._emit(complete + "\n")
        return len(text)

    def flush(self) -> None:
        """A partial line waits for its end: flushing it would let another line in."""

    def close(self) -> None:
        if self._pending:
            self._emit(self._pending + "\n")
            self._pending = ""
        super().close()

    def _emit(self, text: str) -> None:
        data = text.encode("utf-8", "backslashreplace")
        with self._lock:
            while data:
                data = data[os.write(self._fd, data) :]
