/// "1 owner", "3 owners": counts read as English, not as "3 owner(s)".
public func counted(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
    "\(n) \(n == 1 ? singular : plural ?? singular + "s")"
}
