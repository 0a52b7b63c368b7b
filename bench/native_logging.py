"""The handler's logs and metrics without Powertools, for the bench to weigh against it:
Lambda's native JSON log format (the function's LoggingConfig with LogFormat JSON: the
runtime formats stdlib `logging` records as JSON, `extra` keys included) and the EMF lines
Powertools writes, by hand. bench/runtime_model.py copies this file into a variant of the
asset as `aws_lambda_powertools`, so the handler runs unchanged on it; it implements only
what the handler uses."""

import functools
import json
import logging
import os
import time
from collections.abc import Callable
from enum import Enum
from typing import Any

Handler = Callable[[dict[str, Any], Any], dict[str, Any]]


class MetricUnit(Enum):
    Count = "Count"


class Logger:
    def __init__(self) -> None:
        self._logger = logging.getLogger(os.environ.get("POWERTOOLS_SERVICE_NAME", "service"))
        self._logger.setLevel(os.environ.get("POWERTOOLS_LOG_LEVEL", "INFO"))
        self._keys: dict[str, Any] = {}

    def clear_state(self) -> None:
        self._keys = {}

    def append_keys(self, **keys: Any) -> None:
        self._keys.update(keys)

    def info(self, message: str, **keys: Any) -> None:
        self._logger.info(message, extra={**self._keys, **keys})


class Metrics:
    def __init__(self) -> None:
        self._namespace = os.environ["POWERTOOLS_METRICS_NAMESPACE"]
        self._service = os.environ.get("POWERTOOLS_SERVICE_NAME", "service")
        self._values: dict[str, list[float]] = {}
        self._units: dict[str, str] = {}
        self._cold = True

    def add_metric(self, *, name: str, unit: MetricUnit, value: float) -> None:
        self._values.setdefault(name, []).append(value)
        self._units[name] = unit.value

    def log_metrics(
        self, *, capture_cold_start_metric: bool = False
    ) -> Callable[[Handler], Handler]:
        def decorate(function: Handler) -> Handler:
            @functools.wraps(function)
            def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
                if capture_cold_start_metric and self._cold:
                    self._cold = False
                    cold_start = {"ColdStart": [1.0]}
                    self._emit(cold_start, {"ColdStart": "Count"}, context.function_name)
                try:
                    return function(event, context)
                finally:
                    self._emit(self._values, self._units)
                    self._values, self._units = {}, {}

            return handler

        return decorate

    def _emit(
        self, values: dict[str, list[float]], units: dict[str, str], function_name: str = ""
    ) -> None:
        if not values:
            return
        dimensions = {"function_name": function_name} if function_name else {}
        dimensions["service"] = self._service
        metrics = [{"Name": name, "Unit": units[name]} for name in values]
        directive = {
            "Namespace": self._namespace,
            "Dimensions": [list(dimensions)],
            "Metrics": metrics,
        }
        emf = {"Timestamp": int(time.time() * 1000), "CloudWatchMetrics": [directive]}
        print(json.dumps({"_aws": emf, **dimensions, **values}))
