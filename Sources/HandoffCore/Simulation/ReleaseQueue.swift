import Foundation

/// Simulated acceptances waiting to happen: a min-heap of (time, owner index), so a replay can hand
/// back each owner's load at the moment the lead was really closed.
struct ReleaseQueue: Sendable {
    private var heap: [(at: Double, owner: Int)] = []

    var isEmpty: Bool { heap.isEmpty }

    mutating func push(at: Double, owner: Int) {
        heap.append((at, owner))
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].at < heap[parent].at else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the owners whose release is due at or before `time`, earliest first.
    mutating func popDue(upTo time: Double, _ body: (Int) -> Void) {
        while let first = heap.first, first.at <= time {
            body(first.owner)
            let last = heap.removeLast()
            guard !heap.isEmpty else { break }
            heap[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < heap.count, heap[left].at < heap[smallest].at { smallest = left }
                if right < heap.count, heap[right].at < heap[smallest].at { smallest = right }
                if smallest == parent { break }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
    }
}
