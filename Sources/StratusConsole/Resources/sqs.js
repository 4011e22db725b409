// Stratus console: the sqs pages (registered with Console.register; drawn from the console API under /_stratus/console/api/sqs).
// /sqs lists the queues with their message counts; /sqs/queue?url= shows one queue's attributes, tags, dead-letter
// sources and a Send message form. Nothing here receives messages (that would change their visibility).
(() => {
  "use strict";

  const { BASE, ApiError, h, fill, api, q, field, badge, formatDate, setCrumbs, ready, onSubmit } = Console;

  const queueURL = (url) => `${BASE}/sqs/queue?url=${q(url)}`;
  const isFIFO = (attributes) => attributes.FifoQueue === "true";
  const count = (value) => (value === undefined ? "—" : String(value));
  const epoch = (value) => (value === undefined ? "—" : formatDate(Number(value)));
  const nameOfArn = (arn) => String(arn).split(":").pop();

  /** The RedrivePolicy's dead-letter target ARN, or undefined. */
  function deadLetterTarget(attributes) {
    if (!attributes.RedrivePolicy) return undefined;
    try {
      return JSON.parse(attributes.RedrivePolicy).deadLetterTargetArn;
    } catch (error) {
      return undefined;
    }
  }

  /** The URL of the queue `arn` names when it is in the same account as `url` (same host and account path). */
  function sameAccountURL(url, arn) {
    const parts = String(arn).split(":");
    const account = parts[4];
    const match = /^(.*\/)(\d{12})\/[^/]+$/.exec(url);
    if (!match || match[2] !== account) return undefined;
    return `${match[1]}${account}/${parts[5]}`;
  }

  // ---------------------------------------------------------------- queues

  /** /sqs: every queue (ListQueues) with its counts and dead-letter target, or how to create one. */
  async function queuesPage(app) {
    setCrumbs({ label: "SQS queues" });
    document.title = "SQS queues · Stratus console";
    const { queues, truncated } = await api("/sqs/queues");
    const byArn = new Map(queues.map((queue) => [queue.attributes.QueueArn, queue.url]));
    const rows = queues.map((queue) => {
      const attributes = queue.attributes;
      const target = deadLetterTarget(attributes);
      const targetURL = target && byArn.get(target);
      return h("tr", { "data-url": queue.url },
        h("td", {}, h("a", { href: queueURL(queue.url) }, queue.name)),
        h("td", {}, isFIFO(attributes) ? "FIFO" : "Standard"),
        h("td", { class: "sqs-count", "data-count": "available" }, count(attributes.ApproximateNumberOfMessages)),
        h("td", { class: "sqs-count", "data-count": "in-flight" }, count(attributes.ApproximateNumberOfMessagesNotVisible)),
        h("td", { class: "sqs-count", "data-count": "delayed" }, count(attributes.ApproximateNumberOfMessagesDelayed)),
        h("td", {}, epoch(attributes.CreatedTimestamp)),
        h("td", { class: "sqs-dead-letter" }, !target ? "—"
          : targetURL ? h("a", { href: queueURL(targetURL) }, nameOfArn(target)) : nameOfArn(target)));
    });
    app.replaceChildren(
      h("div", { class: "page-head" }, h("h1", {}, "SQS queues"),
        h("span", { class: "muted" }, `${queues.length}${truncated ? "+" : ""} in this account and region`)),
      queues.length === 0
        ? h("div", { class: "panel empty", id: "sqs-queues-empty" }, h("p", {}, "No queues yet."),
          h("p", { class: "muted" }, "Create one with ", h("code", {}, "aws sqs create-queue --queue-name my-queue"), "."))
        : h("table", { class: "table", id: "sqs-queues" },
          h("thead", {}, h("tr", {}, ["Name", "Type", "Available", "In flight", "Delayed", "Created", "Dead-letter queue"]
            .map((title) => h("th", {}, title)))),
          h("tbody", {}, rows)));
    ready("sqs-queues");
  }

  // ---------------------------------------------------------------- one queue

  /** The three message counts (available, in flight, delayed) as boxes. */
  function countsOf(attributes) {
    return h("div", { class: "sqs-counts", id: "sqs-counts" },
      [["available", "Available", attributes.ApproximateNumberOfMessages],
        ["in-flight", "In flight", attributes.ApproximateNumberOfMessagesNotVisible],
        ["delayed", "Delayed", attributes.ApproximateNumberOfMessagesDelayed]].map(([key, label, value]) =>
        h("div", { class: "panel sqs-count-box", "data-count": key },
          h("span", { class: "sqs-count-value" }, count(value)), h("span", { class: "muted" }, label))));
  }

  /** The queue's facts; a dead-letter target in the same account links to its page. */
  function factsOf(queue) {
    const attributes = queue.attributes;
    const target = deadLetterTarget(attributes);
    const targetURL = target && sameAccountURL(queue.url, target);
    return h("dl", { class: "facts", id: "sqs-facts" },
      field("URL", h("span", { class: "arn" }, queue.url)),
      field("ARN", h("span", { class: "arn" }, attributes.QueueArn || "—")),
      field("Type", isFIFO(attributes) ? "FIFO" : "Standard"),
      field("Created", epoch(attributes.CreatedTimestamp)),
      field("Last modified", epoch(attributes.LastModifiedTimestamp)),
      field("Visibility timeout", attributes.VisibilityTimeout === undefined ? "—" : `${attributes.VisibilityTimeout} s`),
      field("Dead-letter queue", !target ? "—"
        : h("span", {}, targetURL ? h("a", { href: queueURL(targetURL), id: "sqs-dead-letter-target" }, nameOfArn(target))
          : nameOfArn(target), maxReceives(attributes))));
  }

  /** ` after N receives` from the RedrivePolicy, or nothing. */
  function maxReceives(attributes) {
    try {
      const policy = JSON.parse(attributes.RedrivePolicy);
      return policy.maxReceiveCount === undefined ? "" : ` after ${policy.maxReceiveCount} receives`;
    } catch (error) {
      return "";
    }
  }

  /** Every attribute (GetQueueAttributes All), sorted by name. */
  function attributesPanel(attributes) {
    const entries = Object.entries(attributes).sort(([a], [b]) => a.localeCompare(b));
    return h("section", { class: "panel" }, h("h2", {}, "Attributes"),
      h("table", { class: "table", id: "sqs-attributes" },
        h("thead", {}, h("tr", {}, h("th", {}, "Name"), h("th", {}, "Value"))),
        h("tbody", {}, entries.map(([name, value]) => h("tr", { "data-name": name },
          h("td", {}, name), h("td", {}, h("code", { class: "sqs-attribute-value" }, value)))))));
  }

  /** The queue's tags, sorted by key. */
  function tagsPanel(tags) {
    const entries = Object.entries(tags).sort(([a], [b]) => a.localeCompare(b));
    return h("section", { class: "panel" }, h("h2", {}, "Tags"),
      entries.length === 0 ? h("p", { class: "muted", id: "sqs-tags-empty" }, "No tags.")
        : h("table", { class: "table", id: "sqs-tags" },
          h("thead", {}, h("tr", {}, h("th", {}, "Key"), h("th", {}, "Value"))),
          h("tbody", {}, entries.map(([key, value]) => h("tr", { "data-key": key }, h("td", {}, key), h("td", {}, value))))));
  }

  /** The queues whose RedrivePolicy targets this one, linked. */
  function sourcesPanel(urls) {
    return h("section", { class: "panel" }, h("h2", {}, "Dead-letter source queues"),
      urls.length === 0 ? h("p", { class: "muted", id: "sqs-dead-letter-sources-empty" }, "No queue sends its failures here.")
        : h("ul", { class: "sqs-sources", id: "sqs-dead-letter-sources" }, urls.map((url) =>
          h("li", { "data-url": url }, h("a", { href: queueURL(url) }, url.split("/").pop())))));
  }

  /** A dead-letter queue's redrive: a button moving its messages back to their source queues
   *  (StartMessageMoveTask) and its recent move tasks; calls onStarted after a start. */
  function redrivePanel(queue, onStarted) {
    const tasks = queue.moveTasks || [];
    const message = h("p", { class: "form-message", role: "status", id: "sqs-redrive-message" });
    const submit = h("button", { type: "submit", class: "primary", id: "sqs-redrive" }, "Start DLQ redrive");
    const form = h("form", { class: "form-actions" }, submit, message);
    onSubmit(form, submit, message, {
      busy: "Starting…",
      action: async () => {
        const started = await api("/sqs/redrive", { url: queue.url });
        message.textContent = started.TaskHandle ? "Redrive started." : "";
        document.body.dataset.redriven = String(Number(document.body.dataset.redriven || 0) + 1);
        await onStarted();
      },
    });
    return h("section", { class: "panel" }, h("h2", {}, "Dead-letter queue redrive"),
      h("p", { class: "muted" }, "Moves this queue's messages back to the queues they came from."), form,
      tasks.length === 0 ? h("p", { class: "muted", id: "sqs-move-tasks-empty" }, "No redrive yet.")
        : h("table", { class: "table", id: "sqs-move-tasks" },
          h("thead", {}, h("tr", {}, h("th", {}, "Status"), h("th", {}, "Moved"), h("th", {}, "Started"),
            h("th", {}, "Failure reason"))),
          h("tbody", {}, tasks.map((task) => h("tr", { "data-status": task.Status },
            h("td", {}, badge(task.Status || "—")),
            h("td", {}, `${task.ApproximateNumberOfMessagesMoved ?? 0} of ${task.ApproximateNumberOfMessagesToMove ?? "?"}`),
            h("td", {}, task.StartedTimestamp ? formatDate(task.StartedTimestamp / 1000) : "—"),
            h("td", {}, task.FailureReason || "—"))))));
  }

  /** The Send message form (group and deduplication ids for FIFO, a delay for standard); calls onSent after a send. */
  function sendForm(queue, onSent) {
    const fifo = isFIFO(queue.attributes);
    const message = h("p", { class: "form-message", role: "status", id: "sqs-send-message" });
    const body = h("textarea", { name: "body", id: "sqs-body", rows: 6, spellcheck: "false" });
    const group = fifo ? h("input", { type: "text", name: "messageGroupId", id: "sqs-group-id", autocomplete: "off", spellcheck: "false" }) : null;
    const deduplication = fifo ? h("input", { type: "text", name: "messageDeduplicationId", id: "sqs-dedup-id", autocomplete: "off",
      spellcheck: "false", placeholder: queue.attributes.ContentBasedDeduplication === "true" ? "from the body's SHA-256 when empty" : "" }) : null;
    const delay = fifo ? null : h("input", { type: "number", name: "delaySeconds", id: "sqs-delay", min: 0, max: 900, placeholder: "the queue's delay" });
    const submit = h("button", { type: "submit", class: "primary" }, "Send message");
    const form = h("form", { class: "panel start-form", id: "sqs-send" },
      h("h2", {}, "Send message"),
      h("label", { for: "sqs-body" }, "Body"), body,
      fifo ? [h("label", { for: "sqs-group-id" }, "Message group ID"), group,
        h("label", { for: "sqs-dedup-id" }, "Deduplication ID"), deduplication]
        : [h("label", { for: "sqs-delay" }, "Delay (seconds)"), delay],
      h("div", { class: "form-actions" }, submit, message));
    onSubmit(form, submit, message, {
      busy: "Sending…",
      action: async () => {
        const request = { url: queue.url, body: body.value };
        if (group && group.value.trim()) request.messageGroupId = group.value.trim();
        if (deduplication && deduplication.value.trim()) request.messageDeduplicationId = deduplication.value.trim();
        if (delay && delay.value.trim()) request.delaySeconds = Number(delay.value);
        const sent = await api("/sqs/send", request);
        message.textContent = "";
        message.append("Sent ", h("code", { id: "sqs-sent-id" }, sent.MessageId),
          sent.SequenceNumber ? ` (sequence ${sent.SequenceNumber})` : "", ".");
        document.body.dataset.sent = String(Number(document.body.dataset.sent || 0) + 1);
        await onSent();
      },
    });
    return form;
  }

  /** /sqs/queue?url=: counts, facts, attributes, tags, dead-letter sources and the Send form (which refreshes the counts). */
  async function queuePage(app, parameters) {
    const url = parameters.get("url");
    if (!url) throw new ApiError(400, "ValidationException", "The page needs ?url=<queue URL>.");
    let queue = await api(`/sqs/queue?url=${q(url)}`);
    document.title = `${queue.name} · SQS · Stratus console`;
    setCrumbs({ label: "SQS queues", href: `${BASE}/sqs` }, { label: queue.name });
    const counts = h("div", {});
    const facts = h("div", {});
    const attributes = h("div", {});
    const redrive = h("div", {});
    const draw = () => {
      fill(counts, countsOf(queue.attributes));
      fill(facts, factsOf(queue));
      fill(attributes, attributesPanel(queue.attributes));
      fill(redrive, (queue.deadLetterSourceQueues || []).length > 0 ? redrivePanel(queue, refresh) : null);
    };
    const refresh = async () => {
      queue = await api(`/sqs/queue?url=${q(url)}`);
      draw();
    };
    draw();
    app.replaceChildren(
      h("div", { class: "page-head" }, h("h1", {}, queue.name), badge(isFIFO(queue.attributes) ? "FIFO" : "Standard")),
      counts, facts,
      h("div", { class: "columns" },
        h("div", {}, redrive, attributes, tagsPanel(queue.tags || {}), sourcesPanel(queue.deadLetterSourceQueues || [])),
        sendForm(queue, refresh)));
    ready("sqs-queue");
  }

  Console.register("/sqs", (app) => queuesPage(app));
  Console.register("/sqs/queue", queuePage);
})();
