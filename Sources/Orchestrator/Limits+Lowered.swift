public import Sandbox

extension Limits {
    /// These limits with each field lowered to `other`'s where that is lower (a request may tighten, never loosen).
    public func lowered(by other: Limits?) -> Limits {
        guard let other else { return self }
        var out = self
        out.maxSourceBytes = min(maxSourceBytes, other.maxSourceBytes)
        out.maxStatements = min(maxStatements, other.maxStatements)
        out.maxASTDepth = min(maxASTDepth, other.maxASTDepth)
        out.maxComprehensionNesting = min(maxComprehensionNesting, other.maxComprehensionNesting)
        out.maxToolCalls = min(maxToolCalls, other.maxToolCalls)
        out.maxConcurrentCalls = min(maxConcurrentCalls, other.maxConcurrentCalls)
        out.callTimeoutMilliseconds = min(callTimeoutMilliseconds, other.callTimeoutMilliseconds)
        out.deadlineMilliseconds = min(deadlineMilliseconds, other.deadlineMilliseconds)
        out.maxCost = min(maxCost, other.maxCost)
        out.maxStringBytes = min(maxStringBytes, other.maxStringBytes)
        out.maxCollectionEntries = min(maxCollectionEntries, other.maxCollectionEntries)
        out.maxValueBytes = min(maxValueBytes, other.maxValueBytes)
        return out
    }
}
