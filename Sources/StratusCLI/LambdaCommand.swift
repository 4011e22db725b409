import ArgumentParser

/// `stratus lambda`: Lambda tools that talk to a running server (`logs`).
struct LambdaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lambda",
        abstract: "Read Lambda functions' invocation logs on a running server.",
        discussion: "See docs/lambda.md (Logs).",
        subcommands: [LambdaLogsCommand.self]
    )
}
