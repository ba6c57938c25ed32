/// Hard limits of a plan or expression run. Every field has a default (PLAN_LANGUAGE.md's table);
/// exceeding one produces a `SandboxError` of kind `.limit` (or `.budget`/`.deadline`) naming the field and amount.
public struct Limits: Sendable, Equatable {
    /// Plan or expression source size in bytes (UTF-8).
    public var maxSourceBytes: Int = 16 * 1024
    /// Number of statements (`let` and `return`) in a plan.
    public var maxStatements: Int = 64
    /// Height of any expression's syntax tree.
    public var maxASTDepth: Int = 64
    /// Nesting of comprehension macros (`all`, `exists`, `exists_one`, `map`, `filter`).
    public var maxComprehensionNesting: Int = 2
    /// Tool calls per plan, reserved before dispatch (a fan-out reserves its whole size first).
    public var maxToolCalls: Int = 32
    /// Tool calls running at the same time.
    public var maxConcurrentCalls: Int = 8
    /// Per tool call timeout, in milliseconds.
    public var callTimeoutMilliseconds: Int = 30_000
    /// Wall-clock deadline for a whole plan or evaluation, in milliseconds.
    public var deadlineMilliseconds: Int = 60_000
    /// Cost budget in units (cel-go-like costs plus the size of values created).
    public var maxCost: Int = 1_000_000
    /// Longest string value, in UTF-8 bytes.
    public var maxStringBytes: Int = 1 << 20
    /// Most entries in a list or map value.
    public var maxCollectionEntries: Int = 10_000
    /// Largest value, in estimated bytes (see `Value.estimatedSize`).
    public var maxValueBytes: Int = 4 << 20

    public init() {}

    public static let `default` = Limits()
}
