namespace Liaison.Protocol.Cap;

/// <summary>
/// A CAP 1.2 alert message (OASIS Common Alerting Protocol 1.2 §3.2.1): the envelope, with zero or more
/// <see cref="CapInfo"/> blocks. Times keep the offset they were sent with; CAP requires one (§3.3.2).
/// </summary>
public sealed record CapAlert
{
    /// <summary>Unique per sender; no spaces, commas, <c>&lt;</c> or <c>&amp;</c> (§3.2.1).</summary>
    public required string Identifier { get; init; }

    /// <summary>Who sent it; the same character rules as <see cref="Identifier"/>.</summary>
    public required string Sender { get; init; }

    /// <summary>When it was sent; written to the second with its offset.</summary>
    public required DateTimeOffset Sent { get; init; }

    /// <summary>How the message is to be handled.</summary>
    public required CapStatus Status { get; init; }

    /// <summary>Alert, Update, Cancel, Ack or Error.</summary>
    public required CapMsgType MsgType { get; init; }

    /// <summary>The originating operator or device.</summary>
    public string? Source { get; init; }

    /// <summary>Who may see it.</summary>
    public required CapScope Scope { get; init; }

    /// <summary>The rule for restricted distribution; required when <see cref="Scope"/> is Restricted.</summary>
    public string? Restriction { get; init; }

    /// <summary>The recipients, space-delimited (quoted when they hold spaces); required when <see cref="Scope"/> is Private.</summary>
    public string? Addresses { get; init; }

    /// <summary>Special handling codes.</summary>
    public IReadOnlyList<string> Codes { get; init; } = [];

    /// <summary>Free text; required in practice for Error and Cancel messages.</summary>
    public string? Note { get; init; }

    /// <summary>Earlier messages this one refers to.</summary>
    public IReadOnlyList<CapReference> References { get; init; } = [];

    /// <summary>Incident identifiers grouping related messages.</summary>
    public IReadOnlyList<string> Incidents { get; init; } = [];

    /// <summary>The information blocks, one per language or audience.</summary>
    public IReadOnlyList<CapInfo> Infos { get; init; } = [];
}

/// <summary>One earlier message, written <c>sender,identifier,sent</c> in <c>&lt;references&gt;</c> (§3.2.1).</summary>
/// <param name="Sender">The earlier message's sender.</param>
/// <param name="Identifier">The earlier message's identifier.</param>
/// <param name="Sent">When it was sent, with its offset.</param>
public sealed record CapReference(string Sender, string Identifier, DateTimeOffset Sent)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Sender},{Identifier},{CapDateTime.Format(Sent)}";
}

/// <summary>A CAP <c>&lt;info&gt;</c> block (§3.2.2).</summary>
public sealed record CapInfo
{
    /// <summary>RFC 3066 language code; CAP's default is <c>en-US</c> when absent.</summary>
    public string? Language { get; init; }

    /// <summary>At least one category.</summary>
    public required IReadOnlyList<CapCategory> Categories { get; init; }

    /// <summary>The type of event, in text.</summary>
    public required string Event { get; init; }

    /// <summary>Recommended actions.</summary>
    public IReadOnlyList<CapResponseType> ResponseTypes { get; init; } = [];

    /// <summary>How soon action is needed.</summary>
    public required CapUrgency Urgency { get; init; }

    /// <summary>How bad it is.</summary>
    public required CapSeverity Severity { get; init; }

    /// <summary>How sure the sender is.</summary>
    public required CapCertainty Certainty { get; init; }

    /// <summary>The intended audience, in text.</summary>
    public string? Audience { get; init; }

    /// <summary>System-specific event codes.</summary>
    public IReadOnlyList<CapValuePair> EventCodes { get; init; } = [];

    /// <summary>When the information becomes effective.</summary>
    public DateTimeOffset? Effective { get; init; }

    /// <summary>When the event is expected to begin.</summary>
    public DateTimeOffset? Onset { get; init; }

    /// <summary>When the information expires.</summary>
    public DateTimeOffset? Expires { get; init; }

    /// <summary>A human-readable name of the sender.</summary>
    public string? SenderName { get; init; }

    /// <summary>A brief headline.</summary>
    public string? Headline { get; init; }

    /// <summary>What is happening.</summary>
    public string? Description { get; init; }

    /// <summary>What to do.</summary>
    public string? Instruction { get; init; }

    /// <summary>A full absolute URI with more information.</summary>
    public string? Web { get; init; }

    /// <summary>Who to contact.</summary>
    public string? Contact { get; init; }

    /// <summary>System-specific parameters.</summary>
    public IReadOnlyList<CapValuePair> Parameters { get; init; } = [];

    /// <summary>Attached or linked resources.</summary>
    public IReadOnlyList<CapResource> Resources { get; init; } = [];

    /// <summary>The areas it applies to.</summary>
    public IReadOnlyList<CapArea> Areas { get; init; } = [];
}

/// <summary>A <c>valueName</c>/<c>value</c> pair, as used by eventCode, parameter and geocode.</summary>
/// <param name="ValueName">The name of the coding system or parameter.</param>
/// <param name="Value">The value.</param>
public sealed record CapValuePair(string ValueName, string Value);

/// <summary>A CAP <c>&lt;resource&gt;</c> (§3.2.3).</summary>
public sealed record CapResource
{
    /// <summary>What the resource is.</summary>
    public required string ResourceDesc { get; init; }

    /// <summary>Its MIME type (RFC 2046).</summary>
    public required string MimeType { get; init; }

    /// <summary>Its size in bytes.</summary>
    public long? Size { get; init; }

    /// <summary>Where to get it.</summary>
    public string? Uri { get; init; }

    /// <summary>The resource itself, base64-encoded.</summary>
    public string? DerefUri { get; init; }

    /// <summary>Its SHA-1 digest.</summary>
    public string? Digest { get; init; }
}

/// <summary>A CAP <c>&lt;area&gt;</c> (§3.2.4).</summary>
public sealed record CapArea
{
    /// <summary>The area, in text.</summary>
    public required string AreaDesc { get; init; }

    /// <summary>Closed polygons.</summary>
    public IReadOnlyList<CapPolygon> Polygons { get; init; } = [];

    /// <summary>Circles.</summary>
    public IReadOnlyList<CapCircle> Circles { get; init; } = [];

    /// <summary>Geographic codes.</summary>
    public IReadOnlyList<CapValuePair> Geocodes { get; init; } = [];

    /// <summary>Altitude in feet above sea level (the floor, when <see cref="Ceiling"/> is given).</summary>
    public decimal? Altitude { get; init; }

    /// <summary>Maximum altitude in feet; only with <see cref="Altitude"/>.</summary>
    public decimal? Ceiling { get; init; }
}

/// <summary>How the message is to be handled.</summary>
public enum CapStatus
{
    /// <summary>Actionable by all targeted recipients.</summary>
    Actual,

    /// <summary>Actionable only by designated exercise participants.</summary>
    Exercise,

    /// <summary>For messages that support alert network internal functions.</summary>
    System,

    /// <summary>Technical testing only; all recipients disregard.</summary>
    Test,

    /// <summary>A preliminary template or draft, not actionable.</summary>
    Draft,
}

/// <summary>The nature of the message.</summary>
public enum CapMsgType
{
    /// <summary>Initial information requiring attention.</summary>
    Alert,

    /// <summary>Supersedes the messages in <c>references</c>.</summary>
    Update,

    /// <summary>Cancels the messages in <c>references</c>.</summary>
    Cancel,

    /// <summary>Acknowledges receipt and acceptance of the messages in <c>references</c>.</summary>
    Ack,

    /// <summary>Rejects the messages in <c>references</c>; the reason goes in <c>note</c>.</summary>
    Error,
}

/// <summary>Who may see the message.</summary>
public enum CapScope
{
    /// <summary>General dissemination.</summary>
    Public,

    /// <summary>Users with a known operational requirement (see <c>restriction</c>).</summary>
    Restricted,

    /// <summary>Specified addresses only.</summary>
    Private,
}

/// <summary>The category of the subject event.</summary>
public enum CapCategory
{
    /// <summary>Geophysical.</summary>
    Geo,

    /// <summary>Meteorological.</summary>
    Met,

    /// <summary>General emergency and public safety.</summary>
    Safety,

    /// <summary>Law enforcement, military, homeland and local/private security.</summary>
    Security,

    /// <summary>Rescue and recovery.</summary>
    Rescue,

    /// <summary>Fire suppression and rescue.</summary>
    Fire,

    /// <summary>Medical and public health.</summary>
    Health,

    /// <summary>Pollution and other environmental.</summary>
    Env,

    /// <summary>Public and private transportation.</summary>
    Transport,

    /// <summary>Utility, telecommunication, other non-transport infrastructure.</summary>
    Infra,

    /// <summary>Chemical, biological, radiological, nuclear or high-yield explosive threat or attack.</summary>
    CBRNE,

    /// <summary>Other events.</summary>
    Other,
}

/// <summary>The recommended type of action.</summary>
public enum CapResponseType
{
    /// <summary>Take shelter in place.</summary>
    Shelter,

    /// <summary>Relocate.</summary>
    Evacuate,

    /// <summary>Make preparations.</summary>
    Prepare,

    /// <summary>Execute a pre-planned activity.</summary>
    Execute,

    /// <summary>Avoid the subject event.</summary>
    Avoid,

    /// <summary>Attend to information sources.</summary>
    Monitor,

    /// <summary>Evaluate the information in this message.</summary>
    Assess,

    /// <summary>The subject event no longer poses a threat.</summary>
    AllClear,

    /// <summary>No action recommended.</summary>
    None,
}

/// <summary>How soon responsive action should be taken.</summary>
public enum CapUrgency
{
    /// <summary>Immediately.</summary>
    Immediate,

    /// <summary>Soon (within the next hour).</summary>
    Expected,

    /// <summary>In the near future.</summary>
    Future,

    /// <summary>No longer required.</summary>
    Past,

    /// <summary>Not known.</summary>
    Unknown,
}

/// <summary>The severity of the subject event.</summary>
public enum CapSeverity
{
    /// <summary>Extraordinary threat to life or property.</summary>
    Extreme,

    /// <summary>Significant threat to life or property.</summary>
    Severe,

    /// <summary>Possible threat to life or property.</summary>
    Moderate,

    /// <summary>Minimal to no known threat to life or property.</summary>
    Minor,

    /// <summary>Not known.</summary>
    Unknown,
}

/// <summary>The certainty of the subject event.</summary>
public enum CapCertainty
{
    /// <summary>Determined to have occurred or to be ongoing.</summary>
    Observed,

    /// <summary>Likely (p &gt; ~50%).</summary>
    Likely,

    /// <summary>Possible but not likely (p &lt;= ~50%).</summary>
    Possible,

    /// <summary>Not expected to occur (p ~ 0).</summary>
    Unlikely,

    /// <summary>Not known.</summary>
    Unknown,
}
