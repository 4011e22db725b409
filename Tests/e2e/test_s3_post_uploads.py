"""S3 browser-based uploads (POST Object): a multipart/form-data `POST /<bucket>` with the fields of boto3's
`generate_presigned_post` (its policy, signed with SigV2 or SigV4) and a `file` part stores the object; the
`success_action_*` fields shape the answer, and policy violations and malformed forms are refused with S3's errors."""
import hashlib
import urllib.error
import urllib.parse
import urllib.request
import uuid
import xml.etree.ElementTree as ET

import pytest

from s3_support import bucket, s3, unique  # noqa: F401 (fixtures)

BODY = b"hello post"
ETAG = f'"{hashlib.md5(BODY).hexdigest()}"'
FIELDS = {"Content-Type": "text/plain", "x-amz-meta-owner": "ann"}
CONDITIONS = [["starts-with", "$key", "uploads/"], {"Content-Type": "text/plain"}, {"x-amz-meta-owner": "ann"},
              ["content-length-range", 1, 1000]]


def encode_form(fields, file=None):
    """A multipart/form-data body of `fields` (in order), then the `file` part (filename, content, type) last."""
    boundary = f"----stratus{uuid.uuid4().hex}"
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    if file is not None:
        filename, content, content_type = file
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
                     f"Content-Type: {content_type}\r\n\r\n".encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def post(url, fields, file=("notes.txt", BODY, "text/plain")):
    """POSTs the form; returns (status, lower-cased headers, body bytes) without following redirects."""
    body, content_type = encode_form(fields, file)
    request = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": content_type})
    try:
        with OPENER.open(request, timeout=30) as response:
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def xml_fields(body):
    """The child elements of an XML document's root as {tag: text}, namespaces dropped."""
    root = ET.fromstring(body)
    return root.tag.split("}")[-1], {child.tag.split("}")[-1]: child.text for child in root}


def error_answer(answer):
    status, _, body = answer
    tag, fields = xml_fields(body)
    assert tag == "Error", body
    return status, fields.get("Code"), fields.get("Message")


def presigned(s3, bucket, fields=None, conditions=None, expires=600, key="uploads/${filename}"):
    return s3.generate_presigned_post(Bucket=bucket, Key=key, Fields={**FIELDS, **(fields or {})},
                                      Conditions=CONDITIONS + (conditions or []), ExpiresIn=expires)


def keys_of(s3, bucket):
    return [o["Key"] for o in s3.list_objects_v2(Bucket=bucket).get("Contents", [])]


@pytest.mark.parametrize("signature_version", ["default", "s3v4"])
def test_presigned_post_stores_the_object(stratus, signature_version):
    s3 = stratus.client("s3") if signature_version == "default" else stratus.client("s3", signature_version="s3v4")
    name = unique("post")
    s3.create_bucket(Bucket=name)
    form = presigned(s3, name)
    assert form["url"] == f"{stratus.endpoint}/{name}"
    status, headers, body = post(form["url"], form["fields"])
    assert status == 204, body
    assert body == b""
    assert headers["etag"] == ETAG
    assert headers["location"].endswith(f"/{name}/uploads/notes.txt"), headers["location"]
    stored = s3.get_object(Bucket=name, Key="uploads/notes.txt")
    assert stored["Body"].read() == BODY
    assert stored["ContentType"] == "text/plain"
    assert stored["Metadata"] == {"owner": "ann"}
    assert stored["ETag"] == ETAG
    assert keys_of(s3, name) == ["uploads/notes.txt"]


def test_success_action_status_201_answers_a_post_response(s3, bucket):
    form = presigned(s3, bucket, {"success_action_status": "201"}, [{"success_action_status": "201"}])
    status, headers, body = post(form["url"], form["fields"])
    assert status == 201, body
    tag, fields = xml_fields(body)
    assert tag == "PostResponse"
    assert "Location" in fields
    assert fields["Bucket"] == bucket
    assert fields["Key"] == "uploads/notes.txt"
    assert fields["ETag"] == ETAG
    assert s3.get_object(Bucket=bucket, Key="uploads/notes.txt")["Body"].read() == BODY


def test_success_action_status_200_answers_an_empty_body(s3, bucket):
    form = presigned(s3, bucket, {"success_action_status": "200"}, [{"success_action_status": "200"}])
    status, headers, body = post(form["url"], form["fields"])
    assert status == 200, body
    assert body == b""
    assert s3.get_object(Bucket=bucket, Key="uploads/notes.txt")["Body"].read() == BODY


def test_success_action_redirect_answers_303(s3, bucket):
    target = "http://localhost/done"
    form = presigned(s3, bucket, {"success_action_redirect": target}, [{"success_action_redirect": target}])
    status, headers, body = post(form["url"], form["fields"])
    assert status == 303, body
    location = urllib.parse.urlsplit(headers["location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == target
    query = urllib.parse.parse_qs(location.query)
    assert query == {"bucket": [bucket], "key": ["uploads/notes.txt"], "etag": [ETAG]}
    assert s3.get_object(Bucket=bucket, Key="uploads/notes.txt")["Body"].read() == BODY


def test_content_length_range_is_enforced(s3, bucket):
    form = presigned(s3, bucket)
    answer = post(form["url"], form["fields"], file=("big.txt", b"x" * 1001, "text/plain"))
    status, code, message = error_answer(answer)
    assert (status, code) == (400, "EntityTooLarge"), answer
    assert message.startswith("Your proposed upload exceeds the maximum allowed size"), message

    small = s3.generate_presigned_post(Bucket=bucket, Key="uploads/${filename}", Fields=FIELDS, ExpiresIn=600,
                                       Conditions=CONDITIONS[:3] + [["content-length-range", 20, 1000]])
    answer = post(small["url"], small["fields"], file=("small.txt", b"tiny", "text/plain"))
    status, code, _ = error_answer(answer)
    assert (status, code) == (400, "EntityTooSmall"), answer
    assert keys_of(s3, bucket) == []


def test_key_outside_the_policy_prefix_is_refused(s3, bucket):
    form = presigned(s3, bucket)
    fields = {**form["fields"], "key": "other/x.txt"}
    answer = post(form["url"], fields)
    assert error_answer(answer) == (
        403, "AccessDenied", 'Invalid according to Policy: Policy Condition failed: ["starts-with", "$key", "uploads/"]')
    assert keys_of(s3, bucket) == []


def test_fields_the_policy_does_not_cover_are_refused(s3, bucket):
    form = presigned(s3, bucket)
    fields = {**form["fields"], "x-amz-meta-extra": "1"}
    answer = post(form["url"], fields)
    assert error_answer(answer) == (403, "AccessDenied", "Invalid according to Policy: Extra input fields: x-amz-meta-extra")
    assert keys_of(s3, bucket) == []


def test_expired_policy_is_refused(s3, bucket):
    form = presigned(s3, bucket, expires=-10)
    answer = post(form["url"], form["fields"])
    assert error_answer(answer) == (403, "AccessDenied", "Invalid according to Policy: Policy expired.")
    assert keys_of(s3, bucket) == []


def test_form_without_a_file_is_refused(s3, bucket):
    form = presigned(s3, bucket)
    answer = post(form["url"], form["fields"], file=None)
    assert error_answer(answer) == (400, "InvalidArgument", "POST requires exactly one file upload per request.")
    assert keys_of(s3, bucket) == []


def test_form_without_a_key_is_refused(stratus, s3, bucket):
    answer = post(f"{stratus.endpoint}/{bucket}", {})
    assert error_answer(answer) == (
        400, "InvalidArgument",
        "Bucket POST must contain a field named 'key'.  If it is specified, please check the order of the fields.")
    assert keys_of(s3, bucket) == []


def test_missing_bucket_is_refused(stratus):
    answer = post(f"{stratus.endpoint}/{unique('missing')}", {"key": "a.txt"})
    status, code, _ = error_answer(answer)
    assert (status, code) == (404, "NoSuchBucket"), answer


def test_form_without_a_policy_stores_the_object(stratus, s3, bucket):
    status, _, body = post(f"{stratus.endpoint}/{bucket}", {"key": "plain/${filename}"},
                           file=("data.bin", b"\x00\x01binary\r\n--not-a-boundary", "application/octet-stream"))
    assert status == 204, body
    stored = s3.get_object(Bucket=bucket, Key="plain/data.bin")
    assert stored["Body"].read() == b"\x00\x01binary\r\n--not-a-boundary"


def test_versioned_bucket_answers_the_version_id(stratus, s3, bucket):
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    first = post(f"{stratus.endpoint}/{bucket}", {"key": "v.txt"}, file=("v.txt", b"one", "text/plain"))
    second = post(f"{stratus.endpoint}/{bucket}", {"key": "v.txt"}, file=("v.txt", b"two", "text/plain"))
    assert first[0] == 204 and second[0] == 204, (first, second)
    head = s3.head_object(Bucket=bucket, Key="v.txt")
    assert second[1]["x-amz-version-id"] == head["VersionId"]
    assert first[1]["x-amz-version-id"] not in ("", "null", head["VersionId"])
    older = s3.get_object(Bucket=bucket, Key="v.txt", VersionId=first[1]["x-amz-version-id"])
    assert older["Body"].read() == b"one"
