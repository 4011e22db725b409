// Replaced by the code generator (Tools/CodeGen).
import StratusServiceKit
