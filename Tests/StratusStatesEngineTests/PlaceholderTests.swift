import Testing
@testable import StratusStatesEngine

@Test func namespaceExists() { _ = StatesEngine.self }
