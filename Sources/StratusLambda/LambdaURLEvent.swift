import Foundation
import OrderedCollections
import StratusJSON

/// The function URL payload format (version 2.0): the event a URL request becomes, and the HTTP answer a function's
/// result becomes.
///
/// Guarantees: pure. Header names are lower-cased and repeated values joined with commas, cookies are their own
/// list, query parameters repeated are joined with commas; a body that is not UTF-8 is sent base64-encoded
/// (`isBase64Encoded`). A result with `statusCode` is an HTTP answer (`headers`, `cookies`, `body`,
/// `isBase64Encoded`); any other result is a `200` JSON answer of it (a string result is the body as it is).
package enum LambdaURLEvent {
    /// The event of `request` to URL `urlID` on `host`, with its request id and time.
    package static func event(_ request: LambdaURLRequest, urlID: String, host: String, requestID: String,
                              authorized accountID: String?, at time: Date) -> JSONValue {
        var headers: OrderedDictionary<String, String> = [:]
        var cookies: [JSONValue] = []
        for (name, value) in request.headers {
            let lower = name.lowercased()
            if lower == "cookie" {
                cookies += value.split(separator: ";").map { .string($0.trimmingCharacters(in: .whitespaces)) }
                continue
            }
            headers[lower] = headers[lower].map { "\($0),\(value)" } ?? value
        }
        var query: OrderedDictionary<String, String> = [:]
        for pair in request.rawQuery.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            let value = parts.count > 1 ? parts[1] : ""
            query[parts[0]] = query[parts[0]].map { "\($0),\(value)" } ?? value
        }
        let path = request.rawPath.isEmpty ? "/" : request.rawPath
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "dd/MMM/yyyy:HH:mm:ss Z"
        var event: OrderedDictionary<String, JSONValue> = [
            "version": "2.0", "routeKey": "$default", "rawPath": .string(path),
            "rawQueryString": .string(request.rawQuery),
        ]
        if !cookies.isEmpty { event["cookies"] = .array(cookies) }
        event["headers"] = .object(OrderedDictionary(uniqueKeysWithValues: headers.map { ($0.key, JSONValue.string($0.value)) }))
        if !query.isEmpty {
            event["queryStringParameters"] = .object(OrderedDictionary(uniqueKeysWithValues: query.map {
                ($0.key, JSONValue.string($0.value))
            }))
        }
        event["requestContext"] = [
            "accountId": .string(accountID ?? "anonymous"), "apiId": .string(urlID),
            "domainName": .string(host), "domainPrefix": .string(urlID),
            "http": [
                "method": .string(request.method), "path": .string(path), "protocol": "HTTP/1.1",
                "sourceIp": .string(request.sourceIP), "userAgent": .string(request.header("User-Agent") ?? ""),
            ],
            "requestId": .string(requestID), "routeKey": "$default", "stage": "$default",
            "time": .string(formatter.string(from: time)),
            "timeEpoch": .number(JSONNumber(Int64((time.timeIntervalSince1970 * 1000).rounded(.down)))),
        ]
        if !request.body.isEmpty {
            if let text = String(validating: request.body, as: UTF8.self) {
                event["body"] = .string(text)
                event["isBase64Encoded"] = false
            } else {
                event["body"] = .string(Data(request.body).base64EncodedString())
                event["isBase64Encoded"] = true
            }
        } else {
            event["isBase64Encoded"] = false
        }
        return .object(event)
    }

    /// The HTTP answer of a function's result `payload` (JSON).
    package static func response(from payload: [UInt8]) -> LambdaURLResponse {
        guard let result = try? JSONValue.parse(String(decoding: payload, as: UTF8.self)) else {
            return LambdaURLResponse(status: 200, headers: [("Content-Type", "application/json")], body: payload)
        }
        if case .string(let text) = result {
            return LambdaURLResponse(status: 200, headers: [("Content-Type", "application/json")], body: Array(text.utf8))
        }
        guard case .object(let fields) = result, let status = fields["statusCode"].flatMap(statusCode) else {
            return LambdaURLResponse(status: 200, headers: [("Content-Type", "application/json")], body: payload)
        }
        var headers: [(name: String, value: String)] = []
        if case .object(let given)? = fields["headers"] {
            for (name, value) in given { headers.append((name, text(of: value))) }
        }
        if case .array(let cookies)? = fields["cookies"] {
            for cookie in cookies { headers.append(("Set-Cookie", text(of: cookie))) }
        }
        var body: [UInt8] = []
        if let given = fields["body"], given != .null {
            let text = text(of: given)
            if case .bool(true)? = fields["isBase64Encoded"] {
                body = Data(base64Encoded: text).map { Array($0) } ?? []
            } else {
                body = Array(text.utf8)
            }
        }
        if !headers.contains(where: { $0.name.lowercased() == "content-type" }) {
            headers.append(("Content-Type", "application/json"))
        }
        return LambdaURLResponse(status: status, headers: headers, body: body)
    }

    private static func statusCode(_ value: JSONValue) -> Int? {
        switch value {
        case .number(let number): return Int(number.description)
        case .string(let text): return Int(text)
        default: return nil
        }
    }

    private static func text(of value: JSONValue) -> String {
        if case .string(let text) = value { return text }
        return value.serializedString()
    }
}
