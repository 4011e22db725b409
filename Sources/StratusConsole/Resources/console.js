// Stratus console: the shared helpers and the router. Every page is the same HTML document; this script reads the URL
// and runs the page a service script registered for it (stepfunctions.js, lambda.js, …), which asks the console API
// (/_stratus/console/api, answered by the services' operations in-process) and draws the page. No libraries.
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

  // The region the console acts in, chosen in the header and kept in this browser ("" is the server's own).
  const REGION_KEY = "stratus.console.region";

  /** The chosen region, or "" for the server's default. */
  function region() {
    try {
      return localStorage.getItem(REGION_KEY) || "";
    } catch (error) {
      return "";
    }
  }

  /** `url` with the chosen region as its `region` query parameter (unchanged for the server's default). */
  function withRegion(url) {
    const chosen = region();
    return chosen ? `${url}${url.includes("?") ? "&" : "?"}region=${encodeURIComponent(chosen)}` : url;
  }

  async function api(path, body) {
    const options = body === undefined ? { cache: "no-store" }
      : { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
    const response = await fetch(withRegion(API + path), options);
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

  /** A map from queue ARN to queue URL from the SQS console API; empty when it cannot be read. */
  async function queueURLsByArn() {
    try {
      const { queues } = await api("/sqs/queues");
      return new Map(queues.map((queue) => [queue.attributes.QueueArn, queue.url]));
    } catch (error) {
      return new Map();
    }
  }


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

  // ---------------------------------------------------------------- routing

  // Page path below BASE → async (app, parameters) drawing it. The service scripts (stepfunctions.js, lambda.js,
  // dynamodb.js, sqs.js, s3.js, …), loaded after this one, add theirs with Console.register before the document is ready.
  const pages = new Map();

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

  /** Fills the header's region switcher from the API's `/context`; choosing a region reloads the page in it. */
  async function regionSwitcher() {
    const select = document.getElementById("region");
    if (!select) return;
    const context = await api("/context");
    const chosen = region() || context.region;
    const names = [context.region, ...context.regions.filter((name) => name !== context.region)];
    if (!names.includes(chosen)) names.push(chosen);
    fill(select, names.map((name) => h("option", { value: name, selected: name === chosen },
      name === context.region ? `${name} (server default)` : name)));
    select.addEventListener("change", () => {
      try {
        if (select.value === context.region) localStorage.removeItem(REGION_KEY);
        else localStorage.setItem(REGION_KEY, select.value);
      } catch (error) {
        // Storage refused (a private window's policy): the choice cannot be kept.
      }
      location.reload();
    });
  }

  async function start() {
    const app = document.getElementById("app");
    const path = location.pathname.replace(/\/+$/, "").slice(BASE.length);
    const parameters = new URLSearchParams(location.search);
    markService(path);
    try {
      await regionSwitcher();
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
    setCrumbs, showError, ready, onSubmit, jsonProblem, region, withRegion, queueURLsByArn,
  };
})();

document.addEventListener("DOMContentLoaded", Console.start);
