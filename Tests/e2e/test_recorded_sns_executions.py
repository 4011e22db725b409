"""The AWS-recorded Step Functions executions that publish to SNS (`sns:publish`), run through the API against a
topic made as each recorded test made it (standard or FIFO, missing for the error case, with an SQS subscriber for the
message-attribute cases) and compared event by event with AWS's histories. Prints the pass count and fails below
the floor. Skipped without ../shared/conformance."""
import json
import uuid

import pytest
from recorded_task_cases import CONFORMANCE, history_difference, json5_to_json, recorded_events
from test_recorded_task_executions import history, run_to_end

FLOOR = 14
TOPIC_PLACEHOLDER = "arn:<partition>:sns:<region>:111111111111:<resource:1>"

# By a part of a recording's id: the topic its test published to.
TOPICS = {
    "::test_publish_base[": {},
    "::test_publish_base_error_topic_arn": {"missing": True},
    "::test_fifo_message_attribute[": {"fifo": True},
    "::test_publish_message_attributes": {"subscriber": True},
    # The test reads the notification from its subscribed queue and answers the token in it with `{}`.
    "::test_sns_publish_wait_for_task_token": {"subscriber": True, "answers_token": True},
}


def cases() -> list[dict]:
    manifest = json.loads((CONFORMANCE / "MANIFEST.generated.json").read_text())
    selected = []
    for entry in manifest["entries"]:
        if entry.get("services") != ["sns"] or entry["category"] != "needs-services":
            continue
        topic = next((setup for part, setup in TOPICS.items() if part in entry["id"]), None)
        why_not = None
        if "local_mocking/" in entry["id"]:
            why_not = "runs against Step Functions Local mock configurations"
        elif topic is None:
            why_not = "the test answers the task token from its own code"
        selected.append({**entry, "topic": topic, "why_not": why_not})
    return selected


def answer_token_from(sqs, sfn, queue_url: str) -> None:
    """Reads the notification the execution published (an SQS subscriber's envelope) and answers its task token."""
    messages = []
    for _ in range(20):
        messages = sqs.receive_message(QueueUrl=queue_url, WaitTimeSeconds=1).get("Messages", [])
        if messages:
            break
    envelope = json.loads(messages[0]["Body"])
    sfn.send_task_success(taskToken=json.loads(envelope["Message"])["TaskToken"], output="{}")


@pytest.mark.skipif(not CONFORMANCE.exists(), reason="../shared/conformance is not there")
def test_recorded_sns_executions(stratus):
    sfn, sns, sqs = stratus.client("stepfunctions"), stratus.client("sns"), stratus.client("sqs")
    passed, compared, failures, not_runnable = 0, 0, [], []
    for entry in cases():
        label = entry["id"].split("/v2/")[-1]
        if entry["why_not"]:
            not_runnable.append(f"{label}: {entry['why_not']}")
            continue
        setup = entry["topic"]
        topic_name = f"recorded-{uuid.uuid4().hex[:10]}" + (".fifo" if setup.get("fifo") else "")
        if setup.get("missing"):
            topic = f"arn:aws:sns:us-east-1:000000000000:{topic_name}"
        else:
            topic = sns.create_topic(Name=topic_name, Attributes={"FifoTopic": "true"} if setup.get("fifo") else {})["TopicArn"]
        if setup.get("subscriber"):
            url = sqs.create_queue(QueueName=f"recorded-{uuid.uuid4().hex[:8]}")["QueueUrl"]
            queue_arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
            sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn)
        definition = json.loads(json5_to_json((CONFORMANCE / entry["templates"][-1]).read_text()))
        if setup.get("fifo"):
            # The FIFO test leaves out of the template the parameters its input does not give (recorded parameters).
            given = entry["executions"][0]["input"]
            parameters = definition["States"]["Publish"]["Parameters"]
            for field in ("MessageGroupId", "MessageDeduplicationId"):
                if field not in given:
                    parameters.pop(field + ".$", None)
        definition = json.dumps(definition)
        machine = sfn.create_state_machine(name=f"recorded-sns-{uuid.uuid4().hex[:8]}", definition=definition,
                                           roleArn="arn:aws:iam::000000000000:role/sfn")["stateMachineArn"]
        for execution in entry["executions"]:
            payload = json.dumps(execution["input"]).replace(TOPIC_PLACEHOLDER, topic)
            started = sfn.start_execution(stateMachineArn=machine, input=payload)
            if setup.get("answers_token"):
                answer_token_from(sqs, sfn, url)
            run_to_end(sfn, started["executionArn"])
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
    print(f"\nAWS-recorded SNS executions: {passed}/{compared} pass (not runnable: {len(not_runnable)})")
    for line in not_runnable:
        print(f"  not runnable: {line}")
    for line in failures:
        print(f"  FAIL {line}")
    assert passed >= FLOOR
