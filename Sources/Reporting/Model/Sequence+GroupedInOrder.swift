extension Sequence {
    /// The elements grouped by `key`: groups in the order their first element came, each group's
    /// elements in theirs (configurations with the same figures share a row, variants with the
    /// same output share a value).
    func groupedInOrder<Key: Hashable>(by key: (Element) -> Key) -> [(key: Key, elements: [Element])] {
        var groups: [(key: Key, elements: [Element])] = []
        var index: [Key: Int] = [:]
        for element in self {
            let group = key(element)
            if let at = index[group] {
                groups[at].elements.append(element)
            } else {
                index[group] = groups.count
                groups.append((group, [element]))
            }
        }
        return groups
    }
}
