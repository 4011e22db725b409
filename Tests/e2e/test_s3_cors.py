"""S3 CORS: the bucket's CORS configuration through boto3 and the AWS CLI, preflight (`OPTIONS`) answers and errors
over raw HTTP, the `Access-Control-*` headers of admitted requests, and headless Chromium uploading through a
presigned URL from a page of another origin (the browser enforces CORS, so this is what a web app sees)."""
import http.server
import json
import shutil
import threading

import pytest

from s3_support import bucket, error_of, s3, unique  # noqa: F401 (fixtures)


RULES = [{"AllowedOrigins": ["http://127.0.0.1:*"], "AllowedMethods": ["GET", "PUT"],
          "AllowedHeaders": ["content-type", "x-amz-*"], "ExposeHeaders": ["ETag"], "MaxAgeSeconds": 600}]


def preflight(stratus, path, origin="http://127.0.0.1:3000", method="PUT", headers=None):
    request = {"Access-Control-Request-Method": method} if method else {}
    if origin:
        request["Origin"] = origin
    if headers:
        request["Access-Control-Request-Headers"] = headers
    return stratus.raw("OPTIONS", path, headers=request)


def test_configuration_is_stored_read_and_removed(s3, bucket):
    missing = error_of(s3.get_bucket_cors, Bucket=bucket)
    assert missing["Error"]["Code"] == "NoSuchCORSConfiguration"
    assert missing["ResponseMetadata"]["HTTPStatusCode"] == 404
    s3.put_bucket_cors(Bucket=bucket, CORSConfiguration={"CORSRules": RULES})
    assert s3.get_bucket_cors(Bucket=bucket)["CORSRules"] == RULES
    bad = error_of(s3.put_bucket_cors, Bucket=bucket, CORSConfiguration={"CORSRules": [
        {"AllowedOrigins": ["*"], "AllowedMethods": ["PATCH"]}]})
    assert bad["Error"] == {"Code": "InvalidRequest",
                            "Message": "Found unsupported HTTP method in CORS config. Unsupported method is PATCH"}
    assert s3.get_bucket_cors(Bucket=bucket)["CORSRules"] == RULES  # a refused configuration changes nothing
    s3.delete_bucket_cors(Bucket=bucket)
    assert error_of(s3.get_bucket_cors, Bucket=bucket)["Error"]["Code"] == "NoSuchCORSConfiguration"


def test_preflights_answer_from_the_rules(stratus, s3, bucket):
    status, headers, body = preflight(stratus, f"/{bucket}/photo.jpg")
    assert status == 403 and b"<Code>AccessForbidden</Code>" in body
    assert b"CORSResponse: CORS is not enabled for this bucket." in body and b"<ResourceType>OBJECT</ResourceType>" in body
    s3.put_bucket_cors(Bucket=bucket, CORSConfiguration={"CORSRules": RULES})
    status, headers, body = preflight(stratus, f"/{bucket}/photo.jpg", headers="Content-Type, X-Amz-Date")
    assert status == 200 and body == b""
    assert headers["access-control-allow-origin"] == "http://127.0.0.1:3000"
    assert headers["access-control-allow-methods"] == "GET, PUT"
    assert headers["access-control-allow-headers"] == "content-type, x-amz-date"
    assert headers["access-control-expose-headers"] == "ETag"
    assert headers["access-control-max-age"] == "600"
    assert headers["access-control-allow-credentials"] == "true"
    status, _, body = preflight(stratus, f"/{bucket}", origin="https://elsewhere.example", method="GET")
    assert status == 403 and b"This CORS request is not allowed." in body and b"<ResourceType>BUCKET</ResourceType>" in body
    status, _, body = preflight(stratus, f"/{bucket}/k", headers="authorization")
    assert status == 403
    status, _, body = preflight(stratus, f"/{bucket}/k", origin=None)
    assert status == 400 and b"Insufficient information. Origin request header needed." in body
    status, _, body = preflight(stratus, f"/{bucket}/k", method="PATCH")
    assert status == 400 and b"Invalid Access-Control-Request-Method: PATCH" in body
    status, _, body = preflight(stratus, f"/{unique('missing')}/k")
    assert status == 404 and b"<Code>NoSuchBucket</Code>" in body


def test_admitted_requests_carry_the_rules_headers(stratus, s3, bucket):
    s3.put_object(Bucket=bucket, Key="k", Body=b"hello")
    status, headers, _ = stratus.raw("GET", f"/{bucket}/k", headers={"Origin": "http://127.0.0.1:3000"})
    assert status == 200 and "access-control-allow-origin" not in headers
    s3.put_bucket_cors(Bucket=bucket, CORSConfiguration={"CORSRules": RULES})
    status, headers, body = stratus.raw("GET", f"/{bucket}/k", headers={"Origin": "http://127.0.0.1:3000"})
    assert status == 200 and body == b"hello"
    assert headers["access-control-allow-origin"] == "http://127.0.0.1:3000"
    assert headers["access-control-expose-headers"] == "ETag"
    status, headers, _ = stratus.raw("DELETE", f"/{bucket}/k", headers={"Origin": "http://127.0.0.1:3000"})
    assert status == 204 and "access-control-allow-origin" not in headers  # DELETE is not allowed by the rule
    status, headers, _ = stratus.raw("GET", f"/{bucket}/k", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in headers


def test_aws_cli_cors(stratus, bucket, tmp_path):
    source = tmp_path / "cors.json"
    source.write_text(json.dumps({"CORSRules": RULES}))
    stored = stratus.cli("s3api", "put-bucket-cors", "--bucket", bucket, "--cors-configuration", f"file://{source}")
    assert stored.returncode == 0, stored.stderr
    assert json.loads(stratus.cli("s3api", "get-bucket-cors", "--bucket", bucket).stdout)["CORSRules"] == RULES
    assert stratus.cli("s3api", "delete-bucket-cors", "--bucket", bucket).returncode == 0
    missing = stratus.cli("s3api", "get-bucket-cors", "--bucket", bucket)
    assert missing.returncode != 0 and "NoSuchCORSConfiguration" in missing.stderr


class _Page(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"<!doctype html><title>app</title><p>app"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


UPLOAD = """
const [url, done] = [arguments[0], arguments[arguments.length - 1]];
fetch(url, {method: 'PUT', headers: {'Content-Type': 'text/plain'}, body: 'from the browser'})
  .then(r => done({status: r.status, etag: r.headers.get('ETag')}))
  .catch(e => done({error: String(e)}));
"""


def test_a_browser_uploads_through_a_presigned_url_only_when_cors_allows(stratus, s3, bucket):
    chromium, chromedriver = shutil.which("chromium"), shutil.which("chromedriver")
    if not chromium or not chromedriver:
        pytest.fail("Chromium is not installed: run scripts/bootstrap-chromium.sh (scripts/test.sh does)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    page = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    threading.Thread(target=page.serve_forever, daemon=True).start()
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(executable_path=chromedriver), options=options)
    try:
        driver.set_script_timeout(20)
        # The app's origin is localhost:<page port>; Stratus (and so the presigned URL) is 127.0.0.1:<port>.
        driver.get(f"http://localhost:{page.server_address[1]}/")
        url = s3.generate_presigned_url("put_object", Params={"Bucket": bucket, "Key": "upload.txt",
                                                             "ContentType": "text/plain"}, ExpiresIn=300)
        refused = driver.execute_async_script(UPLOAD, url)
        assert "error" in refused, refused  # no CORS rules: the browser's preflight is refused
        assert error_of(s3.head_object, Bucket=bucket, Key="upload.txt")["ResponseMetadata"]["HTTPStatusCode"] == 404
        s3.put_bucket_cors(Bucket=bucket, CORSConfiguration={"CORSRules": [
            {**RULES[0], "AllowedOrigins": ["http://localhost:*"]}]})
        uploaded = driver.execute_async_script(UPLOAD, url)
        assert uploaded.get("status") == 200, uploaded
        assert uploaded["etag"] == s3.head_object(Bucket=bucket, Key="upload.txt")["ETag"]  # exposed by the rule
        assert s3.get_object(Bucket=bucket, Key="upload.txt")["Body"].read() == b"from the browser"
    finally:
        driver.quit()
        page.shutdown()
