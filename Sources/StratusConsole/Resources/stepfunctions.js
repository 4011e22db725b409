// Stratus console: the Step Functions pages — state machines, a state machine (or one of its versions) with its
// versions, aliases, executions and start form, and an execution followed live with its Map Runs and redrive.
(() => {
  "use strict";
  const { BASE, POLL_MS, ApiError, register, h, fill, api, q, formatDate, formatDuration, pretty, badge, field,
    codeBlock, setCrumbs, showError, ready, onSubmit, jsonProblem } = Console;

  const machineURL = (arn) => `${BASE}/state-machine?arn=${q(arn)}`;
  const executionURL = (arn) => `${BASE}/execution?arn=${q(arn)}`;
  const STATUSES = ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE"];
  const REDRIVABLE = ["FAILED", "TIMED_OUT", "ABORTED"];
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  /** The definition JSON of a DescribeStateMachine answer, or an empty machine when it does not parse. */
  function parseDefinition(text) {
    try {
      return JSON.parse(text);
    } catch (error) {
      return { States: {} };
    }
  }

  /** "3" for `arn:…:stateMachine:m:3` (a version ARN), else undefined. */
  function versionNumber(arn) {
    const last = String(arn || "").split(":")[7];
    return last !== undefined && /^\d+$/.test(last) ? last : undefined;
  }

  /** The unqualified state machine ARN of a machine, version or alias ARN. */
  const unqualified = (arn) => String(arn).split(":").slice(0, 7).join(":");

  /** What started an execution: "Version 3", "Alias live (version 3)", or "" for the unqualified machine. */
  function startedWith(item) {
    if (item.stateMachineAliasArn) {
      const version = versionNumber(item.stateMachineVersionArn);
      return `Alias ${item.stateMachineAliasArn.split(":")[7]}${version ? ` (version ${version})` : ""}`;
    }
    return item.stateMachineVersionArn ? `Version ${versionNumber(item.stateMachineVersionArn)}` : "";
  }

  /** Every Map state of `states` (and of states nested in Parallel branches and Map processors), with its name. */
  function mapStates(states, found = []) {
    for (const [name, state] of Object.entries(states || {})) {
      if (state.Type === "Map") {
        found.push({ name, state });
        mapStates((state.ItemProcessor || state.Iterator || {}).States, found);
      }
      for (const branch of state.Branches || []) mapStates(branch.States, found);
    }
    return found;
  }

  /**
   * StratusStatuses.derive for a history that may hold redrives: each `ExecutionRedriven` starts a new run of the
   * execution, whose states supersede what the earlier run left of them (a Task that failed and succeeded on the
   * redrive is succeeded, not caught); states a redrive did not run again keep their earlier status.
   */
  function deriveStatuses(events, executionStatus) {
    const runs = [[]];
    for (const event of events) {
      if (event.type === "ExecutionRedriven") runs.push([]);
      runs[runs.length - 1].push(event);
    }
    if (runs.length === 1) return StratusStatuses.derive(events, executionStatus);
    const states = new Map();
    const eventStates = new Map();
    runs.forEach((run, i) => {
      // A run before the last redrive ended unsuccessfully; the first event of a later run continues none of its states.
      const first = i > 0 ? [{ ...run[0], previousEventId: undefined }] : [run[0]];
      const derived = StratusStatuses.derive([...first, ...run.slice(1)], i < runs.length - 1 ? "FAILED" : executionStatus);
      for (const [name, info] of derived.states) {
        const earlier = states.get(name);
        states.set(name, earlier ? { ...info, count: earlier.count + info.count } : info);
      }
      for (const [id, name] of derived.eventStates) eventStates.set(id, name);
    });
    return { states, eventStates };
  }

  /** The Map state that started each Map Run of a history: mapRunArn → state name (its MapRunStarted event's state). */
  function mapRunStates(events) {
    const { eventStates } = deriveStatuses(events, "RUNNING");
    return new Map(events.filter((event) => event.type === "MapRunStarted")
      .map((event) => [event.mapRunStartedEventDetails?.mapRunArn, eventStates.get(event.id)]));
  }

  const isDistributed = ({ state }) => (state.ItemProcessor?.ProcessorConfig?.Mode || "") === "DISTRIBUTED";

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

  /** A redrive count cell: "—" when never redriven, else the count with the last redrive's date on hover. */
  function redrivesCell(item) {
    if (!item.redriveCount) return h("td", { class: "muted" }, "—");
    return h("td", { class: "sfn-redrives", title: `Last redriven ${formatDate(item.redriveDate)}` }, String(item.redriveCount));
  }

  function executionsTable(executions, { id = "executions", empty = "No executions yet.", items = false } = {}) {
    if (executions.length === 0) return h("p", { class: "muted", id: `${id}-empty` }, empty);
    return h("table", { class: "table", id },
      h("thead", {}, h("tr", {}, h("th", {}, "Name"), h("th", {}, "Status"), h("th", {}, "Started"),
        h("th", {}, "Stopped"), h("th", {}, "Duration"), items ? null : h("th", {}, "Started with"),
        items ? h("th", {}, "Items") : h("th", {}, "Redrives"))),
      h("tbody", {}, executions.map((execution) => h("tr", { "data-arn": execution.executionArn },
        h("td", {}, h("a", { href: executionURL(execution.executionArn) }, execution.name)),
        h("td", {}, badge(execution.status)),
        h("td", {}, formatDate(execution.startDate)),
        h("td", {}, formatDate(execution.stopDate)),
        h("td", {}, formatDuration(execution.startDate, execution.stopDate)),
        items ? null : h("td", { class: "sfn-started-with" }, startedWith(execution)),
        items ? h("td", {}, String(execution.itemCount ?? "—")) : redrivesCell(execution)))));
  }

  /** The start form; `targets` are the [label, ARN] the execution may be started with (the machine, versions, aliases). */
  function startForm(targets) {
    const message = h("p", { class: "form-message", role: "status" });
    const target = h("select", { id: "execution-target", name: "target" },
      targets.map(([label, arn]) => h("option", { value: arn }, label)));
    const name = h("input", { type: "text", name: "name", id: "execution-name", placeholder: "generated when empty",
      autocomplete: "off", spellcheck: "false" });
    const input = h("textarea", { name: "input", id: "execution-input", rows: 6, spellcheck: "false" });
    input.value = "{}";
    const submit = h("button", { type: "submit", class: "primary" }, "Start execution");
    const form = h("form", { class: "panel start-form", id: "start-execution" },
      h("h2", {}, "Start execution"),
      h("label", { for: "execution-target" }, "Run"), target,
      h("label", { for: "execution-name" }, "Name"), name,
      h("label", { for: "execution-input" }, "Input (JSON)"), input,
      h("div", { class: "form-actions" }, submit, message));
    onSubmit(form, submit, message, {
      busy: "Starting…",
      check: () => jsonProblem(input.value, "input"),
      action: async () => {
        const started = await api("/executions", { stateMachineArn: target.value, name: name.value.trim(), input: input.value });
        location.href = executionURL(started.executionArn);
      },
    });
    return form;
  }

  function versionsPanel(versions, truncated) {
    return h("section", { class: "panel", id: "versions-panel" },
      h("h2", {}, "Versions ", h("span", { class: "muted" }, `${versions.length}${truncated ? "+" : ""}`)),
      versions.length === 0
        ? h("p", { class: "muted", id: "versions-empty" }, "No published versions (",
          h("code", {}, "aws stepfunctions publish-state-machine-version"), ").")
        : h("table", { class: "table", id: "versions" },
          h("thead", {}, h("tr", {}, h("th", {}, "Version"), h("th", {}, "Created"), h("th", {}, "ARN"))),
          h("tbody", {}, versions.map((version) => h("tr", { "data-arn": version.stateMachineVersionArn },
            h("td", {}, h("a", { href: machineURL(version.stateMachineVersionArn) },
              `Version ${versionNumber(version.stateMachineVersionArn)}`)),
            h("td", {}, formatDate(version.creationDate)),
            h("td", { class: "arn" }, version.stateMachineVersionArn))))));
  }

  function aliasesPanel(aliases, truncated) {
    return h("section", { class: "panel", id: "aliases-panel" },
      h("h2", {}, "Aliases ", h("span", { class: "muted" }, `${aliases.length}${truncated ? "+" : ""}`)),
      aliases.length === 0
        ? h("p", { class: "muted", id: "aliases-empty" }, "No aliases (",
          h("code", {}, "aws stepfunctions create-state-machine-alias"), ").")
        : h("table", { class: "table", id: "aliases" },
          h("thead", {}, h("tr", {}, h("th", {}, "Name"), h("th", {}, "Routing"), h("th", {}, "Description"),
            h("th", {}, "Created"), h("th", {}, "Updated"))),
          h("tbody", {}, aliases.map((alias) => h("tr", { "data-arn": alias.stateMachineAliasArn },
            h("td", {}, alias.name),
            h("td", {}, h("ul", { class: "sfn-routing" }, (alias.routingConfiguration || []).map((route) =>
              h("li", { "data-version-arn": route.stateMachineVersionArn },
                h("a", { href: machineURL(route.stateMachineVersionArn) }, `Version ${versionNumber(route.stateMachineVersionArn)}`),
                ` — ${route.weight}%`)))),
            h("td", {}, alias.description || ""),
            h("td", {}, formatDate(alias.creationDate)),
            h("td", {}, formatDate(alias.updateDate)))))));
  }

  async function machinePage(app, arn) {
    if (!arn) throw new ApiError(400, "ValidationException", "The page needs ?arn=<state machine ARN>.");
    const machine = await api(`/state-machine?arn=${q(arn)}`);
    const version = versionNumber(machine.stateMachineArn);
    const machineArn = unqualified(machine.stateMachineArn);
    const title = version ? `${machine.name}:${version}` : machine.name;
    document.title = `${title} · Stratus console`;
    setCrumbs(...[{ label: "State machines", href: BASE }, version ? { label: machine.name, href: machineURL(machineArn) } : null,
      { label: version ? `Version ${version}` : machine.name }].filter(Boolean));
    const definition = parseDefinition(machine.definition);
    const [versions, aliases] = version ? [null, null] : await Promise.all([
      api(`/state-machine/versions?arn=${q(machineArn)}`), api(`/state-machine/aliases?arn=${q(machineArn)}`)]);
    const targets = version ? [[`Version ${version}`, machine.stateMachineArn]] : [
      ["Latest (unqualified ARN)", machineArn],
      ...versions.versions.map((item) => [`Version ${versionNumber(item.stateMachineVersionArn)}`, item.stateMachineVersionArn]),
      ...aliases.aliases.map((alias) => [`Alias ${alias.name}`, alias.stateMachineAliasArn])];
    const graph = h("div", { class: "graph-scroll", id: "graph" });
    const executions = h("div", { id: "executions-panel" });
    const filter = h("select", { id: "status-filter", "aria-label": "Status" },
      h("option", { value: "" }, "All statuses"), STATUSES.map((status) => h("option", { value: status }, status)));
    app.replaceChildren(
      h("div", { class: "page-head" }, h("h1", {}, title), badge(machine.type || "VERSION"),
        version ? h("span", { class: "badge sfn-version-badge" }, `version ${version}`) : null,
        machine.status && machine.status !== "ACTIVE" ? badge(machine.status) : null),
      h("dl", { class: "facts" },
        field("ARN", h("span", { class: "arn" }, machine.stateMachineArn)),
        version ? field("Version of", h("a", { href: machineURL(machineArn) }, machine.name)) : null,
        machine.description ? field("Description", machine.description) : null,
        field("Created", formatDate(machine.creationDate)),
        field("Role", machine.roleArn || "—"),
        field("Query language", definition.QueryLanguage || "JSONPath"),
        resourcesField(StratusResources.ofDefinition(definition))),
      h("div", { class: "columns" },
        h("section", { class: "panel graph-panel" }, h("h2", {}, "Definition"), graph,
          h("details", {}, h("summary", {}, "Definition JSON"), h("pre", { class: "json" }, pretty(machine.definition)))),
        startForm(targets)),
      version ? null : h("div", { class: "sfn-columns" }, versionsPanel(versions.versions, versions.truncated),
        aliasesPanel(aliases.aliases, aliases.truncated)),
      h("section", { class: "panel" }, h("div", { class: "sfn-panel-head" }, h("h2", {}, "Executions"), filter), executions));
    StratusGraph.draw(definition, graph);
    let generation = 0;
    const refresh = async () => {
      const mine = ++generation;
      const status = filter.value;
      try {
        const list = await api(`/executions?stateMachineArn=${q(machine.stateMachineArn)}${status ? `&status=${status}` : ""}`);
        if (mine !== generation) return true;
        executions.replaceChildren(executionsTable(list.executions,
          { empty: status ? `No ${status} executions.` : "No executions yet." }));
        executions.dataset.filter = status;
        return list.executions.some((execution) => execution.status === "RUNNING");
      } catch (error) {
        executions.replaceChildren(h("p", { class: "error-text" }, error.message));
        return false;
      }
    };
    let running = await refresh();
    let following = false;
    // Keep the list current while executions run (of the statuses shown).
    const follow = async () => {
      following = true;
      while (running) {
        await sleep(2 * POLL_MS);
        running = await refresh();
      }
      following = false;
    };
    filter.addEventListener("change", async () => {
      running = await refresh();
      if (running && !following) follow();
    });
    ready("state-machine");
    await follow();
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
      return h("div", {}, h("h3", {}, name), resources, h("p", { class: "muted" }, "This state has not run in this execution."));
    }
    return h("div", {},
      h("h3", {}, name, " ", badge(info.status.toUpperCase())), resources,
      info.count > 1 ? h("p", { class: "muted" }, `Entered ${info.count} times; the latest is shown.`) : null,
      info.error ? h("p", { class: "error-text" }, `${info.error}${info.cause ? ": " + info.cause : ""}`) : null,
      h("h4", {}, "Input"), h("pre", { class: "json" }, pretty(info.input)),
      h("h4", {}, "Output"), info.output !== undefined ? h("pre", { class: "json" }, pretty(info.output))
        : h("p", { class: "muted" }, "None yet"));
  }

  /**
   * What an execution ran: `{ definition, machine, parent?, mapRun? }`. A Map Run's child execution runs the Map's
   * ItemProcessor: its state machine ARN is `<machine>/<label>`, so the definition is the Map state with that label
   * (or, without a Label, that name) in the definition the parent execution ran with.
   */
  async function executedDefinition(execution) {
    if (!execution.mapRunArn) {
      const machine = await api(`/state-machine?arn=${q(execution.stateMachineVersionArn || execution.stateMachineArn)}`);
      return { definition: parseDefinition(machine.definition), machine };
    }
    const mapRun = await api(`/map-run?arn=${q(execution.mapRunArn)}`);
    const parent = await api(`/execution?arn=${q(mapRun.executionArn)}`);
    const machine = await api(`/state-machine?arn=${q(parent.stateMachineVersionArn || parent.stateMachineArn)}`);
    const label = execution.stateMachineArn.slice(execution.stateMachineArn.lastIndexOf("/") + 1);
    const distributed = mapStates(parseDefinition(machine.definition).States).filter(isDistributed);
    // The Map with that Label; without a Label the service names the Map Run itself, so the parent's history says
    // which Map state started it.
    let map = distributed.find((found) => found.state.Label === label);
    if (!map) {
      const { events } = await api(`/execution/history?arn=${q(parent.executionArn)}`);
      const name = mapRunStates(events).get(execution.mapRunArn);
      map = distributed.find((found) => found.name === name);
    }
    const processor = map ? map.state.ItemProcessor : { States: {} };
    return { definition: { QueryLanguage: parseDefinition(machine.definition).QueryLanguage, ...processor }, machine, parent, mapRun };
  }

  function countsTable(run) {
    const columns = [["pending", "Pending"], ["running", "Running"], ["succeeded", "Succeeded"], ["failed", "Failed"],
      ["timedOut", "Timed out"], ["aborted", "Aborted"], ["total", "Total"], ["resultsWritten", "Results written"]];
    const row = (label, counts, kind) => h("tr", { "data-counts": kind }, h("th", {}, label),
      columns.map(([key]) => h("td", { "data-count": key }, String((counts || {})[key] ?? 0))));
    return h("table", { class: "table sfn-counts" },
      h("thead", {}, h("tr", {}, h("th", {}, ""), columns.map(([, label]) => h("th", {}, label)))),
      h("tbody", {}, row("Items", run.itemCounts, "items"), row("Child executions", run.executionCounts, "executions")));
  }

  /** The Label fact of a Distributed Map state, or nothing when it has none. */
  function labelField(found) {
    return found && found.state.Label ? field("Label", found.state.Label) : null;
  }

  /** The Map Runs of an execution, each with its settings, counts and child executions. */
  async function mapRunsSection(executionArn, stateNames, definition) {
    const { mapRuns, truncated } = await api(`/map-runs?executionArn=${q(executionArn)}`);
    const children = await Promise.all(mapRuns.map((run) => api(`/executions?mapRunArn=${q(run.mapRunArn)}`)));
    return h("section", { class: "panel", id: "map-runs" },
      h("h2", {}, "Map Runs ", h("span", { class: "muted" }, `${mapRuns.length}${truncated ? "+" : ""}`)),
      mapRuns.length === 0 ? h("p", { class: "muted", id: "map-runs-empty" }, "No Map Run has started yet.") : null,
      mapRuns.map((run, i) => h("div", { class: "sfn-map-run", "data-arn": run.mapRunArn },
        h("h3", {}, stateNames.get(run.mapRunArn) || "Map", " ", badge(run.status)),
        h("dl", { class: "facts" },
          labelField(mapStates(definition.States).find((found) => found.name === stateNames.get(run.mapRunArn))),
          field("Map Run ARN", h("span", { class: "arn" }, run.mapRunArn)),
          field("Started", formatDate(run.startDate)),
          field("Stopped", formatDate(run.stopDate)),
          field("Max concurrency", run.maxConcurrency ? String(run.maxConcurrency) : "unlimited"),
          field("Tolerated failures", `count ${run.toleratedFailureCount ?? 0} · percentage ${run.toleratedFailurePercentage ?? 0}%`),
          run.redriveCount ? field("Redrives", `${run.redriveCount} (last ${formatDate(run.redriveDate)})`) : null),
        countsTable(run),
        h("h4", {}, "Child executions ", h("span", { class: "muted" },
          `${children[i].executions.length}${children[i].truncated ? "+" : ""}`)),
        executionsTable(children[i].executions, { id: `children-${i}`, empty: "No child execution has started yet.", items: true }))));
  }

  async function executionPage(app, arn) {
    if (!arn) throw new ApiError(400, "ValidationException", "The page needs ?arn=<execution ARN>.");
    let execution = await api(`/execution?arn=${q(arn)}`);
    const { definition, machine, parent, mapRun } = await executedDefinition(execution);
    const isChild = Boolean(execution.mapRunArn);
    const machineArn = unqualified(machine.stateMachineArn);
    const hasMapRuns = !isChild && mapStates(definition.States).some(isDistributed);
    document.title = `${execution.name} · Stratus console`;
    setCrumbs(...[{ label: "State machines", href: BASE }, { label: machine.name, href: machineURL(machineArn) },
      parent ? { label: parent.name, href: executionURL(parent.executionArn) } : null,
      parent ? { label: execution.stateMachineArn.split("/").pop() } : null, { label: execution.name }].filter(Boolean));

    const head = h("div", { class: "page-head" });
    const facts = h("dl", { class: "facts" });
    const graph = h("div", { class: "graph-scroll", id: "graph" });
    const selected = h("aside", { class: "panel selected", id: "selected-state" },
      h("p", { class: "muted" }, "Select a state to see its input and output."));
    const data = h("div", { class: "columns three", id: "execution-data" });
    const runs = h("div", { id: "map-runs-panel" });
    const history = h("section", { class: "panel" }, h("h2", {}, "Event history"));
    const redriveMessage = h("p", { class: "form-message", id: "redrive-message", role: "status" });
    app.replaceChildren(head, redriveMessage, facts,
      h("div", { class: "columns" }, h("section", { class: "panel graph-panel" },
        h("h2", {}, isChild ? "Graph (the Map's item processor)" : "Graph"), legend(), graph), selected),
      data, runs, history);

    let statuses = new Map();
    let selectedName;
    const select = (name) => {
      selectedName = name;
      selected.replaceChildren(selectedPanel(name, statuses, definition));
      graph.querySelectorAll("g.node.selected").forEach((g) => g.classList.remove("selected"));
      graph.querySelectorAll("g.node").forEach((g) => { if (g.getAttribute("data-state") === name) g.classList.add("selected"); });
    };
    const svg = StratusGraph.draw(definition, graph, { statuses, onSelect: select });

    let following = false;
    const redrive = async (event) => {
      event.target.disabled = true;
      redriveMessage.className = "form-message";
      redriveMessage.textContent = "Redriving…";
      try {
        const answer = await api("/execution/redrive", { executionArn: execution.executionArn });
        redriveMessage.textContent = `Redriven at ${formatDate(answer.redriveDate)}.`;
        execution = await api(`/execution?arn=${q(arn)}`);
        await load();
        if (!following) follow();
      } catch (error) {
        event.target.disabled = false;
        redriveMessage.className = "form-message error-text";
        redriveMessage.textContent = error.message;
      }
    };

    const render = (events, truncated) => {
      const derived = deriveStatuses(events, execution.status);
      statuses = derived.states;
      StratusGraph.paint(svg, statuses);
      if (selectedName) select(selectedName);
      const running = execution.status === "RUNNING";
      const stop = running && !isChild
        ? h("button", { type: "button", class: "danger", id: "stop-execution", onclick: async (event) => {
          event.target.disabled = true;
          try {
            await api("/execution/stop", { executionArn: execution.executionArn });
          } catch (error) {
            event.target.disabled = false;
            alert(error.message);
          }
        } }, "Stop execution") : null;
      const redriveButton = REDRIVABLE.includes(execution.status) && !isChild
        ? h("button", { type: "button", id: "redrive-execution", onclick: redrive,
          title: execution.redriveStatusReason || "Run the execution again from where it stopped" }, "Redrive") : null;
      fill(head, h("h1", {}, execution.name),
        h("span", { id: "execution-status" }, badge(execution.status)),
        running ? h("span", { class: "live", title: "Refreshing every second" }, "live") : null, stop, redriveButton);
      facts.replaceChildren(
        ...field("Execution ARN", h("span", { class: "arn" }, execution.executionArn)),
        ...field("State machine", h("a", { href: machineURL(machineArn) }, machine.name)),
        ...(execution.stateMachineVersionArn ? field("Version", h("a", { href: machineURL(execution.stateMachineVersionArn) },
          `Version ${versionNumber(execution.stateMachineVersionArn)}`)) : []),
        ...(execution.stateMachineAliasArn ? field("Alias", execution.stateMachineAliasArn.split(":")[7]) : []),
        ...(parent ? field("Parent execution", h("a", { href: executionURL(parent.executionArn) }, parent.name)) : []),
        ...(mapRun ? field("Map Run", h("span", { class: "arn" }, mapRun.mapRunArn)) : []),
        ...field("Started", formatDate(execution.startDate)),
        ...field("Stopped", formatDate(execution.stopDate)),
        ...field("Duration", formatDuration(execution.startDate, execution.stopDate)),
        ...(isChild ? [] : field("Redrives", h("span", { id: "redrive-facts" }, `${execution.redriveCount ?? 0}`,
          execution.redriveDate ? ` (last ${formatDate(execution.redriveDate)})` : "",
          execution.redriveStatus ? [" · ", h("span", { id: "redrive-status" }, execution.redriveStatus)] : "",
          execution.redriveStatusReason ? h("span", { class: "muted" }, ` — ${execution.redriveStatusReason}`) : ""))));
      const failure = execution.error || execution.cause
        ? h("section", { class: "panel code-panel failure", id: "execution-error" }, h("h3", {}, "Error"),
          h("p", { class: "error-text" }, execution.error || ""), execution.cause ? h("pre", { class: "json" }, pretty(execution.cause)) : null)
        : codeBlock("Error", "", "failure");
      data.replaceChildren(codeBlock("Input", execution.input, "input"), codeBlock("Output", execution.output, "output"), failure);
      history.replaceChildren(h("h2", {}, "Event history ", h("span", { class: "muted" }, `${events.length}${truncated ? "+" : ""} events`)),
        historyTable(events, derived.eventStates, execution.startDate));
      document.body.dataset.executionStatus = execution.status;
    };

    const load = async () => {
      // A Map Run's child execution has its own history, like any execution.
      const answer = await api(`/execution/history?arn=${q(arn)}`);
      render(answer.events, answer.truncated);
      if (hasMapRuns) runs.replaceChildren(await mapRunsSection(arn, mapRunStates(answer.events), definition));
    };
    // Live: while the execution runs, ask again every second until it ends.
    const follow = async () => {
      following = true;
      while (execution.status === "RUNNING") {
        await sleep(POLL_MS);
        try {
          execution = await api(`/execution?arn=${q(arn)}`);
          await load();
        } catch (error) {
          showError(data, error);
          break;
        }
      }
      following = false;
    };
    await load();
    ready("execution");
    await follow();
  }

  register("", (app) => listPage(app));
  register("/state-machine", (app, parameters) => machinePage(app, parameters.get("arn")));
  register("/execution", (app, parameters) => executionPage(app, parameters.get("arn")));
})();
