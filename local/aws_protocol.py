"""What the AWS restJson1 services look like on the wire: their errors and their validation."""

import json
from collections.abc import Awaitable, Callable
from typing import Any

import botocore.session
from aiohttp import web
from botocore.model import OperationModel, Shape
from botocore.validate import ParamValidator

_session = botocore.session.get_session()


class AwsError(Exception):
    """An error as the service reports it: HTTP status, x-amzn-ErrorType, JSON message."""

    def __init__(self, code: str, status: int, message: str) -> None:
        super().__init__(message)
        self.code, self.status, self.message = code, status, message

    def response(self) -> web.Response:
        return web.Response(
            status=self.status,
            headers={"x-amzn-ErrorType": self.code, "Content-Type": "application/json"},
            text=json.dumps({"message": self.message, "Message": self.message}),
        )


def access_denied(message: str = "Unauthorized request") -> AwsError:
    return AwsError("AccessDeniedException", 403, message)


def operation(service: str, name: str) -> OperationModel:
    return _session.get_service_model(service).operation_model(name)


async def read_params(request: web.Request, op: OperationModel) -> dict[str, Any]:
    """The operation's input as botocore sees it: JSON body plus header-bound members,
    validated against the real service model (ValidationException otherwise)."""
    try:
        params = json.loads(await request.read() or b"{}")
    except ValueError:
        raise AwsError("ValidationException", 400, "The request body is not JSON") from None
    if not isinstance(params, dict):
        raise AwsError("ValidationException", 400, "The request body is not a JSON object")
    for member, shape in op.input_shape.members.items():
        if shape.serialization.get("location") == "header":
            header = request.headers.get(shape.serialization["name"])
            if header is not None:
                params[member] = header
    report = ParamValidator().validate(params, op.input_shape)
    if report.has_errors():
        raise AwsError("ValidationException", 400, report.generate_report())
    if (path := first_too_long(params, op.input_shape, op.name)) is not None:
        # botocore's validator checks only minimums; the service checks maximums too, in
        # UTF-16 code units, and says so with the operation's own parameter error.
        raise AwsError("InvalidParameterException", 400, f"{path} is too long")
    return params


def first_too_long(value: Any, shape: Shape, path: str) -> str | None:
    """The path of the first string longer than its shape's `max` in UTF-16 code units."""
    if shape.type_name == "string" and isinstance(value, str):
        units = len(value.encode("utf-16-le", "surrogatepass")) // 2
        limit = shape.metadata.get("max")
        return path if limit is not None and units > limit else None
    if shape.type_name == "structure" and isinstance(value, dict):
        members = shape.members
        for name, item in value.items():
            if name in members and (found := first_too_long(item, members[name], f"{path}.{name}")):
                return found
    if shape.type_name == "map" and isinstance(value, dict):
        for name, item in value.items():
            if found := first_too_long(item, shape.value, f"{path}.{name}"):
                return found
    if shape.type_name == "list" and isinstance(value, list):
        for index, item in enumerate(value):
            if found := first_too_long(item, shape.member, f"{path}[{index}]"):
                return found
    return None


@web.middleware
async def aws_errors(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    try:
        return await handler(request)
    except AwsError as error:
        return error.response()


# The local stack's own test controls (local/control.py).
CONTROL_PREFIX = "/_local/"


@web.middleware
async def browser_cors(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    """Lets a page on another localhost port (chatjs) call the stand-in, as the Participant
    Service lets any origin call it. The test controls under /_local/ are not AWS's: any site
    a developer visits while `make local` runs could read or drive them, so a request from a
    browser page (it carries Origin) is refused and never answered with CORS."""
    origin = request.headers.get("Origin")
    if request.path.startswith(CONTROL_PREFIX):
        if origin is not None:
            raise web.HTTPForbidden(text="local controls answer no web page\n")
        return await handler(request)
    if request.method == "OPTIONS" and origin:
        response: web.StreamResponse = web.Response(status=204)
        asked = request.headers.get("Access-Control-Request-Headers", "")
        response.headers.update(
            {
                "Access-Control-Allow-Methods": "POST, GET, PUT, OPTIONS",
                "Access-Control-Allow-Headers": asked or "*",
                "Access-Control-Max-Age": "600",
            }
        )
    else:
        response = await handler(request)
    if origin:
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Access-Control-Expose-Headers"] = "x-amzn-ErrorType, x-amzn-RequestId"
    return response
