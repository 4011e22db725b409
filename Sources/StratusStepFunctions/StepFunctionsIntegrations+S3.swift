// StepFunctionsIntegrations+S3: `aws-sdk:s3` bodies and errors, and the S3 reads and writes of Distributed Maps.
import Foundation
import OrderedCollections
import StratusAPIS3
import StratusJSON
import StratusServiceKit
import StratusSigV4
import StratusStatesEngine

extension StepFunctionsIntegrations {
    /// The S3 access of a Distributed Map (never a Task resource of its own): `ItemReader`'s `s3:getObject` and
    /// `s3:listObjectsV2`, `ResultWriter`'s `s3:putObject`.
    static func mapStorageKind(of resource: String) -> Kind? {
        let parts = resource.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 7, parts[0] == "arn", parts[2] == "states", parts[3].isEmpty, parts[4].isEmpty, parts[5] == "s3"
        else { return nil }
        switch parts[6] {
        case "getObject": return .mapItemReader(listsObjects: false)
        case "listObjectsV2": return .mapItemReader(listsObjects: true)
        case "putObject": return .mapResultWriter
        default: return nil
        }
    }

    /// Reads a Distributed Map's items source: the object's text (`getObject`; the engine parses it), or every
    /// object of the listing (`listObjectsV2`, all pages) as `{"Etag", "Key", "LastModified", "Size",
    /// "StorageClass"}` with `LastModified` in epoch seconds, as Step Functions hands them to the iterations.
    func readMapItems(_ invocation: TaskInvocation, listsObjects: Bool, invoker: any ServiceInvoker,
                      context: RequestContext) async -> Outcome {
        let client = S3Client(invoker: invoker, context: context)
        guard case .string(let bucket)? = invocation.input["Bucket"] else {
            return .failed(error: "States.ItemReaderFailed", cause: "The ItemReader parameters must name a Bucket.")
        }
        do {
            if !listsObjects {
                guard case .string(let key)? = invocation.input["Key"] else {
                    return .failed(error: "States.ItemReaderFailed", cause: "The ItemReader parameters must name a Key.")
                }
                if invocation.readsInventoryManifest {
                    return try await readInventoryReport(manifestBucket: bucket, key: key, client: client)
                }
                let output = try await client.getObject(S3.GetObjectRequest(bucket: bucket, key: key))
                return .succeeded(.string(String(decoding: output.body ?? Data(), as: UTF8.self)))
            }
            var request = S3.ListObjectsV2Request(bucket: bucket)
            request.prefix = invocation.input["Prefix"]?.stringValue
            var objects: [JSONValue] = []
            while true {
                let page = try await client.listObjectsV2(request)
                for object in page.contents ?? [] {
                    objects.append([
                        "Etag": .string(object.eTag ?? ""), "Key": .string(object.key ?? ""),
                        "LastModified": .number(JSONNumber(Int((object.lastModified ?? Date(timeIntervalSince1970: 0)).timeIntervalSince1970))),
                        "Size": .number(JSONNumber(object.size ?? 0)),
                        "StorageClass": .string(object.storageClass?.rawValue ?? "STANDARD"),
                    ])
                }
                guard page.isTruncated == true, let token = page.nextContinuationToken else { break }
                request.continuationToken = token
            }
            return .succeeded(.array(objects))
        } catch let error as AWSServiceError {
            return Self.s3Failure(error, requestID: context.requestID)
        } catch {
            return .failed(error: "States.Runtime", cause: "\(error)")
        }
    }

    /// The most bytes one inventory data file may inflate to (a larger one fails the read instead of filling memory).
    static let maximumInventoryFileBytes = 1 << 30

    /// Reads an S3 Inventory report for a Distributed Map (`InputType` `MANIFEST`): its `manifest.json`, then each
    /// data file it lists (in the manifest's `destinationBucket`; gzip files decompressed), answered as
    /// `{"fileSchema", "files": [<CSV text>...]}` for the engine to turn into items. Only CSV reports are read, as
    /// Step Functions reads them; anything else, or a manifest that does not parse, fails the read with
    /// `States.ItemReaderFailed`.
    func readInventoryReport(manifestBucket: String, key: String, client: S3Client) async throws -> Outcome {
        func failure(_ cause: String) -> Outcome { .failed(error: "States.ItemReaderFailed", cause: cause) }
        let manifestObject = try await client.getObject(S3.GetObjectRequest(bucket: manifestBucket, key: key))
        guard let manifest = try? JSONValue.parse(Array(manifestObject.body ?? Data())), case .object = manifest else {
            return failure("The S3 Inventory manifest s3://\(manifestBucket)/\(key) is not valid JSON.")
        }
        let format = manifest["fileFormat"]?.stringValue ?? ""
        guard format == "CSV" else {
            return failure("The S3 Inventory report's fileFormat is \(format.isEmpty ? "missing" : format); Step Functions reads CSV reports only.")
        }
        guard case .string(let schema)? = manifest["fileSchema"], case .array(let files)? = manifest["files"] else {
            return failure("The S3 Inventory manifest s3://\(manifestBucket)/\(key) has no fileSchema or files.")
        }
        // `destinationBucket` is the bucket's ARN (`arn:aws:s3:::name`); the data files are there.
        let destination = manifest["destinationBucket"]?.stringValue.map { $0.hasPrefix("arn:") ? String($0.split(separator: ":", omittingEmptySubsequences: false).last ?? "") : $0 }
        let dataBucket = destination.flatMap { $0.isEmpty ? nil : $0 } ?? manifestBucket
        var texts: [JSONValue] = []
        for file in files {
            guard case .string(let fileKey)? = file["key"] else {
                return failure("The S3 Inventory manifest s3://\(manifestBucket)/\(key) lists a file without a key.")
            }
            let bytes = Array(try await client.getObject(S3.GetObjectRequest(bucket: dataBucket, key: fileKey)).body ?? Data())
            var content = bytes
            if bytes.starts(with: [0x1F, 0x8B]) {
                do {
                    content = try Gzip.decompress(bytes, limit: Self.maximumInventoryFileBytes)
                } catch {
                    return failure("The S3 Inventory data file s3://\(dataBucket)/\(fileKey) is not valid gzip: \(error.message).")
                }
            }
            texts.append(.string(String(decoding: content, as: UTF8.self)))
        }
        return .succeeded(["fileSchema": .string(schema), "files": .array(texts)])
    }

    /// Writes a Distributed Map's result files (`{"Bucket", "Files": [{"Key", "Body"}]}`, built by the engine) in
    /// order, the manifest last.
    func writeMapResults(_ invocation: TaskInvocation, invoker: any ServiceInvoker, context: RequestContext) async -> Outcome {
        let client = S3Client(invoker: invoker, context: context)
        guard case .string(let bucket)? = invocation.input["Bucket"], case .array(let files)? = invocation.input["Files"] else {
            return .failed(error: "States.ResultWriterFailed", cause: "The ResultWriter request is malformed.")
        }
        do {
            for file in files {
                guard case .string(let key)? = file["Key"], case .string(let body)? = file["Body"] else { continue }
                var request = S3.PutObjectRequest(body: Data(body.utf8), bucket: bucket, key: key)
                request.contentType = "application/json"
                _ = try await client.putObject(request)
            }
            return .succeeded(.null)
        } catch let error as AWSServiceError {
            return Self.s3Failure(error, requestID: context.requestID)
        } catch {
            return .failed(error: "States.Runtime", cause: "\(error)")
        }
    }

    /// An `aws-sdk:s3` request's parameters with `Body` taken out (the model's blob is base64 on other wires; Step
    /// Functions sends the value's JSON text — a string with its quotes, as recorded from AWS).
    static func s3Body(of input: JSONValue, operation: String) -> (input: JSONValue, body: Data?) {
        guard operation == "PutObject" || operation == "UploadPart", case .object(var members) = input,
              let value = members.removeValue(forKey: "Body") else { return (input, nil) }
        return (.object(members), Data(value.serializedString().utf8))
    }

    /// Puts a taken-out `Body` back into an `aws-sdk:s3` request, with what the SDK Step Functions uses adds: a
    /// `text/plain; charset=UTF-8` content type unless one was given, and a CRC32 checksum unless one was asked for.
    static func s3Request(_ request: AWSValue, body: Data?) -> AWSValue {
        guard let body, case .object(var members) = request else { return request }
        members["Body"] = .blob(body)
        if members["ContentType"] == nil { members["ContentType"] = .string("text/plain; charset=UTF-8") }
        let checksums = ["ChecksumAlgorithm", "ChecksumCRC32", "ChecksumCRC32C", "ChecksumCRC64NVME", "ChecksumSHA1",
                         "ChecksumSHA256", "ContentMD5"]
        if !checksums.contains(where: { members[$0] != nil }) { members["ChecksumAlgorithm"] = .string("CRC32") }
        return .object(members)
    }

    /// An `aws-sdk:s3` result as the SDK hands it to Step Functions: `GetObject`'s `Body` as text (last) and its
    /// `Metadata` always present.
    static func s3Result(_ result: JSONValue, response: AWSValue, operation: String) -> JSONValue {
        guard operation == "GetObject", case .object(var members) = result, case .object(let raw) = response else { return result }
        if members["Metadata"] == nil { members["Metadata"] = .object([:]) }
        members.removeValue(forKey: "Body")
        if case .blob(let data)? = raw["Body"] {
            members["Body"] = .string(String(decoding: data, as: UTF8.self))
        } else {
            members["Body"] = .string("")
        }
        return .object(members)
    }

    /// The task failure of an S3 error as the AWS SDK v2 names it: `S3.<Code>Exception` for the model's exceptions,
    /// `S3.S3Exception` for the others, cause `<message> (Service: S3, Status Code: <status>, Request ID: <id>,
    /// Extended Request ID: <extended id>)` (as recorded from AWS).
    static func s3Failure(_ error: AWSServiceError, requestID: String) -> Outcome {
        let code = error.code.code
        let name = S3Errors.byShapeName[code] != nil ? errorName(service: "S3", code: code) : "S3.S3Exception"
        let extended = Data(requestID.utf8).base64EncodedString()
        let cause = "\(error.message ?? "null") (Service: S3, Status Code: \(error.code.httpStatus), Request ID: \(requestID), "
            + "Extended Request ID: \(extended))"
        return .failed(error: name, cause: cause)
    }
}
