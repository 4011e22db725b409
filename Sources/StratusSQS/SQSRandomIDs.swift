// SQSRandomIDs: message ids and receipt tokens from the kernel's random source, read in blocks.
#if canImport(Glibc)
import Glibc
#endif
import StratusAWSCore
import Synchronization

/// Random version-4 UUIDs in lowercase, the form of SQS message ids, with the same format and the same source
/// (the kernel's CSPRNG) as `RandomRequestIDGenerator`, but read 4 KiB at a time from `/dev/urandom`: three
/// system calls per 256 ids instead of two per id (a send needs one id, a receive one per message it may return).
///
/// Guarantees: 122 random bits per id from the system's cryptographic random source; every byte is used for one
/// id only. Safe to share between tasks.
package final class SQSRandomIDs: RequestIDGenerator {
    private struct Pool {
        var bytes = [UInt8](repeating: 0, count: SQSRandomIDs.blockSize)
        /// The next unused byte; `blockSize` when the block is used up.
        var position = SQSRandomIDs.blockSize
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
            // Used bytes are not handed out again (and not left readable in the pool).
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
