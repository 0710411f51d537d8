namespace Liaison.Protocol.Taxii;

/// <summary>A malformed URL query parameter, for a 400 answer that names it (TAXII 2.1 §3.4).</summary>
/// <param name="Parameter">The parameter as the client wrote it, such as <c>match[version]</c>.</param>
/// <param name="Message">What is wrong, in one sentence.</param>
public sealed record TaxiiQueryError(string Parameter, string Message);
