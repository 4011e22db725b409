// ProcessOutputCollector: the pipe an environment's processes write stdout and stderr to, read on a thread.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization

/// Collects everything an environment's processes write to standard output and standard error (one pipe, in
/// the order written).
///
/// Guarantees: bytes are kept in order; ``take()`` first reads whatever is already in the pipe, so output written
/// before the runtime posted its response is in the log of that invocation; at most `limit` bytes are kept
/// (older bytes are dropped first). A dedicated thread (the documented bridge from the blocking pipe to the
/// collector) polls the pipe until end of file or ``stop()``, and closes the read end when it ends.
package final class ProcessOutputCollector: Sendable {
    private struct State: ~Copyable {
        var buffer: [UInt8] = []
        var closed = false
        var stopping = false
    }

    private let readDescriptor: Int32
    /// The write end, to hand to the child as stdout and stderr (close it in the parent after spawning).
    package let writeDescriptor: Int32
    private let state = Mutex(State())
    private let limit: Int

    /// A new pipe.
    /// - Throws: `POSIXError` when the pipe cannot be created.
    package init(limit: Int = 1 << 20) throws {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        readDescriptor = fds[0]
        writeDescriptor = fds[1]
        for descriptor in fds { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        _ = fcntl(readDescriptor, F_SETFL, fcntl(readDescriptor, F_GETFL) | O_NONBLOCK)
        self.limit = limit
    }

    /// Starts the reading thread.
    package func startReading() {
        let thread = Thread { [self] in self.readLoop() }
        thread.name = "stratus-lambda-output"
        thread.start()
    }

    /// Everything collected since the last call (reading what is already in the pipe first), then cleared.
    package func take() -> [UInt8] {
        state.withLock { state in
            readAvailable(&state)
            defer { state.buffer = [] }
            return state.buffer
        }
    }

    /// Asks the reading thread to stop (it closes the pipe within a fraction of a second).
    package func stop() {
        state.withLock { $0.stopping = true }
    }

    private func readLoop() {
        while true {
            var descriptor = pollfd(fd: readDescriptor, events: Int16(POLLIN), revents: 0)
            _ = poll(&descriptor, 1, 200)
            let finished: Bool = state.withLock { state in
                if state.stopping { return true }
                return readAvailable(&state)
            }
            if finished { break }
        }
        state.withLock { state in
            readAvailable(&state)
            state.closed = true
            close(readDescriptor)
        }
    }

    /// Reads what the pipe holds without blocking; `true` at end of file.
    @discardableResult
    private func readAvailable(_ state: inout State) -> Bool {
        guard !state.closed else { return true }
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(readDescriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                state.buffer.append(contentsOf: chunk[0..<count])
                if state.buffer.count > limit { state.buffer.removeFirst(state.buffer.count - limit) }
                continue
            }
            if count == 0 { return true }
            return errno != EAGAIN && errno != EINTR && errno != EWOULDBLOCK
        }
    }
}
