import NIOCore
import NIOPosix
import StratusCLI

// Swift concurrency's jobs run on SwiftNIO's event loop threads (the ones Hummingbird serves on), so a request is not
// handed between NIO's threads and the default cooperative pool on every await.
NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
await StratusCommand.start()
