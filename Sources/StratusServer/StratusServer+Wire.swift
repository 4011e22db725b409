import StratusWire

extension StratusServer {
    /// The wire gateway's settings, from the server configuration.
    func wireConfiguration() -> WireConfiguration {
        let authMode: WireConfiguration.AuthMode
        switch configuration.authentication {
        case .off: authMode = .off
        case .verify(let secretKeys): authMode = .verify(credentials: secretKeys)
        }
        return WireConfiguration(
            defaultAccountID: configuration.accountID,
            defaultRegion: configuration.region,
            authMode: authMode
        )
    }
}
