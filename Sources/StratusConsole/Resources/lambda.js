// Stratus console: the lambda pages (registered with Console.register; drawn from the console API under /_stratus/console/api/lambda).
// /lambda lists the functions; /lambda/function?name= shows one function's configuration, aliases and versions, an
// Invoke form and its recent logs (from the server's admin endpoint /_stratus/lambda/logs).
(() => {
  "use strict";

  const { BASE, ApiError, h, fill, api, q, field, badge, pretty, formatDate, setCrumbs, ready, onSubmit, jsonProblem, withRegion, queueURLsByArn } = Console;
  const LOGS_PATH = "/_stratus/lambda/logs";
  // How many of the newest log events the function page shows.
  const LOG_TAIL = 100;
  // How long one follow-up request for newer logs waits on the server before it is asked again.
  const LOG_WAIT_SECONDS = 20;

  const functionURL = (name) => `${BASE}/lambda/function?name=${q(name)}`;
  const orDash = (value) => (value === undefined || value === null || value === "" ? "—" : String(value));
  const megabytes = (value) => (value === undefined || value === null ? "—" : `${value} MB`);
  const seconds = (value) => (value === undefined || value === null ? "—" : `${value} s`);

  /** Lambda's LastModified (`2024-01-02T03:04:05.678+0000`) in the console's date format, or the text as it is. */
  function lastModified(text) {
    if (!text) return "—";
    const parsed = Date.parse(String(text).replace(/([+-]\d\d)(\d\d)$/, "$1:$2"));
    return Number.isNaN(parsed) ? String(text) : formatDate(parsed / 1000);
  }

  /** A byte count for people (B, KB, MB). */
  function bytes(value) {
    if (value === undefined || value === null) return "—";
    if (value < 1024) return `${value} B`;
    if (value < 1024 * 1024) return `${(value / 1024).toFixed(1)} KB`;
    return `${(value / 1024 / 1024).toFixed(1)} MB`;
  }

  // ---------------------------------------------------------------- functions

  /** /lambda: every function (ListFunctions) in a table, or how to create one. */
  async function functionsPage(app) {
    setCrumbs({ label: "Lambda functions" });
    document.title = "Lambda functions · Stratus console";
    const { functions, truncated } = await api("/lambda/functions");
    const rows = functions.map((fn) => h("tr", { "data-name": fn.FunctionName },
      h("td", {}, h("a", { href: functionURL(fn.FunctionName) }, fn.FunctionName)),
      h("td", {}, fn.Runtime || fn.PackageType || "—"),
      h("td", {}, orDash(fn.Handler)),
      h("td", {}, megabytes(fn.MemorySize)),
      h("td", {}, seconds(fn.Timeout)),
      h("td", {}, lastModified(fn.LastModified)),
      h("td", {}, fn.State ? badge(fn.State) : "—")));
    app.replaceChildren(
      h("div", { class: "page-head" }, h("h1", {}, "Lambda functions"),
        h("span", { class: "muted" }, `${functions.length}${truncated ? "+" : ""} in this account and region`)),
      functions.length === 0
        ? h("div", { class: "panel empty", id: "lambda-functions-empty" }, h("p", {}, "No functions yet."),
          h("p", { class: "muted" }, "Create one with ", h("code", {}, "aws lambda create-function"),
            " (a zip of your handler, e.g. ", h("code", {}, "--runtime python3.12 --handler app.handler --zip-file fileb://app.zip"), ")."))
        : h("table", { class: "table", id: "lambda-functions" },
          h("thead", {}, h("tr", {}, ["Name", "Runtime", "Handler", "Memory", "Timeout", "Last modified", "State"]
            .map((title) => h("th", {}, title)))),
          h("tbody", {}, rows)));
    ready("lambda-functions");
  }

  // ---------------------------------------------------------------- one function

  /** The function's facts; `code.Location` (a same-origin path) becomes a download link. */
  function factsOf(configuration, code) {
    const layers = configuration.Layers || [];
    return h("dl", { class: "facts", id: "lambda-facts" },
      field("ARN", h("span", { class: "arn" }, configuration.FunctionArn)),
      field("Runtime", configuration.Runtime || configuration.PackageType || "—"),
      field("Handler", orDash(configuration.Handler)),
      field("Role", orDash(configuration.Role)),
      field("Memory", megabytes(configuration.MemorySize)),
      field("Timeout", seconds(configuration.Timeout)),
      field("State", configuration.State ? badge(configuration.State) : "—"),
      field("Last update status", orDash(configuration.LastUpdateStatus)),
      field("Last modified", lastModified(configuration.LastModified)),
      field("Code size", h("span", {}, bytes(configuration.CodeSize),
        code && code.Location ? [" · ", h("a", { href: code.Location, id: "lambda-code-download" }, "Download .zip")] : null)),
      field("SHA-256", h("span", { class: "arn" }, orDash(configuration.CodeSha256))),
      field("Architectures", (configuration.Architectures || []).join(", ") || "—"),
      field("Layers", layers.length === 0 ? "None"
        : h("ul", { class: "lambda-layers" }, layers.map((layer) => h("li", { class: "arn" }, layer.Arn)))));
  }

  /** The environment variables, sorted by name. */
  function environmentPanel(configuration) {
    const variables = Object.entries((configuration.Environment && configuration.Environment.Variables) || {})
      .sort(([a], [b]) => a.localeCompare(b));
    return h("section", { class: "panel" }, h("h2", {}, "Environment variables"),
      variables.length === 0 ? h("p", { class: "muted", id: "lambda-environment-empty" }, "None.")
        : h("table", { class: "table", id: "lambda-environment" },
          h("thead", {}, h("tr", {}, h("th", {}, "Name"), h("th", {}, "Value"))),
          h("tbody", {}, variables.map(([name, value]) => h("tr", { "data-name": name },
            h("td", {}, h("code", {}, name)), h("td", {}, h("code", {}, value)))))));
  }

  /** The aliases with their version and routing weights. */
  function aliasesPanel(aliases, truncated) {
    return h("section", { class: "panel" }, h("h2", {}, "Aliases ", h("span", { class: "muted" }, `${aliases.length}${truncated ? "+" : ""}`)),
      aliases.length === 0 ? h("p", { class: "muted", id: "lambda-aliases-empty" }, "No aliases.")
        : h("table", { class: "table", id: "lambda-aliases" },
          h("thead", {}, h("tr", {}, h("th", {}, "Name"), h("th", {}, "Version"), h("th", {}, "Routing"), h("th", {}, "Description"))),
          h("tbody", {}, aliases.map((alias) => {
            const weights = Object.entries((alias.RoutingConfig && alias.RoutingConfig.AdditionalVersionWeights) || {});
            return h("tr", { "data-name": alias.Name },
              h("td", {}, alias.Name),
              h("td", {}, orDash(alias.FunctionVersion)),
              h("td", {}, weights.length === 0 ? "—" : weights.map(([version, weight]) => `${version}: ${Math.round(weight * 100)}%`).join(", ")),
              h("td", {}, orDash(alias.Description)));
          }))));
  }

  /** The versions ($LATEST first) with their code hash. */
  function versionsPanel(versions, truncated) {
    return h("section", { class: "panel" }, h("h2", {}, "Versions ", h("span", { class: "muted" }, `${versions.length}${truncated ? "+" : ""}`)),
      h("table", { class: "table", id: "lambda-versions" },
        h("thead", {}, h("tr", {}, h("th", {}, "Version"), h("th", {}, "Last modified"), h("th", {}, "SHA-256"), h("th", {}, "Description"))),
        h("tbody", {}, versions.map((version) => h("tr", { "data-version": version.Version },
          h("td", {}, version.Version),
          h("td", {}, lastModified(version.LastModified)),
          h("td", { class: "arn" }, orDash(version.CodeSha256)),
          h("td", {}, orDash(version.Description)))))));
  }

  /** The console page of an event source (an SQS queue, a DynamoDB table's stream), or undefined. */
  function sourceLink(arn, queueURLs) {
    const parts = String(arn || "").split(":");
    if (parts[2] === "sqs" && queueURLs.has(arn)) return `${BASE}/sqs/queue?url=${q(queueURLs.get(arn))}`;
    if (parts[2] === "dynamodb") {
      const table = (parts[5] || "").split("/")[1];
      if (table) return `${BASE}/dynamodb/table?name=${q(table)}`;
    }
    return undefined;
  }

  /** What invokes the function: its event source mappings (source, state, batch size) and its function URL. */
  function triggersPanel(mappings, url, queueURLs) {
    const rows = mappings.map((mapping) => {
      const href = sourceLink(mapping.EventSourceArn, queueURLs);
      return h("tr", { "data-uuid": mapping.UUID },
        h("td", { class: "arn" }, href ? h("a", { href }, mapping.EventSourceArn) : orDash(mapping.EventSourceArn)),
        h("td", {}, orDash(mapping.State)),
        h("td", {}, orDash(mapping.BatchSize)),
        h("td", {}, mapping.MaximumBatchingWindowInSeconds ? `${mapping.MaximumBatchingWindowInSeconds} s` : "—"));
    });
    return h("section", { class: "panel" }, h("h2", {}, "Triggers"),
      url ? h("p", { id: "lambda-url" }, "Function URL ", h("code", {}, url.FunctionUrl),
        h("span", { class: "muted" }, ` (auth ${url.AuthType})`)) : null,
      mappings.length === 0 ? h("p", { class: "muted", id: "lambda-triggers-empty" }, "No event source mappings.")
        : h("table", { class: "table", id: "lambda-triggers" },
          h("thead", {}, h("tr", {}, h("th", {}, "Event source"), h("th", {}, "State"), h("th", {}, "Batch size"),
            h("th", {}, "Batching window"))),
          h("tbody", {}, rows)));
  }

  /** The admin logs endpoint's answer for `name` with `query` (`tail=N`, or `since=<cursor>&wait=<seconds>`):
   *  `{"events": [...] oldest first, "next": <cursor>}`. */
  async function logsOf(name, query) {
    const response = await fetch(withRegion(`${LOGS_PATH}?function=${q(name)}&${query}`), { cache: "no-store" });
    let answer;
    try {
      answer = await response.json();
    } catch (error) {
      throw new ApiError(response.status, "InvalidResponse", `The logs endpoint answered ${response.status}.`);
    }
    if (!response.ok) throw new ApiError(response.status, answer.code || "Error", answer.error || "");
    return answer;
  }

  /** The log events, oldest first (newest last). */
  function logsList(events) {
    if (events.length === 0) return h("p", { class: "muted", id: "lambda-logs-empty" }, "No logs yet: invoke the function.");
    return h("div", { class: "lambda-logs", id: "lambda-logs" }, events.map((event) => h("div", {
      class: "lambda-log", "data-request-id": event.requestId,
    },
    h("div", { class: "lambda-log-head muted" }, formatDate(event.timestamp / 1000), " · ", event.requestId,
      event.version ? ` · ${event.version}` : ""),
    h("pre", { class: "lambda-log-message" }, event.message))));
  }

  /** The Invoke form: refuses a payload that is not JSON without calling the server; shows the answer, then calls onInvoked. */
  function invokeForm(name, onInvoked) {
    const message = h("p", { class: "form-message", role: "status", id: "lambda-invoke-message" });
    const payload = h("textarea", { name: "payload", id: "lambda-payload", rows: 6, spellcheck: "false" });
    payload.value = "{}";
    const qualifier = h("input", { type: "text", name: "qualifier", id: "lambda-qualifier", placeholder: "$LATEST",
      autocomplete: "off", spellcheck: "false" });
    const result = h("div", { id: "lambda-invoke-result" });
    const submit = h("button", { type: "submit", class: "primary" }, "Invoke");
    const form = h("form", { class: "panel start-form", id: "lambda-invoke" },
      h("h2", {}, "Invoke"),
      h("label", { for: "lambda-payload" }, "Payload (JSON)"), payload,
      h("label", { for: "lambda-qualifier" }, "Version or alias"), qualifier,
      h("div", { class: "form-actions" }, submit, message),
      result);
    onSubmit(form, submit, message, {
      busy: "Invoking…",
      check: () => jsonProblem(payload.value, "payload"),
      action: async () => {
        const answer = await api("/lambda/invoke",
          { functionName: name, payload: payload.value, qualifier: qualifier.value.trim() || undefined });
        message.textContent = "";
        fill(result,
          h("dl", { class: "facts lambda-invoke-facts" },
            field("Status", h("span", { id: "lambda-invoke-status" }, String(answer.statusCode))),
            field("Version", h("span", { id: "lambda-invoke-version" }, orDash(answer.executedVersion))),
            answer.functionError
              ? field("Function error", h("span", { class: "error-text", id: "lambda-invoke-error" }, answer.functionError))
              : null),
          h("h4", {}, "Response"), h("pre", { class: "json", id: "lambda-invoke-payload" }, pretty(answer.payload)),
          h("h4", {}, "Log tail"), h("pre", { class: "json lambda-log-message", id: "lambda-invoke-log" }, answer.log || ""));
        document.body.dataset.invoked = String(Number(document.body.dataset.invoked || 0) + 1);
        await onInvoked();
      },
    });
    return form;
  }

  /** /lambda/function?name=: facts, environment, aliases, versions, tags, the Invoke form and the recent logs. */
  async function functionPage(app, parameters) {
    const name = parameters.get("name");
    if (!name) throw new ApiError(400, "ValidationException", "The page needs ?name=<function name>.");
    const fn = await api(`/lambda/function?name=${q(name)}`);
    const configuration = fn.Configuration || {};
    const functionName = configuration.FunctionName || name;
    document.title = `${functionName} · Lambda · Stratus console`;
    setCrumbs({ label: "Lambda functions", href: `${BASE}/lambda` }, { label: functionName });
    const logs = h("div", { id: "lambda-logs-panel" });
    // The newest LOG_TAIL events, then followed live: each answer that waits for newer logs (the endpoint's `wait`,
    // no polling) adds them, until the page is left.
    let shown = [];
    let cursor;
    const show = (events) => {
      shown = shown.concat(events).slice(-LOG_TAIL);
      logs.replaceChildren(logsList(shown));
      document.body.dataset.logEvents = String(shown.length);
    };
    const refreshLogs = async () => {
      try {
        const answer = await logsOf(functionName, `tail=${LOG_TAIL}`);
        shown = [];
        cursor = answer.next;
        show(answer.events);
      } catch (error) {
        logs.replaceChildren(h("p", { class: "error-text", id: "lambda-logs-error" }, error.message));
      }
    };
    const follow = async () => {
      for (;;) {
        try {
          const answer = await logsOf(functionName, `since=${cursor}&wait=${LOG_WAIT_SECONDS}`);
          // An invoke from the form may have refreshed the list meanwhile: only events after what is shown count.
          const last = shown.length > 0 ? shown[shown.length - 1].ingestionTime : -Infinity;
          const fresh = answer.events.filter((event) => event.ingestionTime > last);
          cursor = Math.max(cursor, answer.next);
          if (fresh.length > 0) show(fresh);
        } catch (error) {
          await new Promise((resolve) => setTimeout(resolve, 5000));
        }
      }
    };
    const tags = Object.entries(fn.Tags || {}).sort(([a], [b]) => a.localeCompare(b));
    const mappings = fn.eventSourceMappings || [];
    const linksQueues = mappings.some((mapping) => String(mapping.EventSourceArn || "").split(":")[2] === "sqs");
    const queueURLs = linksQueues ? await queueURLsByArn() : new Map();
    app.replaceChildren(
      h("div", { class: "page-head" }, h("h1", {}, functionName),
        configuration.State ? badge(configuration.State) : null,
        fn.Concurrency && fn.Concurrency.ReservedConcurrentExecutions !== undefined
          ? h("span", { class: "muted" }, `reserved concurrency ${fn.Concurrency.ReservedConcurrentExecutions}`) : null),
      factsOf(configuration, fn.Code),
      h("div", { class: "columns" },
        h("div", {},
          environmentPanel(configuration),
          triggersPanel(mappings, fn.url, queueURLs),
          aliasesPanel(fn.aliases || [], fn.aliasesTruncated),
          versionsPanel(fn.versions || [], fn.versionsTruncated),
          tags.length === 0 ? null : h("section", { class: "panel" }, h("h2", {}, "Tags"),
            h("dl", { class: "facts", id: "lambda-tags" }, tags.flatMap(([key, value]) => field(key, value))))),
        invokeForm(functionName, refreshLogs)),
      h("section", { class: "panel" },
        h("h2", {}, "Recent logs ", h("span", { class: "muted" }, `the last ${LOG_TAIL}, newest last, followed live`)), logs));
    await refreshLogs();
    ready("lambda-function");
    if (cursor !== undefined) follow();
  }

  Console.register("/lambda", (app) => functionsPage(app));
  Console.register("/lambda/function", functionPage);
})();
