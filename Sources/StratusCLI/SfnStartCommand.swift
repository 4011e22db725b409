import ArgumentParser
import Foundation
import OrderedCollections
import StratusAWSCore
import StratusJSON

/// `stratus sfn start TARGET`: starts an execution on a running server, optionally deploying the definition first
/// and waiting for the end.
///
/// Guarantees: a TARGET that is an ARN (state machine, version or alias) is started as it is; a definition file is
/// created as a state machine (named after the file unless `--state-machine-name`), or, when one of that name
/// exists, updated to this definition, then started. Without `--wait` prints StartExecution's answer; with it,
/// the outcome document of `stratus sfn run` (or the history with `--history`) and exits 0 only when the
/// execution SUCCEEDED. EXPRESS machines are waited for with StartSyncExecution.
struct SfnStartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Start an execution on a running server (deploying a definition file first if given one).",
        discussion: """
            TARGET is a state machine, version or alias ARN, or a definition file ('-': standard input) that is \
            created or updated as a state machine first. Prints {"executionArn", "startDate"}; with --wait, \
            {"executionArn", "status", "output"|"error", "cause"} once the execution ends (exit code 0 for \
            SUCCEEDED, 1 otherwise); with --history, {"events": [...]}. Service errors exit 1, unusable inputs 2, \
            an unreachable server 3.
            """
    )

    @Argument(help: "A state machine (version, alias) ARN, or a definition file to deploy ('-': standard input).")
    var target: String

    @Option(help: "The execution input (JSON text). [default: {}]")
    var input: String?

    @Option(name: .customLong("input-file"), help: "Read the execution input from this file ('-': standard input).")
    var inputFile: String?

    @Option(name: .customLong("name"), help: "The execution name. [default: a random UUID]")
    var executionName: String?

    @Option(name: .customLong("state-machine-name"), help: "For a definition file: the state machine's name. [default: the file name without .json/.asl]")
    var stateMachineName: String?

    @Option(help: "For a definition file: STANDARD or EXPRESS. [default: STANDARD]")
    var type: String = "STANDARD"

    @Option(name: .customLong("role-arn"), help: "For a definition file: the execution role. [default: arn:aws:iam::<account>:role/StratusStatesExecutionRole]")
    var roleArn: String?

    @Flag(help: "Wait for the execution to end and print its outcome.")
    var wait = false

    @Flag(help: "Wait for the end and print the execution's history ({\"events\": [...]}) instead of the outcome.")
    var history = false

    @OptionGroup var server: SfnServerOptions

    func validate() throws {
        if input != nil && inputFile != nil { throw ValidationError("Give the input with --input or --input-file, not both.") }
        if target == "-" && inputFile == "-" { throw ValidationError("The definition and the input cannot both come from standard input.") }
        guard ["STANDARD", "EXPRESS"].contains(type) else { throw ValidationError("--type must be STANDARD or EXPRESS, not '\(type)'.") }
    }

    func run() async throws {
        let client = try server.client()
        var inputText = input ?? "{}"
        var definition: String?
        do throws(SfnCommandIO.InputError) {
            if let inputFile { inputText = try SfnCommandIO.readText(inputFile, what: "input file") }
            if !target.hasPrefix("arn:") { definition = try SfnCommandIO.readText(target, what: "definition file") }
        } catch {
            SfnCommandIO.printError(error.message)
            throw ExitCode(SfnCommandIO.inputErrorExitCode)
        }
        try await SfnServerOptions.reportingErrors {
            var machineArn = target
            var machineType = type
            if let definition {
                (machineArn, machineType) = try await deploy(definition, client: client)
            }
            var request: OrderedDictionary<String, JSONValue> = ["stateMachineArn": .string(machineArn), "input": .string(inputText)]
            if let executionName { request["name"] = .string(executionName) }
            let waits = wait || history
            if waits, machineType == "EXPRESS" || (definition == nil && machineArn.contains(":express:")) {
                let result = try await client.call("StartSyncExecution", .object(request))
                try await finish(result, client: client)
                return
            }
            let started = try await client.call("StartExecution", .object(request))
            guard waits, case .string(let arn)? = started["executionArn"] else {
                SfnCommandIO.printJSON(started)
                return
            }
            try await finish(try await Self.waitForEnd(arn, client: client), client: client)
        }
    }

    /// Creates the state machine of a definition file, or updates the one of that name; its ARN and type.
    private func deploy(_ definition: String, client: StratusServerClient) async throws -> (String, String) {
        let name = stateMachineName ?? SfnRunCommand.defaultMachineName(file: target)
        let role = roleArn ?? "arn:aws:iam::\(client.credentials.flatMap { AccountID.isValid($0.accessKeyID) ? $0.accessKeyID : nil } ?? AWSDefaults.accountID):role/\(SfnRunCommand.roleName)"
        let create: JSONValue = ["name": .string(name), "definition": .string(definition), "roleArn": .string(role), "type": .string(type)]
        do {
            let created = try await client.call("CreateStateMachine", create)
            if case .string(let arn)? = created["stateMachineArn"] { return (arn, type) }
            throw StratusServerClient.ServiceError(status: 200, code: "UnexpectedAnswer", message: "CreateStateMachine answered no ARN.")
        } catch let error as StratusServerClient.ServiceError where error.code == "StateMachineAlreadyExists" {
            guard let (arn, existingType) = try await Self.find(name, client: client) else { throw error }
            _ = try await client.call("UpdateStateMachine", ["stateMachineArn": .string(arn), "definition": .string(definition)])
            return (arn, existingType)
        }
    }

    /// The ARN and type of the state machine called `name` in the caller's account and region.
    private static func find(_ name: String, client: StratusServerClient) async throws -> (String, String)? {
        var token: String?
        repeat {
            var request: OrderedDictionary<String, JSONValue> = ["maxResults": 1000]
            if let token { request["nextToken"] = .string(token) }
            let page = try await client.call("ListStateMachines", .object(request))
            if case .array(let machines)? = page["stateMachines"] {
                for case .object(let machine) in machines where machine["name"] == .string(name) {
                    if case .string(let arn)? = machine["stateMachineArn"], case .string(let type)? = machine["type"] {
                        return (arn, type)
                    }
                }
            }
            if case .string(let next)? = page["nextToken"] { token = next } else { token = nil }
        } while token != nil
        return nil
    }

    /// DescribeExecution once the execution has ended (polling, 20 ms doubling up to 500 ms).
    static func waitForEnd(_ arn: String, client: StratusServerClient) async throws -> JSONValue {
        var pause = 20
        while true {
            let described = try await client.call("DescribeExecution", ["executionArn": .string(arn)])
            if described["status"] != .string("RUNNING") { return described }
            try await Task.sleep(for: .milliseconds(pause))
            pause = min(pause * 2, 500)
        }
    }

    /// Prints the outcome (or the history) of an ended execution and exits 1 unless it SUCCEEDED.
    private func finish(_ described: JSONValue, client: StratusServerClient) async throws {
        guard case .string(let arn)? = described["executionArn"] else { return }
        if history {
            SfnCommandIO.printJSON(try await SfnServerOptions.history(of: arn, client: client))
        } else {
            var outcome: OrderedDictionary<String, JSONValue> = ["executionArn": .string(arn)]
            outcome["status"] = described["status"]
            if case .string(let text)? = described["output"] { outcome["output"] = (try? JSONValue.parse(text)) ?? .string(text) }
            if let error = described["error"] { outcome["error"] = error }
            if let cause = described["cause"] { outcome["cause"] = cause }
            SfnCommandIO.printJSON(.object(outcome))
        }
        guard described["status"] == .string("SUCCEEDED") else { throw ExitCode(1) }
    }
}
