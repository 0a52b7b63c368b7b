"""The trimmed Connect model the function bundles: the client the handler builds uses it, and
StartChatContact's input, output and errors are exactly the full model's."""

import json
from typing import Any

import botocore.session
import pytest
from botocore.loaders import Loader
from botocore.model import NoShapeFoundError, ServiceModel, Shape

from infra.botocore_data import OPERATIONS, SERVICE, trimmed_model
from tests.lambda_helpers import MODEL_PATH, handler

FULL_LOADER = Loader()  # botocore's own data only
API_VERSION = FULL_LOADER.determine_latest_version(SERVICE, "service-2")
FULL = FULL_LOADER.load_service_model(SERVICE, "service-2", API_VERSION)
TRIMMED = json.loads((MODEL_PATH / SERVICE / API_VERSION / "service-2.json").read_text())


def tree(shape: Shape | None, seen: frozenset[str] = frozenset()) -> Any:
    """Everything botocore uses of a shape, members resolved (recursion cut by name)."""
    if shape is None:
        return None
    if shape.name in seen:
        return shape.name
    seen |= {shape.name}
    node: dict[str, Any] = {
        "name": shape.name,
        "type": shape.type_name,
        "serialization": shape.serialization,
        "metadata": shape.metadata,
    }
    if shape.type_name == "structure":
        node["members"] = {k: tree(v, seen) for k, v in shape.members.items()}
        node["required"] = shape.required_members
    for part in ("member", "key", "value"):
        if hasattr(shape, part):
            node[part] = tree(getattr(shape, part), seen)
    return node


def test_the_handlers_client_is_built_on_the_trimmed_model():
    model = handler.connect.meta.service_model
    assert model.operation_names == list(OPERATIONS)
    assert len(TRIMMED["shapes"]) < len(FULL["shapes"]) / 20


def test_trimmed_input_output_and_errors_equal_the_full_models():
    full, trimmed = ServiceModel(FULL, SERVICE), ServiceModel(TRIMMED, SERVICE)
    for name in OPERATIONS:
        a, b = full.operation_model(name), trimmed.operation_model(name)
        assert tree(b.input_shape) == tree(a.input_shape)
        assert tree(b.output_shape) == tree(a.output_shape)
        assert [tree(e) for e in b.error_shapes] == [tree(e) for e in a.error_shapes]
        assert b.http == a.http
        assert b.metadata == a.metadata


def test_a_missing_shape_would_be_caught():
    broken = trimmed_model(FULL)
    broken["shapes"].pop("ParticipantDetails")
    model = ServiceModel(broken, SERVICE).operation_model("StartChatContact")
    with pytest.raises(NoShapeFoundError, match="ParticipantDetails"):
        tree(model.input_shape)


def test_endpoint_rules_are_connects():
    rules = FULL_LOADER.load_service_model(SERVICE, "endpoint-rule-set-1", API_VERSION)
    bundled = json.loads(
        (MODEL_PATH / SERVICE / API_VERSION / "endpoint-rule-set-1.json").read_text()
    )
    assert bundled == rules
    # the bundled rules resolve as botocore's own do
    client = botocore.session.get_session().create_client("connect", region_name="eu-west-2")
    assert client.meta.endpoint_url == "https://connect.eu-west-2.amazonaws.com"
    assert (
        handler.connect.meta.endpoint_url
        == f"https://connect.{handler.connect.meta.region_name}.amazonaws.com"
    )


def test_only_the_bundled_data_is_searched_and_a_gap_falls_back_to_botocores(
    monkeypatch, tmp_path, caplog
):
    import shutil

    from aws_clients import _session, create_connect_client

    client = create_connect_client()
    assert client.meta.service_model.operation_names == list(OPERATIONS)
    shutil.copytree(MODEL_PATH, tmp_path / "data")
    (tmp_path / "data" / "endpoints.json").unlink()  # a file a newer runtime might want
    monkeypatch.setenv("AWS_DATA_PATH", str(tmp_path / "data"))
    _session.cache_clear()  # botocore reads AWS_DATA_PATH once, as the function does at init
    try:
        fallback = create_connect_client()
    finally:
        _session.cache_clear()
    assert "bundled botocore data incomplete" in caplog.text
    assert fallback.meta.service_model.operation_names == list(OPERATIONS)
