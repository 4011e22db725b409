"""The AWS-recorded Step Functions executions that call Lambda functions or start other executions (no tests here):
which recordings run,
the functions they need (our own code, doing what LocalStack's test functions do), how a template and an input
are completed, and how a history is compared with AWS's (placeholders the recorder wrote match any value)."""
import json
import pathlib
import re
import uuid

ROOT = pathlib.Path(__file__).resolve().parents[2]
CONFORMANCE = ROOT.parent / "shared" / "conformance" / "localstack-sfn"

# What each of LocalStack's test functions does, written as our own handlers (file handler.py, as the recordings'
# stack traces name it; the lines that raise sit where the recorded traces say).
FUNCTIONS = {
    "id_function.py": "def handler(event, context):\n    return event\n",
    "raise_exception.py": "def handler(event, context):\n    raise Exception(\"Some exception was raised.\")\n",
    "raise_custom_exception.py": (
        "# An exception type of the function's own, raised with no arguments (an empty errorMessage);\n"
        "# the raise is on line 9, as in the recorded stack traces.\n"
        "class CustomException(Exception):\n"
        "    def __init__(self):\n"
        "        super().__init__()\n"
        "        self.message = 'CustomException message'\n"
        "\n"
        "def handler(event, context):\n"
        "    raise CustomException()\n"
    ),
    "return_bytes_str.py": "def handler(event, context):\n    return b'\"HelloWorld!\"'\n",
    "return_decorated_input.py": "def handler(event, context):\n    return f\"input-event-{event}\"\n",
    "large_output_string.py": "def handler(event, context):\n    return ('a' * (257 * 1024)).encode('utf-8')\n",
    "echo_function.py": "def handler(event, context):\n    return {\"Return\": \"HelloWorld\"}\n",
    "wait_60_seconds.py": "import time\n\ndef handler(event, context):\n    time.sleep(60)\n    return event\n",
}
# Functions that need more than Lambda's default 3-second timeout (the recordings' tasks time out first).
FUNCTION_TIMEOUTS = {"wait_60_seconds.py": 70}

# Recordings whose test uses functions the manifest does not name, in the order the template's placeholders take
# them.
FUNCTIONS_OF_TEST = {
    "test_lambda_task.py::TestTaskLambda::test_invoke_pipe": ["echo_function.py", "echo_function.py"],
    "test_variables_in_lambda_task[BASE_ASSIGN_FROM_LAMBDA_TASK_RESULT]": ["return_bytes_str.py"],
    "states_variables/test_error_output.py::": ["raise_exception.py"],
}

# What a test changes in its template before running it, by a part of its id: (text in the template, its
# replacement; `{arn}` is the first function's ARN).
TEMPLATE_CHANGES = {
    # The Catch's empty ErrorEquals gets the error the function raises.
    "::test_raise_custom_exception": [('"ErrorEquals": []', '"ErrorEquals": ["CustomException"]')],
    # These run the lambda:invoke template with the function's ARN as the resource.
    "test_states_errors.py::TestStatesErrors::test_task_lambda_": [('"arn:aws:states:::lambda:invoke"', '"{arn}"')],
    # The documentation's placeholder function becomes the test's function.
    "test_comments.py::TestComments::test_comments_as_per_docs": [
        ('"arn:aws:lambda:your-region:your-account-id:function:yourHelloWorldFunction"', '"{arn}"')],
    # `test_base_task` and `test_base_task_from_input` add the field they evaluate to the Task state, and
    # `test_base_map_from_input` to the Map state (LocalStack's `EvaluateJsonataTemplate` constants).
    "::test_base_task[TIMEOUT_SECONDS]": [('"Type": "Task",', '"Type": "Task", "TimeoutSeconds": "{% $variable := 1 %}",')],
    "::test_base_task[HEARTBEAT_SECONDS]": [
        ('"Type": "Task",', '"Type": "Task", "HeartbeatSeconds": "{% $variable := 1 %}",')],
    "::test_base_task_from_input[TIMEOUT_SECONDS]": [
        ('"Type": "Task",', '"Type": "Task", "TimeoutSeconds": "{% $states.input.input_value %}",')],
    "::test_base_task_from_input[HEARTBEAT_SECONDS]": [
        ('"Type": "Task",', '"Type": "Task", "HeartbeatSeconds": "{% $states.input.input_value %}",')],
    "::test_base_map_from_input[ITEMS]": [('"Items": [1]', '"Items": "{% $states.input.input_value %}"')],
    "::test_base_map_from_input[MAX_CONCURRENCY]": [
        ('"MaxConcurrency": 1', '"MaxConcurrency": "{% $states.input.input_value %}"')],
    "::test_base_map_from_input[TOLERATED_FAILURE_PERCENTAGE]": [
        ('"Type": "Map",', '"Type": "Map", "ToleratedFailurePercentage": "{% $states.input.input_value %}",')],
    "::test_base_map_from_input[TOLERATED_FAILURE_COUNT]": [
        ('"Type": "Map",', '"Type": "Map", "ToleratedFailureCount": "{% $states.input.input_value %}",')],
    # The Context object path the test fills in.
    "test_context_object.py::TestSnfBase::test_result_selector": [
        ("%CONTEXT_OBJECT_LITERAL_PLACEHOLDER%", "$$.Execution.Input")],
    # The heartbeat is raised to a minute, so the consumer's heartbeats and answer come in time.
    "test_callback.py::TestCallback::test_sqs_wait_for_task_tok_with_heartbeat": [
        ('"HeartbeatSeconds": 5', '"HeartbeatSeconds": 60')],
}

LAMBDA_SERVICES = {"lambda", "lambda-arn", "placeholder(__tbd__)", "placeholder(_tbd_)", "placeholder(_TBD_)",
                   "placeholder(__tbc__)", "placeholder(%LAMBDA_FUNCTION_ARN_LITERAL_PLACEHOLDER%)"}
# `states:startExecution` and `aws-sdk:sfn` recordings: the manifest names the started (child) machine's template
# first.
STATES_SERVICES = {"states", "aws-sdk:sfn"}
# Activity recordings: the manifest names the worker machine's template first (it polls the activity with
# aws-sdk:sfn:getActivityTask and answers it), then the machine whose Task is the activity.
ACTIVITY_SERVICES = {"aws-sdk:sfn", "placeholder(__tbd__)"}
# SQS recordings: the queue is created here; a test fixture that answers the task token is a machine of the
# recordings' own templates (it receives the message with aws-sdk:sqs and calls aws-sdk:sfn), started on the queue.
SQS_SERVICES = {"sqs"}
SQS_CONSUMERS = {
    "sqs_send_task_success_state_machine": "templates/callbacks/statemachines/sqs_success_on_task_token.json5",
    "sqs_send_task_failure_state_machine": "templates/callbacks/statemachines/sqs_failure_on_task_token.json5",
    "sqs_send_heartbeat_and_task_success_state_machine":
        "templates/callbacks/statemachines/sqs_hearbeat_success_on_task_token.json5",
}
QUEUE_URL = re.compile(r'"(?:<sqs_queue_url>|sqs_queue_url|sqs-queue-url)"')
NO_SUCH_QUEUE_URL = '"<no_such_sqs_queue_url>"'
# What the tests pass for a missing queue: a name that is not a URL (`no-such-queue-<8 hex>`).
MISSING_QUEUE = "no-such-queue-{}"
CHILD_MACHINE_ARN = re.compile(r"arn:<partition>:states:<region>:111111111111:stateMachine:(?:<ArnPart_0idx>|<resource:1>)")
# A recording that starts a machine which sends the parent's task token to a queue, answered by the SQS consumer.
STATES_AND_SQS = {"states", "sqs"}

# Recordings whose test answers the task token from its own code, by a part of their id: what it sends once it has
# read the message the execution put in the queue (`heartbeats`: SendTaskHeartbeat that many times, then
# SendTaskSuccess with the message body as output; `failure`: SendTaskFailure with neither error nor cause).
TOKEN_ANSWERS = {
    "test_multiple_heartbeat_notifications": {"heartbeats": 3},
    "test_multiple_executions_and_heartbeat_notifications": {"heartbeats": 3},
    "test_sqs_failure_in_wait_for_task_tok_no_error_field": {"failure": True},
}


def token_answer_of(entry: dict) -> dict | None:
    return next((answer for part, answer in TOKEN_ANSWERS.items() if part in entry["id"]), None)


# Recordings these runs cannot reproduce, and why.
NOT_RUNNABLE = {
    "credentials/": "runs the function in a second account (cross-account roles)",
    "local_mocking/": "runs against Step Functions Local mock configurations, not functions",
    "test_heartbeat_no_timeout": "the test sends the heartbeats from its own code",
    "test_activity_task_on_deleted": "deletes the activity while the execution runs",
    "test_start_execution_sync_delegate_timeout": "needs a function that sleeps past the task's timeout",
}

PLACEHOLDER_RESOURCES = ("__tbd__", "_tbd_", "_TBD_", "__tbc__", "%LAMBDA_FUNCTION_ARN_LITERAL_PLACEHOLDER%")
# What the recorder put in place of names, ids, accounts and times.
WILDCARD = re.compile(r"<<[^<>\"]+>(?::\d+)?>|<[^<>\"]+>|111111111111|snf_role_arn|lambda[-_](?:function[-_])?(?:\d+[-_])?(?:func[-_])?name")
WHOLE_VALUE_PLACEHOLDERS = {"timestamp", "date", "start-time", "start-date", "stop-date"}
# Labels the recorder put in place of whole ARNs, names, URLs and task tokens (`activity_arn`, `map_run_arn`,
# `sqs_queue_url`, `a_task_token`, `a_message_id`).
LABEL = re.compile(r"[a-z][a-z0-9_]*_(?:arn|name|url|token|id)")


def json5_to_json(text: str) -> str:
    """The JSON of a JSON5 template as these templates use it: comments and trailing commas removed, unquoted member
    names quoted."""
    out, i, in_string = [], 0, False
    while i < len(text):
        c = text[i]
        if in_string:
            out.append(c)
            if c == "\\":
                out.append(text[i + 1])
                i += 1
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
            out.append(c)
        elif text.startswith("//", i):
            i = text.find("\n", i)
            i = len(text) if i < 0 else i
            continue
        elif text.startswith("/*", i):
            i = text.find("*/", i) + 2
            continue
        elif (c.isalpha() or c == "_") and re.match(r"[A-Za-z_][A-Za-z0-9_]*\s*:", text[i:]) and \
                (out and "".join(out).rstrip()[-1:] in ("{", ",")):
            # An unquoted member name (JSON5).
            name = re.match(r"[A-Za-z_][A-Za-z0-9_]*", text[i:]).group(0)
            out.append(json.dumps(name))
            i += len(name)
            continue
        elif c == ",":
            rest = text[i + 1:].lstrip()
            while rest.startswith("//"):
                rest = rest[rest.find("\n") + 1:].lstrip() if "\n" in rest else ""
            if not rest.startswith(("}", "]")):
                out.append(c)
        else:
            out.append(c)
        i += 1
    return "".join(out)


def cases() -> list[dict]:
    """The manifest's Lambda-only recordings: each with `why_not` when it cannot run here."""
    manifest = json.loads((CONFORMANCE / "MANIFEST.generated.json").read_text())
    selected = []
    for entry in manifest["entries"]:
        services = set(entry.get("services", []))
        if not services and "create_lambda_function" in (entry.get("service_fixtures_used") or []):
            services = {"lambda"}  # the function's ARN goes into the template from the test's code
        if entry["category"] != "needs-services" or not services or not (
                services <= LAMBDA_SERVICES or services <= STATES_SERVICES or services <= SQS_SERVICES
                or services == STATES_AND_SQS or runs_activity(entry)):
            continue
        why_not = next((why for part, why in NOT_RUNNABLE.items() if part in entry["id"]), None)
        if not entry["templates"]:
            why_not = why_not or "the test builds its definition in code"
        unknown = [file for file in functions_of(entry) if file not in FUNCTIONS]
        if unknown:
            why_not = why_not or f"needs a function doing what {unknown[0]} does (sleeps past the task's timeout)"
        selected.append({**entry, "why_not": why_not})
    return selected


def starts_executions(entry: dict) -> bool:
    services = set(entry.get("services", []))
    return (services <= STATES_SERVICES or services == STATES_AND_SQS) and not runs_activity(entry)


def runs_activity(entry: dict) -> bool:
    return "activities/" in entry["id"]


def worker_definition_of(entry: dict) -> str | None:
    """The definition of the worker machine of an activity recording (None for the others)."""
    if not runs_activity(entry) or len(entry["templates"]) < 2:
        return None
    return json5_to_json((CONFORMANCE / entry["templates"][0]).read_text())


def child_definition_of(entry: dict) -> str | None:
    """The definition of the machine a `states:startExecution` recording starts (None for the others)."""
    if not starts_executions(entry) or len(entry["templates"]) < 2:
        return None
    return json5_to_json((CONFORMANCE / entry["templates"][0]).read_text())


def uses_queue(entry: dict) -> bool:
    services = set(entry.get("services", []))
    return services <= SQS_SERVICES or services == STATES_AND_SQS


def consumer_definition_of(entry: dict) -> str | None:
    """The definition of the machine that answers an SQS recording's task token (None when the test has none)."""
    for fixture in entry.get("service_fixtures_used") or []:
        if fixture in SQS_CONSUMERS:
            return json5_to_json((CONFORMANCE / SQS_CONSUMERS[fixture]).read_text())
    return None


def functions_of(entry: dict) -> list[str]:
    if starts_executions(entry) or runs_activity(entry) or uses_queue(entry):
        return []
    for part, files in FUNCTIONS_OF_TEST.items():
        if part in entry["id"]:
            return files
    files = [pathlib.Path(path).name for path in entry.get("lambda_code_not_copied", [])]
    return files or ["id_function.py"]


def definition_of(entry: dict, arns: list[str]) -> str:
    """The template with each placeholder Resource (and ARN placeholder) replaced by the next function's ARN."""
    text = json5_to_json((CONFORMANCE / entry["templates"][-1]).read_text())
    queue = list(arns)

    def next_arn(_match):
        return json.dumps(queue.pop(0) if len(queue) > 1 else queue[0]) if queue else _match.group(0)

    for part, changes in TEMPLATE_CHANGES.items():
        if part in entry["id"]:
            for old, new in changes:
                text = text.replace(old, new.replace("{arn}", arns[0] if arns else ""))
    quoted = "|".join(re.escape(json.dumps(p)) for p in PLACEHOLDER_RESOURCES)
    return re.sub(quoted, next_arn, text)


def input_of(execution: dict, name: str, arn: str, child_machine: str | None = None,
             queue_url: str | None = None, missing_queue_url: str | None = None) -> str:
    text = json.dumps(execution["input"])
    if queue_url:
        text = QUEUE_URL.sub(json.dumps(queue_url), text).replace(NO_SUCH_QUEUE_URL, json.dumps(missing_queue_url))
    if child_machine:
        text = CHILD_MACHINE_ARN.sub(child_machine, text).replace("<random_arn_part>", "-missing")
        text = text.replace('"<resource:3>"', json.dumps(f"recorded-child-{uuid.uuid4().hex[:8]}"))
    text = re.sub(r"arn:<partition>:lambda:<region>:111111111111:function:[^\"]*", arn, text)
    return re.sub(r"<?lambda[-_](?:function[-_])?(?:\d+[-_])?(?:func[-_])?name>?", name, text)


def recorded_events(entry: dict, execution: dict) -> list[dict] | None:
    snapshot = json.loads((CONFORMANCE / entry["snapshot"]).read_text())
    content = snapshot.get(entry["id"], {}).get("recorded-content", {})
    return content.get(execution["history_key"], {}).get("events")


def difference(ours, recorded, path="$", key=None, masked_length=False) -> str | None:
    """Where `ours` (an event as boto3 returns it) differs from `recorded`; None when they match. `masked_length`:
    the response these headers describe had values the recorder masked (names in ARNs), so its recorded
    `Content-Length` depends on what was masked and matches any length."""
    if isinstance(recorded, str):
        if recorded in WHOLE_VALUE_PLACEHOLDERS or LABEL.fullmatch(recorded) or (
                key is not None and recorded.lower() == key.lower()):
            return None
        if masked_length and key == "Content-Length":
            return None
        if not isinstance(ours, str):
            return f"{path}: {json.dumps(ours)[:200]} is not the string {recorded[:200]!r}"
        if ours == recorded:
            return None
        parts = WILDCARD.split(recorded)
        if len(parts) > 1 and re.fullmatch(".*?".join(re.escape(p) for p in parts), ours, re.DOTALL):
            return None
        return f"{path}: {ours[:300]!r} is not {recorded[:300]!r}"
    if isinstance(ours, str) and isinstance(recorded, (dict, list)):
        try:
            ours = json.loads(ours)
        except ValueError:
            return f"{path}: {ours[:200]!r} is not JSON"
    if isinstance(recorded, dict):
        if not isinstance(ours, dict):
            return f"{path}: {json.dumps(ours)[:200]} is not an object"
        if set(ours) != set(recorded):
            return f"{path}: members {sorted(ours)} are not {sorted(recorded)}"
        if "SdkHttpMetadata" in recorded:
            masked_length = any(WILDCARD.search(json.dumps(value)) for name, value in recorded.items()
                                if name not in ("SdkHttpMetadata", "SdkResponseMetadata"))
        for name in recorded:
            found = difference(ours[name], recorded[name], f"{path}.{name}", name, masked_length)
            if found:
                return found
        return None
    if isinstance(recorded, list):
        if not isinstance(ours, list) or len(ours) != len(recorded):
            return f"{path}: {json.dumps(ours)[:200]} does not have {len(recorded)} elements"
        for index, (mine, theirs) in enumerate(zip(ours, recorded)):
            found = difference(mine, theirs, f"{path}[{index}]", key, masked_length)
            if found:
                return found
        return None
    return None if ours == recorded else f"{path}: {json.dumps(ours)[:200]} is not {json.dumps(recorded)[:200]}"


def history_difference(ours: list[dict], recorded: list[dict]) -> str | None:
    ours = [{k: v for k, v in event.items() if k != "timestamp"} for event in ours]
    recorded = [{k: v for k, v in event.items() if k != "timestamp"} for event in recorded]
    if [e["type"] for e in ours] != [e["type"] for e in recorded]:
        return f"events {[e['type'] for e in ours]} are not {[e['type'] for e in recorded]}"
    for mine, theirs in zip(ours, recorded):
        found = difference(mine, theirs, f"event {theirs['id']} ({theirs['type']})")
        if found:
            return found
    return None
