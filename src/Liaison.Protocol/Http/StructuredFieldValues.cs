namespace Liaison.Protocol.Http;

/// <summary>
/// A token (RFC 8941 §3.3.4): an unquoted word such as <c>hwk</c>, kept apart from
/// <see cref="string"/> so that a token and a string of the same text serialise differently.
/// </summary>
/// <param name="Value">The token text.</param>
public readonly record struct SfToken(string Value)
{
    /// <inheritdoc/>
    public override string ToString() => Value;
}

/// <summary>A dictionary member value (RFC 8941 §3.2): either an <see cref="SfItem"/> or an <see cref="SfInnerList"/>.</summary>
public abstract record SfMember
{
    private protected SfMember(IReadOnlyList<KeyValuePair<string, object>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters;
    }

    /// <summary>
    /// The parameters (RFC 8941 §3.1.2) in order. Values are <see cref="long"/>, <see cref="decimal"/>,
    /// <see cref="string"/>, <see cref="SfToken"/>, <see cref="byte"/> arrays or <see cref="bool"/>.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, object>> Parameters { get; }

    /// <summary>The value of the parameter named <paramref name="key"/>, or <see langword="null"/> when absent.</summary>
    /// <param name="key">A parameter key, for example <c>created</c>.</param>
    public object? GetParameter(string key)
    {
        foreach (var parameter in Parameters)
        {
            if (string.Equals(parameter.Key, key, StringComparison.Ordinal))
            {
                return parameter.Value;
            }
        }

        return null;
    }
}

/// <summary>An item (RFC 8941 §3.3): a bare value with parameters.</summary>
public sealed record SfItem : SfMember
{
    /// <summary>Creates an item.</summary>
    /// <param name="value">A <see cref="long"/>, <see cref="decimal"/>, <see cref="string"/>, <see cref="SfToken"/>, <see cref="byte"/> array or <see cref="bool"/>.</param>
    /// <param name="parameters">The item's parameters; none when <see langword="null"/>.</param>
    public SfItem(object value, IReadOnlyList<KeyValuePair<string, object>>? parameters = null)
        : base(parameters ?? [])
    {
        ArgumentNullException.ThrowIfNull(value);
        Value = value;
    }

    /// <summary>The bare item.</summary>
    public object Value { get; }
}

/// <summary>An inner list (RFC 8941 §3.1.1): items in parentheses, with parameters on the list itself.</summary>
public sealed record SfInnerList : SfMember
{
    /// <summary>Creates an inner list.</summary>
    /// <param name="items">The items in order.</param>
    /// <param name="parameters">The list's parameters; none when <see langword="null"/>.</param>
    public SfInnerList(IReadOnlyList<SfItem> items, IReadOnlyList<KeyValuePair<string, object>>? parameters = null)
        : base(parameters ?? [])
    {
        ArgumentNullException.ThrowIfNull(items);
        Items = items;
    }

    /// <summary>The items in order.</summary>
    public IReadOnlyList<SfItem> Items { get; }
}
