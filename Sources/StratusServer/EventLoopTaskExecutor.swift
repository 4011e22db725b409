// EventLoopTaskExecutor: a task executor that runs jobs on one SwiftNIO event loop.
import NIOCore
import NIOPosix
import StratusStoreSQLite

/// Runs the jobs of tasks that prefer it on one SwiftNIO event loop.
///
/// A request is answered on its connection's event loop; when it awaits work on another thread (a group commit, a
/// sync of the write-ahead log), Swift concurrency would resume it on any event loop, and the answer would then
/// hop back to the connection's loop to be written. With this executor as the task's preference
/// (`withTaskExecutorPreference`), the request resumes on the loop it started on.
///
/// It is also the loop's ``GroupCommitHost``: a write batch a request starts runs on the loop after the jobs queued
/// there, so the requests the loop read in one pass share it without leaving the loop.
///
/// Guarantees: jobs run on `eventLoop`'s thread, in the order they were enqueued.
final class EventLoopTaskExecutor: TaskExecutor, GroupCommitHost {
    /// The loop the jobs run on.
    let eventLoop: any EventLoop

    init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }

    func runAfterQueuedWork(_ job: @escaping @Sendable () -> Void) {
        eventLoop.execute(job)
    }

    /// The executor of the event loop the caller runs on, or `nil` off SwiftNIO's threads. One executor per loop
    /// thread, made at its first request and kept for the thread's life (event loop threads never change loops).
    static func current() -> EventLoopTaskExecutor? {
        if let executor = perThread.currentValue { return executor }
        guard let eventLoop = MultiThreadedEventLoopGroup.currentEventLoop else { return nil }
        let executor = EventLoopTaskExecutor(eventLoop: eventLoop)
        perThread.currentValue = executor
        return executor
    }

    private static let perThread = ThreadSpecificVariable<EventLoopTaskExecutor>()
}
