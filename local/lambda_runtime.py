"""Loads the handler the way Lambda does: its code directory on sys.path, its environment
variables set first, then the module named by the handler string."""

import importlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

Handler = Callable[[dict[str, Any], Any], dict[str, Any]]


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
