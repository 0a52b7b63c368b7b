"""The function's log lines as Lambda writes them with LogFormat JSON (the function's
LoggingConfig): the runtime's root handler formats each `logging` record as one JSON object
(timestamp, level, message, logger, requestId) with the record's `extra` keys added. The
local stack and the tests format them the same way, so a key the handler adds is seen here
as it will be in CloudWatch."""

import json
import logging
import sys
import time
from typing import Any, TextIO

# What every LogRecord has; anything else on a record came from `extra`.
RECORD_ATTRIBUTES = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
}


class LambdaJsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "timestamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(record.created)),
            "level": record.levelname,
            "message": record.getMessage(),
            "logger": record.name,
            "requestId": getattr(record, "aws_request_id", None),
        }
        line.update((k, v) for k, v in vars(record).items() if k not in RECORD_ATTRIBUTES)
        return json.dumps(line, default=str, ensure_ascii=False)


def json_handler(stream: TextIO = sys.stdout) -> logging.Handler:
    handler = logging.StreamHandler(stream)
    handler.setFormatter(LambdaJsonFormatter())
    return handler


def log_as_lambda(level: int = logging.INFO) -> None:
    """The root logger as Lambda's runtime sets it up for LogFormat JSON."""
    root = logging.getLogger()
    root.handlers[:] = [json_handler()]
    root.setLevel(level)
