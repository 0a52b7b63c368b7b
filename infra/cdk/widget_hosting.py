"""The widget and the chat page on a CDN, so the frontend team pastes one tag: a private
bucket (public access blocked, TLS only, encrypted), a CloudFront distribution that alone
reaches it (Origin Access Control), HTTPS only, security and CORS headers, long immutable
caching for the hashed bundle and a short one for the stable names; the files published by
BucketDeployment with a deploy-time config.json beside them (infra/cdk/deployment_handler.py fits
CDK's handler for that). CloudFront's policies and origin access controls are named per
account, so their names carry the region. widget_hosting_headers.py holds the header and
cache values the local CDN stand-in serves too."""

import atexit
import shutil
import tempfile
from pathlib import Path
from typing import cast

from aws_cdk import Acknowledgment, Duration, RemovalPolicy, Stack, Validations
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_cloudfront_origins as origins
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_s3_deployment as s3deploy
from constructs import Construct

from infra.cdk.deployment_handler import fit_handlers, invalidate_on_deploy, share_one_cli_layer
from infra.config import EnvironmentConfig
from infra.names import account_wide_name
from infra.widget_bundle import ASSETS, STABLE_NAME, build_widget, widget_config
from infra.widget_hosting_headers import (
    FRAME_OPTIONS,
    HSTS_SECONDS,
    IMMUTABLE,
    SHORT,
    SHORT_SECONDS,
)

REFERRER_POLICY = cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN
PRICE_CLASSES = {
    "PriceClass_100": cloudfront.PriceClass.PRICE_CLASS_100,
    "PriceClass_200": cloudfront.PriceClass.PRICE_CLASS_200,
    "PriceClass_All": cloudfront.PriceClass.PRICE_CLASS_ALL,
}


class WidgetHosting(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        environment: str,
        content_security_policy: str,
        price_class: str,
    ) -> None:
        super().__init__(scope, construct_id)
        self._environment = environment
        folder = Path(tempfile.mkdtemp(prefix="connect-chat-starter-widget-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)  # staged by then
        self.build = build_widget(folder)
        self.bucket = s3.Bucket(
            self,
            "Files",
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            encryption=s3.BucketEncryption.S3_MANAGED,
            enforce_ssl=True,
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            removal_policy=RemovalPolicy.RETAIN,  # a pinned tag may still name an old bundle
        )
        access = cloudfront.S3OriginAccessControl(
            self, "OriginAccess", origin_access_control_name=self._account_wide("origin", 64)
        )
        origin = origins.S3BucketOrigin.with_origin_access_control(
            self.bucket, origin_access_control=access
        )
        headers = self._headers(content_security_policy)
        self.distribution = cloudfront.Distribution(
            self,
            "Cdn",
            comment=f"connect-chat-starter {environment}: chat widget and page",
            default_root_object="index.html",
            http_version=cloudfront.HttpVersion.HTTP2_AND_3,
            price_class=PRICE_CLASSES[price_class],
            default_behavior=cloudfront.BehaviorOptions(
                origin=origin,
                viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
                allowed_methods=cloudfront.AllowedMethods.ALLOW_GET_HEAD,
                cache_policy=self._short_cache(),
                response_headers_policy=headers,
                compress=True,
            ),
            additional_behaviors={
                f"{ASSETS}/*": cloudfront.BehaviorOptions(
                    origin=origin,
                    viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
                    allowed_methods=cloudfront.AllowedMethods.ALLOW_GET_HEAD,
                    cache_policy=cloudfront.CachePolicy.CACHING_OPTIMIZED,
                    response_headers_policy=headers,
                    compress=True,
                )
            },
        )
        self.origin = f"https://{self.distribution.distribution_domain_name}"
        self.script_url = f"{self.origin}/{STABLE_NAME}"
        self.pinned_script_url = f"{self.origin}/{self.build.hashed_path}"
        self._acknowledge()

    def publish(self, *, config: EnvironmentConfig, start_chat_url: str) -> None:
        """The files, and config.json naming this stack's API (known only once it exists)."""
        short = [s3deploy.CacheControl.from_string(SHORT)]
        stable = s3deploy.BucketDeployment(
            self,
            "Publish",
            sources=[
                s3deploy.Source.asset(str(self.build.folder), exclude=[f"{ASSETS}/*"]),
                s3deploy.Source.json_data(
                    "config.json", widget_config(config, start_chat_url=start_chat_url)
                ),
            ],
            destination_bucket=self.bucket,
            cache_control=short,
            prune=False,  # the hashed bundles beside them stay
            memory_limit=256,
        )
        hashed = s3deploy.BucketDeployment(
            self,
            "PublishHashed",
            sources=[s3deploy.Source.asset(str(self.build.folder / ASSETS))],
            destination_bucket=self.bucket,
            destination_key_prefix=f"{ASSETS}/",
            cache_control=[s3deploy.CacheControl.from_string(IMMUTABLE)],
            prune=False,  # pinned tags keep working after the next deploy
            memory_limit=256,
        )
        share_one_cli_layer([stable, hashed])
        invalidate_on_deploy(stable, self.distribution, ["/*"])
        fit_handlers(
            Stack.of(self), bucket=self.bucket, log_retention_days=config.log_retention_days
        )

    def _account_wide(self, purpose: str, limit: int = 128) -> str:
        region = Stack.of(self).region
        return account_wide_name(self._environment, region, f"widget-{purpose}", limit=limit)

    def _headers(self, content_security_policy: str) -> cloudfront.ResponseHeadersPolicy:
        return cloudfront.ResponseHeadersPolicy(
            self,
            "Headers",
            response_headers_policy_name=self._account_wide("headers"),
            comment="connect-chat-starter widget: CSP and no framing for the page; HSTS, "
            "nosniff, referrer, CORS for the script",
            security_headers_behavior=cloudfront.ResponseSecurityHeadersBehavior(
                content_security_policy=cloudfront.ResponseHeadersContentSecurityPolicy(
                    content_security_policy=content_security_policy, override=True
                ),
                frame_options=cloudfront.ResponseHeadersFrameOptions(
                    frame_option=cloudfront.HeadersFrameOption[FRAME_OPTIONS], override=True
                ),
                strict_transport_security=cloudfront.ResponseHeadersStrictTransportSecurity(
                    access_control_max_age=Duration.seconds(HSTS_SECONDS),
                    include_subdomains=True,
                    override=True,
                ),
                content_type_options=cloudfront.ResponseHeadersContentTypeOptions(override=True),
                referrer_policy=cloudfront.ResponseHeadersReferrerPolicy(
                    referrer_policy=REFERRER_POLICY,
                    override=True,
                ),
            ),
            # Public files without credentials; `crossorigin` (SRI) needs CORS to read them.
            cors_behavior=cloudfront.ResponseHeadersCorsBehavior(
                access_control_allow_credentials=False,
                access_control_allow_headers=["*"],
                access_control_allow_methods=["GET", "HEAD"],
                access_control_allow_origins=["*"],
                origin_override=True,
            ),
        )

    def _short_cache(self) -> cloudfront.CachePolicy:
        return cloudfront.CachePolicy(
            self,
            "ShortCache",
            cache_policy_name=self._account_wide("short-cache"),
            comment="widget.js, config.json and the page: a deploy shows within minutes",
            default_ttl=Duration.seconds(SHORT_SECONDS),
            max_ttl=Duration.seconds(SHORT_SECONDS),
            min_ttl=Duration.seconds(0),
            enable_accept_encoding_gzip=True,
            enable_accept_encoding_brotli=True,
        )

    def _acknowledge(self) -> None:
        Validations.of(cast(s3.CfnBucket, self.bucket.node.default_child)).acknowledge(
            Acknowledgment(
                id="AwsSolutions-S1",
                reason="public static files, read only by the distribution (OAC); a log of "
                "each object read would add a bucket and say nothing the API's logs do not",
            )
        )
        reasons = {
            "AwsSolutions-CFR1": "a chat widget for the site's visitors wherever they are; "
            "restrict countries on the site, not on its script",
            "AwsSolutions-CFR2": "static public files, no origin logic to protect; put WAF on "
            "the site itself and on the chat API (docs/abuse-protection.md)",
            "AwsSolutions-CFR3": "standard logs need a log bucket this starter does not "
            "create; the files are public and the API keeps its own access logs",
            "AwsSolutions-CFR4": "the default *.cloudfront.net certificate; a custom domain "
            "with TLS 1.2+ is the documented next step (docs/web.md)",
        }
        distribution = cast(cloudfront.CfnDistribution, self.distribution.node.default_child)
        for rule, reason in reasons.items():
            Validations.of(distribution).acknowledge(Acknowledgment(id=rule, reason=reason))
