"""How an environment is operated: who is paged, the latency it must keep, tracing."""

import re
from dataclasses import dataclass

from infra import config_rules as rules
from infra.config_reader import EnvironmentReader

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")


@dataclass(frozen=True, kw_only=True)
class Operations:
    alarm_emails: tuple[str, ...] = ()
    p99_latency_alarm_ms: int = 5000
    tracing: bool = False


def read_operations(env: EnvironmentReader) -> Operations:
    return Operations(
        alarm_emails=env.string_list(
            "alarmEmails", rules.matches(EMAIL, "an email address"), default=[]
        ),
        p99_latency_alarm_ms=env.optional("p99LatencyAlarmMs", 5000, rules.integer(100, 29_000)),
        tracing=env.optional("tracing", False, rules.boolean),
    )
