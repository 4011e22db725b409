// Stratus console: the pages. Every page is the same HTML document; this script reads the URL, asks the console API
// (/_stratus/console/api, answered by the Step Functions operations in-process) and draws the page. No libraries.
"use strict";

const Console = (() => {
  const BASE = "/_stratus/console";
  const API = BASE + "/api";
  const POLL_MS = 1000;

  // ---------------------------------------------------------------- helpers

  /** Creates an element; `attributes` may hold `class`, `on<event>` handlers and plain attributes. */
  function h(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key.startsWith("on") && typeof value === "function") element.addEventListener(key.slice(2), value);
      else element.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === undefined || child === null || child === false) continue;
      element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return element;
  }

  /** Replaces the children of `element` with `children`, skipping empty ones. */
  function fill(element, ...children) {
    element.replaceChildren(...children.flat().filter((child) => child !== undefined && child !== null && child !== false));
  }

  class ApiError extends Error {
    constructor(status, code, message) {
      super(`${code}: ${message}`);
      this.status = status;
      this.code = code;
    }
  }

  async function api(path, body) {
    const options = body === undefined ? { cache: "no-store" }
      : { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
    const response = await fetch(API + path, options);
    let answer;
    try {
      answer = await response.json();
    } catch (error) {
      throw new ApiError(response.status, "InvalidResponse", `The console API answered ${response.status}.`);
    }
    if (!response.ok) throw new ApiError(response.status, answer.error || "Error", answer.message || "");
    return answer;
  }

  const q = (value) => encodeURIComponent(value);
  const machineURL = (arn) => `${BASE}/state-machine?arn=${q(arn)}`;
  const executionURL = (arn) => `${BASE}/execution?arn=${q(arn)}`;

  function formatDate(seconds) {
    if (seconds === undefined || seconds === null) return "—";
    const date = new Date(seconds * 1000);
    const pad = (n, w = 2) => String(n).padStart(w, "0");
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
      `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
  }

  function formatDuration(start, stop) {
    if (start === undefined || stop === undefined) return "—";
    const ms = Math.round((stop - start) * 1000);
    return ms < 1000 ? `${ms} ms` : ms < 60000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.floor(ms / 60000)} min ${Math.round((ms % 60000) / 1000)} s`;
  }

  /** JSON text pretty-printed, or as it is when it is not JSON. */
  function pretty(text) {
    if (text === undefined || text === null) return "";
    try {
      return JSON.stringify(JSON.parse(text), null, 2);
    } catch (error) {
      return String(text);
    }
  }

  function badge(status) {
    return h("span", { class: `badge badge-${String(status).toLowerCase()}` }, status);
  }

  function field(label, value) {
    return [h("dt", {}, label), h("dd", {}, value)];
  }

  function codeBlock(title, text, kind) {
    return h("section", { class: `panel code-panel ${kind || ""}` },
      h("h3", {}, title), text ? h("pre", { class: "json" }, pretty(text)) : h("p", { class: "muted" }, "None"));
  }

  /** The problem with `text` as JSON, naming it `what` ("input", "payload"), or undefined when it parses. */
  function jsonProblem(text, what) {
    try {
      JSON.parse(text);
      return undefined;
    } catch (error) {
      return `The ${what} is not JSON: ${error.message}`;
    }
  }

  /**
   * Runs `action` when `form` is submitted. `check()` may answer a problem, which is shown in `message` and stops the
   * submission; while `action` runs, `submit` is disabled and `message` says `busy`; an error it throws is shown in
   * `message`.
   */
  function onSubmit(form, submit, message, { busy, check, action }) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      message.className = "form-message";
      const problem = check ? check() : undefined;
      if (problem) {
        message.className = "form-message error-text";
        message.textContent = problem;
        return;
      }
      submit.disabled = true;
      message.textContent = busy;
      try {
        await action();
      } catch (error) {
        message.className = "form-message error-text";
        message.textContent = error.message;
      } finally {
        submit.disabled = false;
      }
    });
  }

  function setCrumbs(...items) {
    const nav = document.getElementById("breadcrumbs");
    fill(nav, items.flatMap((item, i) => [
      i > 0 ? h("span", { class: "sep" }, "/") : null,
      item.href ? h("a", { href: item.href }, item.label) : h("span", {}, item.label),
    ]));
  }

  function showError(target, error) {
    target.replaceChildren(h("div", { class: "error", role: "alert" }, error.message || String(error)));
  }

  function ready(page) {
    document.body.dataset.page = page;
    document.body.dataset.ready = "true";
  }

  // ---------------------------------------------------------------- state machines

  async function listPage(app) {
    setCrumbs({ label: "State machines" });
    document.title = "State machines · Stratus console";
    const { stateMachines, truncated } = await api("/state-machines");
    const rows = stateMachines.map((machine) => h("tr", { "data-arn": machine.stateMachineArn },
      h("td", {}, h("a", { href: machineURL(machine.stateMachineArn) }, machine.name)),
      h("td", {}, machine.type),
      h("td", {}, formatDate(machine.creationDate)),
      h("td", { class: "arn" }, machine.stateMachineArn)));
    app.replaceChildren(
      h("div", { class: "page-head" }, h("h1", {}, "State machines"),
        h("span", { class: "muted" }, `${stateMachines.length}${truncated ? "+" : ""} in this account and region`)),
      stateMachines.length === 0
        ? h("div", { class: "panel empty" }, h("p", {}, "No state machines yet."),
          h("p", { class: "muted" }, "Create one with ", h("code", {}, "aws stepfunctions create-state-machine"),
            " or ", h("code", {}, "stratus sfn start flow.asl.json"), "."))
        : h("table", { class: "table", id: "state-machines" },
          h("thead", {}, h("tr", {}, h("th", {}, "Name"), h("th", {}, "Type"), h("th", {}, "Created"), h("th", {}, "ARN"))),
          h("tbody", {}, rows)));
    ready("state-machines");
  }

  function executionsTable(executions) {
    if (executions.length === 0) return h("p", { class: "muted", id: "executions-empty" }, "No executions yet.");
    return h("table", { class: "table", id: "executions" },
      h("thead", {}, h("tr", {}, h("th", {}, "Name"), h("th", {}, "Status"), h("th", {}, "Started"),
        h("th", {}, "Stopped"), h("th", {}, "Duration"))),
      h("tbody", {}, executions.map((execution) => h("tr", { "data-arn": execution.executionArn },
        h("td", {}, h("a", { href: executionURL(execution.executionArn) }, execution.name)),
        h("td", {}, badge(execution.status)),
        h("td", {}, formatDate(execution.startDate)),
        h("td", {}, formatDate(execution.stopDate)),
        h("td", {}, formatDuration(execution.startDate, execution.stopDate))))));
  }

  function startForm(arn) {
    const message = h("p", { class: "form-message", role: "status" });
    const name = h("input", { type: "text", name: "name", id: "execution-name", placeholder: "generated when empty",
      autocomplete: "off", spellcheck: "false" });
    const input = h("textarea", { name: "input", id: "execution-input", rows: 6, spellcheck: "false" });
    input.value = "{}";
    const submit = h("button", { type: "submit", class: "primary" }, "Start execution");
    const form = h("form", { class: "panel start-form", id: "start-execution" },
      h("h2", {}, "Start execution"),
      h("label", { for: "execution-name" }, "Name"), name,
      h("label", { for: "execution-input" }, "Input (JSON)"), input,
      h("div", { class: "form-actions" }, submit, message));
    onSubmit(form, submit, message, {
      busy: "Starting…",
      check: () => jsonProblem(input.value, "input"),
      action: async () => {
        const started = await api("/executions", { stateMachineArn: arn, name: name.value.trim(), input: input.value });
        location.href = executionURL(started.executionArn);
      },
    });
    return form;
  }

  async function machinePage(app, arn) {
    if (!arn) throw new ApiError(400, "ValidationException", "The page needs ?arn=<state machine ARN>.");
    const machine = await api(`/state-machine?arn=${q(arn)}`);
    document.title = `${machine.name} · Stratus console`;
    setCrumbs({ label: "State machines", href: BASE }, { label: machine.name });
    let definition;
    try {
      definition = JSON.parse(machine.definition);
    } catch (error) {
      definition = { States: {} };
    }
    const graph = h("div", { class: "graph-scroll", id: "graph" });
    const executions = h("div", { id: "executions-panel" });
    app.replaceChildren(
      h("div", { class: "page-head" }, h("h1", {}, machine.name), badge(machine.type),
        machine.status && machine.status !== "ACTIVE" ? badge(machine.status) : null),
      h("dl", { class: "facts" },
        field("ARN", h("span", { class: "arn" }, machine.stateMachineArn)),
        field("Created", formatDate(machine.creationDate)),
        field("Role", machine.roleArn || "—"),
        field("Query language", definition.QueryLanguage || "JSONPath"),
        resourcesField(StratusResources.ofDefinition(definition))),
      h("div", { class: "columns" },
        h("section", { class: "panel graph-panel" }, h("h2", {}, "Definition"), graph,
          h("details", {}, h("summary", {}, "Definition JSON"), h("pre", { class: "json" }, pretty(machine.definition)))),
        startForm(machine.stateMachineArn)),
      h("section", { class: "panel" }, h("h2", {}, "Executions"), executions));
    StratusGraph.draw(definition, graph);
    const refresh = async () => {
      try {
        const list = await api(`/executions?stateMachineArn=${q(machine.stateMachineArn)}`);
        executions.replaceChildren(executionsTable(list.executions));
        return list.executions.some((execution) => execution.status === "RUNNING");
      } catch (error) {
        executions.replaceChildren(h("p", { class: "error-text" }, error.message));
        return false;
      }
    };
    let running = await refresh();
    ready("state-machine");
    // Keep the list current while executions run.
    while (running) {
      await new Promise((resolve) => setTimeout(resolve, 2 * POLL_MS));
      running = await refresh();
    }
  }

  // ---------------------------------------------------------------- execution

  function historyTable(events, names, startSeconds) {
    return h("table", { class: "table history", id: "history" },
      h("thead", {}, h("tr", {}, h("th", {}, "ID"), h("th", {}, "Type"), h("th", {}, "State"),
        h("th", {}, "Elapsed"), h("th", {}, "Time"), h("th", {}, "Details"))),
      h("tbody", {}, events.map((event) => {
        const details = StratusStatuses.detailsOf(event);
        const type = event.type || "";
        const kind = /(Failed|TimedOut|Aborted)$/.test(type) ? "event-failed"
          : /Succeeded$/.test(type) ? "event-succeeded" : "";
        return h("tr", { "data-event-id": event.id, "data-type": type, class: kind },
          h("td", {}, String(event.id)),
          h("td", {}, type),
          h("td", {}, names.get(event.id) || ""),
          h("td", {}, formatDuration(startSeconds, event.timestamp)),
          h("td", {}, formatDate(event.timestamp)),
          h("td", {}, details ? h("details", {}, h("summary", {}, summary(details)),
            h("pre", { class: "json" }, JSON.stringify(details, null, 2))) : ""));
      })));
  }

  function summary(details) {
    if (details.error) return `${details.error}${details.cause ? ": " + String(details.cause).slice(0, 80) : ""}`;
    if (details.resourceType) return `${details.resourceType}:${details.resource || ""}`;
    if (details.resource) return details.resource;
    return Object.keys(details).join(", ");
  }

  function legend() {
    return h("div", { class: "legend" }, ["succeeded", "running", "caught", "failed", "aborted", "not-run"].map((status) =>
      h("span", { class: `legend-item status-${status}` }, h("i", {}), status.replace("-", " "))));
  }

  /** A facts entry linking to the console pages of `resources` (StratusResources), or nothing when there are none. */
  function resourcesField(resources) {
    if (resources.length === 0) return null;
    return field("Uses", h("ul", { class: "resource-links" }, resources.map((resource) =>
      h("li", { "data-service": resource.service },
        h("span", { class: "muted" }, `${resource.label} `), h("a", { href: resource.href }, resource.name)))));
  }

  function selectedPanel(name, statuses, definition) {
    const info = statuses.get(name);
    const uses = resourcesField(StratusResources.ofState(StratusResources.findState(definition, name)));
    const resources = uses ? h("dl", { class: "facts" }, uses) : null;
    if (!info) {
      return h("div", {}, h("h3", {}, name), resources,
        h("p", { class: "muted" }, "This state has not run in this execution."));
    }
    return h("div", {},
      h("h3", {}, name, " ", badge(info.status.toUpperCase())), resources,
      info.count > 1 ? h("p", { class: "muted" }, `Entered ${info.count} times; the latest is shown.`) : null,
      info.error ? h("p", { class: "error-text" }, `${info.error}${info.cause ? ": " + info.cause : ""}`) : null,
      h("h4", {}, "Input"), h("pre", { class: "json" }, pretty(info.input)),
      h("h4", {}, "Output"), info.output !== undefined ? h("pre", { class: "json" }, pretty(info.output))
        : h("p", { class: "muted" }, "None yet"));
  }

  async function executionPage(app, arn) {
    if (!arn) throw new ApiError(400, "ValidationException", "The page needs ?arn=<execution ARN>.");
    let execution = await api(`/execution?arn=${q(arn)}`);
    const machine = await api(`/state-machine?arn=${q(execution.stateMachineArn)}`);
    let definition;
    try {
      definition = JSON.parse(machine.definition);
    } catch (error) {
      definition = { States: {} };
    }
    document.title = `${execution.name} · Stratus console`;
    setCrumbs({ label: "State machines", href: BASE }, { label: machine.name, href: machineURL(machine.stateMachineArn) },
      { label: execution.name });

    const head = h("div", { class: "page-head" });
    const facts = h("dl", { class: "facts" });
    const graph = h("div", { class: "graph-scroll", id: "graph" });
    const selected = h("aside", { class: "panel selected", id: "selected-state" },
      h("p", { class: "muted" }, "Select a state to see its input and output."));
    const data = h("div", { class: "columns three", id: "execution-data" });
    const history = h("section", { class: "panel" }, h("h2", {}, "Event history"));
    app.replaceChildren(head, facts,
      h("div", { class: "columns" }, h("section", { class: "panel graph-panel" }, h("h2", {}, "Graph"), legend(), graph), selected),
      data, history);

    let statuses = new Map();
    let selectedName;
    const select = (name) => {
      selectedName = name;
      selected.replaceChildren(selectedPanel(name, statuses, definition));
      graph.querySelectorAll("g.node.selected").forEach((g) => g.classList.remove("selected"));
      graph.querySelectorAll("g.node").forEach((g) => { if (g.getAttribute("data-state") === name) g.classList.add("selected"); });
    };
    const svg = StratusGraph.draw(definition, graph, { statuses, onSelect: select });

    const render = (events, truncated) => {
      const derived = StratusStatuses.derive(events, execution.status);
      statuses = derived.states;
      StratusGraph.paint(svg, statuses);
      if (selectedName) select(selectedName);
      const stop = execution.status === "RUNNING"
        ? h("button", { type: "button", class: "danger", id: "stop-execution", onclick: async (event) => {
          event.target.disabled = true;
          try {
            await api("/execution/stop", { executionArn: execution.executionArn });
          } catch (error) {
            event.target.disabled = false;
            alert(error.message);
          }
        } }, "Stop execution") : null;
      fill(head, h("h1", {}, execution.name),
        h("span", { id: "execution-status" }, badge(execution.status)),
        execution.status === "RUNNING" ? h("span", { class: "live", title: "Refreshing every second" }, "live") : null, stop);
      facts.replaceChildren(
        ...field("Execution ARN", h("span", { class: "arn" }, execution.executionArn)),
        ...field("State machine", h("a", { href: machineURL(machine.stateMachineArn) }, machine.name)),
        ...field("Started", formatDate(execution.startDate)),
        ...field("Stopped", formatDate(execution.stopDate)),
        ...field("Duration", formatDuration(execution.startDate, execution.stopDate)));
      const failure = execution.error || execution.cause
        ? h("section", { class: "panel code-panel failure", id: "execution-error" }, h("h3", {}, "Error"),
          h("p", { class: "error-text" }, execution.error || ""), execution.cause ? h("pre", { class: "json" }, pretty(execution.cause)) : null)
        : codeBlock("Error", "", "failure");
      data.replaceChildren(codeBlock("Input", execution.input, "input"), codeBlock("Output", execution.output, "output"), failure);
      const names = derived.eventStates;
      history.replaceChildren(h("h2", {}, "Event history ", h("span", { class: "muted" }, `${events.length}${truncated ? "+" : ""} events`)),
        historyTable(events, names, execution.startDate));
      document.body.dataset.executionStatus = execution.status;
    };

    const load = async () => {
      const { events, truncated } = await api(`/execution/history?arn=${q(arn)}`);
      render(events, truncated);
    };
    await load();
    ready("execution");
    // Live: while the execution runs, ask again every second until it ends.
    while (execution.status === "RUNNING") {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      try {
        execution = await api(`/execution?arn=${q(arn)}`);
        await load();
      } catch (error) {
        showError(data, error);
        break;
      }
    }
  }

  // ---------------------------------------------------------------- routing

  // Page path below BASE → async (app, parameters) drawing it. The service scripts (lambda.js, dynamodb.js, sqs.js,
  // s3.js), loaded after this one, add theirs with Console.register before the document is ready.
  const pages = new Map([
    ["", (app) => listPage(app)],
    ["/state-machine", (app, parameters) => machinePage(app, parameters.get("arn"))],
    ["/execution", (app, parameters) => executionPage(app, parameters.get("arn"))],
  ]);

  /** Adds the page at `path` (below /_stratus/console); `draw(app, parameters)` draws it and calls `ready`. */
  function register(path, draw) {
    pages.set(path, draw);
  }

  /** Marks the services bar's entry of the page at `path` as the current one. */
  function markService(path) {
    const service = path === "" || path === "/state-machine" || path === "/execution" ? "states" : path.split("/")[1];
    for (const link of document.querySelectorAll("#services a")) {
      if (link.dataset.service === service) link.setAttribute("aria-current", "page");
    }
  }

  async function start() {
    const app = document.getElementById("app");
    const path = location.pathname.replace(/\/+$/, "").slice(BASE.length);
    const parameters = new URLSearchParams(location.search);
    markService(path);
    try {
      const draw = pages.get(path);
      if (!draw) throw new ApiError(404, "NotFound", `No console page at ${location.pathname}`);
      await draw(app, parameters);
    } catch (error) {
      showError(app, error);
      document.body.dataset.page = "error";
      document.body.dataset.ready = "true";
    }
  }

  return {
    BASE, POLL_MS, ApiError, start, register, h, fill, api, q, formatDate, formatDuration, pretty, badge, field, codeBlock,
    setCrumbs, showError, ready, onSubmit, jsonProblem,
  };
})();

document.addEventListener("DOMContentLoaded", Console.start);
