// LambdaBootstrapScripts: Stratus's own runtime clients for the managed runtimes (Python, Node.js).

/// The bootstraps Stratus runs for `python3.x` and `nodejs*` functions: each speaks the Runtime API with the
/// standard library only, loads the handler named by `_HANDLER` from `LAMBDA_TASK_ROOT`, builds Lambda's
/// `context` object and reports results, function errors and initialization errors as Lambda's own runtimes do.
///
/// Guarantees: plain text, written to the configuration's runtime directory by ``LambdaRuntimeLauncher``.
package enum LambdaBootstrapScripts {
    /// File name of the Python bootstrap.
    package static let pythonFileName = "stratus_lambda_bootstrap.py"
    /// File name of the Node.js bootstrap (CommonJS).
    package static let nodeFileName = "stratus_lambda_bootstrap.cjs"

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


def _stack(tb, skip):
    frames = traceback.extract_tb(tb)[skip:]
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
    _client.request("POST", "/init/error", json.dumps(document).encode(),
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
            _client.request("POST", "/invocation/%s/error" % request_id, json.dumps(document).encode(),
                            {"Lambda-Runtime-Function-Error-Type": document["errorType"]})
            continue
        try:
            result = handler(event, context)
        except Exception as error:
            document = _error_document(error, request_id)
            _log_error(document)
            sys.stdout.flush()
            sys.stderr.flush()
            _client.request("POST", "/invocation/%s/error" % request_id, json.dumps(document).encode(),
                            {"Lambda-Runtime-Function-Error-Type": document["errorType"],
                             "Content-Type": "application/json"})
            continue
        try:
            payload = json.dumps(result, default=_encode).encode()
        except Exception as error:
            document = {"errorMessage": "Unable to marshal response: %s" % error,
                        "errorType": "Runtime.MarshalError", "requestId": request_id, "stackTrace": []}
            _log_error(document)
            _client.request("POST", "/invocation/%s/error" % request_id, json.dumps(document).encode(),
                            {"Lambda-Runtime-Function-Error-Type": document["errorType"]})
            continue
        sys.stdout.flush()
        sys.stderr.flush()
        _client.request("POST", "/invocation/%s/response" % request_id, payload,
                        {"Content-Type": "application/json"})


if __name__ == "__main__":
    main()
"""##

    /// The Node.js bootstrap.
    package static let node = ##"""
// Stratus Lambda bootstrap for nodejs* runtimes: speaks the Lambda Runtime API (2018-06-01).
'use strict';
const http = require('http');
const fs = require('fs');
const path = require('path');
const util = require('util');
const { pathToFileURL } = require('url');

const [HOST, PORT] = process.env.AWS_LAMBDA_RUNTIME_API.split(':');
const PREFIX = '/2018-06-01/runtime';
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
let currentRequestId;

function request(method, urlPath, body, headers) {
  return new Promise((resolve, reject) => {
    const allHeaders = Object.assign({}, headers || {});
    if (body !== undefined) allHeaders['Content-Length'] = Buffer.byteLength(body);
    const req = http.request({ host: HOST, port: Number(PORT), method, path: PREFIX + urlPath, agent, headers: allHeaders }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

for (const [method, level] of [['log', 'INFO'], ['info', 'INFO'], ['warn', 'WARN'], ['error', 'ERROR'], ['debug', 'DEBUG'], ['trace', 'TRACE']]) {
  console[method] = (...args) => {
    process.stdout.write(`${new Date().toISOString()}\t${currentRequestId}\t${level}\t${util.format(...args)}\n`);
  };
}

function errorDocument(error) {
  if (error instanceof Error) {
    return {
      errorType: error.name || 'Error',
      errorMessage: error.message,
      trace: typeof error.stack === 'string' ? error.stack.split('\n') : [],
    };
  }
  return { errorType: typeof error, errorMessage: typeof error === 'string' ? error : JSON.stringify(error), trace: [] };
}

async function postInitError(document) {
  process.stdout.write(`${new Date().toISOString()}\tundefined\tERROR\t${JSON.stringify(document)}\n`);
  await request('POST', '/init/error', JSON.stringify(document), {
    'Content-Type': 'application/json', 'Lambda-Runtime-Function-Error-Type': document.errorType,
  });
  process.exit(1);
}

function isModuleType(file) {
  let dir = path.dirname(file);
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      try { return JSON.parse(fs.readFileSync(pkg, 'utf8')).type === 'module'; } catch (e) { return false; }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return false;
    dir = parent;
  }
}

async function loadModule(root, moduleName) {
  const base = path.resolve(root, moduleName);
  for (const extension of ['.js', '.mjs', '.cjs']) {
    const file = base + extension;
    if (!fs.existsSync(file)) continue;
    if (extension === '.mjs' || (extension === '.js' && isModuleType(file))) return import(pathToFileURL(file).href);
    try {
      return require(file);
    } catch (error) {
      if (error && error.code === 'ERR_REQUIRE_ESM') return import(pathToFileURL(file).href);
      throw error;
    }
  }
  return require(moduleName);
}

async function loadHandler() {
  const handlerString = process.env._HANDLER || '';
  const match = handlerString.match(/^([^.]*)\.(.*)$/);
  if (!match) {
    await postInitError({ errorType: 'Runtime.MalformedHandlerName', errorMessage: 'Bad handler', trace: [] });
  }
  const [, moduleName, handlerPath] = match;
  let userModule;
  try {
    userModule = await loadModule(process.env.LAMBDA_TASK_ROOT || process.cwd(), moduleName);
  } catch (error) {
    if (error instanceof SyntaxError) {
      await postInitError({ errorType: 'Runtime.UserCodeSyntaxError', errorMessage: `${error.name}: ${error.message}`, trace: (error.stack || '').split('\n') });
    } else if (error && error.code === 'MODULE_NOT_FOUND') {
      await postInitError({ errorType: 'Runtime.ImportModuleError', errorMessage: `Error: ${error.message}`, trace: (error.stack || '').split('\n') });
    } else {
      await postInitError(errorDocument(error));
    }
  }
  let handler = userModule;
  for (const part of handlerPath.split('.')) {
    handler = handler === undefined || handler === null ? undefined : handler[part];
  }
  if (typeof handler !== 'function' && userModule && userModule.default) {
    handler = userModule.default;
    for (const part of handlerPath.split('.')) handler = handler === undefined || handler === null ? undefined : handler[part];
  }
  if (typeof handler !== 'function') {
    await postInitError({ errorType: 'Runtime.HandlerNotFound', errorMessage: `${handlerString} is undefined or not exported`, trace: [] });
  }
  return handler;
}

function decodeJSONHeader(value, base64) {
  if (!value) return undefined;
  try { return JSON.parse(base64 ? Buffer.from(value, 'base64').toString('utf8') : value); } catch (e) { return undefined; }
}

function runHandler(handler, event, context) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const callback = (error, result) => {
      if (settled) return;
      settled = true;
      if (error !== undefined && error !== null) reject(error); else resolve(result);
    };
    context.done = callback;
    context.succeed = (result) => callback(null, result);
    context.fail = (error) => callback(error === undefined || error === null ? 'handled' : error);
    try {
      const returned = handler(event, context, callback);
      if (returned && typeof returned.then === 'function') {
        returned.then((value) => callback(null, value), (error) => callback(error === undefined || error === null ? new Error('Promise rejected') : error));
      } else if (handler.length < 3) {
        callback(null, returned);
      }
    } catch (error) {
      callback(error);
    }
  });
}

async function main() {
  const handler = await loadHandler();
  process.on('uncaughtException', async (error) => {
    const document = errorDocument(error);
    process.stdout.write(`${new Date().toISOString()}\t${currentRequestId}\tERROR\tUncaught Exception \t${JSON.stringify(document)}\n`);
    if (currentRequestId) {
      try { await request('POST', `/invocation/${currentRequestId}/error`, JSON.stringify(document), { 'Content-Type': 'application/json', 'Lambda-Runtime-Function-Error-Type': document.errorType }); } catch (e) { /* exiting anyway */ }
    }
    process.exit(129);
  });
  for (;;) {
    const next = await request('GET', '/invocation/next');
    if (next.status !== 200) continue;
    const headers = next.headers;
    const requestId = headers['lambda-runtime-aws-request-id'];
    currentRequestId = requestId;
    if (headers['lambda-runtime-trace-id']) process.env._X_AMZN_TRACE_ID = headers['lambda-runtime-trace-id'];
    else delete process.env._X_AMZN_TRACE_ID;
    const deadline = Number(headers['lambda-runtime-deadline-ms'] || 0);
    const context = {
      callbackWaitsForEmptyEventLoop: true,
      functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
      functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
      invokedFunctionArn: headers['lambda-runtime-invoked-function-arn'],
      memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
      awsRequestId: requestId,
      logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
      logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
      identity: decodeJSONHeader(headers['lambda-runtime-cognito-identity'], false),
      clientContext: decodeJSONHeader(headers['lambda-runtime-client-context'], true),
      getRemainingTimeInMillis: () => Math.max(deadline - Date.now(), 0),
    };
    let event;
    try {
      event = next.body.length ? JSON.parse(next.body.toString('utf8')) : null;
    } catch (error) {
      const document = { errorType: 'Runtime.UnmarshalError', errorMessage: `Unable to unmarshal input: ${error.message}`, trace: [] };
      await request('POST', `/invocation/${requestId}/error`, JSON.stringify(document), { 'Content-Type': 'application/json', 'Lambda-Runtime-Function-Error-Type': document.errorType });
      continue;
    }
    try {
      const result = await runHandler(handler, event, context);
      let payload;
      try {
        payload = JSON.stringify(result === undefined ? null : result);
      } catch (error) {
        const document = { errorType: 'Runtime.MarshalError', errorMessage: `Unable to stringify response body: ${error.message}`, trace: [] };
        await request('POST', `/invocation/${requestId}/error`, JSON.stringify(document), { 'Content-Type': 'application/json', 'Lambda-Runtime-Function-Error-Type': document.errorType });
        continue;
      }
      await request('POST', `/invocation/${requestId}/response`, payload, { 'Content-Type': 'application/json' });
    } catch (error) {
      const document = errorDocument(error);
      process.stdout.write(`${new Date().toISOString()}\t${requestId}\tERROR\tInvoke Error \t${JSON.stringify(document)}\n`);
      await request('POST', `/invocation/${requestId}/error`, JSON.stringify(document), { 'Content-Type': 'application/json', 'Lambda-Runtime-Function-Error-Type': document.errorType });
    }
  }
}

main().catch((error) => {
  process.stderr.write(`Stratus Lambda bootstrap failed: ${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
"""##
}
