"""Lambda function management end to end with boto3 and the AWS CLI: create (Pending → Active with the waiters),
get, list, update code and configuration, versions, aliases, layers, concurrency, tags, and Lambda's errors."""
import json
import uuid

import botocore.exceptions
import pytest

from test_lambda_support import ECHO, ROLE, python_function, unique, zip_of


@pytest.fixture
def lam(stratus):
    return stratus.client("lambda")


def error_of(call, *args, **kwargs):
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        call(*args, **kwargs)
    return caught.value.response


def test_create_is_pending_then_active_and_get_list_delete(lam):
    name = unique()
    created = lam.create_function(FunctionName=name, Runtime="python3.12", Role=ROLE, Handler="app.handler",
                                  Code={"ZipFile": zip_of({"app.py": ECHO})}, Description="echo", Timeout=10,
                                  MemorySize=256, Environment={"Variables": {"ALPHA": "1"}}, Tags={"team": "t"})
    assert created["State"] == "Pending" and created["StateReasonCode"] == "Creating"
    assert created["FunctionArn"] == f"arn:aws:lambda:us-east-1:000000000000:function:{name}"
    assert created["Timeout"] == 10 and created["MemorySize"] == 256 and created["PackageType"] == "Zip"
    lam.get_waiter("function_active_v2").wait(FunctionName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    got = lam.get_function(FunctionName=name)
    assert got["Configuration"]["State"] == "Active"
    assert got["Configuration"]["LastUpdateStatus"] == "Successful"
    assert got["Configuration"]["Environment"] == {"Variables": {"ALPHA": "1"}}
    assert got["Tags"] == {"team": "t"}
    names = [f["FunctionName"] for page in lam.get_paginator("list_functions").paginate() for f in page["Functions"]]
    assert name in names
    assert lam.get_function_configuration(FunctionName=name)["CodeSha256"] == created["CodeSha256"]
    lam.delete_function(FunctionName=name)
    missing = error_of(lam.get_function, FunctionName=name)
    assert missing["Error"]["Code"] == "ResourceNotFoundException"
    assert missing["Error"]["Message"] == f"Function not found: arn:aws:lambda:us-east-1:000000000000:function:{name}"
    assert missing["ResponseMetadata"]["HTTPStatusCode"] == 404


def test_create_errors(lam):
    name = python_function(lam, ECHO)
    conflict = error_of(lam.create_function, FunctionName=name, Runtime="python3.12", Role=ROLE, Handler="app.handler",
                        Code={"ZipFile": zip_of({"app.py": ECHO})})
    assert conflict["Error"]["Code"] == "ResourceConflictException"
    assert conflict["Error"]["Message"] == f"Function already exist: {name}"
    image = error_of(lam.create_function, FunctionName=unique(), Role=ROLE, PackageType="Image",
                     Code={"ImageUri": "000000000000.dkr.ecr.us-east-1.amazonaws.com/x:latest"})
    assert image["Error"]["Code"] == "InvalidParameterValueException" and "zip" in image["Error"]["Message"]
    s3 = error_of(lam.create_function, FunctionName=unique(), Runtime="python3.12", Role=ROLE, Handler="app.handler",
                  Code={"S3Bucket": "no-such-code-bucket", "S3Key": "code.zip"})
    assert s3["Error"]["Code"] == "InvalidParameterValueException"
    assert s3["Error"]["Message"] == ("Error occurred while GetObject. S3 Error Code: NoSuchBucket. "
                                      "S3 Error Message: The specified bucket does not exist")
    bad_zip = error_of(lam.create_function, FunctionName=unique(), Runtime="python3.12", Role=ROLE,
                       Handler="app.handler", Code={"ZipFile": b"not a zip"})
    assert bad_zip["Error"]["Code"] == "InvalidParameterValueException"
    role = error_of(lam.create_function, FunctionName=unique(), Runtime="python3.12", Role="admin",
                    Handler="app.handler", Code={"ZipFile": zip_of({"app.py": ECHO})})
    assert role["Error"]["Code"] == "ValidationException"
    timeout = error_of(lam.create_function, FunctionName=unique(), Runtime="python3.12", Role=ROLE,
                       Handler="app.handler", Code={"ZipFile": zip_of({"app.py": ECHO})}, Timeout=901)
    assert timeout["Error"]["Code"] == "ValidationException"


def test_updates_with_the_updated_waiter_and_revision_ids(lam):
    name = python_function(lam, ECHO)
    before = lam.get_function_configuration(FunctionName=name)
    updated = lam.update_function_code(FunctionName=name, ZipFile=zip_of({"app.py": "def handler(e, c):\n    return 2\n"}))
    assert updated["LastUpdateStatus"] == "InProgress"
    lam.get_waiter("function_updated_v2").wait(FunctionName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    assert json.loads(lam.invoke(FunctionName=name)["Payload"].read()) == 2
    stale = error_of(lam.update_function_configuration, FunctionName=name, Timeout=5, RevisionId=before["RevisionId"])
    assert stale["Error"]["Code"] == "PreconditionFailedException"
    configured = lam.update_function_configuration(FunctionName=name, Timeout=5, Environment={"Variables": {"XX": "y"}})
    assert configured["Timeout"] == 5
    lam.get_waiter("function_updated_v2").wait(FunctionName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    assert lam.get_function_configuration(FunctionName=name)["Environment"]["Variables"] == {"XX": "y"}


def test_versions_aliases_and_qualified_invokes(lam):
    name = python_function(lam, "def handler(e, c):\n    return 'v1'\n", Publish=True)
    lam.update_function_code(FunctionName=name, ZipFile=zip_of({"app.py": "def handler(e, c):\n    return 'v2'\n"}))
    lam.get_waiter("function_updated_v2").wait(FunctionName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    v2 = lam.publish_version(FunctionName=name, Description="second")
    assert v2["Version"] == "2" and v2["FunctionArn"].endswith(f":{name}:2")
    versions = [v["Version"] for v in lam.list_versions_by_function(FunctionName=name)["Versions"]]
    assert versions == ["$LATEST", "1", "2"]
    alias = lam.create_alias(FunctionName=name, Name="live", FunctionVersion="1")
    assert alias["AliasArn"].endswith(f":{name}:live")
    result = lam.invoke(FunctionName=name, Qualifier="live")
    assert json.loads(result["Payload"].read()) == "v1" and result["ExecutedVersion"] == "1"
    lam.update_alias(FunctionName=name, Name="live", FunctionVersion="2")
    by_arn = lam.invoke(FunctionName=f"{alias['AliasArn']}")
    assert json.loads(by_arn["Payload"].read()) == "v2" and by_arn["ExecutedVersion"] == "2"
    assert [a["Name"] for a in lam.list_aliases(FunctionName=name)["Aliases"]] == ["live"]
    missing = error_of(lam.get_alias, FunctionName=name, Name="nope")
    assert missing["Error"]["Message"] == f"Cannot find alias arn: arn:aws:lambda:us-east-1:000000000000:function:{name}:nope"
    lam.delete_alias(FunctionName=name, Name="live")
    lam.delete_function(FunctionName=name, Qualifier="1")
    assert [v["Version"] for v in lam.list_versions_by_function(FunctionName=name)["Versions"]] == ["$LATEST", "2"]


def test_layers_are_unpacked_for_the_function(lam):
    layer_name = unique("layer")
    layer = lam.publish_layer_version(LayerName=layer_name, CompatibleRuntimes=["python3.12"],
                                      Content={"ZipFile": zip_of({"python/helper.py": "GREETING = 'from layer'\n"})})
    assert layer["Version"] == 1 and layer["LayerVersionArn"].endswith(f":layer:{layer_name}:1")
    name = python_function(lam, "import helper\ndef handler(e, c):\n    return helper.GREETING\n",
                           Layers=[layer["LayerVersionArn"]])
    assert json.loads(lam.invoke(FunctionName=name)["Payload"].read()) == "from layer"
    assert lam.get_layer_version(LayerName=layer_name, VersionNumber=1)["Content"]["CodeSize"] > 0
    assert [v["Version"] for v in lam.list_layer_versions(LayerName=layer_name)["LayerVersions"]] == [1]
    lam.delete_layer_version(LayerName=layer_name, VersionNumber=1)
    assert lam.list_layer_versions(LayerName=layer_name)["LayerVersions"] == []
    # The function keeps the layer it was created with.
    assert json.loads(lam.invoke(FunctionName=name)["Payload"].read()) == "from layer"


def test_concurrency_and_tags(lam):
    name = python_function(lam, ECHO)
    arn = lam.get_function(FunctionName=name)["Configuration"]["FunctionArn"]
    assert lam.put_function_concurrency(FunctionName=name, ReservedConcurrentExecutions=2)["ReservedConcurrentExecutions"] == 2
    assert lam.get_function_concurrency(FunctionName=name)["ReservedConcurrentExecutions"] == 2
    assert lam.get_function(FunctionName=name)["Concurrency"] == {"ReservedConcurrentExecutions": 2}
    lam.delete_function_concurrency(FunctionName=name)
    assert "ReservedConcurrentExecutions" not in lam.get_function_concurrency(FunctionName=name)
    lam.tag_resource(Resource=arn, Tags={"a": "1", "b": "2"})
    lam.untag_resource(Resource=arn, TagKeys=["a"])
    assert lam.list_tags(Resource=arn)["Tags"] == {"b": "2"}


def test_cli_create_wait_invoke_and_delete(stratus, tmp_path):
    name = unique()
    package = tmp_path / "code.zip"
    package.write_bytes(zip_of({"app.py": "def handler(event, context):\n    return {'got': event}\n"}))
    created = stratus.cli("lambda", "create-function", "--function-name", name, "--runtime", "python3.12",
                          "--role", ROLE, "--handler", "app.handler", "--zip-file", f"fileb://{package}")
    assert created.returncode == 0, created.stderr
    assert json.loads(created.stdout)["State"] == "Pending"
    waited = stratus.cli("lambda", "wait", "function-active-v2", "--function-name", name)
    assert waited.returncode == 0, waited.stderr
    out = tmp_path / "out.json"
    invoked = stratus.cli("lambda", "invoke", "--function-name", name,
                          "--payload", '{"x": 1}', str(out))
    assert invoked.returncode == 0, invoked.stderr
    assert json.loads(invoked.stdout)["StatusCode"] == 200
    assert json.loads(out.read_text()) == {"got": {"x": 1}}
    listed = stratus.cli("lambda", "list-functions")
    assert name in [f["FunctionName"] for f in json.loads(listed.stdout)["Functions"]]
    assert stratus.cli("lambda", "delete-function", "--function-name", name).returncode == 0
    missing = stratus.cli("lambda", "get-function", "--function-name", name)
    assert missing.returncode != 0 and "ResourceNotFoundException" in missing.stderr


def test_code_signing_reads_answer_as_for_a_function_without_a_configuration(stratus, lam):
    name = python_function(lam, ECHO)
    answer = lam.get_function_code_signing_config(FunctionName=name)
    assert answer["CodeSigningConfigArn"] == "" and answer["FunctionName"] == name
    arn = lam.get_function(FunctionName=name)["Configuration"]["FunctionArn"]
    assert lam.get_function_code_signing_config(FunctionName=arn)["FunctionName"] == name
    missing = error_of(lam.get_function_code_signing_config, FunctionName="no-such-function")
    assert missing["Error"]["Code"] == "ResourceNotFoundException"
    assert lam.list_code_signing_configs()["CodeSigningConfigs"] == []
    done = stratus.cli("lambda", "get-function-code-signing-config", "--function-name", name)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["CodeSigningConfigArn"] == ""
    refused = error_of(lam.create_code_signing_config, AllowedPublishers={"SigningProfileVersionArns": [
        "arn:aws:signer:us-east-1:000000000000:/signing-profiles/p/abcdefghij"]})
    assert refused["Error"]["Code"] == "NotImplemented"


def test_code_from_s3(stratus, lam):
    s3 = stratus.client("s3")
    bucket = f"code-{uuid.uuid4().hex[:10]}"
    s3.create_bucket(Bucket=bucket)
    s3.put_object(Bucket=bucket, Key="v1.zip", Body=zip_of({"app.py": ECHO}))
    name = unique()
    lam.create_function(FunctionName=name, Runtime="python3.12", Role=ROLE, Handler="app.handler",
                        Code={"S3Bucket": bucket, "S3Key": "v1.zip"})
    lam.get_waiter("function_active_v2").wait(FunctionName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    answer = lam.invoke(FunctionName=name, Payload=json.dumps({"from": "s3"}))
    assert json.loads(answer["Payload"].read()) == {"from": "s3"}
    missing = error_of(lam.update_function_code, FunctionName=name, S3Bucket=bucket, S3Key="v2.zip")
    assert missing["Error"]["Message"] == ("Error occurred while GetObject. S3 Error Code: NoSuchKey. "
                                           "S3 Error Message: The specified key does not exist.")


def test_code_from_a_version_of_an_s3_object(stratus, lam):
    s3 = stratus.client("s3")
    bucket = f"code-{uuid.uuid4().hex[:10]}"
    s3.create_bucket(Bucket=bucket)
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    first = s3.put_object(Bucket=bucket, Key="app.zip", Body=zip_of({"app.py": ECHO}))["VersionId"]
    s3.put_object(Bucket=bucket, Key="app.zip", Body=zip_of({"app.py": "def handler(event, context):\n    return 'v2'\n"}))
    name = unique()
    lam.create_function(FunctionName=name, Runtime="python3.12", Role=ROLE, Handler="app.handler",
                        Code={"S3Bucket": bucket, "S3Key": "app.zip", "S3ObjectVersion": first})
    lam.get_waiter("function_active_v2").wait(FunctionName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    # The version named, not the newer object.
    assert json.loads(lam.invoke(FunctionName=name, Payload=json.dumps({"v": 1}))["Payload"].read()) == {"v": 1}
    lam.update_function_code(FunctionName=name, S3Bucket=bucket, S3Key="app.zip")
    lam.get_waiter("function_updated_v2").wait(FunctionName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    assert json.loads(lam.invoke(FunctionName=name, Payload="{}")["Payload"].read()) == "v2"
    unknown = error_of(lam.update_function_code, FunctionName=name, S3Bucket=bucket, S3Key="app.zip",
                       S3ObjectVersion="NoSuchVersionIdAtAll1234567890ab")
    assert unknown["Error"]["Code"] == "InvalidParameterValueException"
    assert unknown["Error"]["Message"].startswith("Error occurred while GetObject. S3 Error Code: NoSuchVersion.")


def test_permissions_make_the_resource_policy(stratus, lam):
    name = python_function(lam, ECHO)
    arn = lam.get_function(FunctionName=name)["Configuration"]["FunctionArn"]
    assert error_of(lam.get_policy, FunctionName=name)["Error"]["Code"] == "ResourceNotFoundException"
    statement = json.loads(lam.add_permission(
        FunctionName=name, StatementId="s3-invoke", Action="lambda:InvokeFunction", Principal="s3.amazonaws.com",
        SourceArn="arn:aws:s3:::my-bucket", SourceAccount="000000000000")["Statement"])
    assert statement == {
        "Sid": "s3-invoke", "Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"},
        "Action": "lambda:InvokeFunction", "Resource": arn,
        "Condition": {"StringEquals": {"AWS:SourceAccount": "000000000000"},
                      "ArnLike": {"AWS:SourceArn": "arn:aws:s3:::my-bucket"}}}
    lam.add_permission(FunctionName=name, StatementId="account", Action="lambda:GetFunction", Principal="111122223333")
    answer = lam.get_policy(FunctionName=name)
    policy = json.loads(answer["Policy"])
    assert policy["Version"] == "2012-10-17" and [s["Sid"] for s in policy["Statement"]] == ["s3-invoke", "account"]
    assert policy["Statement"][1]["Principal"] == {"AWS": "arn:aws:iam::111122223333:root"}
    assert answer["RevisionId"] == lam.get_function(FunctionName=name)["Configuration"]["RevisionId"]

    duplicate = error_of(lam.add_permission, FunctionName=name, StatementId="account", Action="lambda:InvokeFunction",
                         Principal="sns.amazonaws.com")
    assert duplicate["Error"]["Code"] == "ResourceConflictException"
    assert duplicate["Error"]["Message"] == ("The statement id (account) provided already exists. Please provide a new statement "
                                    "id, or remove the existing statement.")
    stale = error_of(lam.add_permission, FunctionName=name, StatementId="late", Action="lambda:InvokeFunction",
                     Principal="sns.amazonaws.com", RevisionId="00000000-0000-0000-0000-000000000000")
    assert stale["Error"]["Code"] == "PreconditionFailedException"

    version = lam.publish_version(FunctionName=name)["Version"]
    lam.add_permission(FunctionName=name, Qualifier=version, StatementId="v", Action="lambda:InvokeFunction",
                       Principal="events.amazonaws.com")
    qualified = json.loads(lam.get_policy(FunctionName=name, Qualifier=version)["Policy"])
    assert [s["Resource"] for s in qualified["Statement"]] == [f"{arn}:{version}"]

    lam.remove_permission(FunctionName=name, StatementId="s3-invoke")
    assert [s["Sid"] for s in json.loads(lam.get_policy(FunctionName=name)["Policy"])["Statement"]] == ["account"]
    assert error_of(lam.remove_permission, FunctionName=name, StatementId="s3-invoke")["Error"]["Code"] == "ResourceNotFoundException"
    cli = stratus.cli("lambda", "add-permission", "--function-name", name, "--statement-id", "cli",
                      "--action", "lambda:InvokeFunction", "--principal", "sqs.amazonaws.com")
    assert cli.returncode == 0, cli.stderr
    assert json.loads(json.loads(cli.stdout)["Statement"])["Principal"] == {"Service": "sqs.amazonaws.com"}


def test_code_locations_download_the_packages(stratus, lam):
    import urllib.request
    package = zip_of({"app.py": "def handler(e, c):\n    return 'downloaded'\n"})
    name = unique()
    lam.create_function(FunctionName=name, Runtime="python3.12", Role=ROLE, Handler="app.handler",
                        Code={"ZipFile": package})
    location = lam.get_function(FunctionName=name)["Code"]["Location"]
    assert location.startswith(stratus.endpoint + "/_stratus/lambda/code/")
    with urllib.request.urlopen(location, timeout=10) as response:
        assert response.headers["Content-Type"] == "application/zip" and response.read() == package
    layer_package = zip_of({"python/x.py": "X = 1\n"})
    layer = lam.publish_layer_version(LayerName=unique("layer"), Content={"ZipFile": layer_package})
    with urllib.request.urlopen(layer["Content"]["Location"], timeout=10) as response:
        assert response.read() == layer_package
    status, _, _ = stratus.raw("GET", "/_stratus/lambda/code/" + "0" * 64)
    assert status == 404
    status, _, _ = stratus.raw("GET", "/_stratus/lambda/code/..%2F..%2Fetc")
    assert status == 404
