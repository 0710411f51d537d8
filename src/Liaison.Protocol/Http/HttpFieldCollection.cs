using System.Collections;

namespace Liaison.Protocol.Http;

/// <summary>
/// HTTP header fields as a case-insensitive multi-map (RFC 9110 §5.1: field names are
/// case-insensitive; a field may appear on several lines), independent of any web framework.
/// </summary>
public sealed class HttpFieldCollection : IEnumerable<KeyValuePair<string, string>>
{
    private readonly Dictionary<string, List<string>> _fields = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<KeyValuePair<string, string>> _lines = [];

    /// <summary>Adds one field line; earlier lines of the same name are kept, in order.</summary>
    /// <param name="name">The field name, in any case.</param>
    /// <param name="value">The field line's value.</param>
    public void Add(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        if (!_fields.TryGetValue(name, out var values))
        {
            values = [];
            _fields.Add(name, values);
        }

        values.Add(value);
        _lines.Add(new(name, value));
    }

    /// <summary>Adds one field line given as a name/value pair, so collection expressions work.</summary>
    /// <param name="line">The field name and value.</param>
    public void Add(KeyValuePair<string, string> line) => Add(line.Key, line.Value);

    /// <summary>Replaces every line of a field with one line.</summary>
    /// <param name="name">The field name, in any case.</param>
    /// <param name="value">The new value.</param>
    public void Set(string name, string value)
    {
        Remove(name);
        Add(name, value);
    }

    /// <summary>Removes every line of a field.</summary>
    /// <param name="name">The field name, in any case.</param>
    /// <returns><see langword="true"/> if the field was present.</returns>
    public bool Remove(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        _lines.RemoveAll(line => string.Equals(line.Key, name, StringComparison.OrdinalIgnoreCase));
        return _fields.Remove(name);
    }

    /// <summary>Whether at least one line of the field is present.</summary>
    /// <param name="name">The field name, in any case.</param>
    public bool Contains(string name) => _fields.ContainsKey(name);

    /// <summary>The values of every line of a field, in order; empty when absent.</summary>
    /// <param name="name">The field name, in any case.</param>
    public IReadOnlyList<string> GetValues(string name) =>
        _fields.TryGetValue(name, out var values) ? values : [];

    /// <summary>
    /// The field's lines joined with <c>", "</c>, as a recipient may combine them (RFC 9110 §5.3),
    /// or <see langword="null"/> when absent.
    /// </summary>
    /// <param name="name">The field name, in any case.</param>
    public string? GetCombined(string name) =>
        _fields.TryGetValue(name, out var values) ? string.Join(", ", values) : null;

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _lines.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
