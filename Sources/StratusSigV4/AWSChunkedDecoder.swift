// AWSChunkedDecoder: decodes (and verifies) `Content-Encoding: aws-chunked` bodies.

/// Decodes aws-chunked bodies: `size[;chunk-signature=…]\r\n<data>\r\n … 0[;chunk-signature=…]\r\n[trailers]\r\n`.
///
/// Guarantees: framing is checked strictly (hex sizes, CRLF after every chunk, nothing after the end);
/// ``decodeVerifying(_:seedSignature:signingKey:amzDate:)`` additionally checks the chunk signature chain from
/// the seed signature and, when trailers are present, `x-amz-trailer-signature`. Returned trailers never include
/// `x-amz-trailer-signature`. Checksums are checked only by ``verifyTrailingChecksum(payload:trailers:)``.
package struct AWSChunkedDecoder {
    /// One framed chunk: its data and the signature extension it carried, if any.
    struct Chunk {
        var data: Range<Int>
        var signature: String?
    }

    /// The parsed body: chunks in order (the last is the empty final chunk), trailers, and the trailer signature.
    struct Framing {
        var chunks: [Chunk]
        var trailers: [(String, String)]
        var trailerSignature: String?
    }

    /// Decodes a whole aws-chunked body; returns the payload and the trailing headers (`x-amz-checksum-crc32` etc.).
    /// Chunk signatures are ignored. Throws `.malformedChunkedBody` on broken framing.
    package static func decode(_ body: [UInt8]) throws(SigV4Error) -> (payload: [UInt8], trailers: [(String, String)]) {
        let framing = try parse(body)
        return (payload(of: framing, in: body), framing.trailers)
    }

    /// Decodes a `STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]` body and checks each chunk signature, chained from
    /// `seedSignature` (the request's signature), and the trailer signature when there are trailers.
    /// Throws `.signatureMismatch` naming the first chunk that fails, `.malformedChunkedBody` on broken framing or
    /// a missing signature.
    package static func decodeVerifying(_ body: [UInt8], seedSignature: String, signingKey: SigV4SigningKey,
                                        amzDate: String) throws(SigV4Error) -> (payload: [UInt8], trailers: [(String, String)]) {
        try decodeVerifying(body, seedSignature: seedSignature, signingKey: signingKey, amzDate: amzDate, scope: signingKey.scope)
    }

    /// Same as ``decodeVerifying(_:seedSignature:signingKey:amzDate:)`` with an explicit credential scope text, which
    /// must be the scope the key was derived for (`yyyyMMdd/region/service/aws4_request`).
    package static func decodeVerifying(_ body: [UInt8], seedSignature: String, signingKey: SigV4SigningKey,
                                        amzDate: String, scope: String) throws(SigV4Error) -> (payload: [UInt8], trailers: [(String, String)]) {
        guard scope == signingKey.scope else {
            throw SigV4Error(.signatureMismatch, "Scope \(scope) is not the scope of the signing key (\(signingKey.scope))")
        }
        let framing = try parse(body)
        var previous = seedSignature.lowercased()
        for (index, chunk) in framing.chunks.enumerated() {
            guard let sent = chunk.signature else {
                throw SigV4Error(.malformedChunkedBody, "Chunk \(index) has no chunk-signature")
            }
            let expected = signingKey.chunkSignature(previousSignature: previous, amzDate: amzDate, chunkData: body[chunk.data])
            guard SigV4.constantTimeEquals(expected, sent.lowercased()) else {
                throw SigV4Error(.signatureMismatch, "The chunk-signature of chunk \(index) does not match")
            }
            previous = expected
        }
        if !framing.trailers.isEmpty || framing.trailerSignature != nil {
            guard let sent = framing.trailerSignature else {
                throw SigV4Error(.malformedChunkedBody, "Trailing headers are present but x-amz-trailer-signature is missing")
            }
            let expected = signingKey.trailerSignature(previousSignature: previous, amzDate: amzDate, trailers: framing.trailers)
            guard SigV4.constantTimeEquals(expected, sent.lowercased()) else {
                throw SigV4Error(.signatureMismatch, "x-amz-trailer-signature does not match")
            }
        }
        return (payload(of: framing, in: body), framing.trailers)
    }

    /// Verifies the trailing checksum (`x-amz-checksum-crc32` / `crc32c` / `crc64nvme` / `sha1` / `sha256`) against
    /// the payload when present; throws `.checksumMismatch` on a difference. No checksum trailer: succeeds.
    package static func verifyTrailingChecksum(payload: [UInt8], trailers: [(String, String)]) throws(SigV4Error) {
        try AWSChecksumAlgorithm.verify(fields: trailers, payload: payload)
    }

    private static func payload(of framing: Framing, in body: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(framing.chunks.reduce(0) { $0 + $1.data.count })
        for chunk in framing.chunks { out.append(contentsOf: body[chunk.data]) }
        return out
    }

    /// Reads one CRLF-terminated line starting at `position`; returns its range and the index after the CRLF.
    private static func line(in body: [UInt8], from position: Int) -> (Range<Int>, Int)? {
        var index = position
        while index + 1 < body.count {
            if body[index] == 0x0D && body[index + 1] == 0x0A { return (position..<index, index + 2) }
            index += 1
        }
        return nil
    }

    static func parse(_ body: [UInt8]) throws(SigV4Error) -> Framing {
        var chunks: [Chunk] = []
        var position = 0
        while true {
            guard let (headerRange, afterHeader) = line(in: body, from: position) else {
                throw SigV4Error(.malformedChunkedBody, "Chunk header at byte \(position) is not terminated by CRLF")
            }
            let header = String(decoding: body[headerRange], as: UTF8.self)
            let fields = header.split(separator: ";", omittingEmptySubsequences: false)
            let sizeText = fields[0].trimmingCharacters(" \t")
            guard !sizeText.isEmpty, sizeText.count <= 15, let size = Int(sizeText, radix: 16), size >= 0 else {
                throw SigV4Error(.malformedChunkedBody, "Invalid chunk size '\(sizeText)' at byte \(position)")
            }
            var signature: String?
            for field in fields.dropFirst() {
                let parts = field.split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0].trimmingCharacters(" \t") == "chunk-signature" {
                    signature = parts[1].trimmingCharacters(" \t")
                }
            }
            if size == 0 {
                chunks.append(Chunk(data: afterHeader..<afterHeader, signature: signature))
                position = afterHeader
                break
            }
            guard size <= body.count - afterHeader else {
                throw SigV4Error(.malformedChunkedBody, "Chunk at byte \(position) declares \(size) bytes but the body ends first")
            }
            let end = afterHeader + size
            guard end + 1 < body.count, body[end] == 0x0D, body[end + 1] == 0x0A else {
                throw SigV4Error(.malformedChunkedBody, "Chunk data at byte \(afterHeader) is not followed by CRLF")
            }
            chunks.append(Chunk(data: afterHeader..<end, signature: signature))
            position = end + 2
        }
        var trailers: [(String, String)] = []
        var trailerSignature: String?
        while position < body.count {
            guard let (range, next) = line(in: body, from: position) else {
                throw SigV4Error(.malformedChunkedBody, "Trailer at byte \(position) is not terminated by CRLF")
            }
            position = next
            if range.isEmpty {
                guard position == body.count else {
                    throw SigV4Error(.malformedChunkedBody, "Unexpected bytes after the end of the aws-chunked body")
                }
                break
            }
            let text = String(decoding: body[range], as: UTF8.self)
            guard let colon = text.firstIndex(of: ":") else {
                throw SigV4Error(.malformedChunkedBody, "Trailer '\(text)' is not name:value")
            }
            let name = String(text[..<colon]).trimmingASCIIWhitespace().lowercased()
            let value = String(text[text.index(after: colon)...]).trimmingASCIIWhitespace()
            guard !name.isEmpty else { throw SigV4Error(.malformedChunkedBody, "Trailer '\(text)' has no name") }
            if name == "x-amz-trailer-signature" { trailerSignature = value } else { trailers.append((name, value)) }
        }
        return Framing(chunks: chunks, trailers: trailers, trailerSignature: trailerSignature)
    }
}

extension Substring {
    fileprivate func trimmingCharacters(_ characters: String) -> String {
        let set = Set(characters)
        guard let first = firstIndex(where: { !set.contains($0) }), let last = lastIndex(where: { !set.contains($0) }) else { return "" }
        return String(self[first...last])
    }
}
