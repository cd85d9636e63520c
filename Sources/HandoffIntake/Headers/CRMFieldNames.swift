/// The CRM field names the import recognises, for programs that ask a CRM for exactly those fields.
public enum CRMFieldNames {
    /// HubSpot's internal contact property names (`firstname`, `hs_object_id`, ...), as HubSpot's CRM API
    /// takes and answers them: the lower-case, space-free spellings of the HubSpot vocabulary.
    public static let hubSpotProperties: [String] = HeaderVocabulary.hubSpot.map(\.header).filter { header in
        header == header.lowercased() && !header.contains(" ")
    }
}
