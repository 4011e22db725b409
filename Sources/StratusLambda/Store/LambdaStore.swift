// LambdaStore: the storage port of the Lambda service.

/// Where the Lambda service keeps functions (with versions, aliases, concurrency, tags and event-invoke
/// configs), layer versions, event source mappings and the queue of asynchronous invocations. Code packages are
/// not here: they live in the ``LambdaCodeStore``.
///
/// Guarantees every adapter must give:
/// - each method is one atomic transaction; a method that returns has committed durably (survives `kill -9`);
/// - a function is read and written whole (``LambdaFunctionRecord``); ``updateFunction(accountID:region:name:_:)``
///   is an atomic read-modify-write, and a `change` that throws writes nothing;
/// - a claim of asynchronous invocations is atomic: two concurrent claims never return the same invocation
///   (a shared-database adapter uses `FOR UPDATE SKIP LOCKED`);
/// - times are milliseconds since the Unix epoch given by the caller: adapters never read a clock.
package protocol LambdaStore: Sendable {
    /// Inserts `function` unless one with its account, region and name exists.
    /// - Returns: whether it was inserted.
    func createFunction(_ function: LambdaFunctionRecord) async throws -> Bool
    /// The function `name`, or nil.
    func function(accountID: String, region: String, name: String) async throws -> LambdaFunctionRecord?
    /// The functions of an account in a region, sorted by name.
    func functions(accountID: String, region: String) async throws -> [LambdaFunctionRecord]
    /// Every function of every account and region (background work after a restart).
    func allFunctions() async throws -> [LambdaFunctionRecord]
    /// Reads function `name`, lets `change` edit it, writes it back, atomically.
    /// - Returns: the function after the change, or nil when it does not exist (nothing written).
    /// - Throws: what `change` throws (nothing written).
    func updateFunction(accountID: String, region: String, name: String,
                        _ change: @escaping @Sendable (inout LambdaFunctionRecord) throws -> Void) async throws
        -> LambdaFunctionRecord?
    /// Deletes function `name`. - Returns: the deleted function, or nil when it did not exist.
    func deleteFunction(accountID: String, region: String, name: String) async throws -> LambdaFunctionRecord?

    /// Publishes the next version of a layer: `make` receives the new version number.
    func publishLayerVersion(accountID: String, region: String, layerName: String,
                             _ make: @escaping @Sendable (Int) -> LambdaLayerVersionRecord) async throws
        -> LambdaLayerVersionRecord
    /// One layer version, or nil.
    func layerVersion(accountID: String, region: String, layerName: String, version: Int) async throws
        -> LambdaLayerVersionRecord?
    /// Every version of every layer of an account in a region, by layer name then version descending.
    func layerVersions(accountID: String, region: String) async throws -> [LambdaLayerVersionRecord]
    /// Deletes one layer version. - Returns: it, or nil when it did not exist.
    func deleteLayerVersion(accountID: String, region: String, layerName: String, version: Int) async throws
        -> LambdaLayerVersionRecord?
    /// Whether any function version, layer reference or layer version still uses the package `codeID`.
    func isCodeReferenced(_ codeID: String) async throws -> Bool

    /// Inserts a mapping.
    func createEventSourceMapping(_ mapping: LambdaEventSourceMappingRecord) async throws
    /// The mapping `uuid`, or nil.
    func eventSourceMapping(uuid: String) async throws -> LambdaEventSourceMappingRecord?
    /// Every mapping, by creation order.
    func eventSourceMappings() async throws -> [LambdaEventSourceMappingRecord]
    /// Atomic read-modify-write of mapping `uuid`. - Returns: it after the change, or nil when missing.
    func updateEventSourceMapping(uuid: String,
                                  _ change: @escaping @Sendable (inout LambdaEventSourceMappingRecord) throws -> Void)
        async throws -> LambdaEventSourceMappingRecord?
    /// Deletes mapping `uuid`. - Returns: it, or nil when missing.
    func deleteEventSourceMapping(uuid: String) async throws -> LambdaEventSourceMappingRecord?

    /// Queues an asynchronous invocation.
    func enqueueAsyncInvocation(_ invocation: LambdaAsyncInvocationRecord) async throws
    /// Claims up to `limit` invocations due at `now` (oldest due first), moving their `dueAt` to `leaseUntil`.
    func claimAsyncInvocations(now: Int64, leaseUntil: Int64, limit: Int) async throws -> [LambdaAsyncInvocationRecord]
    /// Stores the new attempt count and due time of a queued invocation.
    func rescheduleAsyncInvocation(id: String, attempts: Int, dueAt: Int64) async throws
    /// Removes a queued invocation (done, or given up).
    func finishAsyncInvocation(id: String) async throws
    /// The earliest `dueAt` of the queue, if any.
    func nextAsyncInvocationDue() async throws -> Int64?
}
