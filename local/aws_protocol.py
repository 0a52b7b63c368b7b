"""What the AWS restJson1 services look like on the wire: their errors and their validation."""

import json
from collections.abc import Awaitable, Callable
from typing import Any

import botocore.session
from aiohttp import web
from botocore.model import OperationModel
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
    return params


@web.middleware
async def aws_errors(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    try:
        return await handler(request)
    except AwsError as error:
        return error.response()


@web.middleware
async def browser_cors(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    """Lets a page on another localhost port (chatjs) call the stand-in, as the Participant
    Service lets any origin call it."""
    origin = request.headers.get("Origin")
    if request.method == "OPTIONS" and origin:
        response: web.StreamResponse = web.Response(status=204)
        asked = request.headers.get("Access-Control-Request-Headers", "")
        response.headers.update({"Access-Control-Allow-Methods": "POST, GET, OPTIONS",
                                 "Access-Control-Allow-Headers": asked or "*",
                                 "Access-Control-Max-Age": "600"})  # fmt: skip
    else:
        response = await handler(request)
    if origin:
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Access-Control-Expose-Headers"] = "x-amzn-ErrorType, x-amzn-RequestId"
    return response
