"""The AWS-recorded Step Functions executions that call Lambda functions (run against real Python functions), start
other executions (`states:startExecution`, the started machine created from its template) or run activities (the
worker machine of the recording polling them), through the API (boto3) and compared event by event with AWS's histories; held-out recordings (nothing here to compare
with) must run to an end. Prints the pass count and fails below the floor. Skipped without ../shared/conformance."""
import json
import time
import uuid

import pytest
from recorded_task_cases import (CONFORMANCE, FUNCTION_TIMEOUTS, FUNCTIONS, MISSING_QUEUE, cases, child_definition_of, consumer_definition_of,
                                 definition_of, functions_of, history_difference, input_of, recorded_events, token_answer_of, uses_queue,
                                 worker_definition_of)
from test_lambda_support import ROLE, unique, zip_of

FLOOR = 84


def history(sfn, arn: str) -> list[dict]:
    events, token = [], None
    while True:
        page = sfn.get_execution_history(executionArn=arn, maxResults=1000, **({"nextToken": token} if token else {}))
        events += page["events"]
        token = page.get("nextToken")
        if not token:
            return events


def answer_token(sfn, sqs, queue_url: str, answer: dict) -> None:
    """What the recording's test did with the task token it read from the queue (`TOKEN_ANSWERS`)."""
    messages = []
    deadline = time.monotonic() + 20
    while not messages and time.monotonic() < deadline:
        messages = sqs.receive_message(QueueUrl=queue_url, WaitTimeSeconds=1).get("Messages", [])
    body = messages[0]["Body"]
    sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=messages[0]["ReceiptHandle"])
    token = json.loads(body)["TaskToken"]
    if answer.get("failure"):
        sfn.send_task_failure(taskToken=token)
        return
    for _ in range(answer.get("heartbeats", 0)):
        sfn.send_task_heartbeat(taskToken=token)
    sfn.send_task_success(taskToken=token, output=body)


def run_to_end(sfn, arn: str, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while True:
        status = sfn.describe_execution(executionArn=arn)["status"]
        if status != "RUNNING" or time.monotonic() > deadline:
            return status
        time.sleep(0.05)


@pytest.mark.skipif(not CONFORMANCE.exists(), reason="../shared/conformance is not there")
def test_recorded_task_executions(stratus):
    lam, sfn, sqs = stratus.client("lambda"), stratus.client("stepfunctions"), stratus.client("sqs")
    created: dict[str, tuple[str, str]] = {}

    def function(file: str) -> tuple[str, str]:
        if file not in created:
            name = unique("recorded")
            arn = lam.create_function(FunctionName=name, Runtime="python3.12", Role=ROLE, Handler="handler.handler",
                                      Timeout=FUNCTION_TIMEOUTS.get(file, 3),
                                      Code={"ZipFile": zip_of({"handler.py": FUNCTIONS[file]})})["FunctionArn"]
            lam.get_waiter("function_active_v2").wait(FunctionName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 30})
            created[file] = (name, arn)
        return created[file]

    passed, compared, held_out, finished, failures, not_runnable = 0, 0, 0, 0, [], []
    for entry in cases():
        label = entry["id"].split("/v2/")[-1]
        if entry["why_not"]:
            not_runnable.append(f"{label}: {entry['why_not']}")
            continue
        functions = [function(file) for file in functions_of(entry)] or [("", "")]
        resources = [arn for _, arn in functions if arn]
        worker = worker_definition_of(entry)
        if worker is not None:
            activity = sfn.create_activity(name=unique("recorded-activity"))["activityArn"]
            resources = [activity]
        definition = definition_of(entry, resources)
        child_machine = queue_url = missing_queue_url = None
        if uses_queue(entry):
            queue_url = sqs.create_queue(QueueName=unique("recorded"))["QueueUrl"]
            missing_queue_url = MISSING_QUEUE.format(uuid.uuid4().hex[:8])
        try:
            if (consumer := consumer_definition_of(entry)) is not None:
                consumer_machine = sfn.create_state_machine(name=unique("recorded-consumer"), definition=consumer,
                                                            roleArn="arn:aws:iam::000000000000:role/sfn")["stateMachineArn"]
                sfn.start_execution(stateMachineArn=consumer_machine,
                                    input=json.dumps({"QueueUrl": queue_url, "Iterator": {"Count": 300}}))
            if worker is not None:
                worker_machine = sfn.create_state_machine(name=unique("recorded-worker"), definition=worker,
                                                          roleArn="arn:aws:iam::000000000000:role/sfn")["stateMachineArn"]
                sfn.start_execution(stateMachineArn=worker_machine, input=json.dumps({"ActivityArn": activity}))
            if (child := child_definition_of(entry)) is not None:
                child_machine = sfn.create_state_machine(name=unique("recorded-child"), definition=child,
                                                         roleArn="arn:aws:iam::000000000000:role/sfn")["stateMachineArn"]
            machine = sfn.create_state_machine(name=unique("recorded"), definition=definition,
                                               roleArn="arn:aws:iam::000000000000:role/sfn")["stateMachineArn"]
        except sfn.exceptions.InvalidDefinition as error:
            failures.append(f"{label}: definition refused: {error}")
            continue
        for execution in entry["executions"]:
            started = sfn.start_execution(stateMachineArn=machine,
                                          input=input_of(execution, functions[0][0], functions[0][1], child_machine,
                                                         queue_url, missing_queue_url))
            if (answer := token_answer_of(entry)) is not None:
                answer_token(sfn, sqs, queue_url, answer)
            status = run_to_end(sfn, started["executionArn"])
            if entry.get("heldout"):
                held_out += 1
                finished += status != "RUNNING"
                continue
            recorded = recorded_events(entry, execution)
            if recorded is None:
                not_runnable.append(f"{label}: nothing recorded for {execution['history_key']}")
                continue
            compared += 1
            found = history_difference(history(sfn, started["executionArn"]), recorded)
            if found:
                failures.append(f"{label}: {found}")
            else:
                passed += 1
    print(f"\nAWS-recorded Lambda, startExecution, activity and SQS executions: {passed}/{compared} pass (held-out, run without comparison: {held_out}, "
          f"finished: {finished}; not runnable: {len(not_runnable)})")
    for line in not_runnable:
        print(f"  not runnable: {line}")
    for line in failures:
        print(f"  FAIL {line}")
    assert finished == held_out
    assert passed >= FLOOR
