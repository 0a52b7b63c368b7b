"""Fault injection for testing clients: throttling, server errors and latency, at random."""

import asyncio
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from aiohttp import web

from local.aws_protocol import AwsError


@dataclass(frozen=True, kw_only=True)
class Faults:
    throttle_rate: float = 0.0
    fail_rate: float = 0.0
    latency_ms: float = 0.0

    def middleware(self) -> Callable[..., Awaitable[web.StreamResponse]]:
        chance = random.Random()  # noqa: S311 - test traffic, not security

        @web.middleware
        async def inject(
            request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
        ) -> web.StreamResponse:
            if request.path.startswith(("/websocket/", "/_local/")):
                return await handler(request)
            if self.latency_ms:
                await asyncio.sleep(self.latency_ms / 1000)
            roll = chance.random()
            if roll < self.throttle_rate:
                raise AwsError("ThrottlingException", 429, "Rate exceeded (injected)")
            if roll < self.throttle_rate + self.fail_rate:
                raise AwsError("InternalServiceException", 500, "Internal error (injected)")
            return await handler(request)

        return inject
