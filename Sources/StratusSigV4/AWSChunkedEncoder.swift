// AWSChunkedEncoder: produces aws-chunked bodies (signed or unsigned, with trailers).

/// Encodes a payload as an aws-chunked body, the way the AWS SDKs upload streaming bodies.
///
/// Guarantees: the output decodes with ``AWSChunkedDecoder``; when `signing` is given, every chunk carries the
/// chained `chunk-signature` from the seed signature and trailers carry `x-amz-trailer-signature`, so
/// ``AWSChunkedDecoder/decodeVerifying(_:seedSignature:signingKey:amzDate:)`` accepts it.
package enum AWSChunkedEncoder {
    /// What chunk signing needs: the key, the request timestamp and the request's (seed) signature.
    package struct Signing: Sendable {
        /// The signing key of the request's scope.
        package var key: SigV4SigningKey
        /// The request timestamp, `yyyyMMdd'T'HHmmss'Z'`.
        package var amzDate: String
        /// The signature of the request itself.
        package var seedSignature: String

        /// Creates the signing context.
        package init(key: SigV4SigningKey, amzDate: String, seedSignature: String) {
            self.key = key
            self.amzDate = amzDate
            self.seedSignature = seedSignature
        }
    }

    /// Encodes `payload` in chunks of `chunkSize` bytes (the last may be shorter), then the final empty chunk and
    /// the `trailers`.
    package static func encode(_ payload: [UInt8], chunkSize: Int, signing: Signing? = nil,
                               trailers: [(String, String)] = []) -> [UInt8] {
        precondition(chunkSize > 0, "chunkSize must be positive")
        var out: [UInt8] = []
        var previous = signing?.seedSignature
        func appendChunk(_ data: ArraySlice<UInt8>) {
            var header = String(data.count, radix: 16)
            if let signing, let last = previous {
                let signature = signing.key.chunkSignature(previousSignature: last, amzDate: signing.amzDate, chunkData: data)
                header += ";chunk-signature=\(signature)"
                previous = signature
            }
            out += Array(header.utf8) + [0x0D, 0x0A]
            if !data.isEmpty { out += data + [0x0D, 0x0A] }
        }
        var start = 0
        while start < payload.count {
            let end = min(start + chunkSize, payload.count)
            appendChunk(payload[start..<end])
            start = end
        }
        appendChunk([])
        for (name, value) in trailers { out += Array("\(name):\(value)\r\n".utf8) }
        if let signing, let last = previous, !trailers.isEmpty {
            let signature = signing.key.trailerSignature(previousSignature: last, amzDate: signing.amzDate, trailers: trailers)
            out += Array("x-amz-trailer-signature:\(signature)\r\n".utf8)
        }
        out += [0x0D, 0x0A]
        return out
    }
}
