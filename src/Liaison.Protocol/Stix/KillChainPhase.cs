using System.Text.Json.Nodes;

namespace Liaison.Protocol.Stix;

/// <summary>A phase of a kill chain (STIX 2.1 §2.8), such as <c>lockheed-martin-cyber-kill-chain</c> / <c>reconnaissance</c>.</summary>
public sealed record KillChainPhase
{
    /// <summary>The name of the kill chain.</summary>
    public required string KillChainName { get; init; }

    /// <summary>The name of the phase within it.</summary>
    public required string PhaseName { get; init; }

    internal JsonObject ToJson() => new()
    {
        ["kill_chain_name"] = KillChainName,
        ["phase_name"] = PhaseName,
    };

    internal static KillChainPhase FromJson(StixObjectReader reader) => new()
    {
        KillChainName = reader.RequiredString("kill_chain_name"),
        PhaseName = reader.RequiredString("phase_name"),
    };
}
