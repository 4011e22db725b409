import ArgumentParser
import Foundation
import OrderedCollections
import StratusJSON

/// `stratus lambda logs FUNCTION`: prints the kept logs of a function's invocations, oldest first, each exactly as
/// the invocation produced it (`START …`, the function's output, `END …`, `REPORT …`).
///
/// Guarantees: reads `GET /_stratus/lambda/logs` of the server `--endpoint` resolves to (as `stratus sfn`'s server
/// verbs do); with `--follow`, long-polls for new invocations (no busy loop) until interrupted, printing each
/// one once. Exits 1 with `stratus: …` for a function that does not exist (or any other error answer), 3 when
/// the server cannot be reached.
struct LambdaLogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs",
        abstract: "Print a function's invocation logs from a running server.",
        discussion: """
            Logs are kept in the server's memory: the newest 1,000 invocations (5 MB) per function, lost on restart. \
            Unknown function exits 1, an unreachable server 3.
            """
    )

    @Argument(help: "The function name or ARN.")
    var function: String

    @Option(help: "Only invocations logged since then: a duration ago (30s, 10m, 2h, 1d), an ISO 8601 time or epoch milliseconds.")
    var since: String?

    @Flag(help: "Keep waiting for new invocations and print their logs as they arrive (until Ctrl-C).")
    var follow = false

    @OptionGroup var server: SfnServerOptions

    /// How long one follow request waits on the server, seconds (the endpoint allows 20).
    static let followWait = 20

    func run() async throws {
        var cursor = try since.map { try Self.epochMilliseconds($0, now: Date()) }
        let client = try server.client()
        repeat {
            var query = [("function", function)]
            if let cursor { query.append(("since", String(cursor))) }
            if follow { query.append(("wait", String(Self.followWait))) }
            let page = try await SfnServerOptions.reportingErrors {
                try await client.getAdmin("/_stratus/lambda/logs", query: query,
                                          timeout: TimeInterval(Self.followWait + 30))
            }
            guard case .object(let members) = page else {
                SfnCommandIO.printError("The server answered something other than a JSON object.")
                throw ExitCode(1)
            }
            if case .array(let events)? = members["events"] {
                for case .object(let event) in events {
                    guard case .string(let message)? = event["message"] else { continue }
                    FileHandle.standardOutput.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
                }
            }
            if case .number(let next)? = members["next"], let value = next.int64Value { cursor = value }
        } while follow
    }

    /// `text` as epoch milliseconds: `<n>s|m|h|d` ago from `now`, an ISO 8601 date-time, or a plain integer.
    /// - Throws: `ValidationError` for anything else.
    static func epochMilliseconds(_ text: String, now: Date) throws -> Int64 {
        if let milliseconds = Int64(text) { return milliseconds }
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400]
        if let unit = text.last, let seconds = units[unit], let amount = Double(text.dropLast()), amount >= 0 {
            return Int64(((now.timeIntervalSince1970 - amount * seconds) * 1000).rounded(.down))
        }
        let formatter = ISO8601DateFormatter()
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime, .withFractionalSeconds], [.withInternetDateTime]] {
            formatter.formatOptions = options
            if let date = formatter.date(from: text) { return Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }
        }
        throw ValidationError("--since takes a duration (30s, 10m, 2h, 1d), an ISO 8601 time or epoch milliseconds, not '\(text)'.")
    }
}
