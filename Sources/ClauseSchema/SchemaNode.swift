import ClauseValue

/// One compiled schema object or boolean schema. Nodes live in one array and name each other by
/// index, so a `$ref` cycle is just two indices and never a reference cycle or a recursive
/// compile; the rules for each kind of instance sit in their own optional part, so a value skips
/// everything that cannot apply to it.
struct SchemaNode: Sendable {
    /// The `false` schema: nothing validates.
    var rejectsAll = false
    /// Nothing to check (`true`, `{}`, or only annotations): the walk does not even enter it.
    var isTrivial = false
    /// Whether any of `$ref`, `allOf`, `anyOf`, `oneOf`, `not` is present, so the common node
    /// (no applicators) skips five tests with one.
    var hasApplicators = false
    /// Only a `$ref` (with annotations beside it, as a described field usually has): the walk
    /// goes straight on to the target.
    var isRefOnly = false
    /// `type`; nil when any type is allowed.
    var types: JSONTypeSet?
    /// `$ref`, as a node index; -1 when absent.
    var ref: Int32 = -1
    var allOf: [Int32] = []
    var anyOf: [Int32] = []
    var oneOf: [Int32] = []
    /// `not`, as a node index; -1 when absent.
    var not: Int32 = -1
    var object: ObjectRules?
    var array: ArrayRules?
    var string: StringRules?
    var number: NumberRules?
    var enumeration: EnumRules?
    var const: Value?

    /// Sets the summary flags once every `$ref` is resolved.
    mutating func summarise() {
        isTrivial = hasNoAssertions
        hasApplicators = ref >= 0 || !allOf.isEmpty || !anyOf.isEmpty || !oneOf.isEmpty || not >= 0
        var withoutRef = self
        withoutRef.ref = -1
        isRefOnly = ref >= 0 && withoutRef.hasNoAssertions
    }

    /// Whether validation could ever fail here: the check the compiler makes once every `$ref`
    /// is resolved.
    var hasNoAssertions: Bool {
        !rejectsAll && types == nil && ref < 0 && allOf.isEmpty && anyOf.isEmpty && oneOf.isEmpty && not < 0
            && object == nil && array == nil && string == nil && number == nil && enumeration == nil && const == nil
    }
}
