"""S3 bucket settings through boto3 and the AWS CLI: bucket policies (with Block Public Access refusing public ones),
Block Public Access, default encryption, object ownership, bucket and object ACLs (canned, grant headers and
documents, refused while ACLs are disabled), and the reads of settings Stratus cannot configure, answered as S3
answers for a bucket without them — what infrastructure tools read back after creating a bucket."""
import json

from s3_support import bucket, error_of, s3, unique  # noqa: F401 (fixtures)


def public_policy(bucket):
    return json.dumps({"Version": "2012-10-17", "Statement": [{
        "Sid": "PublicRead", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
        "Resource": f"arn:aws:s3:::{bucket}/*"}]})


def private_policy(bucket):
    return json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::000000000000:root"}, "Action": "s3:*",
        "Resource": [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"]}]})


def test_new_buckets_have_s3s_defaults(s3, bucket):
    assert s3.get_public_access_block(Bucket=bucket)["PublicAccessBlockConfiguration"] == {
        "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True, "RestrictPublicBuckets": True}
    assert s3.get_bucket_ownership_controls(Bucket=bucket)["OwnershipControls"] == {
        "Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]}
    assert s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"] == {"Rules": [
        {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}, "BucketKeyEnabled": False}]}
    acl = s3.get_bucket_acl(Bucket=bucket)
    assert acl["Grants"] == [{"Grantee": {"ID": acl["Owner"]["ID"], "Type": "CanonicalUser"}, "Permission": "FULL_CONTROL"}]
    for call, code in [(s3.get_bucket_policy, "NoSuchBucketPolicy"), (s3.get_bucket_website, "NoSuchWebsiteConfiguration"),
                       (s3.get_bucket_lifecycle_configuration, "NoSuchLifecycleConfiguration"),
                       (s3.get_bucket_replication, "ReplicationConfigurationNotFoundError"),
                       (s3.get_object_lock_configuration, "ObjectLockConfigurationNotFoundError")]:
        answer = error_of(call, Bucket=bucket)
        assert answer["Error"]["Code"] == code and answer["ResponseMetadata"]["HTTPStatusCode"] == 404
    assert "LoggingEnabled" not in s3.get_bucket_logging(Bucket=bucket)
    assert "Status" not in s3.get_bucket_accelerate_configuration(Bucket=bucket)
    assert s3.get_bucket_request_payment(Bucket=bucket)["Payer"] == "BucketOwner"


def test_policies_are_checked_kept_and_public_ones_blocked(s3, bucket):
    s3.put_bucket_policy(Bucket=bucket, Policy=private_policy(bucket))
    assert json.loads(s3.get_bucket_policy(Bucket=bucket)["Policy"]) == json.loads(private_policy(bucket))
    assert s3.get_bucket_policy_status(Bucket=bucket)["PolicyStatus"] == {"IsPublic": False}
    blocked = error_of(s3.put_bucket_policy, Bucket=bucket, Policy=public_policy(bucket))
    assert blocked["Error"]["Code"] == "AccessDenied" and blocked["ResponseMetadata"]["HTTPStatusCode"] == 403
    malformed = error_of(s3.put_bucket_policy, Bucket=bucket, Policy="{not json")
    assert malformed["Error"] == {"Code": "MalformedPolicy", "Message": "This policy contains invalid Json"}
    s3.put_public_access_block(Bucket=bucket, PublicAccessBlockConfiguration={"BlockPublicPolicy": False})
    s3.put_bucket_policy(Bucket=bucket, Policy=public_policy(bucket))
    assert s3.get_bucket_policy_status(Bucket=bucket)["PolicyStatus"] == {"IsPublic": True}
    s3.delete_bucket_policy(Bucket=bucket)
    assert error_of(s3.get_bucket_policy, Bucket=bucket)["Error"]["Code"] == "NoSuchBucketPolicy"
    s3.delete_public_access_block(Bucket=bucket)
    assert error_of(s3.get_public_access_block, Bucket=bucket)["Error"]["Code"] == "NoSuchPublicAccessBlockConfiguration"


def test_encryption_accepts_sse_s3_only(s3, bucket):
    rule = {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}, "BucketKeyEnabled": True}
    s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration={"Rules": [rule]})
    assert s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"] == [rule]
    kms = error_of(s3.put_bucket_encryption, Bucket=bucket, ServerSideEncryptionConfiguration={"Rules": [
        {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}}]})
    assert kms["Error"]["Code"] == "NotImplemented" and kms["ResponseMetadata"]["HTTPStatusCode"] == 501
    s3.delete_bucket_encryption(Bucket=bucket)
    assert s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"][0][
        "ApplyServerSideEncryptionByDefault"] == {"SSEAlgorithm": "AES256"}


def test_acls_follow_object_ownership_and_block_public_access(s3):
    enforced = unique("settings")
    s3.create_bucket(Bucket=enforced)
    refused = error_of(s3.put_bucket_acl, Bucket=enforced, ACL="public-read")
    assert refused["Error"] == {"Code": "AccessControlListNotSupported", "Message": "The bucket does not allow ACLs"}
    s3.put_bucket_acl(Bucket=enforced, ACL="private")
    upload = error_of(s3.put_object, Bucket=enforced, Key="k", Body=b"x", ACL="public-read")
    assert upload["Error"]["Code"] == "AccessControlListNotSupported"
    s3.put_object(Bucket=enforced, Key="k", Body=b"x", ACL="bucket-owner-full-control")
    creating = error_of(s3.create_bucket, Bucket=unique("settings"), ACL="public-read")
    assert creating["Error"]["Code"] == "InvalidBucketAclWithObjectOwnership"

    writer = unique("settings")
    s3.create_bucket(Bucket=writer, ObjectOwnership="ObjectWriter")
    blocked = error_of(s3.put_bucket_acl, Bucket=writer, ACL="public-read")
    assert blocked["Error"]["Code"] == "AccessDenied"  # Block Public Access is on by default
    s3.put_public_access_block(Bucket=writer, PublicAccessBlockConfiguration={
        "BlockPublicAcls": False, "IgnorePublicAcls": False, "BlockPublicPolicy": False, "RestrictPublicBuckets": False})
    s3.put_bucket_acl(Bucket=writer, ACL="public-read")
    grants = s3.get_bucket_acl(Bucket=writer)["Grants"]
    assert {"Grantee": {"Type": "Group", "URI": "http://acs.amazonaws.com/groups/global/AllUsers"},
            "Permission": "READ"} in grants
    s3.put_object(Bucket=writer, Key="shared", Body=b"x", ACL="public-read")
    object_grants = s3.get_object_acl(Bucket=writer, Key="shared")["Grants"]
    assert [g["Permission"] for g in object_grants] == ["FULL_CONTROL", "READ"]
    owner = s3.get_bucket_acl(Bucket=writer)["Owner"]["ID"]
    s3.put_object_acl(Bucket=writer, Key="shared", GrantRead=f'id="{owner}"', GrantFullControl=f'id="{owner}"')
    assert {g["Permission"] for g in s3.get_object_acl(Bucket=writer, Key="shared")["Grants"]} == {"FULL_CONTROL", "READ"}
    both = error_of(s3.put_object_acl, Bucket=writer, Key="shared", ACL="private", GrantRead=f'id="{owner}"')
    assert both["Error"]["Code"] == "InvalidRequest"
    back = error_of(s3.put_bucket_ownership_controls, Bucket=writer,
                    OwnershipControls={"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]})
    assert back["Error"]["Code"] == "InvalidBucketAclWithObjectOwnership"
    s3.put_bucket_acl(Bucket=writer, AccessControlPolicy={
        "Owner": {"ID": owner}, "Grants": [{"Grantee": {"ID": owner, "Type": "CanonicalUser"}, "Permission": "FULL_CONTROL"}]})
    s3.put_bucket_ownership_controls(Bucket=writer, OwnershipControls={"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]})
    s3.delete_bucket_ownership_controls(Bucket=writer)
    assert error_of(s3.get_bucket_ownership_controls, Bucket=writer)["Error"]["Code"] == "OwnershipControlsNotFoundError"
    missing = error_of(s3.get_object_acl, Bucket=writer, Key="none")
    assert missing["Error"]["Code"] == "NoSuchKey"


def test_aws_cli_bucket_settings(stratus, bucket, tmp_path):
    policy = tmp_path / "policy.json"
    policy.write_text(private_policy(bucket))
    stored = stratus.cli("s3api", "put-bucket-policy", "--bucket", bucket, "--policy", f"file://{policy}")
    assert stored.returncode == 0, stored.stderr
    shown = json.loads(stratus.cli("s3api", "get-bucket-policy", "--bucket", bucket).stdout)
    assert json.loads(shown["Policy"])["Statement"][0]["Action"] == "s3:*"
    blocks = json.loads(stratus.cli("s3api", "get-public-access-block", "--bucket", bucket).stdout)
    assert blocks["PublicAccessBlockConfiguration"]["BlockPublicPolicy"] is True
    acl = json.loads(stratus.cli("s3api", "get-bucket-acl", "--bucket", bucket).stdout)
    assert acl["Grants"][0]["Permission"] == "FULL_CONTROL"
    refused = stratus.cli("s3api", "put-bucket-acl", "--bucket", bucket, "--acl", "public-read")
    assert refused.returncode != 0 and "AccessControlListNotSupported" in refused.stderr
    encryption = json.loads(stratus.cli("s3api", "get-bucket-encryption", "--bucket", bucket).stdout)
    assert encryption["ServerSideEncryptionConfiguration"]["Rules"][0]["ApplyServerSideEncryptionByDefault"][
        "SSEAlgorithm"] == "AES256"


def test_transfer_acceleration_and_requester_pays_are_kept(stratus, s3, bucket):
    s3.put_bucket_accelerate_configuration(Bucket=bucket, AccelerateConfiguration={"Status": "Enabled"})
    assert s3.get_bucket_accelerate_configuration(Bucket=bucket)["Status"] == "Enabled"
    s3.put_bucket_accelerate_configuration(Bucket=bucket, AccelerateConfiguration={"Status": "Suspended"})
    assert s3.get_bucket_accelerate_configuration(Bucket=bucket)["Status"] == "Suspended"
    dotted = unique("dotted") + ".example"
    s3.create_bucket(Bucket=dotted)
    refused = error_of(s3.put_bucket_accelerate_configuration, Bucket=dotted,
                       AccelerateConfiguration={"Status": "Enabled"})
    assert refused["Error"]["Code"] == "InvalidRequest" and refused["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert refused["Error"]["Message"] == "S3 Transfer Acceleration is not supported for buckets with periods (.) in their names"
    assert "Status" not in s3.get_bucket_accelerate_configuration(Bucket=dotted)

    s3.put_bucket_request_payment(Bucket=bucket, RequestPaymentConfiguration={"Payer": "Requester"})
    assert s3.get_bucket_request_payment(Bucket=bucket)["Payer"] == "Requester"
    done = stratus.cli("s3api", "put-bucket-request-payment", "--bucket", bucket,
                       "--request-payment-configuration", "Payer=BucketOwner")
    assert done.returncode == 0, done.stderr
    done = stratus.cli("s3api", "get-bucket-request-payment", "--bucket", bucket)
    assert json.loads(done.stdout)["Payer"] == "BucketOwner"
    malformed = error_of(s3.put_bucket_request_payment, Bucket=bucket, RequestPaymentConfiguration={"Payer": "Nobody"})
    assert malformed["Error"]["Code"] == "MalformedXML"
