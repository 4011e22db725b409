import Foundation
import StratusJSON
import StratusLambda
import StratusLambdaRuntime
import StratusServiceKit
import Testing

@Suite struct RuntimeCodeStoreTests {
    /// Builds a zip with Python's zipfile: `entries` are (name, content, unix mode, is symlink).
    static func zip(_ entries: [(String, String, Int, Bool)]) throws -> [UInt8] {
        let spec = entries.map { #"[\#(pythonString($0.0)), \#(pythonString($0.1)), \#($0.2), \#($0.3 ? "True" : "False")]"# }
        let script = """
            import io, sys, zipfile, stat
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
                for name, content, mode, link in [\(spec.joined(separator: ", "))]:
                    info = zipfile.ZipInfo(name)
                    info.create_system = 3
                    kind = stat.S_IFLNK if link else (stat.S_IFDIR if name.endswith("/") else stat.S_IFREG)
                    info.external_attr = (kind | mode) << 16
                    info.compress_type = zipfile.ZIP_STORED if link else zipfile.ZIP_DEFLATED  # as zip -y does
                    archive.writestr(info, content)
            sys.stdout.buffer.write(buffer.getvalue())
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return [UInt8](data)
    }

    /// The SHA-256 of `bytes` in hex, computed by `sha256sum`.
    static func sha256Hex(_ bytes: [UInt8]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        try input.fileHandleForWriting.write(contentsOf: Data(bytes))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: " ").first.map(String.init) ?? ""
    }

    static func pythonString(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
            .replacingOccurrences(of: "\n", with: "\\n") + "'"
    }

    static func store() throws -> (LambdaZipCodeStore, String) {
        let directory = FileManager.default.temporaryDirectory.path + "/stratus-code-store-" + UUID().uuidString
        return (try LambdaZipCodeStore(directory: directory), directory)
    }

    @Test func aPackageIsStoredByContentAndUnpackedWithItsExecutableBits() async throws {
        let (store, root) = try Self.store()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let zip = try Self.zip([
            ("bootstrap", "#!/bin/sh\necho hi\n", 0o755, false),
            ("lib/", "", 0o755, false),
            ("lib/data.txt", "payload", 0o644, false),
            ("lib/link", "data.txt", 0o777, true),
        ])
        let code = try await store.store(zip: zip)
        let hex = try Self.sha256Hex(zip)
        #expect(code.size == Int64(zip.count))
        #expect(code.id == hex)
        let digest = stride(from: 0, to: hex.count, by: 2).map { offset -> UInt8 in
            let start = hex.index(hex.startIndex, offsetBy: offset)
            return UInt8(hex[start..<hex.index(start, offsetBy: 2)], radix: 16)!
        }
        #expect(code.sha256Base64 == Data(digest).base64EncodedString())
        let directory = try await store.directory(for: code)
        #expect(FileManager.default.isExecutableFile(atPath: directory + "/bootstrap"))
        #expect(!FileManager.default.isExecutableFile(atPath: directory + "/lib/data.txt"))
        #expect(try String(contentsOfFile: directory + "/lib/link", encoding: .utf8) == "payload")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: directory + "/lib/link") == "data.txt")
        #expect(try await store.directory(for: code) == directory)
        #expect(try await store.zip(for: code) == zip)
        // The same bytes again: the same identity, one copy.
        #expect(try await store.store(zip: zip) == code)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/zips").count == 1)
        // A second store over the same directory (a restart) finds it.
        let reopened = try LambdaZipCodeStore(directory: root)
        #expect(try await reopened.directory(for: code) == directory)
        try await store.delete(code)
        await #expect(throws: LambdaCodeStoreError.self) { try await store.directory(for: code) }
        #expect(!FileManager.default.fileExists(atPath: directory))
        try await store.delete(code)  // deleting twice does nothing
    }

    @Test func bytesThatAreNotAZipAreRefusedWithLambdasMessage() async throws {
        let (store, root) = try Self.store()
        defer { try? FileManager.default.removeItem(atPath: root) }
        for bytes in [Array("not a zip at all".utf8), [], Array(try Self.zip([("a.py", "x", 0o644, false)]).prefix(40))] {
            do {
                _ = try await store.store(zip: bytes)
                Issue.record("accepted \(bytes.count) bytes")
            } catch let error as LambdaCodeStoreError {
                #expect(error.code == .notAZip)
                #expect(error.message == "Could not unzip uploaded file. Please check your file, then try to upload again.")
                #expect(error.serviceError.code.code == "InvalidParameterValueException")
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/zips").isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/unpacked").isEmpty)
    }

    @Test(arguments: [
        [("../evil.py", "x", 0o644, false)],
        [("ok/../../evil.py", "x", 0o644, false)],
        [("/etc/evil.py", "x", 0o644, false)],
        [("escape", "../../outside", 0o777, true)],
        [("sub/escape", "../..", 0o777, true)],
        [("absolute", "/etc/passwd", 0o777, true)],
    ])
    func entriesEscapingThePackageAreRefused(entries: [(String, String, Int, Bool)]) async throws {
        let (store, root) = try Self.store()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let zip = try Self.zip([("fine.py", "ok", 0o644, false)] + entries)
        do {
            _ = try await store.store(zip: zip)
            Issue.record("accepted \(entries)")
        } catch let error as LambdaCodeStoreError {
            #expect(error.code == .unsafeEntry)
            #expect(error.serviceError.code.code == "InvalidParameterValueException")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/unpacked").isEmpty)
        #expect(!FileManager.default.fileExists(atPath: root + "/evil.py"))
        #expect(!FileManager.default.fileExists(atPath: (root as NSString).deletingLastPathComponent + "/evil.py"))
    }

    @Test func aLinkThatStaysInsideThePackageIsKept() async throws {
        let (store, root) = try Self.store()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let zip = try Self.zip([
            ("a/b/target.txt", "t", 0o644, false), ("a/c/link", "../b/target.txt", 0o777, true),
        ])
        let directory = try await store.directory(for: try await store.store(zip: zip))
        #expect(try String(contentsOfFile: directory + "/a/c/link", encoding: .utf8) == "t")
    }

    @Test func aPackageLargerThanTheUnzippedLimitIsRefused() async throws {
        let directory = FileManager.default.temporaryDirectory.path + "/stratus-code-store-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try LambdaZipCodeStore(directory: directory, maximumUnpackedSize: 1000)
        let zip = try Self.zip([("big.txt", String(repeating: "a", count: 1001), 0o644, false)])
        do {
            _ = try await store.store(zip: zip)
            Issue.record("accepted")
        } catch let error as LambdaCodeStoreError {
            #expect(error.code == .tooLarge)
            #expect(error.message == "Unzipped size must be smaller than 1000 bytes")
        }
    }

    @Test func anUnpackedPackageRunsAsAProvidedFunction() async throws {
        let (store, root) = try Self.store()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let zip = try Self.zip([("bootstrap", RuntimeProvidedTests.shellBootstrap, 0o755, false)])
        let directory = try await store.directory(for: try await store.store(zip: zip))
        try await withRuntime { fixture in
            let outcome = try await fixture.invoke(
                fixture.function(runtime: "provided.al2023", handler: "zip.handler", code: directory), #"{"z": 1}"#)
            #expect(outcome.json?["echo"]?["z"] == .number(1), "\(outcome.log)")
        }
    }
}
