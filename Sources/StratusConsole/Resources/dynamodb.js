// Stratus console: the DynamoDB pages (registered with Console.register; drawn from the console API under
// /_stratus/console/api/dynamodb). /dynamodb lists the tables; /dynamodb/table?name= shows one table's facts, its
// secondary indexes and its items, a page at a time (Scan, or Query of one partition).
(() => {
  "use strict";
  const { BASE, ApiError, register, h, fill, api, q, formatDate, badge, field, setCrumbs, ready } = Console;

  const PAGE_SIZE = 50;
  const tableURL = (name) => `${BASE}/dynamodb/table?name=${q(name)}`;

  // ---------------------------------------------------------------- values

  /** The attribute name of the key of `type` ("HASH" or "RANGE") in `schema`, or undefined. */
  function keyName(schema, type) {
    const element = (schema || []).find((key) => key.KeyType === type);
    return element ? element.AttributeName : undefined;
  }

  /** "name (S)": a key attribute with its type from the table's AttributeDefinitions; "—" when there is none. */
  function keyLabel(table, name) {
    if (!name) return "—";
    const definition = (table.AttributeDefinitions || []).find((attribute) => attribute.AttributeName === name);
    return definition ? `${name} (${definition.AttributeType})` : name;
  }

  /** The type (S, N, B, SS, NS, BS, M, L, NULL, BOOL) and payload of a DynamoDB JSON attribute value. */
  function typed(value) {
    const [type, payload] = Object.entries(value || {})[0] || ["", undefined];
    return { type, payload };
  }

  /** Compact JSON text of an attribute value's plain value: numbers as their text, binaries as base64 strings. */
  function compactJSON(value) {
    const { type, payload } = typed(value);
    switch (type) {
      case "S": case "B": return JSON.stringify(payload);
      case "N": return String(payload);
      case "BOOL": return payload ? "true" : "false";
      case "NULL": return "null";
      case "SS": case "BS": return `[${payload.map((element) => JSON.stringify(element)).join(",")}]`;
      case "NS": return `[${payload.join(",")}]`;
      case "L": return `[${payload.map(compactJSON).join(",")}]`;
      case "M": return `{${Object.entries(payload).map(([name, member]) => `${JSON.stringify(name)}:${compactJSON(member)}`).join(",")}}`;
      default: return JSON.stringify(value);
    }
  }

  /** What a grid cell shows for an attribute value: S as text, N as the number text, BOOL, NULL, B as base64, sets
   *  as [...], M and L as compact JSON. */
  function cellText(value) {
    const { type, payload } = typed(value);
    if (type === "S" || type === "B" || type === "N") return String(payload);
    return compactJSON(value);
  }

  // ---------------------------------------------------------------- tables

  /** /dynamodb: every table (name, status, keys, item count, size, billing mode), or how to create one. */
  async function tablesPage(app) {
    setCrumbs({ label: "DynamoDB" });
    document.title = "DynamoDB tables · Stratus console";
    const { tables, truncated } = await api("/dynamodb/tables");
    const rows = tables.map((table) => h("tr", { "data-name": table.TableName },
      h("td", {}, h("a", { href: tableURL(table.TableName) }, table.TableName)),
      h("td", {}, badge(table.TableStatus || "—")),
      h("td", {}, keyLabel(table, keyName(table.KeySchema, "HASH"))),
      h("td", {}, keyLabel(table, keyName(table.KeySchema, "RANGE"))),
      h("td", { class: "dynamodb-number" }, String(table.ItemCount ?? "—")),
      h("td", { class: "dynamodb-number" }, String(table.TableSizeBytes ?? "—")),
      h("td", {}, billingMode(table))));
    app.replaceChildren(
      h("div", { class: "page-head" }, h("h1", {}, "Tables"),
        h("span", { class: "muted" }, `${tables.length}${truncated ? "+" : ""} in this account and region`)),
      tables.length === 0
        ? h("div", { class: "panel empty", id: "dynamodb-empty" }, h("p", {}, "No tables yet."),
          h("p", { class: "muted" }, "Create one with ", h("code", {}, "aws dynamodb create-table"), "."))
        : h("table", { class: "table", id: "dynamodb-tables" },
          h("thead", {}, h("tr", {}, h("th", {}, "Name"), h("th", {}, "Status"), h("th", {}, "Partition key"),
            h("th", {}, "Sort key"), h("th", {}, "Items"), h("th", {}, "Size (bytes)"), h("th", {}, "Billing mode"))),
          h("tbody", {}, rows)));
    ready("dynamodb-tables");
  }

  /** PAY_PER_REQUEST or PROVISIONED (a table without a BillingModeSummary is provisioned). */
  function billingMode(table) {
    return (table.BillingModeSummary && table.BillingModeSummary.BillingMode) || "PROVISIONED";
  }

  // ---------------------------------------------------------------- one table

  /** The billing mode, with the read and write capacity units of a provisioned table. */
  function throughput(table) {
    const mode = billingMode(table);
    const provisioned = table.ProvisionedThroughput;
    if (mode !== "PROVISIONED" || !provisioned) return mode;
    return `${mode} (read ${provisioned.ReadCapacityUnits ?? 0}, write ${provisioned.WriteCapacityUnits ?? 0} units)`;
  }

  /** "Disabled", or "Enabled (view type)" with the latest stream ARN. */
  function streamText(table) {
    const stream = table.StreamSpecification;
    if (!stream || !stream.StreamEnabled) return "Disabled";
    return `Enabled (${stream.StreamViewType || "—"})${table.LatestStreamArn ? " · " + table.LatestStreamArn : ""}`;
  }

  /** DescribeTimeToLive's status, with the attribute when there is one ("ENABLED on expires"). */
  function timeToLiveText(timeToLive) {
    const status = (timeToLive && timeToLive.TimeToLiveStatus) || "DISABLED";
    return timeToLive && timeToLive.AttributeName ? `${status} on ${timeToLive.AttributeName}` : status;
  }

  /** The table's GSIs and LSIs as one list of {IndexName, kind, KeySchema, Projection, status}; an LSI, which has no
   *  status of its own, has the table's. */
  function indexesOf(table) {
    return [
      ...(table.GlobalSecondaryIndexes || []).map((index) => ({ ...index, kind: "Global", status: index.IndexStatus })),
      ...(table.LocalSecondaryIndexes || []).map((index) => ({ ...index, kind: "Local", status: table.TableStatus })),
    ];
  }

  /** The projection type, with its non-key attributes for INCLUDE. */
  function projectionText(projection) {
    if (!projection) return "—";
    const type = projection.ProjectionType || "—";
    return projection.NonKeyAttributes && projection.NonKeyAttributes.length
      ? `${type}: ${projection.NonKeyAttributes.join(", ")}` : type;
  }

  /** The secondary indexes table (name, kind, keys, projection, status), or a note that there are none. */
  function indexesPanel(table) {
    const indexes = indexesOf(table);
    return h("section", { class: "panel" }, h("h2", {}, "Secondary indexes"),
      indexes.length === 0 ? h("p", { class: "muted", id: "dynamodb-indexes-empty" }, "No secondary indexes.")
        : h("table", { class: "table", id: "dynamodb-indexes" },
          h("thead", {}, h("tr", {}, h("th", {}, "Name"), h("th", {}, "Kind"), h("th", {}, "Partition key"),
            h("th", {}, "Sort key"), h("th", {}, "Projection"), h("th", {}, "Status"))),
          h("tbody", {}, indexes.map((index) => h("tr", { "data-index": index.IndexName },
            h("td", {}, index.IndexName), h("td", {}, index.kind),
            h("td", {}, keyLabel(table, keyName(index.KeySchema, "HASH"))),
            h("td", {}, keyLabel(table, keyName(index.KeySchema, "RANGE"))),
            h("td", {}, projectionText(index.Projection)),
            h("td", {}, badge(index.status || "—")))))));
  }

  /** The grid of one page of items: key attributes first, then every other attribute seen on the page (by name).
   *  Clicking a row shows the whole item in `detail`, as DynamoDB JSON. */
  function itemsGrid(items, keyNames, indexKeyNames, detail) {
    const leading = [...keyNames, ...indexKeyNames.filter((name) => !keyNames.includes(name))];
    const others = new Set();
    for (const item of items) for (const name of Object.keys(item)) if (!leading.includes(name)) others.add(name);
    const columns = [...leading, ...[...others].sort()];
    const keyOf = (item) => JSON.stringify(Object.fromEntries(keyNames.filter((name) => item[name]).map((name) => [name, item[name]])));
    return h("table", { class: "table dynamodb-items", id: "dynamodb-items" },
      h("thead", {}, h("tr", {}, columns.map((name) => h("th", { class: keyNames.includes(name) ? "dynamodb-key" : null,
        "data-attribute": name }, name)))),
      h("tbody", {}, items.map((item) => h("tr", { "data-key": keyOf(item), class: "dynamodb-item-row", onclick: (event) => {
        for (const row of event.currentTarget.parentElement.children) row.classList.remove("selected");
        event.currentTarget.classList.add("selected");
        fill(detail, h("div", { class: "page-head" }, h("h3", {}, "Item"), h("span", { class: "muted" }, "as DynamoDB JSON")),
          h("pre", { class: "json", id: "dynamodb-item-json", "data-key": keyOf(item) }, JSON.stringify(item, null, 2)));
      } }, columns.map((name) => {
        if (!item[name]) return h("td", { class: "dynamodb-absent", "data-attribute": name }, "");
        const text = cellText(item[name]);
        return h("td", { "data-attribute": name, "data-type": typed(item[name]).type, title: text }, text);
      })))));
  }

  /** The items panel: an index choice, a partition query, the grid and the pager. Resolves once the first page is
   *  drawn. */
  async function itemsPanel(panel, table) {
    const keyNames = [keyName(table.KeySchema, "HASH"), keyName(table.KeySchema, "RANGE")].filter(Boolean);
    const indexes = indexesOf(table);
    const source = h("select", { id: "dynamodb-index", "aria-label": "Table or index" },
      h("option", { value: "" }, "Table"), indexes.map((index) => h("option", { value: index.IndexName }, `Index ${index.IndexName}`)));
    const partition = h("input", { type: "text", id: "dynamodb-partition", placeholder: "partition key value",
      autocomplete: "off", spellcheck: "false" });
    const queryButton = h("button", { type: "submit", id: "dynamodb-query-submit" }, "Query");
    const scanButton = h("button", { type: "button", id: "dynamodb-scan" }, "Scan all");
    const controls = h("form", { class: "dynamodb-controls", id: "dynamodb-query" }, source, partition, queryButton, scanButton);
    const status = h("span", { class: "muted", id: "dynamodb-page-status" });
    const grid = h("div", { class: "dynamodb-grid" });
    const pager = h("div", { class: "form-actions dynamodb-pager" });
    const detail = h("div", { class: "dynamodb-item-detail", id: "dynamodb-item" });
    fill(panel, h("div", { class: "page-head" }, h("h2", {}, "Items"), status), controls, grid, pager, detail);

    // starts[i] is the ExclusiveStartKey of page i + 1 (undefined for the first page).
    let starts = [undefined];
    let asked = { index: "", partition: undefined };
    const load = async () => {
      const start = starts[starts.length - 1];
      const index = asked.index ? indexes.find((candidate) => candidate.IndexName === asked.index) : undefined;
      const indexKeyNames = index ? [keyName(index.KeySchema, "HASH"), keyName(index.KeySchema, "RANGE")].filter(Boolean) : [];
      let path = `/dynamodb/items?table=${q(table.TableName)}&limit=${PAGE_SIZE}`;
      if (asked.index) path += `&index=${q(asked.index)}`;
      if (asked.partition !== undefined) path += `&partition=${q(asked.partition)}`;
      if (start) path += `&start=${q(JSON.stringify(start))}`;
      let page;
      try {
        page = await api(path);
      } catch (error) {
        fill(grid, h("p", { class: "error-text", id: "dynamodb-items-error" }, error.message));
        fill(pager);
        status.textContent = "";
        return;
      }
      const number = starts.length;
      status.textContent = `Page ${number} · ${page.count} item${page.count === 1 ? "" : "s"}` +
        (page.scannedCount !== page.count ? ` (${page.scannedCount} scanned)` : "") +
        (asked.partition !== undefined ? ` where partition = ${asked.partition}` : "");
      fill(detail);
      fill(grid, page.items.length === 0
        ? h("p", { class: "muted", id: "dynamodb-items-empty" }, number === 1 ? "No items." : "No more items.")
        : itemsGrid(page.items, keyNames, indexKeyNames, detail));
      const back = async (toFirst) => {
        starts = toFirst ? [undefined] : starts.slice(0, -1);
        await load();
      };
      fill(pager,
        number > 1 ? h("button", { type: "button", id: "dynamodb-first", onclick: () => back(true) }, "First page") : null,
        number > 1 ? h("button", { type: "button", id: "dynamodb-previous", onclick: () => back(false) }, "Previous page") : null,
        page.lastEvaluatedKey ? h("button", { type: "button", class: "primary", id: "dynamodb-next", onclick: async () => {
          starts = [...starts, page.lastEvaluatedKey];
          await load();
        } }, "Next page") : null);
      document.body.dataset.itemsPage = String(number);
      document.body.dataset.itemsLoads = String(Number(document.body.dataset.itemsLoads || 0) + 1);
    };
    const restart = async (partitionValue) => {
      asked = { index: source.value, partition: partitionValue };
      starts = [undefined];
      await load();
    };
    controls.addEventListener("submit", (event) => {
      event.preventDefault();
      restart(partition.value === "" ? undefined : partition.value);
    });
    scanButton.addEventListener("click", () => {
      partition.value = "";
      restart(undefined);
    });
    source.addEventListener("change", () => restart(asked.partition));
    await load();
  }

  /** /dynamodb/table?name=: the table's facts, its indexes and its items. */
  async function tablePage(app, parameters) {
    const name = parameters.get("name");
    if (!name) throw new ApiError(400, "ValidationException", "The page needs ?name=<table name>.");
    const { table, timeToLive } = await api(`/dynamodb/table?name=${q(name)}`);
    document.title = `${table.TableName} · DynamoDB · Stratus console`;
    setCrumbs({ label: "DynamoDB", href: `${BASE}/dynamodb` }, { label: table.TableName });
    const items = h("section", { class: "panel", id: "dynamodb-items-panel" });
    app.replaceChildren(
      h("div", { class: "page-head" }, h("h1", {}, table.TableName), badge(table.TableStatus || "—")),
      h("dl", { class: "facts", id: "dynamodb-facts" },
        field("ARN", h("span", { class: "arn" }, table.TableArn || "—")),
        field("Status", table.TableStatus || "—"),
        field("Created", formatDate(table.CreationDateTime)),
        field("Partition key", keyLabel(table, keyName(table.KeySchema, "HASH"))),
        field("Sort key", keyLabel(table, keyName(table.KeySchema, "RANGE"))),
        field("Billing mode", throughput(table)),
        field("Item count", String(table.ItemCount ?? "—")),
        field("Size (bytes)", String(table.TableSizeBytes ?? "—")),
        field("Stream", streamText(table)),
        field("Time to live", timeToLiveText(timeToLive))),
      indexesPanel(table),
      items);
    await itemsPanel(items, table);
    ready("dynamodb-table");
  }

  register("/dynamodb", (app) => tablesPage(app));
  register("/dynamodb/table", (app, parameters) => tablePage(app, parameters));
})();
