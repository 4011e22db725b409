"""EventBridge connections and API destinations with boto3 and the AWS CLI: basic, API key and OAuth client
credentials authorization (secrets never answered), rules sending events to an HTTP endpoint with the connection's
and the target's HTTP parameters, failures going to the target's dead-letter queue, and the errors."""
import base64
import http.server
import json
import threading
import time
import uuid

import botocore.exceptions
import pytest

from conftest import ACCESS_KEY  # noqa: F401  (the server fixture's credentials)


def name(prefix="c"):
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def error_of(call, **kwargs):
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        call(**kwargs)
    return caught.value.response["Error"]["Code"], caught.value.response["Error"]["Message"]


class Endpoint:
    """An HTTP server that records every request and answers 200 (or `status`); `/token` answers an OAuth token."""

    def __init__(self):
        self.requests = []
        self.status = 200
        self.statuses = []  # answered first, one per call, before `status`
        self.gate = threading.Event()  # calls wait for it (set unless a test clears it)
        self.gate.set()
        self.arrived = threading.Condition()
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def handle_any(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode() if length else ""
                with outer.arrived:
                    outer.requests.append({"method": self.command, "path": self.path, "headers": dict(self.headers),
                                           "body": body, "at": time.monotonic()})
                    outer.arrived.notify_all()
                    status = outer.statuses.pop(0) if outer.statuses else outer.status
                outer.gate.wait(30)
                answer = json.dumps({"access_token": "tok-123"}) if self.path.startswith("/token") else "{}"
                self.send_response(200 if self.path.startswith("/token") else status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer.encode())

            do_POST = do_PUT = do_GET = handle_any

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait_for(self, count, timeout=15):
        with self.arrived:
            self.arrived.wait_for(lambda: len(self.requests) >= count, timeout)
        return list(self.requests)

    def close(self):
        self.server.shutdown()


@pytest.fixture
def endpoint():
    server = Endpoint()
    yield server
    server.close()


def test_connections(stratus):
    events = stratus.client("events")
    basic = name()
    created = events.create_connection(
        Name=basic, AuthorizationType="BASIC", Description="partner",
        AuthParameters={"BasicAuthParameters": {"Username": "user", "Password": "secret"},
                        "InvocationHttpParameters": {"HeaderParameters": [
                            {"Key": "X-Team", "Value": "orders", "IsValueSecret": False},
                            {"Key": "X-Token", "Value": "hidden", "IsValueSecret": True}]}})
    assert created["ConnectionState"] == "AUTHORIZED" and f":connection/{basic}/" in created["ConnectionArn"]
    described = events.describe_connection(Name=basic)
    assert described["AuthParameters"]["BasicAuthParameters"] == {"Username": "user"}  # no password
    headers = described["AuthParameters"]["InvocationHttpParameters"]["HeaderParameters"]
    assert headers == [{"Key": "X-Team", "Value": "orders", "IsValueSecret": False}, {"Key": "X-Token", "IsValueSecret": True}]
    assert described["AuthorizationType"] == "BASIC" and described["Description"] == "partner"

    assert error_of(events.create_connection, Name=basic, AuthorizationType="BASIC",
                    AuthParameters={"BasicAuthParameters": {"Username": "u", "Password": "p"}}) == (
        "ResourceAlreadyExistsException", f"Connection {basic} already exists.")
    code, message = error_of(events.create_connection, Name=name(), AuthorizationType="API_KEY",
                             AuthParameters={"BasicAuthParameters": {"Username": "u", "Password": "p"}})
    assert code == "ValidationException" and "ApiKeyAuthParameters" in message
    assert error_of(events.describe_connection, Name="no-such-connection") == (
        "ResourceNotFoundException", "Failed to describe the connection(s). Connection 'no-such-connection' does not exist.")

    events.update_connection(Name=basic, AuthParameters={"BasicAuthParameters": {"Username": "user2"}})
    assert events.describe_connection(Name=basic)["AuthParameters"]["BasicAuthParameters"] == {"Username": "user2"}
    assert events.deauthorize_connection(Name=basic)["ConnectionState"] == "DEAUTHORIZING"
    assert events.describe_connection(Name=basic)["ConnectionState"] == "DEAUTHORIZED"
    assert [c["Name"] for c in events.list_connections(NamePrefix=basic)["Connections"]] == [basic]
    assert events.delete_connection(Name=basic)["ConnectionState"] == "DELETING"
    assert error_of(events.describe_connection, Name=basic)[0] == "ResourceNotFoundException"


def rule_to(events, destination_arn, **target):
    rule = name("r")
    events.put_rule(Name=rule, EventPattern=json.dumps({"source": [rule]}))
    answer = events.put_targets(Rule=rule, Targets=[{"Id": "api", "Arn": destination_arn,
                                                     "RoleArn": "arn:aws:iam::000000000000:role/events", **target}])
    assert answer["FailedEntryCount"] == 0
    return rule


def put(events, rule, detail):
    answer = events.put_events(Entries=[{"Source": rule, "DetailType": "Order", "Detail": json.dumps(detail)}])
    assert answer["FailedEntryCount"] == 0


def test_api_destination_calls_with_basic_auth_and_parameters(stratus, endpoint):
    events = stratus.client("events")
    connection = events.create_connection(
        Name=name(), AuthorizationType="BASIC",
        AuthParameters={"BasicAuthParameters": {"Username": "user", "Password": "secret"},
                        "InvocationHttpParameters": {
                            "HeaderParameters": [{"Key": "X-Team", "Value": "orders"}],
                            "QueryStringParameters": [{"Key": "source", "Value": "stratus"}],
                            "BodyParameters": [{"Key": "channel", "Value": "events"}]}})["ConnectionArn"]
    destination = name("d")
    arn = events.create_api_destination(Name=destination, ConnectionArn=connection, HttpMethod="PUT",
                                        InvocationEndpoint=endpoint.url + "/orders/*/events",
                                        InvocationRateLimitPerSecond=10)["ApiDestinationArn"]
    assert f":api-destination/{destination}/" in arn
    described = events.describe_api_destination(Name=destination)
    assert described["ApiDestinationState"] == "ACTIVE" and described["HttpMethod"] == "PUT"
    assert described["InvocationRateLimitPerSecond"] == 10 and described["ConnectionArn"] == connection

    rule = rule_to(events, arn, HttpParameters={"PathParameterValues": ["o-42"], "HeaderParameters": {"X-Order": "42"},
                                                "QueryStringParameters": {"debug": "yes"}},
                   InputTransformer={"InputPathsMap": {"total": "$.detail.total"}, "InputTemplate": '{"total": <total>}'})
    put(events, rule, {"total": 7})
    request = endpoint.wait_for(1)[0]
    assert request["method"] == "PUT" and request["path"] == "/orders/o-42/events?source=stratus&debug=yes"
    assert request["headers"]["Authorization"] == "Basic " + base64.b64encode(b"user:secret").decode()
    assert request["headers"]["X-Team"] == "orders" and request["headers"]["X-Order"] == "42"
    assert json.loads(request["body"]) == {"total": 7, "channel": "events"}

    assert [d["Name"] for d in events.list_api_destinations(NamePrefix=destination)["ApiDestinations"]] == [destination]
    events.update_api_destination(Name=destination, HttpMethod="POST")
    assert events.describe_api_destination(Name=destination)["HttpMethod"] == "POST"
    assert error_of(events.create_api_destination, Name=destination, ConnectionArn=connection, HttpMethod="POST",
                    InvocationEndpoint=endpoint.url)[0] == "ResourceAlreadyExistsException"
    assert error_of(events.create_api_destination, Name=name("d"), ConnectionArn=connection, HttpMethod="POST",
                    InvocationEndpoint="ftp://example.com")[0] == "ValidationException"
    events.delete_api_destination(Name=destination)
    assert error_of(events.describe_api_destination, Name=destination)[0] == "ResourceNotFoundException"


def test_api_key_and_oauth_connections(stratus, endpoint):
    events = stratus.client("events")
    key = events.create_connection(Name=name(), AuthorizationType="API_KEY", AuthParameters={
        "ApiKeyAuthParameters": {"ApiKeyName": "X-Api-Key", "ApiKeyValue": "k-1"}})["ConnectionArn"]
    oauth_name = name()
    oauth = events.create_connection(Name=oauth_name, AuthorizationType="OAUTH_CLIENT_CREDENTIALS", AuthParameters={
        "OAuthParameters": {"ClientParameters": {"ClientID": "client", "ClientSecret": "s3cret"},
                            "AuthorizationEndpoint": endpoint.url + "/token", "HttpMethod": "POST"}})["ConnectionArn"]
    described = events.describe_connection(Name=oauth_name)["AuthParameters"]["OAuthParameters"]
    assert described["ClientParameters"] == {"ClientID": "client"}  # no secret
    key_destination = events.create_api_destination(Name=name("d"), ConnectionArn=key, HttpMethod="POST",
                                                    InvocationEndpoint=endpoint.url + "/keyed")["ApiDestinationArn"]
    oauth_destination = events.create_api_destination(Name=name("d"), ConnectionArn=oauth, HttpMethod="POST",
                                                      InvocationEndpoint=endpoint.url + "/oauth")["ApiDestinationArn"]
    put(events, rule_to(events, key_destination), {"n": 1})
    put(events, rule_to(events, oauth_destination), {"n": 2})
    requests = endpoint.wait_for(3)
    keyed = next(r for r in requests if r["path"] == "/keyed")
    assert keyed["headers"]["X-Api-Key"] == "k-1" and json.loads(keyed["body"])["detail"] == {"n": 1}
    token = next(r for r in requests if r["path"] == "/token")
    assert token["headers"]["Authorization"] == "Basic " + base64.b64encode(b"client:s3cret").decode()
    assert "grant_type=client_credentials" in token["body"]
    called = next(r for r in requests if r["path"] == "/oauth")
    assert called["headers"]["Authorization"] == "Bearer tok-123"


def test_failed_calls_go_to_the_dead_letter_queue(stratus, endpoint):
    events, sqs = stratus.client("events"), stratus.client("sqs")
    url = sqs.create_queue(QueueName=name("dlq"))["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    connection_name = name()
    connection = events.create_connection(Name=connection_name, AuthorizationType="API_KEY", AuthParameters={
        "ApiKeyAuthParameters": {"ApiKeyName": "X-Api-Key", "ApiKeyValue": "k"}})["ConnectionArn"]
    destination = events.create_api_destination(Name=name("d"), ConnectionArn=connection, HttpMethod="POST",
                                                InvocationEndpoint=endpoint.url + "/fails")["ApiDestinationArn"]
    rule = rule_to(events, destination, DeadLetterConfig={"Arn": queue_arn}, RetryPolicy={"MaximumRetryAttempts": 1})
    # A 500 is retried (once, as the policy says), then the event goes to the dead-letter queue.
    endpoint.status = 500
    put(events, rule, {"n": 1})
    messages = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=10, MessageAttributeNames=["All"]).get("Messages", [])
    assert len(messages) == 1
    assert json.loads(messages[0]["Body"])["detail"] == {"n": 1}
    attributes = {k: v["StringValue"] for k, v in messages[0]["MessageAttributes"].items()}
    assert attributes["ERROR_CODE"] == "ERROR_FROM_TARGET" and "HTTP 500" in attributes["ERROR_MESSAGE"]
    assert attributes["TARGET_ARN"] == destination and attributes["RULE_ARN"].endswith(f"rule/{rule}")
    assert attributes["RETRY_ATTEMPTS"] == "1"
    assert attributes["EXHAUSTED_RETRY_CONDITION"] == "MaximumRetryAttemptsExhausted"
    assert len(endpoint.requests) == 2
    sqs.delete_message(QueueUrl=url, ReceiptHandle=messages[0]["ReceiptHandle"])
    # A 400 is not retried.
    endpoint.status = 400
    put(events, rule, {"n": 2})
    messages = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=10, MessageAttributeNames=["All"]).get("Messages", [])
    assert len(messages) == 1
    attributes = {k: v["StringValue"] for k, v in messages[0]["MessageAttributes"].items()}
    assert "HTTP 400" in attributes["ERROR_MESSAGE"] and attributes["RETRY_ATTEMPTS"] == "0"
    assert "EXHAUSTED_RETRY_CONDITION" not in attributes
    assert len(endpoint.requests) == 3
    sqs.delete_message(QueueUrl=url, ReceiptHandle=messages[0]["ReceiptHandle"])
    # A deauthorized connection's calls fail too (without a request).
    endpoint.status = 200
    events.deauthorize_connection(Name=connection_name)
    put(events, rule, {"n": 3})
    messages = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=10, MessageAttributeNames=["All"]).get("Messages", [])
    assert len(messages) == 1 and "not authorized" in messages[0]["MessageAttributes"]["ERROR_MESSAGE"]["StringValue"]
    assert len(endpoint.requests) == 3


def test_calls_are_made_after_put_events_answers_and_retried(stratus, endpoint):
    events = stratus.client("events")
    connection = events.create_connection(Name=name(), AuthorizationType="API_KEY", AuthParameters={
        "ApiKeyAuthParameters": {"ApiKeyName": "X-Api-Key", "ApiKeyValue": "k"}})["ConnectionArn"]
    destination = events.create_api_destination(Name=name("d"), ConnectionArn=connection, HttpMethod="POST",
                                                InvocationEndpoint=endpoint.url + "/slow")["ApiDestinationArn"]
    rule = rule_to(events, destination)
    # The endpoint holds its answer until the test lets it go: PutEvents must answer first.
    endpoint.gate.clear()
    put(events, rule, {"n": 1})
    assert len(endpoint.wait_for(1)) == 1
    endpoint.gate.set()
    # 503, then 429, then 200: retried until made.
    endpoint.statuses = [503, 429]
    put(events, rule, {"n": 2})
    calls = [r for r in endpoint.wait_for(4, timeout=20) if json.loads(r["body"])["detail"] == {"n": 2}]
    assert len(calls) == 3


def test_calls_keep_to_the_destinations_invocation_rate_limit(stratus, endpoint):
    events = stratus.client("events")
    connection = events.create_connection(Name=name(), AuthorizationType="API_KEY", AuthParameters={
        "ApiKeyAuthParameters": {"ApiKeyName": "X-Api-Key", "ApiKeyValue": "k"}})["ConnectionArn"]
    destination = events.create_api_destination(
        Name=name("d"), ConnectionArn=connection, HttpMethod="POST", InvocationEndpoint=endpoint.url + "/limited",
        InvocationRateLimitPerSecond=1)["ApiDestinationArn"]
    # No retries allowed: calls held back by the rate limit are delayed, not failed.
    rule = rule_to(events, destination, RetryPolicy={"MaximumRetryAttempts": 0},
                   DeadLetterConfig={"Arn": "arn:aws:sqs:us-east-1:000000000000:none"})
    answer = events.put_events(Entries=[
        {"Source": rule, "DetailType": "Order", "Detail": json.dumps({"n": n})} for n in range(4)])
    assert answer["FailedEntryCount"] == 0
    calls = endpoint.wait_for(4, timeout=20)
    assert sorted(json.loads(r["body"])["detail"]["n"] for r in calls) == [0, 1, 2, 3]
    # One call a second: the fourth starts at least three seconds after the first (less a little clock slack).
    arrivals = sorted(r["at"] for r in calls)
    assert arrivals[3] - arrivals[0] >= 2.8
    assert events.describe_api_destination(Name=destination.split("/")[1])["InvocationRateLimitPerSecond"] == 1


def test_cli(stratus):
    created = stratus.cli("events", "create-connection", "--name", name(), "--authorization-type", "API_KEY",
                          "--auth-parameters", json.dumps({"ApiKeyAuthParameters": {"ApiKeyName": "k", "ApiKeyValue": "v"}}))
    assert created.returncode == 0, created.stderr
    listed = stratus.cli("events", "list-connections")
    assert json.loads(created.stdout)["ConnectionArn"] in [c["ConnectionArn"] for c in json.loads(listed.stdout)["Connections"]]
