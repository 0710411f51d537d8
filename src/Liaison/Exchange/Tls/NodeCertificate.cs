using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Liaison.Cli;
using Liaison.Node;

namespace Liaison.Exchange.Tls;

/// <summary>
/// The self-signed TLS certificate <c>liaison init</c> gives a node. Partners do not trust it through a CA:
/// they pin its fingerprint, learnt from the node's signed self-description.
/// </summary>
public static class NodeCertificate
{
    public const string DefaultCommonName = "liaison-node";

    // RFC 5280 Appendix A.1: ub-common-name INTEGER ::= 64
    private const int MaxCommonNameLength = 64;

    private static readonly string[] LoopbackNames = ["localhost", "127.0.0.1", "::1"];

    /// <summary>
    /// A subject CN from the party name: letters, digits, spaces, '.', '-' and '_' only, at most 64 characters;
    /// <see cref="DefaultCommonName"/> when nothing is left.
    /// </summary>
    public static string CommonNameFor(string? partyName)
    {
        var kept = new StringBuilder();
        foreach (var c in partyName ?? "")
        {
            if (char.IsLetterOrDigit(c) || c is '.' or '-' or '_')
            {
                kept.Append(c);
            }
            else if (kept.Length > 0 && kept[^1] != ' ')
            {
                kept.Append(' ');
            }
        }

        var name = kept.ToString().Trim();
        if (name.Length > MaxCommonNameLength)
        {
            name = name[..MaxCommonNameLength].TrimEnd();
        }

        return name.Length == 0 ? DefaultCommonName : name;
    }

    /// <summary>
    /// The subject alternative names: localhost, 127.0.0.1 and ::1, then the operator's <c>--tls-host</c> names,
    /// each a DNS name or an IP address, without duplicates.
    /// </summary>
    /// <exception cref="CliException">A name is neither a DNS host name nor an IP address.</exception>
    public static IReadOnlyList<string> HostsWith(IEnumerable<string>? extraHosts)
    {
        var hosts = new List<string>(LoopbackNames);
        foreach (var raw in extraHosts ?? [])
        {
            var host = raw.Trim();
            if (IPAddress.TryParse(host, out var address))
            {
                host = address.ToString();
            }
            else if (Uri.CheckHostName(host) == UriHostNameType.Dns && host.Length <= 253)
            {
                host = host.TrimEnd('.').ToLowerInvariant();
            }
            else
            {
                throw new CliException($"--tls-host '{raw}' is not a DNS host name or an IP address");
            }

            if (!hosts.Contains(host, StringComparer.OrdinalIgnoreCase))
            {
                hosts.Add(host);
            }
        }

        return hosts;
    }

    /// <summary>
    /// Creates an ECDSA P-256 certificate (RFC 5480) for TLS server authentication, valid for five years from now.
    /// </summary>
    public static X509Certificate2 CreateSelfSigned(string partyName, IReadOnlyList<string> hosts, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        ArgumentNullException.ThrowIfNull(time);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(CommonNameFor(partyName));
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);

        // RFC 5280 §4.2.1.9, §4.2.1.3, §4.2.1.12: an end-entity key for signing TLS handshakes (RFC 8446 §4.4.3), server side only.
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));

        // RFC 6125 §6.4.4: clients match the host against the SANs, not the CN.
        var names = new SubjectAlternativeNameBuilder();
        foreach (var host in hosts)
        {
            if (IPAddress.TryParse(host, out var address))
            {
                names.AddIpAddress(address);
            }
            else
            {
                names.AddDnsName(host);
            }
        }

        request.CertificateExtensions.Add(names.Build());

        // X.509 times have whole seconds (RFC 5280 §4.1.2.5); truncate so the stored dates equal what was asked for.
        var now = time.GetUtcNow();
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        return request.CreateSelfSigned(now, now.AddYears(5));
    }

    /// <summary>
    /// Writes <c>tls.crt</c> (PEM certificate) and <c>tls.key</c> (PEM PKCS#8 private key, RFC 5958 and RFC 7468,
    /// owner-only) into the folder, and returns the certificate's fingerprint.
    /// </summary>
    /// <exception cref="IOException">Either file already exists.</exception>
    public static string Write(NodeFolder folder, X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(certificate);
        using var key = certificate.GetECDsaPrivateKey()
            ?? throw new ArgumentException("the certificate has no ECDSA private key", nameof(certificate));
        var pem = key.ExportPkcs8PrivateKeyPem();
        WriteNew(folder.TlsKeyFile, pem, ownerOnly: true);
        WriteNew(folder.TlsCertificateFile, certificate.ExportCertificatePem(), ownerOnly: false);
        return TlsFingerprint.Of(certificate);
    }

    private static void WriteNew(string path, string text, bool ownerOnly)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (ownerOnly && !OperatingSystem.IsWindows())
        {
            // Set at creation, so the key is never briefly readable by others.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        var bytes = Encoding.ASCII.GetBytes(text.EndsWith('\n') ? text : text + "\n");
        try
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }
}
