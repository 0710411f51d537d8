using System.Globalization;
using System.Text;

namespace Liaison.Protocol.Http;

/// <summary>Builds the signature base, the exact text that is signed (RFC 9421 §2.5).</summary>
public static class SignatureBase
{
    /// <summary>The derived components this implementation supports (RFC 9421 §2.2).</summary>
    public static IReadOnlyList<string> DerivedComponents { get; } =
        ["@method", "@target-uri", "@authority", "@scheme", "@request-target", "@path", "@query", "@status"];

    /// <summary>The <c>req</c> component parameter (RFC 9421 §2.4).</summary>
    public const string RequestParameter = "req";

    /// <summary>
    /// The identifier of a request component as a response signature covers it, for example
    /// <c>@method;req</c> for <c>"@method";req</c> (RFC 9421 §2.4).
    /// </summary>
    /// <param name="component">A derived component or lower-case field name of the related request.</param>
    public static string FromRequest(string component)
    {
        ArgumentException.ThrowIfNullOrEmpty(component);
        return component + ";" + RequestParameter;
    }

    /// <summary>Builds the signature base for a message.</summary>
    /// <param name="message">The request or response.</param>
    /// <param name="coveredComponents">
    /// Component identifiers in the order to sign them: lower-case header field names or derived
    /// components such as <c>@method</c>, optionally followed by <c>;req</c> to take the component from
    /// the response's related request (RFC 9421 §2.4; see <see cref="FromRequest"/>). Other component
    /// parameters (<c>;sf</c>, <c>;key</c>, <c>;bs</c>, <c>;tr</c>, <c>;name</c>) are not supported.
    /// </param>
    /// <param name="parameters">The signature parameters.</param>
    /// <returns>The lines <c>"name": value</c> joined by LF, ending with the <c>@signature-params</c> line and no trailing LF.</returns>
    /// <exception cref="ArgumentException">A component is unknown, repeated, absent from the message, or has a value that cannot be signed.</exception>
    public static string Build(SignedMessage message, IReadOnlyList<string> coveredComponents, SignatureParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var result = TryBuild(message, ToInnerList(coveredComponents, parameters), out var signatureBase);
        return result.Error is null ? signatureBase : throw new ArgumentException(result.Error, nameof(coveredComponents));
    }

    internal static SfInnerList ToInnerList(IReadOnlyList<string> coveredComponents, SignatureParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(coveredComponents);
        return new SfInnerList([.. coveredComponents.Select(ToItem)], parameters.ToStructured());
    }

    /// <summary>
    /// The identifier as covered components list it: the name, then each flag (<c>@method;req</c>) as
    /// in the serialised inner list, without the quotes. A field name or derived component never holds <c>;</c>.
    /// </summary>
    internal static string Identifier(SfItem item)
    {
        var name = item.Value as string ?? string.Empty;
        return item.Parameters.Count == 0 ? name : name + string.Concat(item.Parameters.Select(p => ";" + p.Key));
    }

    private static SfItem ToItem(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        var parts = identifier.Split(';');
        return new SfItem(parts[0], [.. parts.Skip(1).Select(flag => new KeyValuePair<string, object>(flag, true))]);
    }

    /// <summary>Builds the base from the parsed <c>@signature-params</c> value, keeping its parameter order as received.</summary>
    internal static BuildResult TryBuild(SignedMessage message, SfInnerList signatureParams, out string signatureBase)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(signatureParams);
        signatureBase = string.Empty;
        var builder = new StringBuilder();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in signatureParams.Items)
        {
            if (item.Value is not string name)
            {
                return BuildResult.Invalid("every covered component is a quoted string (RFC 9421 §2.3)");
            }

            var source = message;
            foreach (var (key, flag) in item.Parameters)
            {
                if (key != RequestParameter || flag is not true)
                {
                    return BuildResult.Invalid($"component parameters such as ';{key}' on \"{name}\" are not supported; only ';req' is");
                }

                // RFC 9421 §2.4: ';req' names a component of the request a response answers.
                if (message.IsRequest)
                {
                    return BuildResult.Invalid($"\"{name}\";req is only for responses (RFC 9421 §2.4)");
                }

                if (message.RelatedRequest is not { IsRequest: true } related)
                {
                    return BuildResult.Invalid($"\"{name}\";req covers the related request, and none was given (RFC 9421 §2.4)");
                }

                source = related;
            }

            // RFC 9421 §2.5: a component identifier, parameters included, must not be repeated.
            var identifier = Identifier(item);
            if (!seen.Add(identifier))
            {
                return BuildResult.Invalid($"\"{identifier}\" is covered more than once (RFC 9421 §2.5)");
            }

            var value = name.StartsWith('@') ? DerivedValue(source, name) : FieldValue(source, name);
            if (value.Error is not null)
            {
                return value;
            }

            string serialisedIdentifier;
            try
            {
                serialisedIdentifier = StructuredFields.SerializeItem(item);
            }
            catch (ArgumentException ex)
            {
                return BuildResult.Invalid(ex.Message);
            }

            // RFC 9421 §2.5: the identifier is serialised with its parameters, e.g. "@method";req.
            builder.Append(serialisedIdentifier).Append(": ").Append(value.Value).Append('\n');
        }

        string serialised;
        try
        {
            serialised = StructuredFields.SerializeInnerList(signatureParams);
        }
        catch (ArgumentException ex)
        {
            return BuildResult.Invalid(ex.Message);
        }

        builder.Append("\"@signature-params\": ").Append(serialised);
        signatureBase = builder.ToString();
        return BuildResult.Ok(signatureBase);
    }

    // RFC 9421 §2.2
    private static BuildResult DerivedValue(SignedMessage message, string name)
    {
        if (name == "@status")
        {
            return message.Status is { } status
                ? BuildResult.Ok(status.ToString("D3", CultureInfo.InvariantCulture))
                : BuildResult.Invalid("\"@status\" is only for responses (RFC 9421 §2.2.9)");
        }

        if (!DerivedComponents.Contains(name, StringComparer.Ordinal))
        {
            return BuildResult.Invalid($"\"{name}\" is not a supported derived component (RFC 9421 §2.2)");
        }

        if (message.Method is not { } method || message.TargetUri is not { } uri)
        {
            return BuildResult.Invalid($"\"{name}\" is a request component and this is a response; cover it with ';req' (RFC 9421 §2.4)");
        }

        var value = name switch
        {
            "@method" => method, // RFC 9421 §2.2.1: case-sensitive, not normalised.
            "@target-uri" => uri.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped), // §2.2.2
            "@authority" => uri.Authority, // §2.2.3: lowercase host, default port omitted.
            "@scheme" => uri.Scheme, // §2.2.4: lowercase.
            "@request-target" => uri.PathAndQuery, // §2.2.5: origin-form.
            "@path" => uri.AbsolutePath.Length == 0 ? "/" : uri.AbsolutePath, // §2.2.6: an empty path is "/".
            "@query" => uri.Query.Length == 0 ? "?" : uri.Query, // §2.2.7: an absent query is "?".
            _ => null,
        };

        return value is null
            ? BuildResult.Invalid($"\"{name}\" is not a supported derived component (RFC 9421 §2.2)")
            : CheckValue(name, value);
    }

    // RFC 9421 §2.1
    private static BuildResult FieldValue(SignedMessage message, string name)
    {
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_' or '.' or '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '^' or '`' or '|' or '~'))
        {
            return BuildResult.Invalid($"\"{name}\" is not a lower-case field name (RFC 9421 §2.1)");
        }

        var lines = message.Headers.GetValues(name);
        if (lines.Count == 0)
        {
            return BuildResult.Absent($"the covered field \"{name}\" is absent from the message (RFC 9421 §2.5)");
        }

        // Each line is trimmed, then the lines are joined with ", " (RFC 9421 §2.1).
        var value = string.Join(", ", lines.Select(line => line.Trim(' ', '\t')));
        return CheckValue(name, value);
    }

    // A line break in a value would let a sender forge further lines of the base; RFC 9110 §5.5 forbids
    // control characters in field values, and non-ASCII text would need ';bs' (RFC 9421 §2.1.3).
    private static BuildResult CheckValue(string name, string value)
    {
        foreach (var c in value)
        {
            if (c is not ('\t' or (>= ' ' and <= '~')))
            {
                return BuildResult.Invalid($"the value of \"{name}\" holds a control or non-ASCII character (U+{(int)c:X4})");
            }
        }

        return BuildResult.Ok(value);
    }

    internal readonly record struct BuildResult(string? Value, string? Error, bool IsAbsent)
    {
        public static BuildResult Ok(string value) => new(value, null, false);

        public static BuildResult Invalid(string error) => new(null, error, false);

        public static BuildResult Absent(string error) => new(null, error, true);
    }
}
