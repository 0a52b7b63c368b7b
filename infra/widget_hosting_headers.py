"""What the widget's distribution answers with, defined once for the stack's response-headers
policy and caching (infra/cdk/widget_hosting.py) and the local CDN stand-in (local/cdn.py).
Kept free of aws_cdk."""

from dataclasses import dataclass

# Hashed files never change; the stable names (widget.js, config.json, the page) may.
IMMUTABLE = "public, max-age=31536000, immutable"
SHORT = "public, max-age=300"
SHORT_SECONDS = 300
HSTS_SECONDS = 63072000  # two years, as browsers' preload lists ask
FRAME_OPTIONS = "DENY"  # frame-ancestors 'none' for browsers that predate it
SECURITY_HEADERS = {
    "Strict-Transport-Security": f"max-age={HSTS_SECONDS}; includeSubDomains",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": FRAME_OPTIONS,
    # public files, no credentials: any site may load the script (SRI needs CORS)
    "Access-Control-Allow-Origin": "*",
}
# Where each bot-check provider's widget comes from (web/src/bot-check.ts): its script,
# and the frame it draws the challenge in.
BOT_CHECK_ORIGINS = {
    "turnstile": ("https://challenges.cloudflare.com",),
    "recaptcha": ("https://www.google.com", "https://www.gstatic.com"),
    "hcaptcha": ("https://hcaptcha.com", "https://*.hcaptcha.com"),
}


@dataclass(frozen=True, kw_only=True)
class PageOrigins:
    """Whom the chat page talks to besides its own origin."""

    api: str
    participant: str
    websocket: str
    attachments: str | None = None  # presigned upload and download URLs, where files are on
    bot_check: tuple[str, ...] = ()


def aws_origins(*, region: str, attachments: bool, bot_check: str | None) -> PageOrigins:
    """The deployed page's. The API by its region's pattern, not its own host: the API's CORS
    names the distribution, so the distribution cannot also name the API (a cycle)."""
    return PageOrigins(
        api=f"https://*.execute-api.{region}.amazonaws.com",
        participant=f"https://participant.connect.{region}.amazonaws.com",
        websocket=f"wss://*.transport.connect.{region}.amazonaws.com",
        attachments=f"https://*.s3.{region}.amazonaws.com" if attachments else None,
        bot_check=BOT_CHECK_ORIGINS[bot_check] if bot_check else (),
    )


def page_csp(origins: PageOrigins) -> str:
    """The chat page's Content-Security-Policy: scripts and styles from its own origin only,
    connections to the API and Connect only, never framed. Browsers apply it to documents;
    widget.js and the bundle load into other sites unaffected by it."""
    connect = ["'self'", origins.api, origins.participant, origins.websocket]
    if origins.attachments:
        connect.append(origins.attachments)
    scripts = " ".join(["'self'", *origins.bot_check])
    directives = [
        "default-src 'none'",
        f"script-src {scripts}",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        f"connect-src {' '.join(connect)}",
        f"frame-src {' '.join(origins.bot_check)}" if origins.bot_check else "frame-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
        "object-src 'none'",
        "frame-ancestors 'none'",
    ]
    return "; ".join(directives)
