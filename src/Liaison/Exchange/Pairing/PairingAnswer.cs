namespace Liaison.Exchange.Pairing;

/// <summary>The body of a signed answer to <c>POST /exchange/pair</c>.</summary>
/// <param name="State">
/// <see cref="Trusted"/>. The other outcomes come from the partner's signature layer before the endpoint runs, and
/// the pairing caller names them so: <see cref="AwaitingPairing"/> (401, reason <c>unknown-key</c>) and
/// <see cref="Suspended"/> (403, reason <c>suspended</c>).
/// </param>
public sealed record PairingAnswer(string State)
{
    public const string Path = "/exchange/pair";

    /// <summary>The answering node had pinned the caller's key and now trusts it: records flow both ways.</summary>
    public const string Trusted = "trusted";

    /// <summary>The partner does not know the caller's key yet: its administrator has still to run <c>liaison pair</c>. Nothing was stored there.</summary>
    public const string AwaitingPairing = "awaiting-pairing";

    /// <summary>The partner's administrator suspended the link; pairing again does not lift that.</summary>
    public const string Suspended = "suspended";
}
