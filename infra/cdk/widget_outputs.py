"""What the frontend team pastes: the widget's tag (and a pinned one with SRI), its script
URL, and the chat page's URL for e-mails and help centres."""

from aws_cdk import CfnOutput, Stack
from constructs import Construct

from infra.cdk.widget_hosting import WidgetHosting
from infra.names import (
    CHAT_PAGE_URL_OUTPUT,
    WIDGET_SCRIPT_URL_OUTPUT,
    WIDGET_SNIPPET_OUTPUT,
    WIDGET_SNIPPET_PINNED_OUTPUT,
)
from infra.widget_bundle import snippet


class WidgetOutputs(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, hosting: WidgetHosting) -> None:
        super().__init__(scope, construct_id)
        stack = Stack.of(self)  # outputs at the stack's top level: stable names
        CfnOutput(
            stack,
            WIDGET_SNIPPET_OUTPUT,
            value=snippet(hosting.script_url),
            description="Paste into every page: the chat widget, configured by this stack",
        )
        CfnOutput(
            stack,
            WIDGET_SNIPPET_PINNED_OUTPUT,
            value=snippet(hosting.pinned_script_url, integrity=hosting.build.integrity),
            description="The same, pinned to this deploy's bundle with its integrity (SRI)",
        )
        CfnOutput(
            stack,
            WIDGET_SCRIPT_URL_OUTPUT,
            value=hosting.script_url,
            description="The widget's script (for a Content-Security-Policy: its origin)",
        )
        CfnOutput(
            stack,
            CHAT_PAGE_URL_OUTPUT,
            value=f"{hosting.origin}/",
            description="The full chat page: a 'chat with us' link for e-mails and help centres",
        )
