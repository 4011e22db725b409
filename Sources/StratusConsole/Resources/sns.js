// Stratus console: the SNS pages (registered with Console.register; drawn from the console API under /_stratus/console/api/sns).
// /sns lists the topics with their subscription counts; /sns/topic?arn= shows one topic's attributes, tags,
// subscriptions (SQS and Lambda endpoints linked to their console pages) and a Publish form.
(() => {
  "use strict";

  const { BASE, ApiError, h, api, q, field, badge, setCrumbs, ready, onSubmit, queueURLsByArn } = Console;

  const topicURL = (arn) => `${BASE}/sns/topic?arn=${q(arn)}`;
  const isFIFO = (attributes) => attributes.FifoTopic === "true";
  const count = (value) => (value === undefined ? "—" : String(value));
  const isPending = (subscription) => subscription.SubscriptionArn === "PendingConfirmation" ||
    (subscription.attributes && subscription.attributes.PendingConfirmation === "true");

  /** The Lambda function name in a function ARN (`arn:aws:lambda:region:account:function:name[:qualifier]`). */
  function functionName(arn) {
    const parts = String(arn).split(":");
    return parts[5] === "function" ? parts[6] : undefined;
  }

  /** A subscription endpoint, linked to its console page when it is an SQS queue (known URL) or a Lambda function. */
  function endpointOf(subscription, queueURLs) {
    const endpoint = subscription.Endpoint || "";
    if (subscription.Protocol === "sqs" && queueURLs.has(endpoint)) {
      return h("a", { href: `${BASE}/sqs/queue?url=${q(queueURLs.get(endpoint))}`, class: "arn" }, endpoint);
    }
    const name = subscription.Protocol === "lambda" ? functionName(endpoint) : undefined;
    if (name) return h("a", { href: `${BASE}/lambda/function?name=${q(name)}`, class: "arn" }, endpoint);
    return h("span", { class: "arn" }, endpoint || "—");
  }

  // ---------------------------------------------------------------- topics

  /** /sns: every topic (ListTopics) with its type, subscription counts and display name, or how to create one. */
  async function topicsPage(app) {
    setCrumbs({ label: "SNS topics" });
    document.title = "SNS topics · Stratus console";
    const { topics, truncated } = await api("/sns/topics");
    const rows = topics.map((topic) => {
      const attributes = topic.attributes;
      return h("tr", { "data-arn": topic.topicArn },
        h("td", {}, h("a", { href: topicURL(topic.topicArn) }, topic.name)),
        h("td", {}, isFIFO(attributes) ? "FIFO" : "Standard"),
        h("td", { class: "sns-count", "data-count": "subscriptions" },
          `${count(attributes.SubscriptionsConfirmed)} / ${count(attributes.SubscriptionsPending)}`),
        h("td", {}, attributes.DisplayName || "—"));
    });
    app.replaceChildren(
      h("div", { class: "page-head" }, h("h1", {}, "SNS topics"),
        h("span", { class: "muted" }, `${topics.length}${truncated ? "+" : ""} in this account and region`)),
      topics.length === 0
        ? h("div", { class: "panel empty", id: "sns-topics-empty" }, h("p", {}, "No topics yet."),
          h("p", { class: "muted" }, "Create one with ", h("code", {}, "aws sns create-topic --name my-topic"), "."))
        : h("table", { class: "table", id: "sns-topics" },
          h("thead", {}, h("tr", {}, ["Name", "Type", "Subscriptions (confirmed / pending)", "Display name"]
            .map((title) => h("th", {}, title)))),
          h("tbody", {}, rows)));
    ready("sns-topics");
  }

  // ---------------------------------------------------------------- one topic

  /** The topic's facts. */
  function factsOf(topic) {
    const attributes = topic.attributes;
    return h("dl", { class: "facts", id: "sns-facts" },
      field("ARN", h("span", { class: "arn" }, topic.topicArn)),
      field("Type", isFIFO(attributes) ? "FIFO" : "Standard"),
      field("Display name", attributes.DisplayName || "—"),
      field("Owner", attributes.Owner || "—"),
      field("Subscriptions", `${count(attributes.SubscriptionsConfirmed)} confirmed, ${count(attributes.SubscriptionsPending)} pending`),
      isFIFO(attributes) ? field("Content-based deduplication", attributes.ContentBasedDeduplication === "true" ? "on" : "off") : null);
  }

  /** Every attribute (GetTopicAttributes), sorted by name. */
  function attributesPanel(attributes) {
    const entries = Object.entries(attributes).sort(([a], [b]) => a.localeCompare(b));
    return h("section", { class: "panel" }, h("h2", {}, "Attributes"),
      h("table", { class: "table", id: "sns-attributes" },
        h("thead", {}, h("tr", {}, h("th", {}, "Name"), h("th", {}, "Value"))),
        h("tbody", {}, entries.map(([name, value]) => h("tr", { "data-name": name },
          h("td", {}, name), h("td", {}, h("code", { class: "sns-attribute-value" }, value)))))));
  }

  /** The topic's tags (`[{Key, Value}]`). */
  function tagsPanel(tags) {
    return h("section", { class: "panel" }, h("h2", {}, "Tags"),
      tags.length === 0 ? h("p", { class: "muted", id: "sns-tags-empty" }, "No tags.")
        : h("table", { class: "table", id: "sns-tags" },
          h("thead", {}, h("tr", {}, h("th", {}, "Key"), h("th", {}, "Value"))),
          h("tbody", {}, tags.map((tag) => h("tr", { "data-key": tag.Key }, h("td", {}, tag.Key), h("td", {}, tag.Value))))));
  }

  /** The filter policy as compact JSON (with its scope when it applies to the message body), or "—". */
  function filterPolicyOf(attributes) {
    if (!attributes || !attributes.FilterPolicy) return "—";
    let text = attributes.FilterPolicy;
    try {
      text = JSON.stringify(JSON.parse(text));
    } catch (error) {
      // shown as it is
    }
    return h("span", {}, h("code", { class: "sns-filter-policy" }, text),
      attributes.FilterPolicyScope === "MessageBody" ? h("span", { class: "muted" }, " (message body)") : null);
  }

  /** The subscriptions table (protocol, endpoint, status, raw delivery, filter policy). */
  function subscriptionsPanel(subscriptions, truncated, queueURLs) {
    return h("section", { class: "panel" }, h("h2", {}, "Subscriptions"),
      subscriptions.length === 0 ? h("p", { class: "muted", id: "sns-subscriptions-empty" }, "No subscriptions.")
        : h("table", { class: "table", id: "sns-subscriptions" },
          h("thead", {}, h("tr", {}, ["Protocol", "Endpoint", "Status", "Raw delivery", "Filter policy"].map((title) => h("th", {}, title)))),
          h("tbody", {}, subscriptions.map((subscription) => {
            const pending = isPending(subscription);
            const attributes = subscription.attributes;
            return h("tr", { "data-arn": subscription.SubscriptionArn, "data-endpoint": subscription.Endpoint,
              "data-status": pending ? "pending" : "confirmed" },
            h("td", {}, subscription.Protocol),
            h("td", { class: "sns-endpoint" }, endpointOf(subscription, queueURLs)),
            h("td", {}, h("span", { class: `badge sns-status-${pending ? "pending" : "confirmed"}` }, pending ? "pending" : "confirmed")),
            h("td", {}, attributes ? (attributes.RawMessageDelivery === "true" ? "yes" : "no") : "—"),
            h("td", {}, filterPolicyOf(attributes)));
          }))),
      truncated ? h("p", { class: "muted" }, `Only the first ${subscriptions.length} subscriptions are shown.`) : null);
  }

  /** The Publish form (message and subject; group and deduplication ids on a FIFO topic); shows the message id. */
  function publishForm(topic) {
    const fifo = isFIFO(topic.attributes);
    const message = h("p", { class: "form-message", role: "status", id: "sns-publish-message" });
    const body = h("textarea", { name: "message", id: "sns-message", rows: 6, spellcheck: "false" });
    const subject = h("input", { type: "text", name: "subject", id: "sns-subject", autocomplete: "off" });
    const group = fifo ? h("input", { type: "text", name: "messageGroupId", id: "sns-group-id", autocomplete: "off", spellcheck: "false" }) : null;
    const deduplication = fifo ? h("input", { type: "text", name: "messageDeduplicationId", id: "sns-dedup-id", autocomplete: "off",
      spellcheck: "false", placeholder: topic.attributes.ContentBasedDeduplication === "true" ? "from the message's SHA-256 when empty" : "" }) : null;
    const submit = h("button", { type: "submit", class: "primary" }, "Publish");
    const form = h("form", { class: "panel start-form", id: "sns-publish" },
      h("h2", {}, "Publish message"),
      h("label", { for: "sns-message" }, "Message"), body,
      h("label", { for: "sns-subject" }, "Subject"), subject,
      fifo ? [h("label", { for: "sns-group-id" }, "Message group ID"), group,
        h("label", { for: "sns-dedup-id" }, "Deduplication ID"), deduplication] : null,
      h("div", { class: "form-actions" }, submit, message));
    onSubmit(form, submit, message, {
      busy: "Publishing…",
      action: async () => {
        const request = { topicArn: topic.topicArn, message: body.value };
        if (subject.value.trim()) request.subject = subject.value;
        if (group && group.value.trim()) request.messageGroupId = group.value.trim();
        if (deduplication && deduplication.value.trim()) request.messageDeduplicationId = deduplication.value.trim();
        const published = await api("/sns/publish", request);
        message.textContent = "";
        message.append("Published ", h("code", { id: "sns-published-id" }, published.MessageId),
          published.SequenceNumber ? ` (sequence ${published.SequenceNumber})` : "", ".");
        document.body.dataset.published = String(Number(document.body.dataset.published || 0) + 1);
      },
    });
    return form;
  }

  /** /sns/topic?arn=: facts, attributes, tags, subscriptions and the Publish form. */
  async function topicPage(app, parameters) {
    const arn = parameters.get("arn");
    if (!arn) throw new ApiError(400, "ValidationException", "The page needs ?arn=<topic ARN>.");
    const topic = await api(`/sns/topic?arn=${q(arn)}`);
    const subscriptions = topic.subscriptions || [];
    const queueURLs = subscriptions.some((subscription) => subscription.Protocol === "sqs") ? await queueURLsByArn() : new Map();
    document.title = `${topic.name} · SNS · Stratus console`;
    setCrumbs({ label: "SNS topics", href: `${BASE}/sns` }, { label: topic.name });
    app.replaceChildren(
      h("div", { class: "page-head" }, h("h1", {}, topic.name), badge(isFIFO(topic.attributes) ? "FIFO" : "Standard")),
      factsOf(topic),
      subscriptionsPanel(subscriptions, topic.subscriptionsTruncated, queueURLs),
      h("div", { class: "columns" },
        h("div", {}, attributesPanel(topic.attributes), tagsPanel(topic.tags || [])),
        publishForm(topic)));
    ready("sns-topic");
  }

  Console.register("/sns", (app) => topicsPage(app));
  Console.register("/sns/topic", topicPage);
})();
