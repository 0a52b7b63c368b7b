"""widget.hosting in the template: a private, TLS-only, encrypted bucket only CloudFront
reaches (OAC), HTTPS only, security and CORS headers, caching by name, the files and a
deploy-time config.json published, the snippet outputs, and the distribution's origin
added to the API's CORS and the handler's Origin check."""

import base64
import gzip
import hashlib
import json
import re
from pathlib import Path

import pytest
from aws_cdk.assertions import Template

from infra.attachment_policy import policy
from infra.widget_hosting_headers import HSTS_SECONDS, IMMUTABLE, SHORT, SHORT_SECONDS
from tests.conftest import REPO_ROOT
from tests.infra.test_function import only

CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6"  # CloudFront's managed policy


@pytest.fixture(scope="module")
def template(synth) -> Template:
    return Template.from_json(synth.template)


@pytest.fixture
def hosted(template, synth):
    if not synth.config.widget.hosting:
        template.resource_count_is("AWS::CloudFront::Distribution", 0)
        template.resource_count_is("AWS::S3::Bucket", 0)
        assert "WidgetSnippet" not in synth.template.get("Outputs", {})
        pytest.skip(f"{synth.config.name} does not host the widget")
    return template


def distribution_id(template) -> str:
    return only(template, "AWS::CloudFront::Distribution")[0]


def test_the_bucket_is_private_encrypted_tls_only_and_read_only_by_the_distribution(hosted):
    _, bucket = only(hosted, "AWS::S3::Bucket")
    props = bucket["Properties"]
    assert props["PublicAccessBlockConfiguration"] == {
        "BlockPublicAcls": True,
        "BlockPublicPolicy": True,
        "IgnorePublicAcls": True,
        "RestrictPublicBuckets": True,
    }
    rule = props["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]
    assert rule["ServerSideEncryptionByDefault"]["SSEAlgorithm"] == "AES256"
    assert bucket["DeletionPolicy"] == "Retain", "pinned tags may name an old bundle"
    _, policy = only(hosted, "AWS::S3::BucketPolicy")
    deny, allow = policy["Properties"]["PolicyDocument"]["Statement"]
    assert (deny["Effect"], deny["Condition"]) == (
        "Deny",
        {"Bool": {"aws:SecureTransport": "false"}},
    )
    assert allow["Principal"] == {"Service": "cloudfront.amazonaws.com"}
    assert allow["Action"] == "s3:GetObject"
    assert {"Ref": distribution_id(hosted)} in allow["Condition"]["StringEquals"]["AWS:SourceArn"][
        "Fn::Join"
    ][1]


def test_the_distribution_reaches_it_only_through_oac_over_https(hosted):
    oac_id, oac = only(hosted, "AWS::CloudFront::OriginAccessControl")
    assert oac["Properties"]["OriginAccessControlConfig"]["SigningBehavior"] == "always"
    config = only(hosted, "AWS::CloudFront::Distribution")[1]["Properties"]["DistributionConfig"]
    (origin,) = config["Origins"]
    assert origin["OriginAccessControlId"] == {"Fn::GetAtt": [oac_id, "Id"]}
    assert origin["S3OriginConfig"] == {"OriginAccessIdentity": ""}, "no legacy OAI"
    behaviors = [config["DefaultCacheBehavior"], *config["CacheBehaviors"]]
    assert {b["ViewerProtocolPolicy"] for b in behaviors} == {"https-only"}
    assert {tuple(b["AllowedMethods"]) for b in behaviors} == {("GET", "HEAD")}
    assert config["DefaultRootObject"] == "index.html", "the chat page at /"


def test_headers_and_caching_by_name(hosted):
    _, policy = only(hosted, "AWS::CloudFront::ResponseHeadersPolicy")
    headers = policy["Properties"]["ResponseHeadersPolicyConfig"]
    assert headers["SecurityHeadersConfig"]["StrictTransportSecurity"] == {
        "AccessControlMaxAgeSec": HSTS_SECONDS,
        "IncludeSubdomains": True,
        "Override": True,
    }
    assert headers["SecurityHeadersConfig"]["ContentTypeOptions"] == {"Override": True}
    assert headers["CorsConfig"]["AccessControlAllowOrigins"] == {"Items": ["*"]}
    assert headers["CorsConfig"]["AccessControlAllowCredentials"] is False
    config = only(hosted, "AWS::CloudFront::Distribution")[1]["Properties"]["DistributionConfig"]
    (hashed,) = config["CacheBehaviors"]
    assert (hashed["PathPattern"], hashed["CachePolicyId"]) == ("assets/*", CACHING_OPTIMIZED)
    short_id, short = only(hosted, "AWS::CloudFront::CachePolicy")
    assert config["DefaultCacheBehavior"]["CachePolicyId"] == {"Ref": short_id}
    assert short["Properties"]["CachePolicyConfig"]["MaxTTL"] == SHORT_SECONDS
    deployments = {
        d["Properties"].get("DestinationBucketKeyPrefix", ""): d["Properties"]
        for d in hosted.find_resources("Custom::CDKBucketDeployment").values()
    }
    assert deployments["assets/"]["SystemMetadata"] == {"cache-control": IMMUTABLE}
    assert deployments[""]["SystemMetadata"] == {"cache-control": SHORT}
    assert deployments[""]["DistributionPaths"] == ["/*"], "stable names refreshed at deploy"
    assert {d["Prune"] for d in deployments.values()} == {False}, "old hashed bundles stay"


def root_deployment(template) -> dict:
    """The BucketDeployment of the page, widget.js and config.json (not assets/)."""
    deployments = template.find_resources("Custom::CDKBucketDeployment").values()
    return next(
        d["Properties"] for d in deployments if "DestinationBucketKeyPrefix" not in d["Properties"]
    )


def test_config_json_names_this_stacks_api_at_deploy_time(hosted):
    root = root_deployment(hosted)
    markers = json.dumps(root["SourceMarkers"])
    api_id = only(hosted, "AWS::ApiGatewayV2::Api")[0]
    assert {"Ref": api_id} in [
        part for m in root["SourceMarkers"] for v in m.values() for part in v["Fn::Join"][1]
    ]
    assert "/chat" in markers


def test_outputs_give_the_exact_tags_and_the_pinned_one_matches_the_built_bundle(hosted, synth):
    outputs = synth.template["Outputs"]
    domain = {"Fn::GetAtt": [distribution_id(hosted), "DomainName"]}
    assert outputs["WidgetSnippet"]["Value"]["Fn::Join"][1] == [
        '<script src="https://',
        domain,
        '/widget.js" async></script>',
    ]
    assert outputs["WidgetScriptUrl"]["Value"]["Fn::Join"][1] == ["https://", domain, "/widget.js"]
    assert outputs["ChatPageUrl"]["Value"]["Fn::Join"][1] == ["https://", domain, "/"]
    pinned = outputs["WidgetSnippetPinned"]["Value"]["Fn::Join"][1][2]
    path = pinned.split('"', 1)[0].lstrip("/")
    integrity = pinned.split('integrity="', 1)[1].split('"', 1)[0]
    hashed = next(
        d["Properties"]
        for d in hosted.find_resources("Custom::CDKBucketDeployment").values()
        if d["Properties"].get("DestinationBucketKeyPrefix") == "assets/"
    )
    asset = synth.outdir / f"asset.{hashed['SourceObjectKeys'][0].removesuffix('.zip')}"
    bundle = (asset / path.removeprefix("assets/")).read_bytes()
    assert integrity == "sha384-" + base64.b64encode(hashlib.sha384(bundle).digest()).decode()
    assert path == f"assets/widget.{hashlib.sha256(bundle).hexdigest()[:16]}.js"
    assert 'crossorigin="anonymous"' in pinned


def test_the_distributions_origin_may_start_chats(hosted, synth):
    domain = {"Fn::GetAtt": [distribution_id(hosted), "DomainName"]}
    _, function = only(hosted, "AWS::Lambda::Function")
    origins = function["Properties"]["Environment"]["Variables"]["ALLOWED_ORIGINS"]["Fn::Join"][1]
    assert origins == [",".join(synth.config.allowed_origins) + ",https://", domain]
    _, api = only(hosted, "AWS::ApiGatewayV2::Api")
    assert {"Fn::Join": ["", ["https://", domain]]} in api["Properties"]["CorsConfiguration"][
        "AllowOrigins"
    ]


def deployed_file(hosted, synth, name: str) -> Path:
    """A file the root deployment publishes, from its source assets in cdk.out."""
    keys = root_deployment(hosted)["SourceObjectKeys"]
    folders = [synth.outdir / f"asset.{key.removesuffix('.zip')}" for key in keys]
    return next(folder / name for folder in folders if (folder / name).exists())


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def test_the_bundle_and_its_loader_keep_to_their_budgets_and_the_page_has_every_module(
    hosted, synth
):
    folder = deployed_file(hosted, synth, "index.html").parent
    loader = (folder / "widget.js").read_bytes()
    assert gzipped(loader) <= 6 * 1024, "docs/web.md: the loader at the stable URL"
    hashed = next(
        d["Properties"]
        for d in hosted.find_resources("Custom::CDKBucketDeployment").values()
        if d["Properties"].get("DestinationBucketKeyPrefix") == "assets/"
    )
    assets = synth.outdir / f"asset.{hashed['SourceObjectKeys'][0].removesuffix('.zip')}"
    [bundle] = assets.glob("widget.*.js")
    assert bundle.name.encode() in loader, "the loader loads this deploy's bundle"
    assert gzipped(bundle.read_bytes()) <= 128 * 1024, "docs/web.md budget"
    for module in folder.glob("*.js"):
        for imported in re.findall(r'from "\./([^"]+)"', module.read_text()):
            assert (folder / imported).is_file(), f"{module.name} imports {imported}"


def test_config_json_carries_the_attachment_policy(hosted, synth):
    text = deployed_file(hosted, synth, "config.json").read_text()
    # deploy-time values (the API's URL) are markers standing for whole JSON strings
    config = json.loads(re.sub(r"<<marker:[^>]+>>", '"filled at deploy"', text))
    assert config["attachments"] == policy(synth.config.widget.attachments)


def upload_handler(template) -> tuple[str, dict]:
    """CDK's BucketDeployment handler: the one function that is not the start-chat one."""
    functions = template.find_resources("AWS::Lambda::Function")
    [(logical_id, handler)] = [
        (i, f) for i, f in functions.items() if i.startswith("CustomCDKBucketDeployment")
    ]
    return logical_id, handler


def test_account_wide_cloudfront_names_carry_the_region(hosted, synth):
    """CloudFront's policies and origin access controls are named per account: the same
    environment in a second region would fail with AlreadyExists."""
    prefix = f"ChatStarter-{synth.config.name}-{synth.config.region}-widget-"
    _, headers = only(hosted, "AWS::CloudFront::ResponseHeadersPolicy")
    _, access = only(hosted, "AWS::CloudFront::OriginAccessControl")
    _, cache = only(hosted, "AWS::CloudFront::CachePolicy")
    names = [
        headers["Properties"]["ResponseHeadersPolicyConfig"]["Name"],
        access["Properties"]["OriginAccessControlConfig"]["Name"],
        cache["Properties"]["CachePolicyConfig"]["Name"],
    ]
    assert names == [f"{prefix}headers", f"{prefix}origin", f"{prefix}short-cache"]
    assert len(names[1]) <= 64, "CloudFront's limit for an origin access control's name"


def test_one_aws_cli_layer_for_the_upload_handler(hosted):
    """Each BucketDeployment added its own 21 MB layer; the shared handler used the first."""
    layer_id, _ = only(hosted, "AWS::Lambda::LayerVersion")
    _, handler = upload_handler(hosted)
    assert handler["Properties"]["Layers"] == [{"Ref": layer_id}]


def test_the_upload_handlers_logs_follow_the_environments_retention_and_go_with_it(hosted, synth):
    handler_id, _ = upload_handler(hosted)
    [log_group] = [
        group
        for group in hosted.find_resources("AWS::Logs::LogGroup").values()
        if group["Properties"].get("LogGroupName", {}).get("Fn::Join", ["", []])[1][1:]
        == [{"Ref": handler_id}]
    ]
    assert log_group["Properties"]["RetentionInDays"] == synth.config.log_retention_days
    assert log_group["DeletionPolicy"] == log_group["UpdateReplacePolicy"] == "Delete"


def test_the_upload_handler_may_invalidate_this_distribution_only(hosted, synth):
    """CDK grants CreateInvalidation on every distribution in the account."""
    handler_id, handler = upload_handler(hosted)
    role = handler["Properties"]["Role"]["Fn::GetAtt"][0]
    [policy] = [
        p
        for p in hosted.find_resources("AWS::IAM::Policy").values()
        if p["Properties"]["Roles"] == [{"Ref": role}]
    ]
    statements = policy["Properties"]["PolicyDocument"]["Statement"]
    assert all(s["Resource"] != "*" for s in statements), "no grant on every resource"
    [invalidation] = [s for s in statements if "cloudfront:CreateInvalidation" in s["Action"]]
    assert invalidation["Action"] == ["cloudfront:CreateInvalidation", "cloudfront:GetInvalidation"]
    this_distribution = [
        f"arn:aws:cloudfront::{synth.config.account}:distribution/",
        {"Ref": distribution_id(hosted)},
    ]
    assert invalidation["Resource"] == {"Fn::Join": ["", this_distribution]}
    root = root_deployment(hosted)
    assert root["DistributionId"] == {"Ref": distribution_id(hosted)}
    assert root["ServiceToken"] == {"Fn::GetAtt": [handler_id, "Arn"]}


def test_the_price_class_is_the_environments_choice(hosted, synth):
    config = only(hosted, "AWS::CloudFront::Distribution")[1]["Properties"]["DistributionConfig"]
    assert config["PriceClass"] == synth.config.widget.price_class


def test_the_first_deploy_notes_name_cloudfront_verification_and_the_price_class():
    section = (REPO_ROOT / "docs" / "deploying.md").read_text().split("## First deploys\n")[1]
    section = " ".join(section.split("\n## ")[0].split())
    assert "must be verified before you can add new CloudFront resources" in section
    for price_class in ("PriceClass_100", "PriceClass_200", "PriceClass_All"):
        assert price_class in section
    assert "`widget.priceClass`" in section


def test_every_price_class_the_config_allows_reaches_cloudfront_as_itself():
    """The shipped environments all take the default: each other choice is checked here."""
    from typing import get_args

    from infra.cdk.widget_hosting import PRICE_CLASSES
    from infra.config import PriceClass

    assert set(PRICE_CLASSES) == set(get_args(PriceClass))
    for name, price_class in PRICE_CLASSES.items():  # PriceClass_All: PRICE_CLASS_ALL
        assert price_class.value == name.upper().replace("PRICECLASS", "PRICE_CLASS")
