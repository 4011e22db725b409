import HTTPTypes
import NIOCore
import NIOEmbedded
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1
import Testing

@testable import StratusServer

/// HTTP/1.0 requests without keep-alive reach the handlers after the HTTP types conversion with `Connection: close`;
/// every other request reaches them as it came.
@Suite struct HTTP10ConnectionCloseMarkerTests {
    /// The `Connection` field of `head` after the marker (inserted before the codec the way the server does it) and
    /// the conversion to HTTP types.
    func connectionField(of head: HTTPRequestHead) throws -> String? {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(HTTP1ToHTTPServerCodec(secure: false))
        HTTP10ConnectionCloseMarker.insertBeforeCodec(in: channel.pipeline.syncOperations)
        try channel.writeInbound(HTTPServerRequestPart.head(head))
        guard case .head(let request) = try channel.readInbound(as: HTTPRequestPart.self) else {
            throw MarkerTestFailure()
        }
        _ = try channel.finish()
        return request.headerFields[.connection]
    }

    struct MarkerTestFailure: Error {}

    @Test func http10WithoutKeepAliveIsMarkedClosing() throws {
        #expect(try connectionField(of: HTTPRequestHead(version: .http1_0, method: .GET, uri: "/")) == "close")
    }

    @Test func http10KeepAliveAndHTTP11PassUnchanged() throws {
        let keepAlive = HTTPRequestHead(version: .http1_0, method: .GET, uri: "/", headers: ["Connection": "keep-alive"])
        #expect(try connectionField(of: keepAlive) == "keep-alive")
        #expect(try connectionField(of: HTTPRequestHead(version: .http1_1, method: .GET, uri: "/", headers: ["Host": "x"])) == nil)
        let closing = HTTPRequestHead(version: .http1_1, method: .GET, uri: "/", headers: ["Host": "x", "Connection": "close"])
        #expect(try connectionField(of: closing) == "close")
    }

    @Test func withoutACodecNothingIsInserted() throws {
        let channel = EmbeddedChannel()
        HTTP10ConnectionCloseMarker.insertBeforeCodec(in: channel.pipeline.syncOperations)
        #expect((try? channel.pipeline.syncOperations.handler(type: HTTP10ConnectionCloseMarker.self)) == nil)
        _ = try channel.finish()
    }
}
