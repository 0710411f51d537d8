using Microsoft.AspNetCore.Http.HttpResults;

namespace Liaison.Http;

/// <summary>
/// Collects every problem with a request before anything is written, so the answer names each bad
/// field at once (RFC 9457 §3 with the <c>errors</c> extension ASP.NET Core uses).
/// </summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    /// <summary>How many problems so far; lets a nested check tell whether its own part added any.</summary>
    public int ErrorCount => _errors.Values.Sum(e => e.Count);

    public Validation Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
        return this;
    }

    public Validation Require(string field, string? value, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "is required");
        }
        else if (value.Length > maxLength)
        {
            Add(field, $"must be at most {maxLength} characters");
        }

        return this;
    }

    public Validation When(bool condition, string field, string message) => condition ? Add(field, message) : this;

    public ValidationProblem Problem(string title = "The request has invalid fields") =>
        TypedResults.ValidationProblem(
            _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal),
            title: title);
}
