"""The handler's one log line per request and its metrics, without a logging library: stdlib
`logging` records that Lambda's runtime writes as JSON (the function's LoggingConfig has
LogFormat JSON; `extra` keys become keys of the line), and CloudWatch's embedded metric
format (EMF) printed to stdout, in the shape Powertools writes (docs/performance.md: what
Powertools cost at cold start, and why the function now does without it)."""

import functools
import json
import logging
import time
from collections.abc import Callable
from typing import Any

Handler = Callable[[dict[str, Any], Any], dict[str, Any]]


class RequestLog:
    """Keys gathered while a request is served, written once as one line."""

    def __init__(self, name: str, *, service: str) -> None:
        self._logger = logging.getLogger(name)
        self._logger.setLevel(logging.INFO)
        self._service = service
        self.keys: dict[str, Any] = {}

    def clear_state(self) -> None:
        self.keys = {}

    def append_keys(self, **keys: Any) -> None:
        self.keys.update(keys)

    def info(self, message: str, **keys: Any) -> None:
        self._logger.info(message, extra={"service": self._service, **self.keys, **keys})


class Metrics:
    """Counts of one request, printed as one EMF line after it; the first request of an
    execution environment also prints ColdStart (per function, as Powertools does)."""

    def __init__(self, *, namespace: str, service: str) -> None:
        self._namespace, self._service = namespace, service
        self._counts: dict[str, list[float]] = {}
        self._cold = True

    def count(self, name: str) -> None:
        self._counts.setdefault(name, []).append(1.0)

    def flushed_after(self, handler: Handler) -> Handler:
        @functools.wraps(handler)
        def flushing(event: dict[str, Any], context: Any) -> dict[str, Any]:
            if self._cold:
                self._cold = False
                self._print({"ColdStart": [1.0]}, function_name=context.function_name)
            try:
                return handler(event, context)
            finally:
                counts, self._counts = self._counts, {}
                self._print(counts)

        return flushing

    def _print(self, counts: dict[str, list[float]], **dimensions: str) -> None:
        if not counts:
            return
        dimensions["service"] = self._service
        directive = {
            "Namespace": self._namespace,
            "Dimensions": [list(dimensions)],
            "Metrics": [{"Name": name, "Unit": "Count"} for name in counts],
        }
        emf = {"Timestamp": int(time.time() * 1000), "CloudWatchMetrics": [directive]}
        print(json.dumps({"_aws": emf, **dimensions, **counts}), flush=True)
