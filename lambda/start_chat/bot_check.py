"""The bot check: the page's provider token (X-Bot-Token) verified with the provider's
siteverify endpoint (Turnstile, reCAPTCHA and hCaptcha share its shape: one form POST of
secret, response and remoteip; JSON with `success` and `hostname`). The secret is an SSM
SecureString read by stored_value.StoredValue, cached, and bounded like the
call (aws_clients.STORE_READ). Fail closed: if the provider or the secret's store cannot
answer in time, the start is refused as unavailable, never let through. A token that no
provider could have issued is the caller's: refused (403) before anything is called, so a
stranger's bytes can never look like a provider outage to the on-call."""

import json
import re
import urllib.parse
from enum import Enum
from typing import Any

from settings import BotCheckSettings
from stored_value import StoredValue

VERIFY_URLS = {
    "turnstile": "https://challenges.cloudflare.com/turnstile/v0/siteverify",
    "recaptcha": "https://www.google.com/recaptcha/api/siteverify",
    "hcaptcha": "https://api.hcaptcha.com/siteverify",
}
TIMEOUT_SECONDS = 2.0
# The longest token each provider issues (Turnstile documents 2048 characters); all three
# are URL-safe printable ASCII.
TOKEN_MAX = {"turnstile": 2048, "recaptcha": 4096, "hcaptcha": 4096}
TOKEN = re.compile(r"^[\x21-\x7e]+$")
SECRET_MAX_AGE_SECONDS = 300
# reCAPTCHA v3 answers carry a score (1.0 a person, 0.0 a bot) and the action the page named;
# Google's suggested threshold, and the action our page and widget would name.
RECAPTCHA_MIN_SCORE = 0.5
RECAPTCHA_ACTION = "start_chat"


class Verdict(Enum):
    PASSED = "passed"
    REFUSED = "refused"
    UNAVAILABLE = "unavailable"


class BotCheck:
    def __init__(
        self,
        verify_url: str,
        secret_parameter: str,
        hostnames: frozenset[str],  # of the allowed origins: where the challenge must have run
        *,
        token_max: int = max(TOKEN_MAX.values()),
        ssm: Any = None,  # a client for tests; else made on first use
    ) -> None:
        self.verify_url, self.hostnames, self.token_max = verify_url, hostnames, token_max
        self.secret = StoredValue(
            "ssm", secret_parameter, max_age_seconds=SECRET_MAX_AGE_SECONDS, client=ssm
        )

    @classmethod
    def configured(cls, settings: BotCheckSettings, allowed_origins: frozenset[str]) -> "BotCheck":
        hostnames = frozenset(urllib.parse.urlsplit(o).hostname or "" for o in allowed_origins)
        return cls(
            verify_url=settings.verify_url or VERIFY_URLS[settings.provider],
            secret_parameter=settings.secret_parameter,
            hostnames=hostnames,
            token_max=TOKEN_MAX[settings.provider],
        )

    def verify(self, token: str | None, remote_ip: str | None) -> Verdict:
        if not token or len(token) > self.token_max or not TOKEN.match(token):
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
        if "score" in answer and not _scored_as_a_person(answer):
            return Verdict.REFUSED
        return Verdict.PASSED

    def _siteverify(self, token: str, remote_ip: str | None) -> Any:
        import urllib.request  # only environments with a bot check pay for these imports

        form = {"secret": self.secret(), "response": token}
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


def _scored_as_a_person(answer: dict[str, Any]) -> bool:
    """reCAPTCHA v3: `success` only says the token was valid; the score says who made it."""
    score = answer.get("score")
    if isinstance(score, bool) or not isinstance(score, int | float):
        return False
    return score >= RECAPTCHA_MIN_SCORE and answer.get("action") == RECAPTCHA_ACTION
