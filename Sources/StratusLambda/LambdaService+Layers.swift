// LambdaService+Layers: PublishLayerVersion, GetLayerVersion(ByArn), ListLayerVersions, ListLayers, DeleteLayerVersion.
import StratusAPILambda
import StratusServiceKit

extension LambdaService {
    /// `PublishLayerVersion` from a `ZipFile`.
    package func publishLayerVersion(_ input: Lambda.PublishLayerVersionRequest, context: RequestContext) async throws
        -> Lambda.PublishLayerVersionResponse
    {
        try Self.checkLayerName(input.layerName)
        let code = try await storeCode(zipFile: input.content.zipFile, s3Bucket: input.content.s3Bucket,
                                       s3Key: input.content.s3Key, s3ObjectVersion: input.content.s3ObjectVersion,
                                       context: context)
        let now = nowMilliseconds()
        let account = context.accountID, region = context.region, name = input.layerName
        let record = try await store.publishLayerVersion(accountID: account, region: region, layerName: name) { version in
            LambdaLayerVersionRecord(
                accountID: account, region: region, layerName: name, version: version,
                description: input.description ?? "", code: code,
                compatibleRuntimes: input.compatibleRuntimes?.map(\.rawValue) ?? [],
                compatibleArchitectures: input.compatibleArchitectures?.map(\.rawValue) ?? [],
                licenseInfo: input.licenseInfo, createdAt: now)
        }
        let response = Self.layerResponse(record, endpointURL: context.endpointURL)
        return Lambda.PublishLayerVersionResponse(
            content: response.content, layerArn: response.layerArn, layerVersionArn: response.layerVersionArn,
            description: response.description, createdDate: response.createdDate, version: response.version,
            compatibleRuntimes: response.compatibleRuntimes, licenseInfo: response.licenseInfo,
            compatibleArchitectures: response.compatibleArchitectures)
    }

    /// `GetLayerVersion`.
    package func getLayerVersion(_ input: Lambda.GetLayerVersionRequest, context: RequestContext) async throws
        -> Lambda.GetLayerVersionResponse
    {
        guard let record = try await store.layerVersion(
            accountID: context.accountID, region: context.region, layerName: input.layerName, version: input.versionNumber)
        else { throw LambdaFailure.notFound("The resource you requested does not exist.") }
        return Self.layerResponse(record, endpointURL: context.endpointURL)
    }

    /// `GetLayerVersionByArn`.
    package func getLayerVersionByArn(_ input: Lambda.GetLayerVersionByArnRequest, context: RequestContext) async throws
        -> Lambda.GetLayerVersionResponse
    {
        guard let record = try await layerVersion(arn: input.arn) else {
            throw LambdaFailure.notFound("The resource you requested does not exist.")
        }
        return Self.layerResponse(record, endpointURL: context.endpointURL)
    }

    /// `ListLayerVersions`, newest first.
    package func listLayerVersions(_ input: Lambda.ListLayerVersionsRequest, context: RequestContext) async throws
        -> Lambda.ListLayerVersionsResponse
    {
        let versions = try await store.layerVersions(accountID: context.accountID, region: context.region)
            .filter { $0.layerName == input.layerName }
            .filter { Self.layer($0, runtime: input.compatibleRuntime, architecture: input.compatibleArchitecture) }
        let page = try Self.page(versions.map(Self.listItem), marker: input.marker, maxItems: input.maxItems)
        return Lambda.ListLayerVersionsResponse(nextMarker: page.nextMarker, layerVersions: page.items)
    }

    /// `ListLayers`: each layer with its latest matching version.
    package func listLayers(_ input: Lambda.ListLayersRequest, context: RequestContext) async throws
        -> Lambda.ListLayersResponse
    {
        let versions = try await store.layerVersions(accountID: context.accountID, region: context.region)
            .filter { Self.layer($0, runtime: input.compatibleRuntime, architecture: input.compatibleArchitecture) }
        var items: [Lambda.LayersListItem] = []
        for version in versions where items.last?.layerName != version.layerName {
            items.append(Lambda.LayersListItem(layerName: version.layerName, layerArn: version.layerArn,
                                               latestMatchingVersion: Self.listItem(version)))
        }
        let page = try Self.page(items, marker: input.marker, maxItems: input.maxItems)
        return Lambda.ListLayersResponse(nextMarker: page.nextMarker, layers: page.items)
    }

    /// `DeleteLayerVersion` (deleting a missing version succeeds, as in Lambda). Functions using it keep running.
    package func deleteLayerVersion(_ input: Lambda.DeleteLayerVersionRequest, context: RequestContext) async throws {
        guard let deleted = try await store.deleteLayerVersion(
            accountID: context.accountID, region: context.region, layerName: input.layerName, version: input.versionNumber)
        else { return }
        try await deleteUnusedCode([deleted.code])
    }

    /// The layer version an ARN names, if it exists.
    func layerVersion(arn: String) async throws -> LambdaLayerVersionRecord? {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 8, parts[0] == "arn", parts[2] == "lambda", parts[5] == "layer",
            let version = Int(parts[7])
        else { return nil }
        return try await store.layerVersion(accountID: parts[4], region: parts[3], layerName: parts[6], version: version)
    }

    /// The `Layers` of a function: existing layer versions, at most five, no layer twice.
    func resolveLayers(_ arns: [String], context: RequestContext) async throws -> [LambdaLayerReference] {
        guard arns.count <= 5 else {
            throw LambdaFailure.invalidParameter("Cannot reference more than 5 layers.")
        }
        var references: [LambdaLayerReference] = []
        var names = Set<String>()
        for arn in arns {
            guard let record = try await layerVersion(arn: arn) else {
                throw LambdaFailure.invalidParameter("Layer version \(arn) does not exist.")
            }
            guard names.insert(record.layerArn).inserted else {
                throw LambdaFailure.invalidParameter("Two different versions of the same layer are not allowed to be referenced in the same function. \(record.layerArn) is referenced twice.")
            }
            references.append(LambdaLayerReference(arn: record.layerVersionArn, code: record.code))
        }
        return references
    }

    static func checkLayerName(_ name: String) throws {
        guard LambdaFunctionName.isName(name) else {
            throw LambdaFailure.invalidParameter("Invalid layer name: \(name)")
        }
    }

    static func layer(_ record: LambdaLayerVersionRecord, runtime: Lambda.Runtime?, architecture: Lambda.Architecture?)
        -> Bool
    {
        (runtime == nil || record.compatibleRuntimes.contains(runtime!.rawValue))
            && (architecture == nil || record.compatibleArchitectures.contains(architecture!.rawValue))
    }

    /// The answer describing a layer version; its content `Location` downloads the package when `endpointURL` (this
    /// server's) is given.
    static func layerResponse(_ record: LambdaLayerVersionRecord, endpointURL: String? = nil) -> Lambda.GetLayerVersionResponse {
        Lambda.GetLayerVersionResponse(
            content: Lambda.LayerVersionContentOutput(
                location: endpointURL.map { codeLocation(record.code, endpointURL: $0) }, codeSha256: record.code.sha256Base64,
                codeSize: Int(record.code.size)),
            layerArn: record.layerArn, layerVersionArn: record.layerVersionArn, description: record.description,
            createdDate: LambdaTimestamp.text(record.createdAt), version: record.version,
            compatibleRuntimes: record.compatibleRuntimes.isEmpty ? nil : record.compatibleRuntimes.map(Lambda.Runtime.init(rawValue:)),
            licenseInfo: record.licenseInfo,
            compatibleArchitectures: record.compatibleArchitectures.isEmpty
                ? nil : record.compatibleArchitectures.map(Lambda.Architecture.init(rawValue:)))
    }

    static func listItem(_ record: LambdaLayerVersionRecord) -> Lambda.LayerVersionsListItem {
        let response = layerResponse(record)
        return Lambda.LayerVersionsListItem(
            layerVersionArn: response.layerVersionArn, version: response.version, description: response.description,
            createdDate: response.createdDate, compatibleRuntimes: response.compatibleRuntimes,
            licenseInfo: response.licenseInfo, compatibleArchitectures: response.compatibleArchitectures)
    }

    /// Where a package can be downloaded from this server: `<endpoint>/_stratus/lambda/code/<sha-256 hex>` (what
    /// `GetFunction` and `GetLayerVersion` answer as `Location`, as AWS answers a presigned S3 URL).
    static func codeLocation(_ code: StoredLambdaCode, endpointURL: String) -> String {
        "\(endpointURL)/_stratus/lambda/code/\(code.id)"
    }

    /// The zip of the package whose SHA-256 (lowercase hex) is `id`, as stored.
    /// - Throws: ``LambdaCodeStoreError`` `notFound` when no package has that hash (or `id` is not one).
    package func packageZip(id: String) async throws -> [UInt8] {
        guard id.count == 64, id.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
            throw LambdaCodeStoreError(.notFound, "No code package has the hash \(id).")
        }
        return try await codeStore.zip(for: StoredLambdaCode(id: id, sha256Base64: "", size: 0))
    }
}
