import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import StratusAWSCore
import StratusConsole
import StratusServiceKit
import StratusStepFunctions
import StratusSigV4
import StratusWire

/// The composition root: builds the services, the storage and the HTTP application from a
/// ``StratusConfiguration`` and runs them in one `ServiceGroup` until SIGINT or SIGTERM.
package struct StratusServer: Sendable {
    /// What the server was started with.
    package let configuration: StratusConfiguration
    /// The source of "now" for every request.
    package let clock: any WallClock
    /// The source of request ids.
    package let requestIDs: any RequestIDGenerator

    package init(
        configuration: StratusConfiguration,
        clock: any WallClock = SystemWallClock(),
        requestIDs: any RequestIDGenerator = RandomRequestIDGenerator()
    ) {
        self.configuration = configuration
        self.clock = clock
        self.requestIDs = requestIDs
    }

    /// Runs until a shutdown signal arrives; returns after a clean shutdown.
    /// - Parameter onListening: called once with the bound port (useful with port 0).
    /// - Parameter prepare: run once the server listens, with every service reachable in-process (the demo installs
    ///   its pipeline here); an error is logged and the server keeps running.
    package func run(onListening: @escaping @Sendable (Int) -> Void = { _ in },
                     prepare: (@Sendable (any ServiceInvoker) async throws -> Void)? = nil) async throws {
        var logger = Logger(label: "stratus", factory: { StratusLogHandler(label: $0) })
        logger.logLevel = configuration.logLevel
        let parts = try makeParts(logger: logger)
        let prepareLogger = logger
        let directRoute = parts.responder.directAnswerRoute
        let app = Application(
            responder: parts.responder,
            server: .http1(configuration: .init(additionalChannelHandlers: [
                ContinueExpectationHandler(), DirectAnswerHandler(route: directRoute),
            ])),
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port),
                serverName: nil
            ),
            services: parts.services,
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                parts.boundPort.set(port)
                if let prepare {
                    let invoker = HandlerServiceInvoker(handlers: parts.handlers)
                    Task {
                        do {
                            try await prepare(invoker)
                        } catch {
                            prepareLogger.error("Preparing the server failed: \(error)")
                        }
                        onListening(port)
                    }
                } else {
                    onListening(port)
                }
            },
            logger: logger
        )
        try await app.runService()
        try await parts.shutdown()
    }

    /// The pieces of a running server, built without binding a socket (tests drive `responder` directly).
    struct Parts: Sendable {
        let responder: StratusResponder
        let services: [any Service]
        /// The listening port, for Lambda functions' `AWS_ENDPOINT_URL`.
        let boundPort: StandardServices.BoundPort
        let shutdown: @Sendable () async throws -> Void
        /// Every service handler, for in-process calls.
        let handlers: [any AWSServiceHandler]
    }

    func makeParts(logger: Logger) throws -> Parts {
        let storage = try StorageSetup(configuration: configuration, logger: logger)
        let boundPort = StandardServices.BoundPort(host: configuration.host, port: configuration.port)
        let assembly = try StandardServices.makeRegistry(
            storage: storage, clock: clock, fastForward: configuration.fastForward, smtp: configuration.smtp,
            endpoint: { boundPort.endpoint })
        let registry = assembly.registry
        let gateway = WireGateway(handlers: registry.handlers, configuration: wireConfiguration())
        var admin = AdminEndpoints(registry: registry, storageDescription: storage.description,
                                   durability: storage.durability, lambda: assembly.lambda, sns: assembly.sns,
                                   defaultAccountID: configuration.accountID, defaultRegion: configuration.region)
        admin.s3 = assembly.s3
        let accessLogs = assembly.s3.map { S3AccessLogRecorder(s3: $0, interval: configuration.s3AccessLogInterval, logger: logger) }
        admin.s3AccessLogs = accessLogs
        let router = ServiceRouter(services: registry.handlers.map(\.schema))
        var responder = StratusResponder(
            gateway: gateway,
            router: router,
            admin: admin,
            console: ConsoleEndpoints(
                invoker: HandlerServiceInvoker(handlers: registry.handlers), accountID: configuration.accountID,
                region: configuration.region, clock: clock, requestIDs: requestIDs),
            clock: clock,
            requestIDs: requestIDs,
            maxRequestBodyBytes: configuration.maxRequestBodyBytes
        )
        responder.s3CORS = assembly.s3.map { S3CORSGate(s3: $0, router: router, gateway: gateway) }
        responder.s3Websites = assembly.s3.map { S3WebsiteGate(s3: $0) }
        responder.s3Posts = responder.s3CORS.map { cors in
            var gate = S3PostUploadGate(s3: cors.s3, cors: cors)
            if case .verify(let secretKeys) = configuration.authentication { gate.verifier = SigV4Verifier(secretKeys: secretKeys) }
            return gate
        }
        responder.defaultAccount = (configuration.accountID, configuration.region)
        if let cors = responder.s3CORS, let accessLogs {
            responder.s3AccessLogs = S3AccessLogGate(cors: cors, recorder: accessLogs, defaultAccountID: configuration.accountID)
        }
        responder.lambdaURLs = assembly.lambda.map { lambda in
            var gate = LambdaURLGate(lambda: lambda, clock: clock)
            if case .verify(let secretKeys) = configuration.authentication { gate.verifier = SigV4Verifier(secretKeys: secretKeys) }
            return gate
        }
        return Parts(responder: responder, services: assembly.services + (accessLogs.map { [$0] } ?? []), boundPort: boundPort,
                     shutdown: { try await storage.close() }, handlers: registry.handlers)
    }
}
