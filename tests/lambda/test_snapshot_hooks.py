"""SnapStart: what the handler registers for Lambda to run after a restore, and that it gives
each restored copy its own random numbers."""

import random

import snapshot_restore_py

import snapshot_hooks
from tests.lambda_helpers import handler  # noqa: F401 - the handler registers its hooks on import


def test_the_handler_registers_a_reseed_after_restore():
    registered = [func for func, _, _ in snapshot_restore_py.get_after_restore()]
    assert snapshot_hooks.reseed_random in registered


def test_copies_restored_from_one_snapshot_draw_different_numbers():
    random.seed(1234)  # the state every copy would share from the snapshot
    state = random.getstate()
    without_hook = [random.random() for _ in range(3)]
    random.setstate(state)
    for func, args, kwargs in snapshot_restore_py.get_after_restore():
        func(*args, **kwargs)  # what Lambda does after restoring
    assert [random.random() for _ in range(3)] != without_hook
