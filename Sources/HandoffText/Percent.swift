import Foundation

/// "12.5%" of a whole, or "-" when there is no whole to take a share of.
public func percent(_ part: Int, of whole: Int) -> String {
    whole == 0 ? "-" : String(format: "%.1f%%", Double(part) * 100 / Double(whole))
}
