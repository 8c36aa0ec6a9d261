import ClauseValue
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A variable a memoized subexpression reads: its slot, and the fields read from it (`inc.service`
/// is slot of `inc` and `["service"]`; an empty path is the variable's whole value).
struct MemoRead: Hashable {
    let slot: Int
    let path: [String]
}

/// One scalar part of a memo key. Exact, unlike CEL equality: `1`, `1u` and `1.0` differ, since
/// a subexpression may print them differently.
enum MemoScalar: Hashable {
    /// The field at this depth of the read's path is absent (`has` false, selecting it an error).
    case absent(depth: Int)
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case double(UInt64)
    case string(String)
    case bytes([UInt8])
    case timestamp(Timestamp)
    case duration(Interval)
    /// A list or map, compared by identity through the cache's anchors.
    case object

    /// The scalar of `v`, or nil for a list or map.
    init?(_ v: Value) {
        switch v {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(i)
        case .uint(let u): self = .uint(u)
        case .double(let d): self = .double(d.bitPattern)
        case .string(let s): self = .string(s)
        case .bytes(let b): self = .bytes(b)
        case .timestamp(let t): self = .timestamp(t)
        case .duration(let d): self = .duration(d)
        case .list, .map: return nil
        }
    }
}

/// The results one memoized subexpression gave, by the scalars it read, for one set of lists
/// and maps it read (the anchors: a rule's sections while it judges one snapshot).
///
/// Split in shards picked by thread, each with its own lock: the engine judges a rule's
/// elements on every core at once, and one lock taken by all of them a few million times
/// would have them queue at it.
///
/// Adaptive: when fewer than half of a shard's last `trial` lookups hit (the subexpression reads
/// something that differs per element, such as a record's id or date), the cache turns itself
/// off for good and costs one atomic load per evaluation from then on. A full shard is emptied
/// and filled again, so that what recurs now is what it holds.
final class MemoCache: @unchecked Sendable {
    static let capacity = 512
    static let trial = 256
    static let shardCount = 4

    struct Entry {
        let result: RValue
        /// Cost steps and built bytes the evaluation took, charged again on every hit so that
        /// an evaluation's budget is spent the same whether or not it was served from here.
        let steps: Int
        let built: Int
    }

    final class Shard: @unchecked Sendable {
        let lock = JoinLock()
        /// Guarded by `lock`.
        var entries: [[MemoScalar]: Entry] = [:]
        /// The lists and maps the entries were computed against, held so their identities stay
        /// unique while they are compared; guarded by `lock`.
        var anchors: [Value] = []
        var lookups = 0
        var hits = 0
        /// Lookups and hits in the current window of `trial` lookups.
        var window = 0
        var windowHits = 0
    }

    private let shards = (0..<MemoCache.shardCount).map { _ in Shard() }
    private let off = Atomic<Bool>(false)

    var disabled: Bool { off.load(ordering: .relaxed) }

    /// This thread's shard.
    private var shard: Shard {
        #if canImport(Darwin)
        let thread = UInt(bitPattern: pthread_self())
        #else
        let thread = UInt(pthread_self())
        #endif
        return shards[Int((thread &* 0x9E37_79B9_7F4A_7C15) >> 62) % Self.shardCount]
    }

    func lookup(_ key: [MemoScalar], objects: [Value]) -> Entry? {
        let shard = self.shard
        shard.lock.lock()
        defer { shard.lock.unlock() }
        shard.lookups += 1
        shard.window += 1
        var found: Entry?
        if !Self.same(objects, shard.anchors) {
            shard.entries.removeAll()
            shard.anchors = objects
        } else if let hit = shard.entries[key] {
            shard.hits += 1
            shard.windowHits += 1
            found = hit
        }
        if shard.window == Self.trial {
            if shard.windowHits * 2 < Self.trial {
                off.store(true, ordering: .relaxed)
                shard.entries = [:]
                shard.anchors = []
            }
            shard.window = 0
            shard.windowHits = 0
        }
        return found
    }

    func store(_ key: [MemoScalar], objects: [Value], _ entry: Entry) {
        let shard = self.shard
        shard.lock.lock()
        defer { shard.lock.unlock() }
        guard !disabled, Self.same(objects, shard.anchors) else { return }
        // Full: start afresh. Elements come in runs that share their inputs (a service's
        // incidents one after another), so the recent results are the ones worth keeping.
        if shard.entries.count >= Self.capacity { shard.entries.removeAll(keepingCapacity: true) }
        shard.entries[key] = entry
    }

    /// Lookups and hits so far, over all shards (for tests).
    var counts: (lookups: Int, hits: Int) {
        shards.reduce((0, 0)) { sum, shard in
            shard.lock.lock()
            defer { shard.lock.unlock() }
            return (sum.0 + shard.lookups, sum.1 + shard.hits)
        }
    }

    private static func same(_ a: [Value], _ b: [Value]) -> Bool {
        guard a.count == b.count else { return false }
        for i in 0..<a.count where a[i].storageIdentity != b[i].storageIdentity { return false }
        return true
    }
}

/// A subexpression that contains a comprehension and reads only variables, or fields of them
/// (`services.filter(s, s.id == inc.service)`): evaluated once per distinct set of the values it
/// reads, and answered from `MemoCache` after that. A rule judging a million incidents against
/// three services then filters the services a few times, not a million.
///
/// Exactly the result of evaluating `inner`: the key holds every value the subexpression can
/// see (a comprehension's and `cel.bind`'s own names are bound inside it), and only values are
/// kept, never errors (a limit reached is not a property of the inputs).
final class MemoNode: Node {
    let inner: Node
    let reads: [MemoRead]
    let cache = MemoCache()

    init(_ inner: Node, reads: [MemoRead]) {
        self.inner = inner
        self.reads = reads
        super.init(id: inner.id)
        inferred = inner.inferred
    }

    override func eval(_ f: Frame) -> RValue {
        if cache.disabled { return inner.eval(f) }
        var key: [MemoScalar] = []
        key.reserveCapacity(reads.count)
        var objects: [Value] = []
        for read in reads {
            guard case .value(var v) = f.vars[read.slot] else { return inner.eval(f) }
            var absent = false
            for (depth, field) in read.path.enumerated() {
                // Not a map: selecting fails with an error worded by the value's kind; keep it simple.
                guard case .map(let m) = v else { return inner.eval(f) }
                guard let p = m.position(ofString: field) else {
                    key.append(.absent(depth: depth))
                    absent = true
                    break
                }
                v = m.value(at: p)
            }
            if absent { continue }
            if let s = MemoScalar(v) {
                key.append(s)
            } else {
                key.append(.object)
                objects.append(v)
            }
        }
        if let hit = cache.lookup(key, objects: objects) {
            guard f.charge(hit.steps) else { return fail(f.exhausted, .limit) }
            guard f.build(hit.built) else { return fail(Limit.memoryMessage(f.state.pointee.limits), .limit) }
            return hit.result
        }
        let steps = f.state.pointee.steps, built = f.state.pointee.built
        let r = inner.eval(f)
        let state = f.state.pointee
        if case .value = r, !state.timedOut, state.steps <= state.limits.costBudget, state.built <= state.limits.maxBuiltBytes {
            cache.store(key, objects: objects, MemoCache.Entry(result: r, steps: state.steps &- steps, built: state.built &- built))
        }
        return r
    }
}
