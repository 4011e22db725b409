// RuntimeAPIBroker: the state of one execution environment's Runtime API (what /next hands out, what came back).

import Foundation
import NIOCore
import Synchronization

/// The Runtime API state of one environment: the invocation queued for `/next`, the invocation in flight, the
/// parked `/next` request, and the events the environment has not consumed yet.
///
/// Guarantees: `/next` is answered with at most one invocation at a time and only once initialization has
/// succeeded; a response or error is accepted only for the invocation in flight, once (`400 InvalidRequestID` for
/// another id, `403 InvalidStateTransition` when nothing is in flight), as the Runtime API answers; events are
/// delivered in order to one waiter.
package final class RuntimeAPIBroker: Sendable {
    /// An invocation as `/next` hands it out.
    package struct Invocation: Sendable {
        /// The request id (`Lambda-Runtime-Aws-Request-Id`).
        package var requestID: String
        /// The event, the body of the `/next` answer.
        package var payload: [UInt8]
        /// The `Lambda-Runtime-*` headers of the `/next` answer.
        package var headers: [(String, String)]
    }

    private struct State: ~Copyable {
        var initialized = false
        var initFailed = false
        var queued: Invocation?
        var inFlight: String?
        var inFlightInvocation: Invocation?
        var parkedNext: EventLoopPromise<RuntimeAPIResponse>?
        var events: [RuntimeAPIEvent] = []
        var waiter: CheckedContinuation<RuntimeAPIEvent, Never>?
        var closed = false
    }

    private let state = Mutex(State())
    /// Largest response body accepted (Lambda: 6291556 bytes for synchronous invocations).
    package let maximumResponseSize: Int

    package init(maximumResponseSize: Int) {
        self.maximumResponseSize = maximumResponseSize
    }

    /// Records an event for the environment (timer, process exit, Runtime API post).
    package func post(_ event: RuntimeAPIEvent) {
        let waiter: CheckedContinuation<RuntimeAPIEvent, Never>? = state.withLock { state in
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.events.append(event)
            return nil
        }
        waiter?.resume(returning: event)
    }

    /// The next event, waiting for one when none is pending. One caller at a time.
    package func nextEvent() async -> RuntimeAPIEvent {
        await withCheckedContinuation { continuation in
            let event: RuntimeAPIEvent? = state.withLock { state in
                if !state.events.isEmpty { return state.events.removeFirst() }
                precondition(state.waiter == nil, "RuntimeAPIBroker.nextEvent has one consumer at a time")
                state.waiter = continuation
                return nil
            }
            if let event { continuation.resume(returning: event) }
        }
    }

    /// Hands `invocation` to the runtime: answers a parked `/next` now, or the next one.
    package func enqueue(_ invocation: Invocation) {
        let promise: EventLoopPromise<RuntimeAPIResponse>? = state.withLock { state in
            if let parked = state.parkedNext {
                state.parkedNext = nil
                state.inFlight = invocation.requestID
                state.inFlightInvocation = invocation
                return parked
            }
            state.queued = invocation
            return nil
        }
        promise?.succeed(Self.nextResponse(invocation))
    }

    /// Ends the invocation in flight on the broker's side (timeout, exit): later posts for it are refused.
    package func abandonInFlight() {
        state.withLock { state in
            state.inFlight = nil
            state.inFlightInvocation = nil
            state.queued = nil
        }
    }

    /// Forgets a parked `/next` whose connection closed, so the next invocation waits for a new one.
    func withdraw(_ promise: EventLoopPromise<RuntimeAPIResponse>) {
        let withdrawn: Bool = state.withLock { state in
            guard let parked = state.parkedNext, parked.futureResult === promise.futureResult else { return false }
            state.parkedNext = nil
            return true
        }
        if withdrawn { promise.fail(ChannelError.ioOnClosedChannel) }
    }

    /// Stops handing out work; a parked `/next` is failed so its connection closes.
    package func close() {
        let parked: EventLoopPromise<RuntimeAPIResponse>? = state.withLock { state in
            state.closed = true
            defer { state.parkedNext = nil }
            return state.parkedNext
        }
        parked?.fail(ChannelError.ioOnClosedChannel)
    }

    // MARK: Runtime API requests

    /// `GET /runtime/invocation/next`: answers through `promise` now or when an invocation is enqueued.
    func next(_ promise: EventLoopPromise<RuntimeAPIResponse>) {
        enum Action { case respond(RuntimeAPIResponse), park, postReady(Invocation?), fail }
        let action: Action = state.withLock { state in
            if state.closed { return .fail }
            if state.inFlight != nil || state.parkedNext != nil {
                return .respond(
                    .error(
                        status: 403, type: "InvalidStateTransition",
                        message: "State transition from \(state.inFlight != nil ? "RuntimeInvocationResponse" : "RuntimeReady") to RuntimeReady failed for runtime. Error: State transition is not allowed"
                    ))
            }
            let firstCall = !state.initialized
            state.initialized = true
            if let queued = state.queued {
                state.queued = nil
                state.inFlight = queued.requestID
                state.inFlightInvocation = queued
                if firstCall { return .postReady(queued) }
                return .respond(Self.nextResponse(queued))
            }
            state.parkedNext = promise
            return firstCall ? .postReady(nil) : .park
        }
        switch action {
        case .respond(let response): promise.succeed(response)
        case .park: break
        case .fail: promise.fail(ChannelError.ioOnClosedChannel)
        case .postReady(let queued):
            post(.ready)
            if let queued { promise.succeed(Self.nextResponse(queued)) }
        }
    }

    /// `POST /runtime/invocation/{id}/response`; `size` is the body's full length (the body may be truncated
    /// when it exceeded the limit).
    func response(requestID: String, body: [UInt8], size: Int) -> RuntimeAPIResponse {
        if let refusal = claim(requestID) { return refusal }
        if size > maximumResponseSize {
            post(.responseTooLarge(requestID: requestID, size: size))
            return .error(
                status: 413, type: "RequestEntityTooLarge",
                message: "Exceeded maximum allowed payload size (\(maximumResponseSize) bytes).")
        }
        post(.response(requestID: requestID, body: body))
        return .accepted
    }

    /// `POST /runtime/invocation/{id}/error`.
    func error(requestID: String, errorType: String?, body: [UInt8]) -> RuntimeAPIResponse {
        if let refusal = claim(requestID) { return refusal }
        post(.error(requestID: requestID, errorType: errorType, body: body))
        return .accepted
    }

    /// `POST /runtime/init/error`.
    func initError(errorType: String?, body: [UInt8]) -> RuntimeAPIResponse {
        let allowed: Bool = state.withLock { state in
            guard !state.initialized, !state.initFailed else { return false }
            state.initFailed = true
            return true
        }
        guard allowed else {
            return .error(
                status: 403, type: "InvalidStateTransition",
                message: "State transition from RuntimeReady to RuntimeInitError failed for runtime. Error: State transition is not allowed")
        }
        post(.initError(errorType: errorType, body: body))
        return .accepted
    }

    /// Takes the in-flight invocation for a post about `requestID`, or answers the refusal.
    private func claim(_ requestID: String) -> RuntimeAPIResponse? {
        state.withLock { state in
            guard let inFlight = state.inFlight else {
                return .error(
                    status: 403, type: "InvalidStateTransition",
                    message: "State transition from RuntimeReady to RuntimeResponseSent failed for runtime. Error: State transition is not allowed")
            }
            guard inFlight == requestID else {
                return .error(status: 400, type: "InvalidRequestID", message: "Invalid request ID")
            }
            state.inFlight = nil
            state.inFlightInvocation = nil
            return nil
        }
    }

    /// The `/next` answer carrying `requestID` could not be written: the invocation is handed out again.
    func undelivered(requestID: String) {
        let handOff: (EventLoopPromise<RuntimeAPIResponse>, Invocation)? = state.withLock { state in
            guard state.inFlight == requestID, let invocation = state.inFlightInvocation else { return nil }
            state.inFlight = nil
            state.inFlightInvocation = nil
            guard let parked = state.parkedNext else {
                state.queued = invocation
                return nil
            }
            state.parkedNext = nil
            state.inFlight = invocation.requestID
            state.inFlightInvocation = invocation
            return (parked, invocation)
        }
        if let (promise, invocation) = handOff { promise.succeed(Self.nextResponse(invocation)) }
    }

    private static func nextResponse(_ invocation: Invocation) -> RuntimeAPIResponse {
        RuntimeAPIResponse(
            status: 200, headers: [("Content-Type", "application/json")] + invocation.headers,
            body: invocation.payload)
    }
}
