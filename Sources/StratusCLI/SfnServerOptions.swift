import ArgumentParser
import Foundation
import OrderedCollections
import StratusJSON

/// The `--endpoint` option of the `stratus sfn` verbs that talk to a running server, and their client.
///
/// Guarantees: the endpoint is `--endpoint`, else `STRATUS_ENDPOINT`, else `AWS_ENDPOINT_URL_SFN`, else
/// `AWS_ENDPOINT_URL`, else `http://127.0.0.1:4566`; requests are signed with the environment's AWS credentials
/// when they are set.
struct SfnServerOptions: ParsableArguments {
    @Option(help: "The Stratus server (env STRATUS_ENDPOINT, AWS_ENDPOINT_URL_SFN or AWS_ENDPOINT_URL). [default: http://127.0.0.1:4566]")
    var endpoint: String?

    /// Exit code when the server cannot be reached.
    static let unreachableExitCode: Int32 = 3

    func client() throws -> StratusServerClient {
        let environment = ProcessInfo.processInfo.environment
        let text = endpoint ?? environment["STRATUS_ENDPOINT"] ?? environment["AWS_ENDPOINT_URL_SFN"]
            ?? environment["AWS_ENDPOINT_URL"] ?? "http://127.0.0.1:4566"
        guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
            throw ValidationError("The endpoint must be an http:// or https:// URL, not '\(text)'.")
        }
        return StratusServerClient(
            endpoint: url, targetPrefix: "AWSStepFunctions", signingName: "states",
            credentials: StratusServerClient.environmentCredentials(environment))
    }

    /// Runs `body`, turning the client's errors into a message on standard error and an exit code: 1 for an
    /// error answer of the service, ``unreachableExitCode`` when the server cannot be reached.
    static func reportingErrors<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as StratusServerClient.ServiceError {
            SfnCommandIO.printError(error.description)
            throw ExitCode(1)
        } catch let error as StratusServerClient.UnreachableError {
            SfnCommandIO.printError(error.description)
            throw ExitCode(unreachableExitCode)
        }
    }

    /// Every event of an execution's history, following `nextToken`, as `{"events": [...]}`.
    static func history(of arn: String, client: StratusServerClient, reverse: Bool = false,
                        includeData: Bool = true) async throws -> JSONValue {
        var events: [JSONValue] = []
        var token: String?
        repeat {
            var request: OrderedDictionary<String, JSONValue> = [
                "executionArn": .string(arn), "maxResults": 1000, "reverseOrder": .bool(reverse),
                "includeExecutionData": .bool(includeData),
            ]
            if let token { request["nextToken"] = .string(token) }
            let page = try await client.call("GetExecutionHistory", .object(request))
            guard case .object(let members) = page else { break }
            if case .array(let more)? = members["events"] { events += more }
            if case .string(let next)? = members["nextToken"] { token = next } else { token = nil }
        } while token != nil
        return .object(["events": .array(events)])
    }
}
