// RuntimeAPIServer: one execution environment's Runtime API listener (SwiftNIO HTTP/1.1 on 127.0.0.1:0).

import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// The Lambda Runtime API (2018-06-01) of one execution environment, listening on `127.0.0.1` on a port the
/// kernel picks.
///
/// Guarantees: serves `GET /2018-06-01/runtime/invocation/next`, `POST …/invocation/{id}/response`,
/// `POST …/invocation/{id}/error` and `POST …/runtime/init/error` from ``RuntimeAPIBroker``; bodies may be sent
/// with `Content-Length` or chunked; a body larger than the broker's limit is read to its end but not kept; other
/// paths answer `404`, other methods `405`; keep-alive connections are supported. ``close()`` stops listening and
/// closes every open connection.
package final class RuntimeAPIServer: Sendable {
    /// The port the listener is bound to.
    package let port: Int
    private let channel: any Channel
    private let connections: ConnectionRegistry

    private init(port: Int, channel: any Channel, connections: ConnectionRegistry) {
        self.port = port
        self.channel = channel
        self.connections = connections
    }

    /// Starts a listener for `broker` on `127.0.0.1:0`.
    package static func start(broker: RuntimeAPIBroker, group: any EventLoopGroup) async throws -> RuntimeAPIServer {
        let connections = ConnectionRegistry()
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 16)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                connections.add(channel)
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(
                        RuntimeAPIHandler(broker: broker, maximumBodySize: broker.maximumResponseSize))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        guard let port = channel.localAddress?.port else {
            try? await channel.close()
            throw RuntimeAPIServerError(message: "The Runtime API listener has no port")
        }
        return RuntimeAPIServer(port: port, channel: channel, connections: connections)
    }

    /// Stops listening and closes open connections (a parked `/next` ends with its connection).
    package func close() async {
        try? await channel.close()
        for connection in connections.drain() {
            try? await connection.close()
        }
    }
}

/// The listener could not start.
package struct RuntimeAPIServerError: Error, Sendable {
    /// What went wrong.
    package var message: String
}

/// The open connections of one listener, so closing the environment closes them too.
private final class ConnectionRegistry: Sendable {
    private let channels = Mutex<[ObjectIdentifier: any Channel]>([:])

    func add(_ channel: any Channel) {
        channels.withLock { $0[ObjectIdentifier(channel)] = channel }
        channel.closeFuture.whenComplete { [weak self] _ in
            self?.channels.withLock { _ = $0.removeValue(forKey: ObjectIdentifier(channel)) }
        }
    }

    func drain() -> [any Channel] {
        channels.withLock { channels in
            defer { channels.removeAll() }
            return Array(channels.values)
        }
    }
}
