"""Runs the handler the way Lambda does: each execution environment is its own process that
puts the code directory on sys.path, sets the function's environment variables, imports the
module named by the handler string, and serves one invocation at a time. Up to
`concurrency` environments run at once (the function's reserved concurrency)."""

import asyncio
import importlib
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from local.json_logs import log_as_lambda
from local.line_writer import LineWriter

Handler = Callable[[dict[str, Any], Any], dict[str, Any]]
_handler: Handler | None = None


class AllEnvironmentsBusy(Exception):
    """Every environment is serving a request: Lambda throttles rather than queues."""


class LambdaContext:
    function_name = "ChatStarter-local-StartChat"
    function_version = "$LATEST"
    memory_limit_in_mb = 256
    invoked_function_arn = "arn:aws:lambda:us-east-1:000000000000:function:ChatStarter-local"
    aws_request_id = "local"


def load_handler(code_dir: Path, handler: str, environment: dict[str, str]) -> Handler:
    module_name, function_name = handler.rsplit(".", 1)
    os.environ.update(environment)
    if str(code_dir) not in sys.path:
        sys.path.insert(0, str(code_dir))
    module = importlib.import_module(module_name)
    function: Handler = getattr(module, function_name)
    return function


def _exit_with_parent(parent: int) -> None:
    """An environment must not outlive its stack, however the stack ended (even SIGKILL)."""
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(0)


def _start_environment(
    stack_pid: int, code_dir: str, handler: str, environment: dict[str, str], output_lock: Any
) -> None:
    global _handler
    sys.stdout = LineWriter(sys.stdout.fileno(), output_lock)  # before the handler's loggers
    log_as_lambda()
    # The stack's pid comes from the stack: by the time this runs it may already be gone.
    threading.Thread(target=_exit_with_parent, args=(stack_pid,), daemon=True).start()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the stack's to handle
    _handler = load_handler(Path(code_dir), handler, environment)


def _invoke(event: dict[str, Any]) -> dict[str, Any]:
    assert _handler is not None, "environment not initialised"
    return _handler(event, LambdaContext())


class LambdaFunction:
    def __init__(
        self, code_dir: Path, handler: str, environment: dict[str, str], *, concurrency: int
    ) -> None:
        # spawn, not fork: the parent runs an event loop and threads that must not be copied.
        context = multiprocessing.get_context("spawn")
        self.concurrency, self._busy = concurrency, 0
        self._pool = ProcessPoolExecutor(
            max_workers=concurrency,
            mp_context=context,
            initializer=_start_environment,
            initargs=(os.getpid(), str(code_dir), handler, environment, context.Lock()),
        )

    async def invoke(self, event: dict[str, Any]) -> dict[str, Any]:
        """Runs in a free environment, or raises AllEnvironmentsBusy at once (no queueing)."""
        if self._busy >= self.concurrency:
            raise AllEnvironmentsBusy
        self._busy += 1
        try:
            return await asyncio.get_running_loop().run_in_executor(self._pool, _invoke, event)
        finally:
            self._busy -= 1

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
