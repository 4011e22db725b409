// LambdaBootstrapScripts+Python: Stratus's runtime client for python3.x functions.

extension LambdaBootstrapScripts {
    /// The Python bootstrap.
    package static let python = ##"""
# Stratus Lambda bootstrap for python3.x runtimes: speaks the Lambda Runtime API (2018-06-01).
import base64
import decimal
import http.client
import importlib
import json
import logging
import os
import sys
import time
import traceback

_API = os.environ["AWS_LAMBDA_RUNTIME_API"]
_HOST, _PORT = _API.rsplit(":", 1)
_PREFIX = "/2018-06-01/runtime"
_current_request_id = None


class _Client:
    def __init__(self):
        self.connection = None

    def request(self, method, path, body=None, headers=None):
        if self.connection is None:
            self.connection = http.client.HTTPConnection(_HOST, int(_PORT))
        try:
            self.connection.request(method, _PREFIX + path, body=body, headers=headers or {})
            response = self.connection.getresponse()
            return response.status, response.headers, response.read()
        except Exception:
            self.connection.close()
            self.connection = None
            raise


_client = _Client()


class _Obj:
    def __init__(self, values):
        for key, value in (values or {}).items():
            setattr(self, key, value)


class LambdaContext:
    def __init__(self, request_id, deadline_ms, invoked_arn, client_context, identity):
        self.aws_request_id = request_id
        self.invoked_function_arn = invoked_arn
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self._deadline_ms = deadline_ms
        self.identity = _Obj(identity) if identity else None
        self.client_context = None
        if client_context:
            self.client_context = _Obj(client_context)
            self.client_context.client = _Obj(client_context.get("client"))
            self.client_context.custom = client_context.get("custom")
            self.client_context.env = client_context.get("env")

    def get_remaining_time_in_millis(self):
        return max(int(self._deadline_ms - time.time() * 1000), 0)

    def __repr__(self):
        return "LambdaContext([aws_request_id=%s,function_name=%s,function_version=%s,invoked_function_arn=%s])" % (
            self.aws_request_id, self.function_name, self.function_version, self.invoked_function_arn)


class _RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.aws_request_id = _current_request_id or ""
        return True


def _setup_logging():
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter(
        "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s", "%Y-%m-%dT%H:%M:%S"))
    handler.formatter.converter = time.gmtime
    handler.addFilter(_RequestIdFilter())
    logging.getLogger().addHandler(handler)


_TASK_ROOT = os.environ.get("LAMBDA_TASK_ROOT", "").rstrip("/")


def _shown_path(filename):
    # Stack traces name the code directory as Lambda does: /var/task.
    if _TASK_ROOT and filename.startswith(_TASK_ROOT + "/"):
        return "/var/task/" + filename[len(_TASK_ROOT) + 1:]
    return filename


def _stack(tb, skip):
    frames = [traceback.FrameSummary(_shown_path(frame.filename), frame.lineno, frame.name, line=frame.line)
              for frame in traceback.extract_tb(tb)[skip:]]
    return traceback.format_list(frames)


def _error_document(error, request_id, error_type=None, skip=1):
    return {
        "errorMessage": str(error),
        "errorType": error_type or type(error).__name__,
        "requestId": request_id,
        "stackTrace": _stack(error.__traceback__, skip),
    }


def _log_error(document):
    print("[ERROR] %s: %s\nTraceback (most recent call last):\n%s" % (
        document["errorType"], document["errorMessage"], "".join(document["stackTrace"])), flush=True)


def _post_init_error(document):
    _log_error(document)
    _client.request("POST", "/init/error", _dumps(document),
                    {"Lambda-Runtime-Function-Error-Type": document["errorType"],
                     "Content-Type": "application/json"})
    sys.exit(1)


def _load_handler():
    handler = os.environ.get("_HANDLER", "")
    try:
        module_name, function_name = handler.rsplit(".", 1)
    except ValueError as error:
        _post_init_error({"errorMessage": "Bad handler '%s': %s" % (handler, error),
                          "errorType": "Runtime.MalformedHandlerName", "requestId": "", "stackTrace": []})
    module_path = module_name.replace("/", ".")
    try:
        module = importlib.import_module(module_path)
    except ImportError as error:
        _post_init_error({"errorMessage": "Unable to import module '%s': %s" % (module_name, error),
                          "errorType": "Runtime.ImportModuleError", "requestId": "", "stackTrace": []})
    except SyntaxError as error:
        _post_init_error({"errorMessage": "Syntax error in module '%s': %s" % (module_name, error),
                          "errorType": "Runtime.UserCodeSyntaxError", "requestId": "",
                          "stackTrace": _stack(error.__traceback__, 1)})
    except Exception as error:
        _post_init_error(_error_document(error, "", skip=1))
    function = getattr(module, function_name, None)
    if function is None:
        _post_init_error({"errorMessage": "Handler '%s' missing on module '%s'" % (function_name, module_name),
                          "errorType": "Runtime.HandlerNotFound", "requestId": "", "stackTrace": []})
    return function


# AWS's Python 3.12+ runtimes write JSON as UTF-8 (non-ASCII characters unescaped); older ones escape them.
_ENSURE_ASCII = os.environ.get("AWS_EXECUTION_ENV") not in {
    "AWS_Lambda_python3.12", "AWS_Lambda_python3.13", "AWS_Lambda_python3.14"}


def _dumps(value, **options):
    return json.dumps(value, ensure_ascii=_ENSURE_ASCII, **options).encode()


def _encode(value):
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError("Object of type %s is not JSON serializable" % type(value).__name__)


def _decode_header_json(value, base64_encoded):
    if not value:
        return None
    try:
        if base64_encoded:
            value = base64.b64decode(value).decode()
        return json.loads(value)
    except Exception:
        return None


def main():
    global _current_request_id
    sys.path.insert(0, os.environ.get("LAMBDA_TASK_ROOT", os.getcwd()))
    _setup_logging()
    handler = _load_handler()
    while True:
        status, headers, body = _client.request("GET", "/invocation/next")
        if status != 200:
            time.sleep(0.01)
            continue
        request_id = headers.get("Lambda-Runtime-Aws-Request-Id")
        _current_request_id = request_id
        trace_id = headers.get("Lambda-Runtime-Trace-Id")
        if trace_id:
            os.environ["_X_AMZN_TRACE_ID"] = trace_id
        else:
            os.environ.pop("_X_AMZN_TRACE_ID", None)
        context = LambdaContext(
            request_id, int(headers.get("Lambda-Runtime-Deadline-Ms", "0")),
            headers.get("Lambda-Runtime-Invoked-Function-Arn"),
            _decode_header_json(headers.get("Lambda-Runtime-Client-Context"), True),
            _decode_header_json(headers.get("Lambda-Runtime-Cognito-Identity"), False))
        try:
            event = json.loads(body) if body else None
        except ValueError as error:
            document = {"errorMessage": "Unable to unmarshal input: %s" % error,
                        "errorType": "Runtime.UnmarshalError", "requestId": request_id, "stackTrace": []}
            _log_error(document)
            _client.request("POST", "/invocation/%s/error" % request_id, _dumps(document),
                            {"Lambda-Runtime-Function-Error-Type": document["errorType"]})
            continue
        try:
            result = handler(event, context)
        except Exception as error:
            document = _error_document(error, request_id)
            _log_error(document)
            sys.stdout.flush()
            sys.stderr.flush()
            _client.request("POST", "/invocation/%s/error" % request_id, _dumps(document),
                            {"Lambda-Runtime-Function-Error-Type": document["errorType"],
                             "Content-Type": "application/json"})
            continue
        content_type = "application/json"
        try:
            if isinstance(result, (bytes, bytearray)):
                # Bytes are the response as they are (AWS's runtime does the same).
                payload, content_type = bytes(result), "application/unknown"
            else:
                payload = _dumps(result, default=_encode)
        except Exception as error:
            document = {"errorMessage": "Unable to marshal response: %s" % error,
                        "errorType": "Runtime.MarshalError", "requestId": request_id, "stackTrace": []}
            _log_error(document)
            _client.request("POST", "/invocation/%s/error" % request_id, _dumps(document),
                            {"Lambda-Runtime-Function-Error-Type": document["errorType"]})
            continue
        sys.stdout.flush()
        sys.stderr.flush()
        _client.request("POST", "/invocation/%s/response" % request_id, payload,
                        {"Content-Type": content_type})


if __name__ == "__main__":
    main()
"""##
}
