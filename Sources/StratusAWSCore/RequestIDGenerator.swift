#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Produces request ids. Injected so tests can predict them.
package protocol RequestIDGenerator: Sendable {
    /// A new id, unique for the life of the process.
    func next() -> String
}

/// Random version-4 UUIDs in lowercase (`4f0c…-…`), the form AWS uses for request and message ids, from the kernel's
/// cryptographic random source read 4 KiB at a time (`/dev/urandom`, three system calls per 256 ids; Foundation's `UUID()`
/// reads `/dev/urandom` for every id and the standard library's generator makes a system call per 8 bytes).
///
/// Guarantees: 122 random bits per id from the system's cryptographic random source; every random byte is used for
/// one id only (and cleared from the pool once used), so ids are unique in practice. Safe to share between tasks.
package final class RandomRequestIDGenerator: RequestIDGenerator {
    private struct Pool {
        var bytes = [UInt8](repeating: 0, count: RandomRequestIDGenerator.blockSize)
        /// The next unused byte; `blockSize` when the block is used up.
        var position = RandomRequestIDGenerator.blockSize
    }

    private static let blockSize = 4096
    private let pool = Mutex(Pool())

    /// A generator with an empty pool (filled on first use).
    package init() {}

    /// A new id.
    package func next() -> String {
        let (high, low) = pool.withLock { pool -> (UInt64, UInt64) in
            if pool.position + 16 > Self.blockSize {
                pool.bytes.withUnsafeMutableBytes { Self.fill($0) }
                pool.position = 0
            }
            var high: UInt64 = 0
            var low: UInt64 = 0
            for index in 0..<8 {
                high = high << 8 | UInt64(pool.bytes[pool.position + index])
                low = low << 8 | UInt64(pool.bytes[pool.position + 8 + index])
            }
            for index in pool.position..<(pool.position + 16) { pool.bytes[index] = 0 }
            pool.position += 16
            return (high, low)
        }
        return UUIDText.version4(high: high, low: low)
    }

    /// Fills `buffer` from the kernel's random source (`/dev/urandom`, one read per block), or from the standard
    /// library's system generator where that cannot be read.
    private static func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        var filled = 0
        #if canImport(Glibc)
        let descriptor = open("/dev/urandom", O_RDONLY | O_CLOEXEC)
        if descriptor >= 0 {
            while filled < buffer.count {
                let count = read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
                if count > 0 {
                    filled += count
                } else if count < 0 && errno == EINTR {
                    continue
                } else {
                    break
                }
            }
            close(descriptor)
        }
        #endif
        if filled < buffer.count {
            var generator = SystemRandomNumberGenerator()
            for index in filled..<buffer.count { buffer[index] = generator.next() }
        }
    }
}
