"""What the widget's distribution answers with, defined once for the stack's response-headers
policy and caching (infra/widget_hosting.py) and the local CDN stand-in (local/cdn.py).
Kept free of aws_cdk."""

# Hashed files never change; the stable names (widget.js, config.json, the page) may.
IMMUTABLE = "public, max-age=31536000, immutable"
SHORT = "public, max-age=300"
SHORT_SECONDS = 300
HSTS_SECONDS = 63072000  # two years, as browsers' preload lists ask
SECURITY_HEADERS = {
    "Strict-Transport-Security": f"max-age={HSTS_SECONDS}; includeSubDomains",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    # public files, no credentials: any site may load the script (SRI needs CORS)
    "Access-Control-Allow-Origin": "*",
}
