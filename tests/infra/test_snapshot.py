"""Whole-template snapshots per environment; asset hashes masked so handler edits don't churn."""

import json
import re

import pytest
from syrupy.extensions.json import JSONSnapshotExtension

ASSET_HASH = re.compile(r"[0-9a-f]{64}")
# A Lambda version's logical ID ends in a hash of the function's code and configuration.
VERSION_ID = re.compile(r"CurrentVersion[0-9A-F]{8}[0-9a-f]{32}")


@pytest.fixture
def snapshot_json(snapshot):
    return snapshot.use_extension(JSONSnapshotExtension)


def masked(template: dict) -> dict:
    text = ASSET_HASH.sub("<asset-hash>", json.dumps(template))
    return json.loads(VERSION_ID.sub("CurrentVersion<hash>", text))


def test_masking_hides_only_asset_hashes():
    key = "a" * 64
    assert masked({"S3Key": f"{key}.zip", "Id": "b" * 63}) == {
        "S3Key": "<asset-hash>.zip",
        "Id": "b" * 63,
    }


def test_template_matches_snapshot(synth, snapshot_json):
    assert masked(synth.template) == snapshot_json
