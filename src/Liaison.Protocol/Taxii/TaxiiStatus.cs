using System.Text.Json.Serialization;

namespace Liaison.Protocol.Taxii;

/// <summary>The <c>status</c> resource (TAXII 2.1 §4.3.1): the outcome of an Add Objects request, object by object.</summary>
public sealed record TaxiiStatus
{
    /// <summary>The status resource's identifier, used as <c>{status-id}</c> in its URL.</summary>
    [JsonPropertyName("id")]
    public required Guid Id { get; init; }

    /// <summary>Whether the request is finished.</summary>
    [JsonPropertyName("status")]
    public required TaxiiStatusState Status { get; init; }

    /// <summary>When the monitored request was received.</summary>
    [JsonPropertyName("request_timestamp")]
    [JsonConverter(typeof(TaxiiTimestampJsonConverter))]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? RequestTimestamp { get; init; }

    /// <summary>How many objects the request's envelope held; 0 means processing has not started.</summary>
    [JsonPropertyName("total_count")]
    public required int TotalCount { get; init; }

    /// <summary>How many objects were added.</summary>
    [JsonPropertyName("success_count")]
    public required int SuccessCount { get; init; }

    /// <summary>The objects that were added (or were already present, §5.5); an empty list is held as <see langword="null"/> and omitted.</summary>
    [JsonPropertyName("successes")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<TaxiiStatusDetails>? Successes { get; init => field = TaxiiLists.NullIfEmpty(value); }

    /// <summary>How many objects could not be added.</summary>
    [JsonPropertyName("failure_count")]
    public required int FailureCount { get; init; }

    /// <summary>The objects that could not be added, each with its reason; an empty list is held as <see langword="null"/> and omitted.</summary>
    [JsonPropertyName("failures")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<TaxiiStatusDetails>? Failures { get; init => field = TaxiiLists.NullIfEmpty(value); }

    /// <summary>How many objects are still to be processed.</summary>
    [JsonPropertyName("pending_count")]
    public required int PendingCount { get; init; }

    /// <summary>The objects still to be processed; an empty list is held as <see langword="null"/> and omitted.</summary>
    [JsonPropertyName("pendings")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<TaxiiStatusDetails>? Pendings { get; init => field = TaxiiLists.NullIfEmpty(value); }

    /// <summary>
    /// A status whose counts are those of the lists given, <see cref="TaxiiStatusState.Complete"/> unless
    /// something is pending.
    /// </summary>
    /// <param name="id">The status resource's identifier.</param>
    /// <param name="requestTimestamp">When the request was received.</param>
    /// <param name="successes">The objects added.</param>
    /// <param name="failures">The objects refused, each with a message.</param>
    /// <param name="pendings">The objects not yet processed.</param>
    public static TaxiiStatus FromOutcome(
        Guid id,
        DateTimeOffset? requestTimestamp,
        IReadOnlyCollection<TaxiiStatusDetails> successes,
        IReadOnlyCollection<TaxiiStatusDetails> failures,
        IReadOnlyCollection<TaxiiStatusDetails>? pendings = null)
    {
        ArgumentNullException.ThrowIfNull(successes);
        ArgumentNullException.ThrowIfNull(failures);
        pendings ??= [];
        return new TaxiiStatus
        {
            Id = id,
            Status = pendings.Count > 0 ? TaxiiStatusState.Pending : TaxiiStatusState.Complete,
            RequestTimestamp = requestTimestamp,
            TotalCount = successes.Count + failures.Count + pendings.Count,
            SuccessCount = successes.Count,
            Successes = [.. successes],
            FailureCount = failures.Count,
            Failures = [.. failures],
            PendingCount = pendings.Count,
            Pendings = [.. pendings],
        };
    }
}

/// <summary>The <c>status</c> property of a <see cref="TaxiiStatus"/> (TAXII 2.1 §4.3.1).</summary>
[JsonConverter(typeof(TaxiiStatusStateJsonConverter))]
public enum TaxiiStatusState
{
    /// <summary><c>pending</c>: the resource may still change.</summary>
    [JsonStringEnumMemberName("pending")]
    Pending = 0,

    /// <summary><c>complete</c>: the resource will not change again.</summary>
    [JsonStringEnumMemberName("complete")]
    Complete = 1,
}

/// <summary>
/// The <c>status-details</c> type (TAXII 2.1 §4.3.1): one object of an Add Objects request.
/// </summary>
/// <remarks>
/// <see cref="Id"/> and <see cref="Version"/> are strings, not parsed STIX values, because a failure must be able to
/// report an object whose id or <c>modified</c> is itself the problem.
/// </remarks>
public sealed record TaxiiStatusDetails
{
    /// <summary>The object's identifier; for STIX, its <c>id</c>.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>The object's version; for STIX, its <c>modified</c> (or <c>created</c> when unversioned), as sent.</summary>
    [JsonPropertyName("version")]
    public required string Version { get; init; }

    /// <summary>More about the object's state, such as why it was refused.</summary>
    [JsonPropertyName("message")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Message { get; init; }
}

// Names only: a number for "status" is refused rather than mapped to whichever member has that value.
internal sealed class TaxiiStatusStateJsonConverter() : JsonStringEnumConverter<TaxiiStatusState>(namingPolicy: null, allowIntegerValues: false);
