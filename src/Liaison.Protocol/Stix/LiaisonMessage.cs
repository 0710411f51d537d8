using System.Text.Json;
using System.Text.Json.Nodes;

namespace Liaison.Protocol.Stix;

/// <summary>
/// Liaison's <c>liaison-message</c> object, a new SDO (STIX 2.1 §7.3): one message written at one party's desk
/// in a thread of the liaison channel. Each party issues only its own messages; the thread they share is named by
/// <see cref="ThreadRef"/>, a stable id chosen by the side that opened it. Messages are never versioned: a
/// correction is a new message.
/// </summary>
public sealed record LiaisonMessage : StixCoreObject
{
    /// <summary>The STIX type name.</summary>
    public const string TypeName = "liaison-message";

    /// <summary>The longest body a message may carry, in characters.</summary>
    public const int MaxBodyLength = 8000;

    /// <summary>The priorities a message may carry.</summary>
    public static readonly IReadOnlyList<string> Priorities = ["normal", "urgent", "flash"];

    /// <inheritdoc/>
    public override string Type => TypeName;

    /// <summary>The thread: a <c>liaison-thread--uuid</c>-like identifier chosen by the side that opened it (an RFC 9562 UUID).</summary>
    public required string ThreadRef { get; init; }

    /// <summary>The thread's subject, as its opener gave it.</summary>
    public required string Subject { get; init; }

    /// <summary>The message's place among the messages its issuing party wrote in the thread, from 1.</summary>
    public required int Sequence { get; init; }

    /// <summary><c>normal</c>, <c>urgent</c> or <c>flash</c>.</summary>
    public required string Priority { get; init; }

    /// <summary>The text.</summary>
    public required string Body { get; init; }

    /// <summary>When it was written at the issuing desk.</summary>
    public required DateTimeOffset Written { get; init; }

    /// <summary>Who wrote it: name, as the issuing desk gives it.</summary>
    public required string Author { get; init; }

    /// <summary>The author's rank or role.</summary>
    public string? AuthorRole { get; init; }

    /// <summary>Reads a message from its JSON form.</summary>
    /// <param name="json">A JSON object with <c>"type": "liaison-message"</c>.</param>
    /// <exception cref="StixFormatException">The object is malformed; the message names the property.</exception>
    public static LiaisonMessage FromJson(JsonElement json)
    {
        var reader = StixObjectReader.Open(json, TypeName);
        var (created, modified) = ReadTimestamps(reader);
        AlertObjectMarker.Require(reader);
        var threadRef = reader.RequiredString("thread_ref");
        if (!Guid.TryParse(threadRef, out _))
        {
            throw reader.Error("thread_ref", "must be a UUID.");
        }

        var priority = reader.RequiredString("priority");
        if (!Priorities.Contains(priority))
        {
            throw reader.Error("priority", "must be normal, urgent or flash.");
        }

        var body = reader.RequiredString("body");
        if (body.Length > MaxBodyLength)
        {
            throw reader.Error("body", $"must be at most {MaxBodyLength} characters.");
        }

        var message = new LiaisonMessage
        {
            Id = reader.RequiredId("id", TypeName),
            Created = created,
            Modified = modified,
            ThreadRef = threadRef,
            Subject = reader.RequiredString("subject"),
            Sequence = reader.RequiredInteger("sequence", 1, int.MaxValue),
            Priority = priority,
            Body = body,
            Written = reader.RequiredTimestamp("written"),
            Author = reader.RequiredString("author"),
            AuthorRole = reader.OptionalString("author_role"),
        };
        return WithCommonProperties(message, reader, LiaisonExtensions.NewObjectTypesExtensionId.ToString());
    }

    /// <inheritdoc/>
    protected override void WriteProperties(JsonObject json)
    {
        json["thread_ref"] = ThreadRef;
        json["subject"] = Subject;
        json["sequence"] = Sequence;
        json["priority"] = Priority;
        json["body"] = Body;
        json["written"] = StixTimestamp.Format(Written);
        json["author"] = Author;
        json.SetOptional("author_role", AuthorRole);
    }

    private protected override void WriteExtensions(JsonObject extensions) => AlertObjectMarker.Write(extensions);
}
