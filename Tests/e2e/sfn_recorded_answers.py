"""Replaying LocalStack's recorded Step Functions answers: the recordings and a member-by-member comparison.

Used by test_recorded_sfn_api_answers.py (its docstring describes the comparison and the recording dates).
"""
import datetime
import json
import os
import pathlib
import re

import pytest

from sfn_support import ACCOUNT, REGION, ROLE, unique, wait_for

CONFORMANCE = pathlib.Path(os.environ.get(
    "STRATUS_SFN_CONFORMANCE", pathlib.Path(__file__).resolve().parents[3] / "shared/conformance/localstack-sfn"))
OWNED_KEY = {"type": "AWS_OWNED_KEY"}
# member: (the date AWS added it, the value it answers for the recorded calls, a member the answer must also have)
ADDED_LATER = {"encryptionConfiguration": ("2024-07-30", OWNED_KEY, "definition"),
               "redriveCount": ("2023-11-15", 0, "executionArn")}
DATES = ("datetime", "creation-date", "timestamp")
FIXED = {"<partition>": "aws", "<region>": REGION, "111111111111": ACCOUNT}
PASS_RESULT = {"Comment": "BASE_PASS_RESULT", "StartAt": "State_1",
               "States": {"State_1": {"Type": "Pass", "Result": {"Arg1": "argument1"}, "End": True}}}
WAIT_MINUTE = {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 60, "End": True}}}
LOG_GROUP = f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:/stratus/recorded-answers:*"
ROLES = [f"arn:aws:iam::{ACCOUNT}:role/stratus-sfn-{index}" for index in range(3)]

if not (CONFORMANCE / "MANIFEST.generated.json").exists():
    pytest.skip(f"no LocalStack recordings at {CONFORMANCE}", allow_module_level=True)
_VALIDATED = {entry["id"].split("/v2/", 1)[1]: entry.get("aws_last_validated") or ""
              for entry in json.loads((CONFORMANCE / "MANIFEST.generated.json").read_text())["entries"]}
_SNAPSHOTS: dict[str, dict] = {}


class Recording:
    """One recorded test: its answers by key, and the placeholder values bound so far."""

    def __init__(self, test: str, **labels: str):
        file, test = test.split("::", 1)
        if file not in _SNAPSHOTS:
            _SNAPSHOTS[file] = json.loads((CONFORMANCE / "v2" / f"{file}.snapshot.json").read_text())
        self.test = test
        self.content = _SNAPSHOTS[file][f"tests/aws/services/stepfunctions/v2/{file}.py::{test}"]["recorded-content"]
        self.validated = _VALIDATED.get(f"{file}.py::{test}", "")
        self.labels = {"snf_role_arn": ROLE, "sfn_role_arn": ROLE, **labels}
        self.bound: dict[str, object] = {}

    def check(self, key: str, answer: dict) -> dict:
        """Asserts the answer matches the recording `key`; answers it for further calls."""
        recorded = self.content[key]
        self._match(recorded, answer, key)
        return answer

    def _match(self, recorded, actual, path: str) -> None:
        if isinstance(recorded, dict):
            if isinstance(actual, str):
                actual = json.loads(actual)
            assert isinstance(actual, dict), f"{path}: {actual!r} is not an object"
            expected, answered = set(recorded) - {"ResponseMetadata"}, set(actual) - {"ResponseMetadata"}
            for member, (added, value, companion) in ADDED_LATER.items():
                if self.validated < added and companion in expected and member not in expected \
                        and actual.get(member) == value:
                    answered.discard(member)
            assert answered == expected, f"{path}: members {sorted(answered)} != recorded {sorted(expected)}"
            for member in sorted(expected):
                value = actual[member]
                if member == "variableReferences":  # the recorder sorted every list of names
                    value = {state: sorted(names) for state, names in value.items()}
                self._match(recorded[member], value, f"{path}.{member}")
        elif isinstance(recorded, list):
            if isinstance(actual, str):
                actual = json.loads(actual)
            assert isinstance(actual, list) and len(actual) == len(recorded), f"{path}: {actual!r} vs {recorded!r}"
            for index, (one, other) in enumerate(zip(recorded, actual)):
                self._match(one, other, f"{path}[{index}]")
        elif isinstance(recorded, str):
            self._match_text(recorded, actual, path)
        else:
            assert type(actual) is type(recorded) and actual == recorded, f"{path}: {actual!r} != {recorded!r}"

    def _match_text(self, recorded: str, actual, path: str) -> None:
        if recorded in DATES:
            assert isinstance(actual, datetime.datetime), f"{path}: {actual!r} is not a date"
            return
        assert isinstance(actual, str), f"{path}: {actual!r} is not a string"
        labels = sorted(self.labels, key=len, reverse=True)
        tokens = re.compile("|".join([r"<[^<>]+>", "111111111111", *map(re.escape, labels)]))
        pattern, names, position = "", [], 0
        for found in tokens.finditer(recorded):
            pattern += re.escape(recorded[position:found.start()])
            token = found.group(0)
            known = FIXED.get(token) or self.labels.get(token) or self.bound.get(token)
            if known is not None:
                pattern += re.escape(str(known))
            elif token in names:
                pattern += f"(?P=g{names.index(token)})"
            else:
                pattern += f"(?P<g{len(names)}>.+?)"
                names.append(token)
            position = found.end()
        pattern += re.escape(recorded[position:])
        matched = re.fullmatch(pattern, actual, re.DOTALL)
        assert matched, f"{path}: {actual!r} does not match recorded {recorded!r}"
        for index, token in enumerate(names):
            value = matched.group(f"g{index}")
            others = [other for other, bound in self.bound.items() if bound == value]
            assert not others, f"{path}: {token} has the value of {others[0]} ({value!r})"
            self.bound[token] = value


def create(sfn, definition: dict | None = None, name: str | None = None, **kwargs) -> dict:
    kwargs.setdefault("roleArn", ROLE)
    return sfn.create_state_machine(name=name or unique("rec"), definition=json.dumps(definition or PASS_RESULT),
                                    **kwargs)


def finished(sfn, execution: str) -> None:
    assert wait_for(sfn, execution)["status"] != "RUNNING"


def with_comment(comment: str) -> str:
    return json.dumps({**PASS_RESULT, "Comment": comment})


def updated_result(value: str) -> str:
    return json.dumps({**PASS_RESULT, "States": {"State_1": {**PASS_RESULT["States"]["State_1"],
                                                             "Result": {"Arg1": value}}}})


def versions_of(sfn, count: int) -> tuple[str, list[str]]:
    """A machine published `count` times; its ARN and version ARNs."""
    created = create(sfn, publish=True)
    versions = [created["stateMachineVersionArn"]]
    for number in range(count - 1):
        versions.append(sfn.update_state_machine(stateMachineArn=created["stateMachineArn"], publish=True,
                                                 definition=with_comment(f"v{number}"))["stateMachineVersionArn"])
    return created["stateMachineArn"], versions


def routes(*pairs) -> list[dict]:
    return [{"stateMachineVersionArn": arn, "weight": weight} for arn, weight in pairs]


def logging(level: str, include: bool, group: str = LOG_GROUP) -> dict:
    return {"level": level, "includeExecutionData": include,
            "destinations": [{"cloudWatchLogsLogGroup": {"logGroupArn": group}}]}
