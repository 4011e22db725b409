// Stratus console: the resources a workflow's Task states name (Lambda functions, DynamoDB tables, SQS queues, SNS
// topics, S3 buckets), found in the definition, so the Step Functions pages can link to the other services' console pages.
// Only names written literally in the definition count: a name computed at run time (`FunctionName.$`, a JSONata
// `{% … %}` template) is not known until the state runs. Pure functions, no DOM.
"use strict";

const StratusResources = (() => {
  const BASE = "/_stratus/console";

  /** The function name in a Lambda function name, partial ARN or ARN, without a version or alias qualifier. */
  function functionName(value) {
    const parts = value.split(":");
    // arn:aws:lambda:region:account:function:name[:qualifier]
    if (parts[0] === "arn" && parts.length >= 7) return parts[6];
    // account:function:name[:qualifier]
    if (parts.length >= 3 && parts[1] === "function") return parts[2];
    return parts[0];
  }

  /** The bucket in an S3 bucket ARN (`arn:aws:s3:::bucket`) or a plain bucket name. */
  function bucketName(value) {
    return value.startsWith("arn:") ? value.split(":").slice(5).join(":") : value;
  }

  /** `value` when it is a literal string of the state's arguments (not a JSONata template). */
  function literal(value) {
    return typeof value === "string" && value !== "" && !/^\s*\{%/.test(value) ? value : undefined;
  }

  function link(service, label, name, href) {
    return { service, label, name, href };
  }

  /** The resources one state definition names: [{service, label, name, href}], in a stable order. */
  function ofState(state) {
    if (!state || state.Type !== "Task" || typeof state.Resource !== "string") return [];
    const resource = state.Resource;
    const parameters = state.Arguments || state.Parameters || {};
    const argument = (key) => (typeof parameters === "object" && parameters !== null ? literal(parameters[key]) : undefined);
    const found = [];
    const lambda = (value) => {
      const name = value && functionName(value);
      if (name) found.push(link("lambda", "Lambda function", name, `${BASE}/lambda/function?name=${encodeURIComponent(name)}`));
    };
    const table = (value) => {
      if (value) found.push(link("dynamodb", "DynamoDB table", value, `${BASE}/dynamodb/table?name=${encodeURIComponent(value)}`));
    };
    const queue = (value) => {
      if (value) {
        found.push(link("sqs", "SQS queue", value.split("/").pop(), `${BASE}/sqs/queue?url=${encodeURIComponent(value)}`));
      }
    };
    const topic = (value) => {
      if (value) found.push(link("sns", "SNS topic", value.split(":").pop(), `${BASE}/sns/topic?arn=${encodeURIComponent(value)}`));
    };
    const bucket = (value) => {
      const name = value && bucketName(value);
      if (name) found.push(link("s3", "S3 bucket", name, `${BASE}/s3/bucket?name=${encodeURIComponent(name)}`));
    };
    if (/^arn:[^:]+:lambda:[^:]*:[^:]*:function:/.test(resource)) {
      lambda(resource);
    } else {
      const integration = /^arn:[^:]+:states:::(aws-sdk:)?([a-z0-9]+):/.exec(resource);
      const service = integration && integration[2];
      if (service === "lambda") lambda(argument("FunctionName"));
      else if (service === "dynamodb") table(argument("TableName"));
      else if (service === "sqs") queue(argument("QueueUrl"));
      else if (service === "s3") bucket(argument("Bucket"));
      else if (service === "sns") topic(argument("TopicArn"));
    }
    return found;
  }

  /** Every state of a definition, nested ones (Parallel branches, Map processors) included: [[name, state]]. */
  function statesOf(definition) {
    const all = [];
    const visit = (machine) => {
      for (const [name, state] of Object.entries((machine && machine.States) || {})) {
        all.push([name, state]);
        for (const branch of state.Branches || []) visit(branch);
        visit(state.ItemProcessor || state.Iterator);
      }
    };
    visit(definition);
    return all;
  }

  /** The state named `name` anywhere in the definition, or undefined. */
  function findState(definition, name) {
    const entry = statesOf(definition).find(([stateName]) => stateName === name);
    return entry && entry[1];
  }

  /** Every resource the definition's states name, each once (a Distributed Map's `ItemReader` and `ResultWriter`
   * buckets too): [{service, label, name, href}]. */
  function ofDefinition(definition) {
    const seen = new Map();
    for (const [, state] of statesOf(definition)) {
      const readers = [state.ItemReader, state.ResultWriter].filter(Boolean).map((part) => {
        const source = part.Arguments || part.Parameters || {};
        const name = literal(source.Bucket);
        return name ? [link("s3", "S3 bucket", name, `${BASE}/s3/bucket?name=${encodeURIComponent(name)}`)] : [];
      });
      for (const found of [ofState(state), ...readers].flat()) seen.set(found.href, found);
    }
    return [...seen.values()];
  }

  return { ofState, ofDefinition, findState, functionName };
})();
