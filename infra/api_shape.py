"""The HTTP API's routes and CORS rules: one source for the stack and the local stand-in
(kept free of aws_cdk so the local stack can import it without starting jsii)."""

CHAT_PATH = "/chat"
WIDGET_PATH = "/widget"
ROUTE_KEYS = (f"POST {CHAT_PATH}", f"POST {WIDGET_PATH}")
CORS_METHODS = ("POST", "OPTIONS")
# Browsers hide response headers from scripts unless exposed; widgets need this one to back off.
CORS_EXPOSED_HEADERS = ("Retry-After",)
CORS_MAX_AGE_SECONDS = 3600
BOT_TOKEN_HEADER = "X-Bot-Token"  # noqa: S105 - a header name: the page's bot-check token


def cors_allowed_headers(*, authenticated: bool, bot_check: bool = False) -> tuple[str, ...]:
    """Authorization only where a JWT authorizer expects it, X-Bot-Token only with a bot check."""
    return (
        "Content-Type",
        "Idempotency-Key",
        *(("Authorization",) if authenticated else ()),
        *((BOT_TOKEN_HEADER,) if bot_check else ()),
    )
