namespace Liaison.Protocol.Taxii;

internal static class TaxiiLists
{
    // TAXII 2.1 §2 (list): empty lists are prohibited and must not stand in for an omitted optional
    // property, so "nothing" is held as null and never written. The copy keeps the resource immutable.
    internal static IReadOnlyList<T>? NullIfEmpty<T>(IReadOnlyList<T>? values) =>
        values is { Count: > 0 } ? [.. values] : null;
}
