import Testing
@testable import StratusJSONata

@Test func namespaceExists() { _ = JSONata.self }
