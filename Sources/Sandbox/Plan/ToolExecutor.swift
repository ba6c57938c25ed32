/// Whether a tool only reads or also changes the world. Write tools run one after another in textual order.
public enum ToolEffect: String, Sendable, Hashable {
    case read, write
}

/// What the checker and scheduler know about a tool.
public struct ToolDescription: Sendable, Hashable {
    public struct Parameter: Sendable, Hashable {
        public var name: String
        public var required: Bool
        public init(name: String, required: Bool = false) {
            self.name = name
            self.required = required
        }
    }

    public var name: String
    public var effect: ToolEffect
    public var parameters: [Parameter]
    /// When false, named arguments other than `parameters` are errors.
    public var allowsExtraArguments: Bool

    public init(name: String, effect: ToolEffect = .read, parameters: [Parameter] = [], allowsExtraArguments: Bool = false) {
        self.name = name
        self.effect = effect
        self.parameters = parameters
        self.allowsExtraArguments = allowsExtraArguments
    }
}

/// One tool call as the executor sees it.
public struct ToolCall: Sendable {
    public var tool: String
    /// The arguments (a map value; named arguments become string keys).
    public var arguments: Value
    public var effect: ToolEffect
    /// Position of the call in the plan source.
    public var line: Int
    public var column: Int
}

/// A tool's own failure (bad arguments, upstream error...). Becomes an error value that dependants see.
public struct ToolFailure: Error, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// Runs tool calls for plans. Implemented outside this module (builtins, HTTP, MCP) and by test fakes.
///
/// Implementation requirements: honour Task cancellation (the deadline cancels calls in flight);
/// throw `ToolFailure` (or any error) for a failed call; never block the thread.
public protocol ToolExecutor: Sendable {
    /// The tools this executor offers (used by the checker and for effects).
    var tools: [ToolDescription] { get }
    /// ``tools`` indexed by name. Executors whose tool set is fixed should store one; the default
    /// builds it on each use.
    var toolTable: ToolTable { get }
    /// The executor one run should use from its check to its last call. An executor whose tools can
    /// change (a catalog reload) returns the one current now, so a running plan never sees the change;
    /// the default is `self`.
    var pinned: any ToolExecutor { get }
    func call(_ call: ToolCall) async throws -> Value
}

extension ToolExecutor {
    public var toolTable: ToolTable { ToolTable(tools) }
    public var pinned: any ToolExecutor { self }
}
