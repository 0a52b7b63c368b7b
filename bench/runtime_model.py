"""Cold start as Lambda's Python runtime runs it, to the first answer.

Lambda's runtime interface client (awslambdaric, bundled in the managed runtime) has loaded
its own modules (json, logging, traceback, dataclasses, inspect, decimal, enum...) and set
up logging before it imports the handler; Node's SDK builds its credential chain, endpoint,
signer and HTTP agent lazily in its first `send()`, where botocore does most of that at
client creation. So two pairs, each process timing itself from the handler's import (the
runtime's bootstrap loaded before the timer) or Node's first line, interleaved:

- import: `import handler` against Node's require + `new ConnectClient()`;
- first answer: the import, then the handler answering one start against the local Connect
  stub, against Node's require + new + the first `send()` of StartChatContact to that stub.

Beside them: the old measure (the handler's import with nothing loaded before it), the
floor (aws-sdk-signers signing the same call, sent with http.client, after the same
bootstrap), the first answer of a deployed function (which also reads its hashing key from
Secrets Manager, answered by the stub too; the seed had no such key), and, with --against,
the function as it was at another revision (its own lock installed: Powertools, before
lambda/start_chat/telemetry.py replaced it)."""

import re
import statistics
from pathlib import Path

from bench.cold_start import NODE_TIMED, PY_TIMED, handler_command, seconds
from infra.handler_environment import HASH_KEY_SECRET
from tools.runtime_site import RUNTIME_LIBRARIES, site_folder

PINS = Path(__file__).with_name("requirements-bench.txt")
REPO = Path(__file__).resolve().parent.parent
EVENT = REPO / "tests" / "events" / "start_chat.json"

RUNTIME_LOADED = "from awslambdaric import bootstrap"
# What the runtime does before it imports the handler (awslambdaric.__main__.main, then
# bootstrap.run up to _get_handler): its modules loaded, its runtime API client made (on
# python3.12+ with the thread that polls for invocations, so concurrent.futures is loaded),
# stdout and stderr unbuffered, the root logger set up for the function's log format.
RUNTIME_PRELUDE = """\
import sys
from awslambdaric import bootstrap
from awslambdaric.lambda_config import LambdaConfigProvider
from awslambdaric.lambda_runtime_client import LambdaRuntimeClient
config = LambdaConfigProvider(["awslambdaric", "handler.handler"])
runtime_client = LambdaRuntimeClient(config.api_address, config.use_thread_polling)
sys.stdout = bootstrap.Unbuffered(sys.stdout)
sys.stderr = bootstrap.Unbuffered(sys.stderr)
bootstrap._setup_logging(
    bootstrap._AWS_LAMBDA_LOG_FORMAT, bootstrap._AWS_LAMBDA_LOG_LEVEL, bootstrap.StandardLogSink()
)
bootstrap._log_preview_runtime_warning()
import json, time
from awslambdaric.lambda_context import LambdaContext
sys.path.insert(0, {task_root!r})
event = json.loads({event!r})
context = LambdaContext("bench-request", None, None, int(time.time() * 1000) + 30_000)
t = time.perf_counter()
{timed}
elapsed = time.perf_counter() - t
{check}
print(elapsed)
"""
IMPORT = "import handler"
FIRST_ANSWER = "import handler\nanswer = handler.handler(event, context)"
ANSWERED = 'assert answer["statusCode"] == 200, answer'
# A deployed function has the hashing key (infra/cdk/abuse_resources.py): the first answer reads it.
KEYED = ANSWERED + '\nassert "ContinuationToken" in answer["body"], "the key was not read"'
# One StartChatContact signed by AWS's standalone SigV4 signer and sent with http.client:
# what the call costs without botocore.
SIGNED_CALL = """\
import http.client, os, uuid
from urllib.parse import urlsplit
from aws_sdk_signers import URI, AWSCredentialIdentity, AWSRequest, Field, Fields, SigV4Signer
endpoint = urlsplit(os.environ["AWS_ENDPOINT_URL_CONNECT"])
body = json.dumps({
    "InstanceId": os.environ["INSTANCE_ID"],
    "ContactFlowId": os.environ["CONTACT_FLOW_ID"],
    "ParticipantDetails": {"DisplayName": "Ada"},
    "ClientToken": str(uuid.uuid4()),
}).encode()
fields = [Field(name="Host", values=[endpoint.netloc]),
          Field(name="Content-Type", values=["application/json"])]
request = AWSRequest(
    destination=URI(scheme=endpoint.scheme, host=endpoint.hostname, port=endpoint.port,
                    path="/contact/chat"),
    method="PUT", body=[body], fields=Fields(fields),
)
identity = AWSCredentialIdentity(
    access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
    secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"],
    session_token=os.environ.get("AWS_SESSION_TOKEN"),
)
properties = {"region": os.environ["AWS_REGION"], "service": "connect"}
signed = SigV4Signer().sign(request=request, identity=identity, properties=properties)
connection = http.client.HTTPConnection(endpoint.hostname, endpoint.port, timeout=5)
headers = {field.name: field.as_string() for field in signed.fields}
connection.request("PUT", "/contact/chat", body, headers)
answer = json.loads(connection.getresponse().read())"""
SIGNED = 'assert "ContactId" in answer, answer'
NODE_FIRST_SEND = (
    "const t = performance.now();"
    " const {ConnectClient, StartChatContactCommand} = require('@aws-sdk/client-connect');"
    " const client = new ConnectClient({});"
    " const command = new StartChatContactCommand({InstanceId: process.env.INSTANCE_ID,"
    " ContactFlowId: process.env.CONTACT_FLOW_ID, ParticipantDetails: {DisplayName: 'Ada'}});"
    " client.send(command).then(() => {"
    " console.log((performance.now() - t) / 1000); client.destroy(); });"
)

# The two pairs, the old measure and the floor: (label, Python variant, Node variant).
PAIRS = (
    ("import handler vs `new ConnectClient()`", "import", "seed"),
    ("import + first answer vs require + new + first `send()`", "answer", "seed_send"),
)
OLD = ("old measure: the import, nothing loaded before it", "old", "seed")
FLOOR = ("floor: aws-sdk-signers + http.client, one signed call", "floor", "seed_send")
KEYED_ANSWER = (
    "first answer with the hashing key read from Secrets Manager (as deployed)",
    "answer_keyed",
    "seed_send",
)


def pinned_runtime(pins: Path = PINS) -> tuple[int, int]:
    """The runtime the bench's pins are for, from their `# runtime: pythonX.Y` line."""
    found = re.search(r"^# runtime: python(\d+)\.(\d+)$", pins.read_text(), re.MULTILINE)
    if not found:
        raise ValueError(f"{pins}: no '# runtime: pythonX.Y' line")
    return int(found[1]), int(found[2])


def bench_requirements(pins: Path = PINS) -> tuple[str, ...]:
    lines = (line.split("#")[0].strip() for line in pins.read_text().splitlines())
    return tuple(line for line in lines if line)


def runtime_folder(python314: str) -> Path:
    """The runtime's libraries (boto3, botocore, the SnapStart hooks) with the bench's pins."""
    return site_folder(python314, "lambda-runtime-bench", RUNTIME_LIBRARIES + bench_requirements())


def runtime_script(task_root: Path, timed: str, check: str = "") -> str:
    return RUNTIME_PRELUDE.format(
        task_root=str(task_root), event=EVENT.read_text(), timed=timed, check=check
    )


def variants(
    *,
    python: str,
    node: str,
    runtime: Path,
    tasks: dict[str, Path],
    function_env: dict[str, str],
    node_env: dict[str, str],
) -> dict[str, tuple[list[str], dict[str, str]]]:
    """tasks: "hash" (what ships), and any other name for an asset to weigh against what
    ships (import and first answer, as `import@NAME`...)."""

    def python_variant(task: Path, script: str, **env: str) -> tuple[list[str], dict[str, str]]:
        command, variant_env = handler_command(python, task, runtime, function_env, code=script)
        return command, {**variant_env, **env}

    shipped = tasks["hash"]
    old = PY_TIMED.format(code=f"import sys; sys.path.insert(0, {str(shipped)!r}); import handler")
    found: dict[str, tuple[list[str], dict[str, str]]] = {
        "seed": ([node, "-e", NODE_TIMED], node_env),
        "seed_send": ([node, "-e", NODE_FIRST_SEND], node_env),
        "old": python_variant(shipped, old),
        "import": python_variant(shipped, runtime_script(shipped, IMPORT)),
        "answer": python_variant(shipped, runtime_script(shipped, FIRST_ANSWER, ANSWERED)),
        "floor": python_variant(shipped, runtime_script(shipped, SIGNED_CALL, SIGNED)),
    }
    # A deployed function has the hashing key: its first answer reads it (the stub answers).
    keyed = {
        HASH_KEY_SECRET.name: "bench-hash-key",  # the secret's name, not its value
        "AWS_ENDPOINT_URL_SECRETS_MANAGER": function_env["AWS_ENDPOINT_URL_CONNECT"],
    }
    keyed_answer = runtime_script(shipped, FIRST_ANSWER, KEYED)
    found["answer_keyed"] = python_variant(shipped, keyed_answer, **keyed)
    # What the stack set for revisions that logged through Powertools (before telemetry.py).
    powertools = {
        "POWERTOOLS_SERVICE_NAME": function_env["SERVICE_NAME"],
        "POWERTOOLS_METRICS_NAMESPACE": function_env["METRICS_NAMESPACE"],
        "POWERTOOLS_LOG_LEVEL": "INFO",
    }
    for name, task in tasks.items():
        if name != "hash":
            script = runtime_script(task, IMPORT)
            found[f"import@{name}"] = python_variant(task, script, **powertools)
            answer = runtime_script(task, FIRST_ANSWER, ANSWERED)
            found[f"answer@{name}"] = python_variant(task, answer, **powertools)
            keyed_answer = runtime_script(task, FIRST_ANSWER, KEYED)
            found[f"keyed@{name}"] = python_variant(task, keyed_answer, **powertools, **keyed)
    return found


def interleaved(
    commands: dict[str, tuple[list[str], dict[str, str]]], runs: int
) -> dict[str, list[float]]:
    """Each variant once per round, in fresh processes, `runs` rounds; times in ms."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (command, env) in commands.items():
            times[name].append(seconds(command, env) * 1000)
    return times


def summary(times: dict[str, list[float]]) -> dict[str, tuple[float, float, float]]:
    """(median, lowest, highest) of each variant, in ms."""
    return {name: (statistics.median(t), min(t), max(t)) for name, t in times.items()}
