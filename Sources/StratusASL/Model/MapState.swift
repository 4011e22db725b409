import OrderedCollections
import StratusJSON
import StratusJSONPath

/// The Map-specific part of a state.
///
/// Guarantees: `itemSelector` holds `ItemSelector` or its legacy name `Parameters` (JSONPath), `itemProcessor`
/// holds `ItemProcessor` or its legacy name `Iterator`.
package struct MapState: Sendable {
    /// How the item processor runs (`ProcessorConfig.Mode`).
    package enum Mode: String, Sendable, Hashable {
        case inline = "INLINE"
        case distributed = "DISTRIBUTED"
    }

    /// The iteration graph.
    package var itemProcessor: StateGraph
    /// `ProcessorConfig.Mode` (default `INLINE`).
    package var mode: Mode
    /// `ProcessorConfig.ExecutionType` for distributed maps (`STANDARD`/`EXPRESS`).
    package var executionType: String?
    /// `ItemsPath` (JSONPath; default `$`).
    package var itemsPath: JSONPath?
    /// `Items` (JSONata: an array or a `{% %}` expression).
    package var items: JSONValue?
    /// `ItemSelector` / `Parameters` (JSONPath template).
    package var itemSelector: PayloadTemplate?
    /// `ItemSelector` in JSONata states (a value with expressions).
    package var itemSelectorJSONata: JSONValue?
    /// `MaxConcurrency` / `MaxConcurrencyPath` / JSONata expression (default 0 = unlimited).
    package var maxConcurrency: NumberSetting?
    /// `ToleratedFailurePercentage` / `…Path`.
    package var toleratedFailurePercentage: NumberSetting?
    /// `ToleratedFailureCount` / `…Path`.
    package var toleratedFailureCount: NumberSetting?
    /// `ItemReader` as written (distributed maps; reading from S3 needs the S3 service).
    package var itemReader: JSONValue?
    /// `ItemBatcher` as written.
    package var itemBatcher: JSONValue?
    /// `ResultWriter` as written.
    package var resultWriter: JSONValue?
    /// `Label` (distributed maps).
    package var label: String?

    /// Creates the Map part; optional fields default to absent.
    package init(itemProcessor: StateGraph, mode: Mode = .inline) {
        self.itemProcessor = itemProcessor
        self.mode = mode
        self.itemsPath = .dollar
    }
}
