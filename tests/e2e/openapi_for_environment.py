"""docs/openapi.yaml narrowed to one environment: the rules it leaves to the deployment
(allowed attribute keys, the longest chat, the only instance and flow, whether a bot
check's header exists) filled in from that
environment's config, so a schema-driven tool knows what this deployment accepts."""

import copy
from typing import Any

import yaml

from infra.config import EnvironmentConfig
from tests.conftest import REPO_ROOT

SPEC_PATH = REPO_ROOT / "docs" / "openapi.yaml"


def openapi_for(config: EnvironmentConfig, server_url: str) -> dict[str, Any]:
    spec = copy.deepcopy(yaml.safe_load(SPEC_PATH.read_text()))
    spec["servers"] = [{"url": server_url}]
    schemas = spec["components"]["schemas"]
    fields = schemas["StartChatRequestFields"]["properties"]
    fields["Attributes"]["propertyNames"] = {"enum": list(config.allowed_attributes)}
    fields["ChatDurationInMinutes"]["maximum"] = config.max_chat_duration_minutes
    instance = config.instance_id.rsplit("/", 1)[-1]
    fields["InstanceId"]["enum"] = ["", instance]
    fields["ContactFlowId"]["enum"] = ["", config.contact_flow_id]
    widget_fields = schemas["WidgetStartChatRequest"]["allOf"][1]["properties"]
    widget_fields["ConnectInstanceId"]["enum"] = ["", instance]
    if config.bot_check is None:  # the header means nothing here: any value is ignored
        bot_token = {"$ref": "#/components/parameters/BotToken"}
        for path in spec["paths"].values():
            path["post"]["parameters"].remove(bot_token)
    return spec
