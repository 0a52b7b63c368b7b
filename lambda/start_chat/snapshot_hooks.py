"""SnapStart: Lambda restores many execution environments from one snapshot of this module's
initialised state, so nothing created at init may be shared by them where it matters:

- randomness: botocore jitters its retry back-off with `random`; copies restored from one
  snapshot would all draw the same numbers and retry in lockstep. Reseeded after restore.
- credentials: with SnapStart the runtime serves them through the container credentials
  endpoint, and botocore's default chain refreshes them before expiry; nothing pinned here.
- connections: none is opened at init (the Connect client connects on the first request).

snapshot_restore_py is part of Lambda's Python runtimes; without SnapStart the hooks never
run, so the same code serves both."""

import random

from snapshot_restore_py import register_after_restore


def reseed_random() -> None:
    random.seed()  # from os.urandom: each restored copy draws its own numbers


register_after_restore(reseed_random)
