// LambdaCodeStore: the port through which the Lambda service keeps deployment packages (function and layer zips).

import StratusAPILambda
import StratusServiceKit

/// Keeps deployment packages (the `ZipFile` of a function or a layer version) and unpacks them for execution
/// environments. Adapter: `LambdaZipCodeStore` (StratusLambdaRuntime, L4), files under the data directory.
///
/// Guarantees required of every adapter: packages are content-addressed by their SHA-256, so storing the same
/// bytes twice answers the same ``StoredLambdaCode`` and keeps one copy; a stored package survives a restart of
/// the server (until ``delete(_:)``); ``directory(for:)`` answers a directory holding exactly the package's files,
/// never writes outside it (entries with `..`, absolute paths or symbolic links leading out are refused when the
/// package is stored), keeps the packaged executable bits (a `bootstrap` stays executable) and is the same
/// directory on every call until the package is deleted. Bytes that are not a zip archive are refused by
/// ``store(zip:)`` with ``LambdaCodeStoreError/Code/notAZip``, before anything is kept.
package protocol LambdaCodeStore: Sendable {
    /// Keeps `zip` (a whole zip archive) and answers its identity, size and hash.
    /// - Throws: ``LambdaCodeStoreError`` (`notAZip`, `unsafeEntry`, `tooLarge`, `io`); nothing is kept then.
    func store(zip: [UInt8]) async throws -> StoredLambdaCode
    /// The directory holding the package's unpacked files (Lambda's `/var/task` for a function, `/opt` for a
    /// layer), unpacked at the first call and cached.
    /// - Throws: ``LambdaCodeStoreError`` (`notFound` when the package was never stored or was deleted, `io`).
    func directory(for code: StoredLambdaCode) async throws -> String
    /// The package's zip bytes as they were stored (for `GetFunction`'s download location).
    /// - Throws: ``LambdaCodeStoreError/Code/notFound`` when the package is not kept.
    func zip(for code: StoredLambdaCode) async throws -> [UInt8]
    /// Forgets the package and its unpacked directory. Packages are shared by content: the caller deletes one
    /// only when no function version or layer version refers to its ``StoredLambdaCode/id`` any longer.
    /// Deleting a package that is not kept does nothing.
    func delete(_ code: StoredLambdaCode) async throws
}

/// A kept deployment package.
///
/// Guarantees: `id` is the lowercase hex SHA-256 of the zip bytes and `sha256Base64` the same digest in base64
/// (Lambda's `CodeSha256`); `size` is the zip's length in bytes (Lambda's `CodeSize`).
package struct StoredLambdaCode: Sendable, Hashable, Codable {
    /// Lowercase hex SHA-256 of the zip: the package's identity in the store.
    package var id: String
    /// Base64 SHA-256 of the zip (`CodeSha256`).
    package var sha256Base64: String
    /// Length of the zip in bytes (`CodeSize`).
    package var size: Int64

    package init(id: String, sha256Base64: String, size: Int64) {
        self.id = id
        self.sha256Base64 = sha256Base64
        self.size = size
    }
}

/// Why a package could not be stored or found.
package struct LambdaCodeStoreError: Error, Sendable, Equatable {
    /// The kind of failure.
    package enum Code: String, Sendable, Equatable {
        /// The bytes are not a readable zip archive.
        case notAZip
        /// An entry would land outside the package's directory (`..`, absolute path, symbolic link out).
        case unsafeEntry
        /// The unpacked package exceeds Lambda's 262144000-byte limit.
        case tooLarge
        /// The package is not kept (never stored, or deleted).
        case notFound
        /// The file system failed.
        case io
    }

    /// The kind of failure.
    package var code: Code
    /// A message for people; for `notAZip`, `unsafeEntry` and `tooLarge` it is the message Lambda answers.
    package var message: String

    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// Lambda's message for a package that cannot be unzipped.
    package static let couldNotUnzipMessage =
        "Could not unzip uploaded file. Please check your file, then try to upload again."

    /// The error Lambda answers for this failure: `InvalidParameterValueException` with Lambda's wording for
    /// `notAZip`, `unsafeEntry` and `tooLarge`; `ResourceNotFoundException` for `notFound`; `ServiceException`
    /// for `io`.
    package var serviceError: AWSServiceError {
        switch code {
        case .notAZip, .unsafeEntry, .tooLarge:
            AWSServiceError(LambdaErrors.invalidParameterValueException, message)
        case .notFound:
            AWSServiceError(LambdaErrors.resourceNotFoundException, message)
        case .io:
            AWSServiceError(LambdaErrors.serviceException, message)
        }
    }
}
