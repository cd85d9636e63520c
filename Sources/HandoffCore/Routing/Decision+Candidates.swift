extension Decision {
    /// Every owner the router considered, with the pool that considered them, in trace order: the chosen
    /// one has no `passedOver` reason.
    public var candidates: [(pool: String, candidate: Candidate)] {
        trace.steps.flatMap { step -> [(pool: String, candidate: Candidate)] in
            guard case .pool(let name, _, let candidates) = step else { return [] }
            return candidates.map { (name, $0) }
        }
    }
}
