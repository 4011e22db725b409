// Stratus console: the status of every state of one execution, derived from its history events
// (GetExecutionHistory as the console API returns it). No libraries.
//
// Each `<Type>StateEntered` event opens an *instance* of a state (a loop or a Map iteration opens several). Every
// other event belongs to the instance its `previousEventId` chain leads to. An instance is
//   running   from its StateEntered event (and again when a retry schedules or starts the work anew),
//   failed    after a failure event (`TaskFailed`, `LambdaFunctionTimedOut`, `MapStateFailed`, …, `FailStateEntered`),
//   caught    when it failed and the execution still left it (its StateExited, or the next state's StateEntered
//             following it: a Catch),
//   succeeded after its StateExited (or SucceedStateEntered),
//   aborted   when the execution stopped (aborted, timed out, failed elsewhere) while it was still running.
// A state's status is that of its instances, the most telling first: failed, running, caught, aborted, succeeded.
"use strict";

const StratusStatuses = (() => {
  const RANK = { failed: 5, running: 4, caught: 3, aborted: 2, succeeded: 1 };

  function isFailure(type) {
    if (type === "ExecutionFailed" || type === "FailStateEntered") return true;
    return /(Failed|TimedOut)$/.test(type);
  }

  function isAbort(type) {
    return /Aborted$/.test(type);
  }

  /** True for events that restart an instance's work after a failure (a retry). */
  function isRestart(type) {
    return /(Scheduled|Started)$/.test(type) && !type.startsWith("Execution") && !type.startsWith("MapIteration");
  }

  function detailsOf(event) {
    for (const key of Object.keys(event)) {
      if (key.endsWith("EventDetails")) return event[key];
    }
    return undefined;
  }

  /**
   * Derives the states' statuses.
   * @param {Array<object>} events the history, in id order
   * @param {string} executionStatus DescribeExecution's status (RUNNING, SUCCEEDED, FAILED, …)
   * @returns {{states: Map<string, {status: string, count: number, input?: string, output?: string,
   *           error?: string, cause?: string}>, eventStates: Map<number, string>}} the states by name, and the
   *           state each event concerns (none for the execution's own events)
   */
  function derive(events, executionStatus) {
    const instances = new Map(); // entered event id → instance
    const owner = new Map(); // event id → instance id
    const order = [];
    const eventStates = new Map(); // event id → state name

    const ownerOf = (eventId) => (eventId === undefined ? undefined : owner.get(eventId));
    const enclosing = (instanceId, kind) => {
      let current = instances.get(instanceId);
      while (current && current.kind !== kind) current = instances.get(current.parent);
      return current;
    };

    for (const event of events) {
      const type = event.type || "";
      const details = detailsOf(event) || {};
      const previous = ownerOf(event.previousEventId);
      if (type.endsWith("StateEntered")) {
        const instance = {
          id: event.id, name: details.name, kind: type.slice(0, -"StateEntered".length),
          status: "running", parent: previous, input: details.input,
        };
        // The state it follows was left: a failed one was caught.
        const left = instances.get(previous);
        if (left && left.status === "failed" && left.kind !== "Fail") left.status = "caught";
        if (type === "FailStateEntered") instance.status = "failed";
        if (type === "SucceedStateEntered") instance.status = "succeeded";
        instances.set(event.id, instance);
        owner.set(event.id, event.id);
        eventStates.set(event.id, instance.name);
        order.push(instance);
        continue;
      }
      let instance = instances.get(previous);
      if (type.endsWith("StateExited")) {
        if (!instance || instance.name !== details.name || instance.closed) {
          instance = [...order].reverse().find((i) => i.name === details.name && !i.closed) || instance;
        }
        if (instance) {
          instance.status = instance.status === "failed" ? "caught" : "succeeded";
          if (instance.kind === "Fail") instance.status = "failed";
          instance.closed = true;
          instance.output = details.output;
          owner.set(event.id, instance.id);
          eventStates.set(event.id, instance.name);
        }
        continue;
      }
      // Map and Parallel events belong to the enclosing Map or Parallel state.
      const kind = type.startsWith("MapState") || type.startsWith("MapRun") ? "Map"
        : type.startsWith("ParallelState") ? "Parallel" : undefined;
      if (kind && instance) instance = enclosing(instance.id, kind) || instance;
      if (!instance) continue;
      owner.set(event.id, instance.id);
      if (!type.startsWith("Execution")) eventStates.set(event.id, instance.name);
      if (type === "ExecutionFailed") {
        if (instance.status === "running") instance.status = "failed";
        if (!instance.error) { instance.error = details.error; instance.cause = details.cause; }
      } else if (isFailure(type)) {
        instance.status = "failed";
        instance.error = details.error;
        instance.cause = details.cause;
      } else if (isAbort(type)) {
        if (instance.status === "running") instance.status = "aborted";
      } else if (isRestart(type) && instance.status === "failed") {
        instance.status = "running";
      }
    }

    const finished = executionStatus && executionStatus !== "RUNNING" && executionStatus !== "PENDING_REDRIVE";
    const states = new Map();
    for (const instance of order) {
      if (!instance.name) continue;
      if (finished && instance.status === "running") instance.status = "aborted";
      const known = states.get(instance.name);
      if (!known) {
        states.set(instance.name, {
          status: instance.status, count: 1, input: instance.input, output: instance.output,
          error: instance.error, cause: instance.cause,
        });
        continue;
      }
      known.count += 1;
      if (RANK[instance.status] >= RANK[known.status]) known.status = instance.status;
      known.input = instance.input;
      if (instance.output !== undefined) known.output = instance.output;
      if (instance.error !== undefined) { known.error = instance.error; known.cause = instance.cause; }
    }
    return { states, eventStates };
  }

  return { derive, detailsOf };
})();
