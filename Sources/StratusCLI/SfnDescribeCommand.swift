import ArgumentParser
import OrderedCollections
import StratusJSON

/// `stratus sfn describe ARN`: what the server knows of an execution, state machine, activity or map run.
///
/// Guarantees: calls the Describe operation the ARN's resource type names (`execution`/`express` →
/// DescribeExecution, `stateMachine` → DescribeStateMachine, `activity` → DescribeActivity, `mapRun` →
/// DescribeMapRun) and prints its answer as the server sent it.
struct SfnDescribeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "Describe an execution, state machine, activity or map run on a running server.",
        discussion: "Prints the Describe… answer as JSON. Service errors exit 1, an unreachable server 3."
    )

    @Argument(help: "An execution, state machine (version, alias), activity or map run ARN.")
    var arn: String

    @OptionGroup var server: SfnServerOptions

    func run() async throws {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        let kind = parts.count >= 7 && parts[2] == "states" ? String(parts[5]) : ""
        let (operation, member): (String, String)
        switch kind {
        case "execution", "express": (operation, member) = ("DescribeExecution", "executionArn")
        case "stateMachine": (operation, member) = ("DescribeStateMachine", "stateMachineArn")
        case "activity": (operation, member) = ("DescribeActivity", "activityArn")
        case "mapRun": (operation, member) = ("DescribeMapRun", "mapRunArn")
        default:
            SfnCommandIO.printError("'\(arn)' is not the ARN of a Step Functions execution, state machine, activity or map run.")
            throw ExitCode(SfnCommandIO.inputErrorExitCode)
        }
        let client = try server.client()
        let answer = try await SfnServerOptions.reportingErrors { try await client.call(operation, [member: .string(arn)]) }
        SfnCommandIO.printJSON(answer)
    }
}
