using Liaison.Http;

namespace Liaison.Features.Sectors;

internal static class Text
{
    /// <summary>Trimmed text, null when blank; too long is named in <paramref name="validation"/>.</summary>
    public static string? Optional(string? value, string field, int maxLength, Validation validation)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        validation.When(trimmed.Length > maxLength, field, $"must be at most {maxLength} characters");
        return trimmed;
    }
}
