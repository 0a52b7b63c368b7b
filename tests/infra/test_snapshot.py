"""Whole-template snapshots per environment; asset hashes masked so handler edits don't churn."""

import json
import re

import pytest
from syrupy.extensions.json import JSONSnapshotExtension

ASSET_HASH = re.compile(r"[0-9a-f]{64}")
# A Lambda version's logical ID ends in a hash of the function's code and configuration.
VERSION_ID = re.compile(r"CurrentVersion[0-9A-F]{8}[0-9a-f]{32}")
# The widget bundle's pinned name and integrity change with every edit of web/
# (tests/infra/test_widget_hosting.py checks them against the built bundle).
WIDGET_BUNDLE = re.compile(r"widget\.[0-9a-f]{16}\.js")
INTEGRITY = re.compile(r"sha384-[A-Za-z0-9+/]{64}")


@pytest.fixture
def snapshot_json(snapshot):
    return snapshot.use_extension(JSONSnapshotExtension)


def masked(template: dict) -> dict:
    text = ASSET_HASH.sub("<asset-hash>", json.dumps(template))
    text = WIDGET_BUNDLE.sub("widget.<hash>.js", INTEGRITY.sub("sha384-<integrity>", text))
    return json.loads(VERSION_ID.sub("CurrentVersion<hash>", text))


def test_masking_hides_only_asset_hashes():
    key = "a" * 64
    assert masked({"S3Key": f"{key}.zip", "Id": "b" * 63}) == {
        "S3Key": "<asset-hash>.zip",
        "Id": "b" * 63,
    }
    pinned = f'"/assets/widget.{"c" * 16}.js" integrity="sha384-{"D" * 64}"'
    assert masked({"Tag": pinned}) == {
        "Tag": '"/assets/widget.<hash>.js" integrity="sha384-<integrity>"'
    }


def test_template_matches_snapshot(synth, snapshot_json):
    assert masked(synth.template) == snapshot_json
