using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liaison.Exchange;

/// <summary>
/// The partner's signed answer to a push: its TAXII status resource with the RFC 9421 signature and RFC 9530
/// digest that cover it. Anyone holding the partner's public key can check, later, that the partner confirmed
/// (or refused) each object listed in it.
/// </summary>
public sealed class DeliveryReceipt
{
    private DeliveryReceipt()
    {
    }

    public DeliveryReceipt(int partnerId, string statusId, int httpStatus, string body, string contentDigest, string signatureInput, string signature, string requestDigest, DateTime receivedAt)
    {
        PartnerId = partnerId;
        StatusId = statusId;
        HttpStatus = httpStatus;
        Body = body;
        ContentDigest = contentDigest;
        SignatureInput = signatureInput;
        Signature = signature;
        RequestDigest = requestDigest;
        ReceivedAt = receivedAt;
    }

    public long Id { get; private set; }

    public int PartnerId { get; private set; }

    public string StatusId { get; private set; } = "";

    public int HttpStatus { get; private set; }

    /// <summary>The response body exactly as received (a TAXII status resource).</summary>
    public string Body { get; private set; } = "";

    public string ContentDigest { get; private set; } = "";

    public string SignatureInput { get; private set; } = "";

    public string Signature { get; private set; } = "";

    /// <summary>The <c>Content-Digest</c> of the bundle this answers, which the signature covers with <c>;req</c>.</summary>
    public string RequestDigest { get; private set; } = "";

    public DateTime ReceivedAt { get; private set; }
}

internal sealed class DeliveryReceiptConfiguration : IEntityTypeConfiguration<DeliveryReceipt>
{
    public void Configure(EntityTypeBuilder<DeliveryReceipt> builder)
    {
        builder.ToTable("delivery_receipts");
        builder.Property(r => r.StatusId).HasMaxLength(100);
        builder.Property(r => r.ContentDigest).HasMaxLength(200);
        builder.Property(r => r.RequestDigest).HasMaxLength(200);
        builder.Property(r => r.SignatureInput).HasMaxLength(1000);
        builder.Property(r => r.Signature).HasMaxLength(500);
        builder.HasIndex(r => new { r.PartnerId, r.ReceivedAt });
        builder.HasIndex(r => r.StatusId);
    }
}
