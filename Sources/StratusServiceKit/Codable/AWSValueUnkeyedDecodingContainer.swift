import Foundation

/// Reads the elements of an ``AWSValue/list(_:)`` in order.
struct AWSValueUnkeyedDecodingContainer: UnkeyedDecodingContainer {
    let elements: [AWSValue]
    let decoder: AWSValueDecoding
    private(set) var currentIndex = 0

    init(elements: [AWSValue], decoder: AWSValueDecoding) {
        self.elements = elements
        self.decoder = decoder
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    private func currentPath() -> [any CodingKey] { codingPath + [AWSValueCodingKey.index(currentIndex)] }

    private func current<T>(_ type: T.Type) throws -> AWSValue {
        guard currentIndex < elements.count else {
            throw DecodingError.valueNotFound(type, .init(
                codingPath: currentPath(), debugDescription: "the list has only \(elements.count) elements"))
        }
        return elements[currentIndex]
    }

    mutating func decodeNil() throws -> Bool {
        if case .null = try current(Any?.self) {
            currentIndex += 1
            return true
        }
        return false
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let value = try current(type)
        let result = try AWSValueDecoding.unbox(
            value, as: type, parent: decoder, key: AWSValueCodingKey.index(currentIndex),
            userInfo: decoder.sendableUserInfo)
        currentIndex += 1
        return result
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool {
        let result = try AWSValueDecoding.unboxBool(current(type), currentPath())
        currentIndex += 1
        return result
    }

    mutating func decode(_ type: String.Type) throws -> String {
        let result = try AWSValueDecoding.unboxString(current(type), currentPath())
        currentIndex += 1
        return result
    }

    mutating func decode(_ type: Double.Type) throws -> Double {
        let result = try AWSValueDecoding.unboxDouble(current(type), currentPath())
        currentIndex += 1
        return result
    }

    mutating func decode(_ type: Int.Type) throws -> Int {
        let result = try AWSValueDecoding.unboxInteger(current(type), as: type, currentPath())
        currentIndex += 1
        return result
    }

    mutating func decode(_ type: Int64.Type) throws -> Int64 {
        let result = try AWSValueDecoding.unboxInteger(current(type), as: type, currentPath())
        currentIndex += 1
        return result
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        let container = try childDecoder().container(keyedBy: type)
        currentIndex += 1
        return container
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let container = try childDecoder().unkeyedContainer()
        currentIndex += 1
        return container
    }

    mutating func superDecoder() throws -> any Decoder {
        let child = try childDecoder()
        currentIndex += 1
        return child
    }

    private func childDecoder() throws -> AWSValueDecoding {
        AWSValueDecoding(
            value: try current(Any.self), parent: decoder, key: AWSValueCodingKey.index(currentIndex),
            userInfo: decoder.sendableUserInfo)
    }
}
