"""What the local HTTP API refuses before any route runs, answered as API Gateway does: JSON
`{"message": ...}`. A refused request's header values are never quoted, in the answer or in
the log: a malformed header may still carry a secret (an Idempotency-Key, a token)."""

import logging
from typing import Any

from aiohttp import web
from aiohttp.web_protocol import RequestHandler

LOG = logging.getLogger("local.gateway")
# API Gateway's own wording for the answers it gives without calling the integration.
MESSAGES = {
    400: "Bad Request",
    404: "Not Found",
    413: "Request Entity Too Large",
    500: "Internal Server Error",
}


def gateway_answer(status: int) -> web.Response:
    return web.json_response({"message": MESSAGES.get(status, "Error")}, status=status)


class _RefusingProtocol(RequestHandler):
    def handle_error(
        self,
        request: Any,
        status: int = 500,
        exc: BaseException | None = None,
        message: str | None = None,
    ) -> web.StreamResponse:
        # aiohttp's own answer is text/plain and quotes the parser's message (with the value).
        LOG.warning("refused before routing: %d (%s)", status, type(exc).__name__ if exc else "-")
        if request.writer.output_size > 0:
            raise ConnectionError("an answer was already being sent")
        response = gateway_answer(status)
        response.force_close()
        return response


class _RefusingServer(web.Server):
    def __call__(self) -> RequestHandler:
        return _RefusingProtocol(self, loop=self._loop, **self._kwargs)


class ApiGatewayRunner(web.AppRunner):
    """An AppRunner whose connections answer parse errors (a control character in a header,
    a duplicated Content-Type) the API Gateway way."""

    async def _make_server(self) -> web.Server:
        server = await super()._make_server()
        return _RefusingServer(
            server.request_handler, request_factory=server.request_factory, **self._kwargs
        )
