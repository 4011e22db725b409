// LambdaBootstrapScripts+Node: Stratus's runtime client for nodejs* functions.

extension LambdaBootstrapScripts {
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

// Stack traces name the code directory as Lambda does: /var/task.
const taskRoot = (process.env.LAMBDA_TASK_ROOT || '').replace(/\/+$/, '');
function shownTrace(stack) {
  const lines = typeof stack === 'string' ? stack.split('\n') : [];
  return taskRoot ? lines.map((line) => line.split(taskRoot + '/').join('/var/task/')) : lines;
}

function errorDocument(error) {
  if (error instanceof Error) {
    return {
      errorType: error.name || 'Error',
      errorMessage: error.message,
      trace: shownTrace(error.stack),
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
      await postInitError({ errorType: 'Runtime.UserCodeSyntaxError', errorMessage: `${error.name}: ${error.message}`, trace: shownTrace(error.stack) });
    } else if (error && error.code === 'MODULE_NOT_FOUND') {
      await postInitError({ errorType: 'Runtime.ImportModuleError', errorMessage: `Error: ${error.message}`, trace: shownTrace(error.stack) });
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
