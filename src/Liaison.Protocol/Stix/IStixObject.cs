using System.Text.Json.Nodes;

namespace Liaison.Protocol.Stix;

/// <summary>
/// Any top-level STIX 2.1 object: a domain or relationship object (<see cref="StixCoreObject"/>),
/// a <see cref="MarkingDefinition"/>, or an object of a type this library does not model
/// (<see cref="UnknownStixObject"/>).
/// </summary>
public interface IStixObject
{
    /// <summary>The STIX type name, such as <c>incident</c>.</summary>
    string Type { get; }

    /// <summary>The object's identifier, <c>type--uuid</c> (STIX 2.1 §2.9).</summary>
    StixId Id { get; }

    /// <summary>The object's STIX 2.1 JSON form.</summary>
    JsonObject ToJson();
}
