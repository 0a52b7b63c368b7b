"""The bot check: the page's provider token (X-Bot-Token) verified with the provider's
siteverify endpoint (Turnstile, reCAPTCHA and hCaptcha share its shape: one form POST of
secret, response and remoteip; JSON with `success` and `hostname`). The secret is an SSM
SecureString read through Powertools' parameters utility and cached. Fail closed: if the
provider cannot answer within 2 s, the start is refused as unavailable, never let through."""

import json
import os
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

VERIFY_URLS = {
    "turnstile": "https://challenges.cloudflare.com/turnstile/v0/siteverify",
    "recaptcha": "https://www.google.com/recaptcha/api/siteverify",
    "hcaptcha": "https://api.hcaptcha.com/siteverify",
}
TIMEOUT_SECONDS = 2.0
TOKEN_MAX = 4096  # provider tokens are ~2 KB at most
SECRET_MAX_AGE_SECONDS = 300


class Verdict(Enum):
    PASSED = "passed"
    REFUSED = "refused"
    UNAVAILABLE = "unavailable"


@dataclass(frozen=True)
class BotCheck:
    verify_url: str
    secret_parameter: str
    hostnames: frozenset[str]  # of the allowed origins: where the challenge must have run

    @classmethod
    def from_environ(
        cls, allowed_origins: frozenset[str], environ: Mapping[str, str] = os.environ
    ) -> "BotCheck":
        """Only where BOT_CHECK_PROVIDER is set (abuse_layers.py decides)."""
        provider = environ["BOT_CHECK_PROVIDER"]
        hostnames = frozenset(urllib.parse.urlsplit(o).hostname or "" for o in allowed_origins)
        return cls(
            verify_url=environ.get("BOT_CHECK_VERIFY_URL") or VERIFY_URLS[provider],
            secret_parameter=environ["BOT_CHECK_SECRET_PARAMETER"],
            hostnames=hostnames,
        )

    def verify(self, token: str | None, remote_ip: str | None) -> Verdict:
        if not token or len(token) > TOKEN_MAX:
            return Verdict.REFUSED
        try:
            answer = self._siteverify(token, remote_ip)
        except (OSError, ValueError):  # unreachable, timed out, 4xx/5xx, not JSON
            return Verdict.UNAVAILABLE
        except Exception:  # the secret could not be read (SSM): as unavailable
            return Verdict.UNAVAILABLE
        if not isinstance(answer, dict) or not isinstance(answer.get("success"), bool):
            return Verdict.UNAVAILABLE
        if answer["success"] is not True or answer.get("hostname") not in self.hostnames:
            return Verdict.REFUSED
        return Verdict.PASSED

    def _siteverify(self, token: str, remote_ip: str | None) -> Any:
        import urllib.request  # only environments with a bot check pay for these imports

        from aws_lambda_powertools.utilities import parameters

        secret = parameters.get_parameter(
            self.secret_parameter, decrypt=True, max_age=SECRET_MAX_AGE_SECONDS
        )
        form = {"secret": str(secret), "response": token}
        if remote_ip:
            form["remoteip"] = remote_ip
        request = urllib.request.Request(  # noqa: S310 - the provider's URL (or the local stand-in)
            self.verify_url,
            urllib.parse.urlencode(form).encode(),
            {"Content-Type": "application/x-www-form-urlencoded"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            return json.loads(response.read())
