import ArgumentParser
import StratusAWSCore

/// `stratus`: the root command.
package struct StratusCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "stratus",
        abstract: "A local AWS serverless platform: Step Functions, Lambda, S3, SNS, SQS, DynamoDB and EventBridge.",
        version: StratusVersion.current,
        subcommands: [ServeCommand.self, DemoCommand.self, SfnCommand.self, LambdaCommand.self],
        defaultSubcommand: nil
    )

    package init() {}

    /// Parses the process arguments and runs the chosen subcommand; exits the process on errors.
    package static func start() async {
        await main()
    }
}
