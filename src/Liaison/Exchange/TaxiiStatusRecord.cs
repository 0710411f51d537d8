using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liaison.Exchange;

/// <summary>
/// A TAXII status resource this node issued in answer to an add-objects request (TAXII 2.1 §4.3.2), kept so
/// the requester can fetch it again at <c>status/{id}/</c>. Only the requester may read it.
/// </summary>
public sealed class TaxiiStatusRecord
{
    private TaxiiStatusRecord()
    {
    }

    public TaxiiStatusRecord(string id, string requester, string json, DateTime createdAt)
    {
        Id = id;
        Requester = requester;
        Json = json;
        CreatedAt = createdAt;
    }

    public string Id { get; private set; } = "";

    /// <summary>Who asked: <c>partner:&lt;party identity&gt;</c> or <c>user:&lt;name&gt;</c>.</summary>
    public string Requester { get; private set; } = "";

    public string Json { get; private set; } = "";

    public DateTime CreatedAt { get; private set; }
}

internal sealed class TaxiiStatusRecordConfiguration : IEntityTypeConfiguration<TaxiiStatusRecord>
{
    public void Configure(EntityTypeBuilder<TaxiiStatusRecord> builder)
    {
        builder.ToTable("taxii_statuses");
        builder.Property(s => s.Id).HasMaxLength(64);
        builder.Property(s => s.Requester).HasMaxLength(200);
    }
}
