namespace Liaison;

/// <summary>
/// Marker for the exchange's administrator strings (partners, pairing, dead letters) in
/// <c>Resources/ExchangeResource.resx</c> (English, the fallback), <c>.fa.resx</c> and <c>.ur.resx</c>.
/// </summary>
public sealed class ExchangeResource;
