"""A minimal local HTTP stand-in for Connect's StartChatContact (and Secrets Manager's
GetSecretValue, for the hashing key), for benchmarks only."""

import http.server
import json
import socket
import threading
import uuid
from types import TracebackType


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as botocore's pool expects

    def setup(self) -> None:
        super().setup()
        # Headers and body leave in two writes; without this, Nagle plus delayed ACKs add
        # ~40 ms to every call and the benchmark would measure TCP, not the handler.
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def do_PUT(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        body = json.dumps(
            {
                "ContactId": str(uuid.uuid4()),
                "ParticipantId": str(uuid.uuid4()),
                "ParticipantToken": "bench-token",
            }
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:  # JSON 1.1: Secrets Manager's GetSecretValue
        request = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
        name = request["SecretId"]
        body = json.dumps(
            {
                "ARN": f"arn:aws:secretsmanager:us-east-1:123456789012:secret:{name}",
                "Name": name,
                "SecretString": "bench-hash-key",
                "VersionId": str(uuid.uuid4()),
            }
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/x-amz-json-1.1")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_: object) -> None:
        pass


class ConnectStub:
    def __enter__(self) -> str:
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self._server.server_port}"

    def __exit__(self, *_: type[BaseException] | BaseException | TracebackType | None) -> None:
        self._server.shutdown()
