import Yams

/// How much a YAML document may hold once its aliases are expanded. An alias (`*name`) stands for the
/// whole node it names, so nine levels of aliases to nine copies each make a 1 KB file stand for
/// hundreds of millions of nodes; every reader walks the expanded tree. The rulebook, mapping and theme
/// loaders check the budget before reading anything, and refuse the file with the position where it ran out.
public enum YAMLBudget {
    /// Far above any real rulebook (500 owners and 50 routes are about 10,000 nodes).
    public static let maximumNodes = 200_000
    /// Deeper than any file the readers accept, shallow enough for their recursion.
    public static let maximumDepth = 64

    public struct Exceeded: Error, Sendable, Equatable {
        public var message: String
        /// 1-based, where the walk stopped (an expanded alias points at the node it repeats).
        public var line: Int
        public var column: Int
    }

    /// Nil when the document fits; otherwise what went over and where. Stops as soon as the budget is
    /// spent, so the check itself is bounded however large the expansion would be.
    public static func check(_ root: Node, maximumNodes: Int = maximumNodes, maximumDepth: Int = maximumDepth) -> Exceeded? {
        var remaining = maximumNodes
        // Depth-first with an explicit stack: the check must not itself recurse on a deep document.
        var stack: [(node: Node, depth: Int)] = [(root, 1)]
        while let (node, depth) = stack.popLast() {
            remaining -= 1
            let mark = node.mark
            func exceeded(_ message: String) -> Exceeded {
                Exceeded(message: message, line: max(1, mark?.line ?? 1), column: max(1, mark?.column ?? 1))
            }
            if remaining < 0 {
                return exceeded("the file stands for more than \(NumberText.grouped(Double(maximumNodes))) values once its aliases (*name) are expanded; "
                    + "write the repeated parts out, or repeat them fewer times")
            }
            if depth > maximumDepth {
                return exceeded("values are nested more than \(maximumDepth) levels deep; flatten the file")
            }
            switch node {
            case .scalar, .alias: continue
            case .sequence(let items):
                for item in items { stack.append((item, depth + 1)) }
            case .mapping(let pairs):
                for (key, value) in pairs {
                    stack.append((key, depth + 1))
                    stack.append((value, depth + 1))
                }
            }
        }
        return nil
    }
}
