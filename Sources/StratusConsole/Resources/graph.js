// Stratus console: draws an Amazon States Language definition as a layered graph in SVG. No libraries.
//
// model   ASL → nested graphs: a node per state (Parallel branches and Map's ItemProcessor/Iterator nested inside
//         their state), edges for Next, End, Choice rules and Default, and Catch (drawn dashed).
// layout  per graph, a small Sugiyama-style layering: back edges found by depth-first search, ranks by longest path,
//         dummy nodes on edges spanning ranks, barycentre ordering sweeps, then x positions pulled towards the
//         neighbours; containers are sized by laying out their inner graphs first.
// render  SVG: <g class="node type-… status-…" data-state="Name"> per state, edges under the nodes.
"use strict";

const StratusGraph = (() => {
  const SVG = "http://www.w3.org/2000/svg";
  const NODE_H = 42, RANK_GAP = 54, NODE_GAP = 30, PAD = 18, HEADER_H = 30, BRANCH_GAP = 22, CHAR_W = 7.4;
  const START = "\u0000start", END = "\u0000end";
  const LABEL_H = 18, LABEL_CHAR_W = 6.6, LOOP_GAP = 14;

  function labelWidth(label) {
    return label.length * LABEL_CHAR_W + 12;
  }

  // ---------------------------------------------------------------- model

  function describeRule(rule) {
    if (!rule || typeof rule !== "object") return "";
    if (typeof rule.Condition === "string") return rule.Condition.replace(/^\{%\s*|\s*%\}$/g, "");
    if (Array.isArray(rule.And)) return rule.And.map(describeRule).join(" and ");
    if (Array.isArray(rule.Or)) return rule.Or.map(describeRule).join(" or ");
    if (rule.Not) return "not (" + describeRule(rule.Not) + ")";
    for (const [key, value] of Object.entries(rule)) {
      if (key === "Variable" || key === "Next" || key === "Comment" || key === "Assign" || key === "Output") continue;
      const shown = typeof value === "string" ? JSON.stringify(value) : String(value);
      return (rule.Variable || "") + " " + key + " " + shown;
    }
    return "rule";
  }

  function shorten(text, length) {
    return text.length > length ? text.slice(0, length - 1) + "…" : text;
  }

  /**
   * The graph of one `States` block.
   * @param {object} block an object with StartAt and States
   * @param {boolean} topLevel adds the Start and End terminals
   */
  function buildGraph(block, topLevel) {
    const nodes = [], edges = [];
    const states = (block && block.States) || {};
    const index = new Map();
    const addEdge = (from, to, kind, label) => {
      if (to === undefined || to === null) return;
      const same = edges.find((e) => e.from === from && e.to === to && e.kind === kind);
      if (same) {
        if (label) same.label = same.label ? same.label + " | " + label : label;
        return;
      }
      edges.push({ from, to, kind, label: label || "" });
    };
    if (topLevel) nodes.push({ id: START, name: "Start", type: "Start", terminal: true });
    for (const [name, state] of Object.entries(states)) {
      const node = { id: name, name, type: (state && state.Type) || "Unknown", children: [] };
      if (node.type === "Parallel") {
        node.children = (state.Branches || []).map((branch) => buildGraph(branch, false));
      } else if (node.type === "Map") {
        const processor = state.ItemProcessor || state.Iterator;
        if (processor) node.children = [buildGraph(processor, false)];
      }
      index.set(name, node);
      nodes.push(node);
    }
    if (topLevel) nodes.push({ id: END, name: "End", type: "End", terminal: true });
    if (topLevel && block && block.StartAt !== undefined) addEdge(START, block.StartAt, "next", "");
    for (const [name, state] of Object.entries(states)) {
      if (!state) continue;
      if (state.Type === "Choice") {
        (state.Choices || []).forEach((rule) => addEdge(name, rule.Next, "choice", shorten(describeRule(rule), 34)));
        if (state.Default !== undefined) addEdge(name, state.Default, "default", "Default");
      } else if (state.Next !== undefined) {
        addEdge(name, state.Next, "next", "");
      }
      if (topLevel && (state.End === true || state.Type === "Succeed" || state.Type === "Fail")) addEdge(name, END, "end", "");
      (state.Catch || []).forEach((catcher) =>
        addEdge(name, catcher.Next, "catch", shorten((catcher.ErrorEquals || []).join(", "), 34)));
    }
    // Edges to states that do not exist are dropped (validation rejects such definitions anyway).
    const known = new Set(nodes.map((n) => n.id));
    return {
      nodes, edges: edges.filter((e) => known.has(e.from) && known.has(e.to)),
      startAt: topLevel ? START : block && block.StartAt, index,
    };
  }

  // ---------------------------------------------------------------- layout

  function measure(node) {
    if (node.terminal) {
      node.w = 64;
      node.h = 28;
      return;
    }
    const textWidth = Math.max(node.name.length, node.type.length + 2) * CHAR_W;
    if (node.children && node.children.length) {
      node.children.forEach(layout);
      const inner = node.children.reduce((sum, g) => sum + g.width, 0) + BRANCH_GAP * (node.children.length - 1);
      node.w = Math.max(inner + 2 * PAD, textWidth + 2 * PAD);
      node.h = HEADER_H + PAD + Math.max(...node.children.map((g) => g.height)) + PAD;
    } else {
      node.w = Math.max(128, Math.min(280, textWidth + 36));
      node.h = NODE_H;
    }
  }

  /** Lays out `graph` in place: node x, y (top left), graph width and height, edge points. */
  function layout(graph) {
    graph.nodes.forEach(measure);
    const byId = new Map(graph.nodes.map((n) => [n.id, n]));
    const out = new Map(graph.nodes.map((n) => [n.id, []]));
    graph.edges.forEach((e) => out.get(e.from).push(e));

    // Back edges: depth-first search from the start, then from nodes not reached, in definition order.
    const state = new Map();
    const visitOrder = [];
    const visit = (id) => {
      state.set(id, 1);
      visitOrder.push(id);
      for (const edge of out.get(id)) {
        const s = state.get(edge.to);
        if (s === 1) edge.back = true;
        else if (s === undefined) visit(edge.to);
      }
      state.set(id, 2);
    };
    if (graph.startAt !== undefined && byId.has(graph.startAt)) visit(graph.startAt);
    graph.nodes.forEach((n) => { if (!state.has(n.id)) visit(n.id); });

    // Ranks: longest path over forward edges (in DFS finishing order reversed = a topological order).
    const rank = new Map(graph.nodes.map((n) => [n.id, 0]));
    const indegree = new Map(graph.nodes.map((n) => [n.id, 0]));
    graph.edges.forEach((e) => { if (!e.back && e.from !== e.to) indegree.set(e.to, indegree.get(e.to) + 1); });
    const queue = visitOrder.filter((id) => indegree.get(id) === 0);
    while (queue.length) {
      const id = queue.shift();
      for (const edge of out.get(id)) {
        if (edge.back || edge.from === edge.to) continue;
        rank.set(edge.to, Math.max(rank.get(edge.to), rank.get(id) + (edge.label ? 2 : 1)));
        indegree.set(edge.to, indegree.get(edge.to) - 1);
        if (indegree.get(edge.to) === 0) queue.push(edge.to);
      }
    }
    if (byId.has(END)) {
      const last = Math.max(0, ...graph.nodes.filter((n) => n.id !== END).map((n) => rank.get(n.id)));
      rank.set(END, last + 1);
    }

    // Layers with dummy nodes on forward edges that span more than one rank.
    const layers = [];
    const place = (item, r) => { (layers[r] = layers[r] || []).push(item); item.rank = r; };
    visitOrder.forEach((id) => place(byId.get(id), rank.get(id)));
    graph.edges.forEach((edge) => {
      edge.chain = [byId.get(edge.from)];
      if (!edge.back && edge.from !== edge.to) {
        for (let r = rank.get(edge.from) + 1; r < rank.get(edge.to); r++) {
          // The first dummy of a labelled edge carries its label, so the layout keeps labels apart.
          const labelled = edge.label && r === rank.get(edge.from) + 1;
          const dummy = { dummy: true, w: labelled ? labelWidth(edge.label) : 10, h: labelled ? LABEL_H : NODE_H };
          if (labelled) edge.labelAt = dummy;
          place(dummy, r);
          edge.chain.push(dummy);
        }
      }
      edge.chain.push(byId.get(edge.to));
    });
    const preds = new Map(), succs = new Map();
    const link = (map, key, value) => { if (!map.has(key)) map.set(key, []); map.get(key).push(value); };
    graph.edges.forEach((edge) => {
      if (edge.back || edge.from === edge.to) return;
      for (let i = 0; i + 1 < edge.chain.length; i++) {
        link(succs, edge.chain[i], edge.chain[i + 1]);
        link(preds, edge.chain[i + 1], edge.chain[i]);
      }
    });

    // Order within layers: barycentre sweeps, down then up.
    const position = () => layers.forEach((layer) => layer.forEach((item, i) => { item.order = i; }));
    position();
    const sweep = (range, neighbours) => {
      for (const r of range) {
        const layer = layers[r];
        if (!layer) continue;
        const keyed = layer.map((item) => {
          const near = neighbours.get(item) || [];
          return { item, key: near.length ? near.reduce((s, n) => s + n.order, 0) / near.length : item.order };
        });
        keyed.sort((a, b) => a.key - b.key || a.item.order - b.item.order);
        layers[r] = keyed.map((k) => k.item);
        layers[r].forEach((item, i) => { item.order = i; });
      }
    };
    const down = [...layers.keys()].slice(1), up = [...layers.keys()].reverse().slice(1);
    for (let i = 0; i < 4; i++) {
      sweep(down, preds);
      sweep(up, succs);
    }
    sweep(down, preds);

    // y: one band per rank, nodes centred in it.
    let y = PAD;
    layers.forEach((layer) => {
      if (!layer) return;
      const height = Math.max(...layer.map((item) => item.h));
      layer.forEach((item) => { item.y = y + (height - item.h) / 2; });
      y += height + RANK_GAP;
    });

    // x: packed, then pulled towards the neighbours' centres, keeping the order and the gaps.
    const center = (item) => item.x + item.w / 2;
    layers.forEach((layer) => {
      let x = PAD;
      (layer || []).forEach((item) => { item.x = x; x += item.w + NODE_GAP; });
    });
    const align = (neighbours) => {
      layers.forEach((layer) => {
        if (!layer || !layer.length) return;
        const wanted = layer.map((item) => {
          const near = neighbours.get(item) || [];
          return near.length ? near.reduce((s, n) => s + center(n), 0) / near.length - item.w / 2 : item.x;
        });
        const left = [], right = [];
        for (let i = 0; i < layer.length; i++) {
          left[i] = i === 0 ? wanted[i] : Math.max(wanted[i], left[i - 1] + layer[i - 1].w + NODE_GAP);
        }
        for (let i = layer.length - 1; i >= 0; i--) {
          right[i] = i === layer.length - 1 ? wanted[i] : Math.min(wanted[i], right[i + 1] - layer[i].w - NODE_GAP);
        }
        layer.forEach((item, i) => { item.x = (left[i] + right[i]) / 2; });
        for (let i = 1; i < layer.length; i++) {
          layer[i].x = Math.max(layer[i].x, layer[i - 1].x + layer[i - 1].w + NODE_GAP);
        }
      });
    };
    for (let i = 0; i < 3; i++) {
      align(preds);
      align(succs);
    }
    align(preds);
    const all = layers.flat().filter(Boolean);
    const minX = Math.min(...all.map((item) => item.x));
    all.forEach((item) => { item.x += PAD - minX; });
    let width = Math.max(...all.map((item) => item.x + item.w)) + PAD;

    // Edges: through their dummies; back edges and self loops on lanes to the right of what they pass.
    let lanes = 0;
    graph.edges.forEach((edge) => {
      const from = byId.get(edge.from), to = byId.get(edge.to);
      if (edge.back || edge.from === edge.to) {
        const top = Math.min(from.rank, to.rank), bottom = Math.max(from.rank, to.rank);
        const passed = graph.nodes.filter((n) => n.rank >= top && n.rank <= bottom);
        const lane = Math.max(...passed.map((n) => n.x + n.w)) + 16 + 12 * lanes++;
        // Out of the source's bottom, round the right of every node it passes, into the target's top: the
        // horizontal runs lie in the gaps between ranks, so they cross no node.
        edge.loop = { x1: center(from), y1: from.y + from.h, lane, x2: center(to), y2: to.y };
        width = Math.max(width, lane + (edge.label ? labelWidth(edge.label) / 2 : 0) + PAD);
        return;
      }
      edge.points = edge.chain.map((item, i) => {
        if (i === 0) return [center(item), item.y + item.h];
        if (i === edge.chain.length - 1) return [center(item), item.y];
        return [center(item), item.y + item.h / 2];
      });
    });
    graph.width = width;
    graph.height = y - RANK_GAP + PAD;
    return graph;
  }

  // ---------------------------------------------------------------- render

  function el(name, attributes, parent) {
    const element = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes || {})) element.setAttribute(key, String(value));
    if (parent) parent.appendChild(element);
    return element;
  }

  function text(content, attributes, parent) {
    const element = el("text", attributes, parent);
    element.textContent = content;
    return element;
  }

  function edgePath(edge) {
    if (edge.loop) {
      const { x1, y1, lane, x2, y2 } = edge.loop;
      const below = y1 + LOOP_GAP, above = y2 - LOOP_GAP, r = 6;
      return `M${x1},${y1} V${below - r} Q${x1},${below} ${x1 + r},${below} H${lane - r} ` +
        `Q${lane},${below} ${lane},${below - r} V${above + r} Q${lane},${above} ${lane - r},${above} ` +
        `H${x2 + r} Q${x2},${above} ${x2},${above + r} V${y2}`;
    }
    const p = edge.points;
    let d = `M${p[0][0]},${p[0][1]}`;
    for (let i = 1; i < p.length; i++) {
      const [x0, y0] = p[i - 1], [x1, y1] = p[i];
      const dy = (y1 - y0) / 2;
      d += ` C${x0},${y0 + dy} ${x1},${y1 - dy} ${x1},${y1}`;
    }
    return d;
  }

  function labelPoint(edge) {
    if (edge.loop) return [edge.loop.lane, (edge.loop.y1 + edge.loop.y2) / 2];
    if (edge.labelAt) return [edge.labelAt.x + edge.labelAt.w / 2, edge.labelAt.y + edge.labelAt.h / 2];
    const [a, b] = edge.points;
    return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
  }

  function drawGraph(graph, parent, options, path) {
    const edgesLayer = el("g", { class: "edges" }, parent);
    const nodesLayer = el("g", { class: "nodes" }, parent);
    graph.edges.forEach((edge) => {
      const group = el("g", { class: `edge edge-${edge.kind}`, "data-from": edge.from.replace(/\u0000/, ""),
        "data-to": edge.to.replace(/\u0000/, "") }, edgesLayer);
      el("path", { d: edgePath(edge), "marker-end": `url(#arrow-${edge.kind === "catch" ? "catch" : "next"})` }, group);
      if (edge.label) {
        const [x, y] = labelPoint(edge);
        const width = labelWidth(edge.label);
        el("rect", { class: "edge-label-bg", x: x - width / 2, y: y - LABEL_H / 2, width, height: LABEL_H, rx: 4 }, group);
        text(edge.label, { class: "edge-label", x, y: y + 4, "text-anchor": "middle" }, group);
      }
    });
    graph.nodes.forEach((node) => drawNode(node, nodesLayer, options, path));
  }

  function drawNode(node, parent, options, path) {
    if (node.terminal) {
      const group = el("g", { class: `terminal terminal-${node.type.toLowerCase()}`,
        transform: `translate(${node.x},${node.y})` }, parent);
      el("rect", { width: node.w, height: node.h, rx: node.h / 2 }, group);
      text(node.name, { x: node.w / 2, y: node.h / 2 + 4, "text-anchor": "middle" }, group);
      return;
    }
    const info = options.statuses ? options.statuses.get(node.name) : undefined;
    const status = options.statuses ? (info ? info.status : "not-run") : undefined;
    const container = node.children && node.children.length > 0;
    const classes = ["node", `type-${node.type.toLowerCase()}`];
    if (container) classes.push("container");
    if (status) classes.push(`status-${status}`);
    const group = el("g", { class: classes.join(" "), "data-state": node.name, "data-type": node.type,
      "data-path": path.concat(node.name).join("/"), transform: `translate(${node.x},${node.y})`, tabindex: 0 }, parent);
    if (status) group.setAttribute("data-status", status);
    el("title", {}, group).textContent = `${node.name} (${node.type})` + (status ? ` — ${status}` : "")
      + (info && info.count > 1 ? `, ${info.count} times` : "");
    el("rect", { class: "node-box", width: node.w, height: node.h, rx: node.type === "Choice" ? 14 : 6 }, group);
    if (container) {
      text(shorten(node.name, Math.floor((node.w - 80) / CHAR_W)), { class: "node-name", x: 12, y: 19 }, group);
      text(node.type, { class: "node-type", x: node.w - 12, y: 19, "text-anchor": "end" }, group);
      let x = PAD;
      node.children.forEach((child, i) => {
        const branch = el("g", { class: "branch", "data-branch": i, transform: `translate(${x},${HEADER_H})` }, group);
        el("rect", { class: "branch-box", width: child.width, height: child.height, rx: 6 }, branch);
        drawGraph(child, branch, options, path.concat(node.name, String(i)));
        x += child.width + BRANCH_GAP;
      });
    } else {
      text(shorten(node.name, Math.floor((node.w - 16) / CHAR_W)),
        { class: "node-name", x: node.w / 2, y: 18, "text-anchor": "middle" }, group);
      text(node.type, { class: "node-type", x: node.w / 2, y: 33, "text-anchor": "middle" }, group);
    }
    if (info && info.count > 1) {
      text(`×${info.count}`, { class: "node-count", x: node.w - 6, y: container ? 19 : 13, "text-anchor": "end" }, group)
        .setAttribute("dx", container ? -60 : 0);
    }
    if (options.onSelect) {
      group.addEventListener("click", (event) => { event.stopPropagation(); options.onSelect(node.name); });
      group.addEventListener("keydown", (event) => { if (event.key === "Enter") options.onSelect(node.name); });
    }
  }

  /**
   * Draws `definition` (parsed ASL) into `target`, replacing its content.
   * @param {object} definition the state machine's definition
   * @param {Element} target where the SVG goes
   * @param {{statuses?: Map<string, {status: string, count: number}>, onSelect?: function(string)}} options
   * @returns {SVGSVGElement}
   */
  function draw(definition, target, options = {}) {
    const graph = layout(buildGraph(definition, true));
    const svg = el("svg", { class: "workflow-graph", viewBox: `0 0 ${graph.width} ${graph.height}`,
      width: graph.width, height: graph.height, role: "img", "aria-label": "Workflow graph" });
    const defs = el("defs", {}, svg);
    for (const kind of ["next", "catch"]) {
      const marker = el("marker", { id: `arrow-${kind}`, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7,
        markerHeight: 7, orient: "auto-start-reverse", class: `arrow arrow-${kind}` }, defs);
      el("path", { d: "M0,0 L10,5 L0,10 z" }, marker);
    }
    drawGraph(graph, el("g", { class: "graph" }, svg), options, []);
    target.replaceChildren(svg);
    return svg;
  }

  /** Updates the status classes of an SVG drawn by `draw`, without laying it out again. */
  function paint(svg, statuses) {
    svg.querySelectorAll("g.node").forEach((group) => {
      const info = statuses.get(group.getAttribute("data-state"));
      const status = info ? info.status : "not-run";
      [...group.classList].filter((c) => c.startsWith("status-")).forEach((c) => group.classList.remove(c));
      group.classList.add(`status-${status}`);
      group.setAttribute("data-status", status);
      const title = group.querySelector("title");
      if (title) {
        title.textContent = `${group.getAttribute("data-state")} (${group.getAttribute("data-type")}) — ${status}`
          + (info && info.count > 1 ? `, ${info.count} times` : "");
      }
      let count = group.querySelector(":scope > text.node-count");
      if (info && info.count > 1) {
        if (!count) {
          const box = group.querySelector(":scope > rect.node-box");
          const container = group.classList.contains("container");
          count = text("", { class: "node-count", x: Number(box.getAttribute("width")) - 6, y: container ? 19 : 13,
            "text-anchor": "end", dx: container ? -60 : 0 }, group);
        }
        count.textContent = `×${info.count}`;
      }
    });
  }

  return { draw, paint, buildGraph, layout, describeRule };
})();
