import ArgumentParser
import Foundation
import StratusAWSCore
import StratusServer
import StratusServiceKit

/// `stratus demo`: starts Stratus with the example pipeline installed (an upload to S3 starts a workflow that
/// validates and processes the file with Lambda, queues work in SQS, stores results and a status history in
/// DynamoDB and notifies through SNS), and prints how to use it.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Start Stratus with the example pipeline: S3 upload → workflow → Lambda → SQS → DynamoDB → SNS."
    )

    @OptionGroup var listening: ListeningOptions

    @Option(name: .customLong("log-level"), help: "trace … critical (env STRATUS_LOG_LEVEL). [default: info]")
    var logLevel: String?

    func run() async throws {
        let configuration = try ServeOptionsResolver(environment: ProcessInfo.processInfo.environment).resolve(
            host: listening.host, port: listening.port, dataDirectory: listening.dataDirectory,
            inMemory: listening.inMemory, logLevel: logLevel,
            accountID: nil, region: nil, auth: nil, authKeys: nil)
        let server = StratusServer(configuration: configuration)
        let account = configuration.accountID, region = configuration.region
        try await server.run(onListening: { boundPort in
            let endpoint = "http://\(configuration.host):\(boundPort)"
            FileHandle.standardOutput.write(Data(Self.banner(endpoint: endpoint, account: account, region: region).utf8))
        }, prepare: { invoker in
            let context = RequestContext(accountID: account, region: region, requestID: "stratus-demo", host: "localhost",
                                         receivedAt: Date())
            try await DemoPipeline(invoker: invoker, context: context).install()
        })
    }

    /// What the demo prints once it listens: the endpoint line scripts wait for, then how to try the pipeline.
    static func banner(endpoint: String, account: String, region: String) -> String {
        let names = DemoPipeline.Names.self
        let aws = "aws --endpoint-url \(endpoint)"
        return """
            Stratus \(StratusVersion.current) demo pipeline ready.
            Listening on \(endpoint)

            Upload a file (any credentials work: export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=\(region)):
              printf 'name,qty\\napples,3\\npears,5\\n' > orders.csv
              \(aws) s3 cp orders.csv s3://\(names.bucket)/orders.csv
            Then look at what happened:
              \(aws) stepfunctions list-executions --state-machine-arn arn:aws:states:\(region):\(account):stateMachine:\(names.machine)
              \(aws) dynamodb scan --table-name \(names.results)
              \(aws) dynamodb scan --table-name \(names.history)
              \(aws) sqs receive-message --queue-url \(endpoint)/\(account)/\(names.inbox)
            Or watch it in the web console (the workflow's graph, each execution live, the tables, queues and functions):
              \(endpoint)/_stratus/console/state-machine?arn=arn:aws:states:\(region):\(account):stateMachine:\(names.machine)
              \(endpoint)/_stratus/console/dynamodb/table?name=\(names.history)
            A file that is not .csv, .json or .txt (or is empty) is rejected: the history records FAILED and the
            notification says why. `stratus sfn history <execution-arn>` prints an execution's events.

            """
    }
}
