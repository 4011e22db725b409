// AdminEndpoints+LambdaLogs: `GET /_stratus/lambda/logs`, the kept logs of a Lambda function's invocations.
import Foundation
import OrderedCollections
import ServiceLifecycle
import StratusJSON
import StratusLambda
import StratusServiceKit
import StratusWire

extension AdminEndpoints {
    /// The longest a request may wait for new logs (`wait`), seconds.
    static let longestLogWait = 20.0

    /// `GET /_stratus/lambda/logs?function=<name or ARN>[&since=<epoch ms>][&limit=N | &tail=N][&wait=<seconds ≤ 20>]
    /// [&account=…][&region=…]` → `{"function": arn, "events": [{"requestId", "version", "timestamp",
    /// "ingestionTime", "message"}], "next": <cursor>}`: the function's kept invocation logs recorded at or after
    /// `since`, oldest first — the first `limit` of them, or the last `tail`. With `wait`, an answer that would be empty waits up to that long for a new log
    /// (without polling), or until the server begins shutting down. `next` is the `since` that continues after
    /// these events. A function that does not exist answers 404; malformed parameters 400; every error is
    /// `{"error": message, "code": code}`.
    func lambdaLogs(query: String?) async -> WireResponse {
        guard let lambda else { return Self.json(404, ["error": "Lambda is not served by this server", "code": "NotFound"]) }
        let parameters = Self.queryParameters(query)
        guard let function = parameters["function"], !function.isEmpty else {
            return Self.badRequest("The function parameter is required (a function name or ARN).")
        }
        var since: Int64?
        if let text = parameters["since"] {
            guard let value = Int64(text) else { return Self.badRequest("since must be epoch milliseconds, not '\(text)'.") }
            since = value
        }
        var limit: Int?
        if let text = parameters["limit"] {
            guard let value = Int(text), value >= 1 else { return Self.badRequest("limit must be a positive integer, not '\(text)'.") }
            limit = value
        }
        var newest = false
        if let text = parameters["tail"] {
            guard limit == nil else { return Self.badRequest("Give limit or tail, not both.") }
            guard let value = Int(text), value >= 1 else { return Self.badRequest("tail must be a positive integer, not '\(text)'.") }
            limit = value
            newest = true
        }
        var wait = 0.0
        if let text = parameters["wait"] {
            guard let value = Double(text), value.isFinite, value >= 0, value <= Self.longestLogWait else {
                return Self.badRequest("wait must be a number of seconds from 0 to \(Int(Self.longestLogWait)), not '\(text)'.")
            }
            wait = value
        }
        let arn: String
        do {
            arn = try await lambda.logFunctionArn(
                functionName: function, accountID: parameters["account"] ?? defaultAccountID,
                region: parameters["region"] ?? defaultRegion)
        } catch let error as AWSServiceError {
            return Self.json(error.code.httpStatus, [
                "error": .string(error.message ?? error.code.code), "code": .string(error.code.code),
            ])
        } catch {
            return Self.json(500, ["error": .string("Reading the logs failed: \(error)"), "code": "ServiceException"])
        }
        var records = lambda.logBook.records(functionArn: arn, since: since, limit: limit, newest: newest)
        if records.isEmpty, wait > 0 {
            // The wait ends early when the server begins a graceful shutdown (which waits for open requests).
            let book = lambda.logBook
            let timeout = Duration.milliseconds(Int64((wait * 1000).rounded()))
            let after = since ?? .min
            _ = await cancelWhenGracefulShutdown {
                await book.waitForRecords(functionArn: arn, since: after, timeout: timeout)
            }
            records = lambda.logBook.records(functionArn: arn, since: since, limit: limit, newest: newest)
        }
        let events: [JSONValue] = records.map { record in
            [
                "requestId": .string(record.requestID), "version": .string(record.version),
                "timestamp": .number(JSONNumber(record.timestamp)),
                "ingestionTime": .number(JSONNumber(record.recordedAt)), "message": .string(record.message),
            ]
        }
        let next = records.last.map { $0.recordedAt + 1 } ?? since ?? 0
        return Self.json(200, ["function": .string(arn), "events": .array(events), "next": .number(JSONNumber(next))])
    }

    /// The parameters of a raw query string, percent-decoded (`+` is a space); the first of repeated names wins.
    static func queryParameters(_ query: String?) -> [String: String] {
        var parameters: [String: String] = [:]
        for pair in (query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                let spaced = text.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            let name = decode(parts[0])
            if parameters[name] == nil { parameters[name] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        return parameters
    }

    private static func badRequest(_ message: String) -> WireResponse {
        json(400, ["error": .string(message), "code": "InvalidParameterValueException"])
    }
}
