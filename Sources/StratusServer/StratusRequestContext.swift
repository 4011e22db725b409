// StratusRequestContext: Hummingbird's request context, with the client's address.
import Hummingbird
import NIOCore

/// The request context of the server's HTTP responder: Hummingbird's core context and the connection's remote
/// address (S3 server access logs record the client's IP).
struct StratusRequestContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    /// The client's address, nil when the channel has none (never for TCP connections).
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }
}
