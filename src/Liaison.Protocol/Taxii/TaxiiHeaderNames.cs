namespace Liaison.Protocol.Taxii;

/// <summary>The custom HTTP headers of TAXII 2.1 (§3.2).</summary>
public static class TaxiiHeaderNames
{
    /// <summary>The <c>date_added</c> of the first object in a response, as a <see cref="TaxiiTimestamp"/>.</summary>
    public const string DateAddedFirst = "X-TAXII-Date-Added-First";

    /// <summary>The <c>date_added</c> of the last object in a response, as a <see cref="TaxiiTimestamp"/>.</summary>
    public const string DateAddedLast = "X-TAXII-Date-Added-Last";
}
