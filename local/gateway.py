"""Local stand-in for the HTTP API: genuine payload 2.0 events for the real handler, and the
environment's CORS rules applied the way API Gateway applies them."""

import base64
import logging
import time
import uuid
from datetime import UTC, datetime
from typing import Any

from aiohttp import web

from infra.api_shape import (
    CORS_EXPOSED_HEADERS,
    CORS_MAX_AGE_SECONDS,
    CORS_METHODS,
    ROUTE_KEYS,
    cors_allowed_headers,
)
from infra.config import EnvironmentConfig
from local.gateway_errors import ApiGatewayRunner, gateway_answer
from local.jwt_issuer import JwtVerifier
from local.lambda_runtime import AllEnvironmentsBusy, LambdaFunction

__all__ = ["MAX_REQUEST_BYTES", "ApiGatewayRunner", "Gateway"]

LOG = logging.getLogger("local.gateway")
TEXT_TYPES = ("text/", "application/json", "application/xml", "application/javascript")
# HTTP APIs take up to 10 MB; Lambda takes a synchronous event of up to 6 MB.
MAX_REQUEST_BYTES = 10 * 1024 * 1024
MAX_EVENT_BYTES = 6 * 1024 * 1024


class Gateway:
    def __init__(self, config: EnvironmentConfig, function: LambdaFunction) -> None:
        self.config, self.function = config, function
        self.verifier = JwtVerifier(config.auth) if config.auth else None
        self.allowed_headers = tuple(
            h.lower()
            for h in cors_allowed_headers(
                authenticated=config.auth is not None, bot_check=config.bot_check is not None
            )
        )

    def routes(self) -> list[web.RouteDef]:
        return [web.route("*", "/{tail:.*}", self.dispatch)]

    async def dispatch(self, request: web.Request) -> web.StreamResponse:
        origin = request.headers.get("Origin")
        allowed = origin in self.config.allowed_origins
        if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
            return self._preflight(request, origin if allowed else None)
        route_key = f"{request.method} {request.path}"
        claims = self.verifier.claims(request.headers.get("Authorization")) if self.verifier else {}
        if route_key not in ROUTE_KEYS:
            response = gateway_answer(404)
        elif claims is None:  # what API Gateway's JWT authorizer answers
            response = web.json_response({"message": "Unauthorized"}, status=401)
        else:
            response = await self._integrate(request, route_key, claims)
        if allowed and origin:
            response.headers.update(
                {
                    "Access-Control-Allow-Origin": origin,
                    "Access-Control-Expose-Headers": ",".join(CORS_EXPOSED_HEADERS),
                    "Vary": "Origin",
                }
            )
        return response

    async def _integrate(
        self, request: web.Request, route_key: str, claims: dict[str, str]
    ) -> web.Response:
        try:
            event = await http_api_event(request, self.config, route_key, claims)
        except web.HTTPRequestEntityTooLarge:
            return gateway_answer(413)
        if len(event.get("body") or "") > MAX_EVENT_BYTES:
            return gateway_answer(413)
        try:
            return lambda_response(await self.function.invoke(event))
        except AllEnvironmentsBusy:  # Lambda refuses past reserved concurrency; no queue
            LOG.warning("throttled: all %d environments busy", self.function.concurrency)
            return gateway_answer(500)

    def _preflight(self, request: web.Request, origin: str | None) -> web.Response:
        method = request.headers["Access-Control-Request-Method"]
        asked = request.headers.get("Access-Control-Request-Headers", "")
        headers = {h.strip().lower() for h in asked.split(",") if h.strip()}
        if origin is None or method not in CORS_METHODS or not headers <= set(self.allowed_headers):
            return web.Response(status=204)  # no CORS headers: the browser refuses
        return web.Response(
            status=204,
            headers={
                "Access-Control-Allow-Origin": origin,
                "Access-Control-Allow-Methods": ",".join(CORS_METHODS),
                "Access-Control-Allow-Headers": ",".join(self.allowed_headers),
                "Access-Control-Max-Age": str(CORS_MAX_AGE_SECONDS),
                "Vary": "Origin",
            },
        )


async def http_api_event(
    request: web.Request, config: EnvironmentConfig, route_key: str, claims: dict[str, str]
) -> dict[str, Any]:
    raw = await request.read()
    headers: dict[str, str] = {}
    for name, value in request.headers.items():  # repeated headers are comma-joined
        key = name.lower()
        headers[key] = f"{headers[key]},{value}" if key in headers else value
    content_type = headers.get("content-type", "")
    is_text = content_type.startswith(TEXT_TYPES)
    try:
        body, encoded = (raw.decode("utf-8"), False) if is_text else (None, True)
    except UnicodeDecodeError:
        body, encoded = None, True
    if encoded:
        body = base64.b64encode(raw).decode()
    now = time.time()
    source_ip = request.remote or "127.0.0.1"
    event: dict[str, Any] = {
        "version": "2.0",
        "routeKey": route_key,
        "rawPath": request.path,
        "rawQueryString": request.query_string,
        "headers": headers,
        "requestContext": {
            "accountId": config.account,
            "apiId": "local",
            "domainName": request.host,
            "domainPrefix": request.host.split(".")[0],
            "http": {
                "method": request.method,
                "path": request.path,
                "protocol": "HTTP/1.1",
                "sourceIp": source_ip,
                "userAgent": headers.get("user-agent", ""),
            },
            "requestId": base64.b64encode(uuid.uuid4().bytes[:10]).decode(),
            "routeKey": route_key,
            "stage": "$default",
            "time": datetime.fromtimestamp(now, UTC).strftime("%d/%b/%Y:%H:%M:%S +0000"),
            "timeEpoch": int(now * 1000),
        },
        "body": body if raw else None,
        "isBase64Encoded": bool(raw) and encoded,
    }
    if claims:
        event["requestContext"]["authorizer"] = {"jwt": {"claims": claims, "scopes": None}}
    return event


def lambda_response(result: dict[str, Any]) -> web.Response:
    body = result.get("body") or ""
    data = base64.b64decode(body) if result.get("isBase64Encoded") else body.encode()
    return web.Response(
        status=int(result.get("statusCode", 200)), body=data, headers=result.get("headers") or {}
    )
