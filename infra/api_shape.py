"""The HTTP API's routes and CORS rules: one source for the stack and the local stand-in
(kept free of aws_cdk so the local stack can import it without starting jsii)."""

CHAT_PATH = "/chat"
WIDGET_PATH = "/widget"
ROUTE_KEYS = (f"POST {CHAT_PATH}", f"POST {WIDGET_PATH}")
CORS_METHODS = ("POST", "OPTIONS")
# Browsers hide response headers from scripts unless exposed; widgets need this one to back off.
CORS_EXPOSED_HEADERS = ("Retry-After",)
CORS_MAX_AGE_SECONDS = 3600


def cors_allowed_headers(*, authenticated: bool) -> tuple[str, ...]:
    """Authorization only where a JWT authorizer expects it."""
    return ("Content-Type", "Idempotency-Key", *(("Authorization",) if authenticated else ()))
