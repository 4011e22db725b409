// Stratus console: the EventBridge pages (registered with Console.register; drawn from the console API under /_stratus/console/api/events).
// /events lists the event buses; /events/bus?name= shows a bus, its rules and a Put event form; /events/rule?bus=&name=
// shows a rule's pattern or schedule and its targets (Lambda, SQS, SNS and Step Functions targets linked).
(() => {
  "use strict";

  const { BASE, ApiError, h, fill, api, q, field, formatDate, setCrumbs, ready, onSubmit, jsonProblem, codeBlock, queueURLsByArn } = Console;

  const busURL = (name) => `${BASE}/events/bus?name=${q(name)}`;
  const ruleURL = (bus, name) => `${BASE}/events/rule?bus=${q(bus)}&name=${q(name)}`;

  /** `text` as compact JSON, or as it is when it is not JSON. */
  function compact(text) {
    try {
      return JSON.stringify(JSON.parse(text));
    } catch (error) {
      return String(text);
    }
  }

  /** The rule's state as a badge (ENABLED, DISABLED…). */
  function stateBadge(state) {
    return h("span", { class: `badge events-state-${String(state || "unknown").toLowerCase()}` }, state || "—");
  }

  /** The console page of the resource `arn` names (Lambda function, SQS queue with a known URL, SNS topic, state machine). */
  function consoleURL(arn, queueURLs) {
    const parts = String(arn).split(":");
    if (parts[0] !== "arn") return undefined;
    switch (parts[2]) {
      case "lambda": return parts[5] === "function" && parts[6] ? `${BASE}/lambda/function?name=${q(parts[6])}` : undefined;
      case "sqs": return queueURLs.has(arn) ? `${BASE}/sqs/queue?url=${q(queueURLs.get(arn))}` : undefined;
      case "sns": return `${BASE}/sns/topic?arn=${q(arn)}`;
      case "states": return parts[5] === "stateMachine" ? `${BASE}/state-machine?arn=${q(arn)}` : undefined;
      default: return undefined;
    }
  }

  /** `arn` as a link to its console page when it has one, else as text. */
  function arnLink(arn, queueURLs) {
    const url = consoleURL(arn, queueURLs);
    return url ? h("a", { href: url, class: "arn" }, arn) : h("span", { class: "arn" }, arn);
  }

  // ---------------------------------------------------------------- buses

  /** /events: every event bus (ListEventBuses): name, ARN, description. */
  async function busesPage(app) {
    setCrumbs({ label: "Event buses" });
    document.title = "Event buses · Stratus console";
    const { buses, truncated } = await api("/events/buses");
    app.replaceChildren(
      h("div", { class: "page-head" }, h("h1", {}, "Event buses"),
        h("span", { class: "muted" }, `${buses.length}${truncated ? "+" : ""} in this account and region`)),
      h("table", { class: "table", id: "events-buses" },
        h("thead", {}, h("tr", {}, ["Name", "ARN", "Description"].map((title) => h("th", {}, title)))),
        h("tbody", {}, buses.map((bus) => h("tr", { "data-name": bus.Name },
          h("td", {}, h("a", { href: busURL(bus.Name) }, bus.Name)),
          h("td", { class: "arn" }, bus.Arn),
          h("td", {}, bus.Description || "—"))))),
      h("p", { class: "muted" }, "Create a bus with ", h("code", {}, "aws events create-event-bus --name my-bus"),
        ", a rule with ", h("code", {}, "aws events put-rule"), "."));
    ready("events-buses");
  }

  // ---------------------------------------------------------------- one bus

  /** The rules table: name (linked), state, pattern (compact) or schedule, target count. */
  function rulesPanel(busName, rules, truncated) {
    return h("section", { class: "panel" }, h("h2", {}, "Rules"),
      rules.length === 0 ? h("p", { class: "muted", id: "events-rules-empty" }, "No rules on this bus.")
        : h("table", { class: "table", id: "events-rules" },
          h("thead", {}, h("tr", {}, ["Name", "State", "Event pattern or schedule", "Targets"].map((title) => h("th", {}, title)))),
          h("tbody", {}, rules.map((rule) => h("tr", { "data-name": rule.Name },
            h("td", {}, h("a", { href: ruleURL(busName, rule.Name) }, rule.Name)),
            h("td", {}, stateBadge(rule.State)),
            h("td", { class: "events-pattern" }, rule.EventPattern ? h("code", {}, compact(rule.EventPattern))
              : rule.ScheduleExpression ? h("code", { class: "events-schedule" }, rule.ScheduleExpression) : "—"),
            h("td", { class: "events-target-count" }, String((rule.targets || []).length)))))),
      truncated ? h("p", { class: "muted" }, `Only the first ${rules.length} rules are shown.`) : null);
  }

  /** The Put event form (source, detail type, detail JSON); refuses a detail that is not JSON without sending it. */
  function putEventForm(busName) {
    const message = h("p", { class: "form-message", role: "status", id: "events-put-message" });
    const source = h("input", { type: "text", name: "source", id: "events-source", autocomplete: "off", spellcheck: "false",
      placeholder: "my.app" });
    const detailType = h("input", { type: "text", name: "detailType", id: "events-detail-type", autocomplete: "off",
      placeholder: "Something Happened" });
    const detail = h("textarea", { name: "detail", id: "events-detail", rows: 6, spellcheck: "false" });
    detail.value = "{}";
    const submit = h("button", { type: "submit", class: "primary" }, "Put event");
    const form = h("form", { class: "panel start-form", id: "events-put" },
      h("h2", {}, "Put event"),
      h("label", { for: "events-source" }, "Source"), source,
      h("label", { for: "events-detail-type" }, "Detail type"), detailType,
      h("label", { for: "events-detail" }, "Detail (JSON)"), detail,
      h("div", { class: "form-actions" }, submit, message));
    onSubmit(form, submit, message, {
      busy: "Sending…",
      check: () => (!source.value.trim() ? "The source is required."
        : !detailType.value.trim() ? "The detail type is required." : jsonProblem(detail.value, "detail")),
      action: async () => {
        const answer = await api("/events/put-events", {
          bus: busName, source: source.value.trim(), detailType: detailType.value.trim(), detail: detail.value,
        });
        const entry = (answer.Entries || [])[0] || {};
        message.textContent = "";
        if (entry.EventId) {
          message.append("Sent event ", h("code", { id: "events-event-id" }, entry.EventId), ".");
        } else {
          message.className = "form-message error-text";
          message.append(h("span", { id: "events-entry-error" }, `${entry.ErrorCode || "Failed"}: ${entry.ErrorMessage || ""}`));
        }
        document.body.dataset.put = String(Number(document.body.dataset.put || 0) + 1);
      },
    });
    return form;
  }

  /** /events/bus?name=: facts, rules and the Put event form. */
  async function busPage(app, parameters) {
    const name = parameters.get("name");
    if (!name) throw new ApiError(400, "ValidationException", "The page needs ?name=<event bus name>.");
    const { bus, rules, truncated } = await api(`/events/bus?name=${q(name)}`);
    document.title = `${bus.Name} · EventBridge · Stratus console`;
    setCrumbs({ label: "Event buses", href: `${BASE}/events` }, { label: bus.Name });
    fill(app,
      h("div", { class: "page-head" }, h("h1", {}, bus.Name)),
      h("dl", { class: "facts", id: "events-bus-facts" },
        field("ARN", h("span", { class: "arn" }, bus.Arn)),
        field("Description", bus.Description || "—"),
        field("Created", formatDate(bus.CreationTime)),
        field("Last modified", formatDate(bus.LastModifiedTime)),
        field("Dead-letter queue", bus.DeadLetterConfig && bus.DeadLetterConfig.Arn ? h("span", { class: "arn" }, bus.DeadLetterConfig.Arn) : "—")),
      h("div", { class: "columns" }, rulesPanel(bus.Name, rules, truncated), putEventForm(bus.Name)),
      bus.Policy ? codeBlock("Resource policy", bus.Policy) : null);
    ready("events-bus");
  }

  // ---------------------------------------------------------------- one rule

  /** What the target is sent: constant input, an input path, an input transformer, or the whole event. */
  function inputOf(target) {
    if (target.Input !== undefined) return h("span", {}, h("span", { class: "muted" }, "Input "), h("code", {}, target.Input));
    if (target.InputPath !== undefined) return h("span", {}, h("span", { class: "muted" }, "Path "), h("code", {}, target.InputPath));
    if (target.InputTransformer) {
      const transformer = target.InputTransformer;
      return h("span", { class: "events-transformer" }, h("span", { class: "muted" }, "Transformer "),
        transformer.InputPathsMap ? h("code", {}, JSON.stringify(transformer.InputPathsMap)) : null, " → ",
        h("code", {}, transformer.InputTemplate));
    }
    return h("span", { class: "muted" }, "the matched event");
  }

  /** The retry policy as "N attempts, M s", or "—". */
  function retryOf(policy) {
    if (!policy) return "—";
    const parts = [];
    if (policy.MaximumRetryAttempts !== undefined) parts.push(`${policy.MaximumRetryAttempts} retries`);
    if (policy.MaximumEventAgeInSeconds !== undefined) parts.push(`max age ${policy.MaximumEventAgeInSeconds} s`);
    return parts.length ? parts.join(", ") : "—";
  }

  /** The targets table: id, ARN (linked), input, dead-letter queue, retry policy. */
  function targetsPanel(targets, queueURLs) {
    return h("section", { class: "panel" }, h("h2", {}, "Targets"),
      targets.length === 0 ? h("p", { class: "muted", id: "events-targets-empty" }, "No targets.")
        : h("table", { class: "table", id: "events-targets" },
          h("thead", {}, h("tr", {}, ["ID", "ARN", "Input", "Dead-letter queue", "Retry policy"].map((title) => h("th", {}, title)))),
          h("tbody", {}, targets.map((target) => h("tr", { "data-id": target.Id },
            h("td", {}, target.Id),
            h("td", { class: "events-target-arn" }, arnLink(target.Arn, queueURLs)),
            h("td", { class: "events-input" }, inputOf(target)),
            h("td", { class: "events-dead-letter" }, target.DeadLetterConfig && target.DeadLetterConfig.Arn
              ? arnLink(target.DeadLetterConfig.Arn, queueURLs) : "—"),
            h("td", { class: "events-retry" }, retryOf(target.RetryPolicy)))))));
  }

  /** The rule's tags (`[{Key, Value}]`). */
  function tagsPanel(tags) {
    return h("section", { class: "panel" }, h("h2", {}, "Tags"),
      tags.length === 0 ? h("p", { class: "muted", id: "events-tags-empty" }, "No tags.")
        : h("table", { class: "table", id: "events-tags" },
          h("thead", {}, h("tr", {}, h("th", {}, "Key"), h("th", {}, "Value"))),
          h("tbody", {}, tags.map((tag) => h("tr", { "data-key": tag.Key }, h("td", {}, tag.Key), h("td", {}, tag.Value))))));
  }

  /** /events/rule?bus=&name=: facts, the pattern pretty-printed, targets and tags. */
  async function rulePage(app, parameters) {
    const name = parameters.get("name");
    const busName = parameters.get("bus") || "default";
    if (!name) throw new ApiError(400, "ValidationException", "The page needs ?bus=<event bus>&name=<rule name>.");
    const { rule, targets, tags } = await api(`/events/rule?bus=${q(busName)}&name=${q(name)}`);
    const linked = [...targets.map((target) => target.Arn),
      ...targets.map((target) => target.DeadLetterConfig && target.DeadLetterConfig.Arn)];
    const queueURLs = linked.some((arn) => String(arn).startsWith("arn:aws:sqs:")) ? await queueURLsByArn() : new Map();
    const bus = rule.EventBusName || busName;
    document.title = `${rule.Name} · EventBridge · Stratus console`;
    setCrumbs({ label: "Event buses", href: `${BASE}/events` }, { label: bus, href: busURL(bus) }, { label: rule.Name });
    const pattern = h("div", { id: "events-pattern" }, codeBlock("Event pattern", rule.EventPattern));
    fill(app,
      h("div", { class: "page-head" }, h("h1", {}, rule.Name), stateBadge(rule.State)),
      h("dl", { class: "facts", id: "events-rule-facts" },
        field("ARN", h("span", { class: "arn" }, rule.Arn)),
        field("Event bus", h("a", { href: busURL(bus) }, bus)),
        field("State", rule.State || "—"),
        field("Description", rule.Description || "—"),
        field("Schedule", rule.ScheduleExpression ? h("code", { id: "events-schedule" }, rule.ScheduleExpression) : "—"),
        field("Role", rule.RoleArn ? h("span", { class: "arn" }, rule.RoleArn) : "—"),
        rule.ManagedBy ? field("Managed by", rule.ManagedBy) : null),
      rule.EventPattern ? pattern : null,
      targetsPanel(targets, queueURLs),
      tagsPanel(tags || []));
    ready("events-rule");
  }

  Console.register("/events", (app) => busesPage(app));
  Console.register("/events/bus", busPage);
  Console.register("/events/rule", rulePage);
})();
