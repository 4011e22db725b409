// AdminEndpoints+LambdaCode: `GET /_stratus/lambda/code/<sha-256>`, the download behind GetFunction's code Location.
import StratusJSON
import StratusLambda
import StratusWire

extension AdminEndpoints {
    /// Where `GetFunction`'s and `GetLayerVersion`'s code `Location` points (followed by the package's SHA-256 hex).
    static let lambdaCodePrefix = "/_stratus/lambda/code/"

    /// `GET /_stratus/lambda/code/<sha-256 hex>` → the deployment package (`application/zip`) with that hash, as
    /// stored; 404 (JSON) when there is none.
    func lambdaCode(id: String) async -> WireResponse {
        guard let lambda else { return Self.json(404, ["error": "Lambda is not served by this server", "code": "NotFound"]) }
        do {
            let zip = try await lambda.packageZip(id: id)
            return WireResponse(status: 200, headers: [("Content-Type", "application/zip")], body: zip)
        } catch {
            return Self.json(404, ["error": .string("No code package has the hash \(id)."), "code": "NotFound"])
        }
    }
}
