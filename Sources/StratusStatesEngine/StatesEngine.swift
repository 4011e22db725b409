/// Namespace of the deterministic workflow engine.
package enum StatesEngine {}
