using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Liaison.Exchange.Tls;

/// <summary>
/// Outgoing HTTPS to partner nodes. A pinned partner is recognised by its certificate's fingerprint alone, as SSH
/// recognises a known host: its certificate is usually self-signed, and the pin was checked against its signed
/// self-description, which no CA could vouch for anyway.
/// </summary>
public static class PinnedTls
{
    /// <summary>
    /// A handler that accepts the server's certificate if and only if its fingerprint equals the pin (chain, dates
    /// and host name are then not consulted); without a pin, the platform's usual validation against trusted CAs.
    /// </summary>
    /// <param name="pinnedCertificateFingerprint"><c>SHA256:</c> and 64 hex digits, or null for no pin.</param>
    /// <exception cref="ArgumentException">The pin is not a fingerprint in that form.</exception>
    public static SocketsHttpHandler CreateHandler(string? pinnedCertificateFingerprint)
    {
        var handler = new SocketsHttpHandler();
        if (pinnedCertificateFingerprint is null)
        {
            return handler;
        }

        if (!TlsFingerprint.IsWellFormed(pinnedCertificateFingerprint))
        {
            throw new ArgumentException($"'{pinnedCertificateFingerprint}' is not a SHA256:<64 hex digits> fingerprint", nameof(pinnedCertificateFingerprint));
        }

        handler.SslOptions.RemoteCertificateValidationCallback =
            (_, certificate, _, _) => certificate is not null && TlsFingerprint.Matches(certificate, pinnedCertificateFingerprint);
        return handler;
    }

    /// <summary>
    /// A handler for the pairing step only: it accepts any certificate, so the partner's signed self-description can
    /// be fetched before anything is pinned, and records the certificate it was shown. Redirects are not followed,
    /// so the recorded certificate is the one of the address asked for.
    /// </summary>
    public static DiscoveryHandler CreateDiscoveryHandler() => new();
}

/// <summary>See <see cref="PinnedTls.CreateDiscoveryHandler"/>.</summary>
public sealed class DiscoveryHandler : DelegatingHandler
{
    private string? _observedFingerprint;

    internal DiscoveryHandler()
    {
        var inner = new SocketsHttpHandler { AllowAutoRedirect = false };
        inner.SslOptions.RemoteCertificateValidationCallback = Observe;
        InnerHandler = inner;
    }

    /// <summary>The fingerprint of the last certificate a server presented; null until a TLS handshake (never over http).</summary>
    public string? ObservedFingerprint => Volatile.Read(ref _observedFingerprint);

    private bool Observe(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            return false;
        }

        Volatile.Write(ref _observedFingerprint, TlsFingerprint.Of(certificate));
        return true;
    }
}
