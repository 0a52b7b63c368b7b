"""`python -m local.token` (make local-token): print a short-lived test JWT for the local stack
of an authenticated environment (one with `auth.type: jwt`)."""

import argparse
import sys

from infra.config import ConfigError, load, read_environments
from local.jwt_issuer import mint_token


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m local.token", description=__doc__)
    parser.add_argument("--env", default="staging", help="an environment with auth.type jwt")
    parser.add_argument("--subject", default="local-user")
    parser.add_argument("--email", default="ada@example.com")
    parser.add_argument("--ttl", type=int, default=900, help="seconds the token is valid")
    args = parser.parse_args(argv)
    try:
        config = load(read_environments(), args.env)
    except ConfigError as error:
        print(error.told_by("local-token"), file=sys.stderr)
        return 1
    if config.auth is None:
        print(f"local-token: environment {config.name!r} has no jwt auth", file=sys.stderr)
        return 1
    print(mint_token(config.auth, subject=args.subject, email=args.email, ttl_seconds=args.ttl))
    return 0


if __name__ == "__main__":
    sys.exit(main())
