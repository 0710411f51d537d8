using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Liaison.Cli;
using Liaison.Node;

namespace Liaison.Exchange.Tls;

/// <summary>
/// The certificate this node serves HTTPS with: the operator's (<c>tlsCertificate</c> and <c>tlsKey</c> in
/// <c>liaison.json</c>) or else the self-signed pair <c>liaison init</c> wrote, with the fingerprint partners pin.
/// </summary>
public sealed class NodeTls : IDisposable
{
    private NodeTls(X509Certificate2 certificate, X509Certificate2Collection intermediates)
    {
        Certificate = certificate;
        Intermediates = intermediates;
        Fingerprint = TlsFingerprint.Of(certificate);
    }

    /// <summary>The server certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Any further certificates in the PEM file after the first, sent as the chain (RFC 8446 §4.4.2).</summary>
    public X509Certificate2Collection Intermediates { get; }

    /// <summary><c>SHA256:</c> and the lowercase hex SHA-256 of <see cref="Certificate"/> in DER.</summary>
    public string Fingerprint { get; }

    /// <exception cref="CliException">The files are missing or not PEM, or the key does not belong to the certificate.</exception>
    public static NodeTls Load(NodeFolder folder, NodeConfig config)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(config);
        var (certificateFile, keyFile) = (config.TlsCertificate, config.TlsKey) switch
        {
            (null or "", null or "") => (folder.TlsCertificateFile, folder.TlsKeyFile),
            ({ Length: > 0 } c, { Length: > 0 } k) => (Path.GetFullPath(c, folder.Path), Path.GetFullPath(k, folder.Path)),
            _ => throw new CliException($"{folder.ConfigFile}: tlsCertificate and tlsKey must be set together (or neither, for the node's self-signed pair)"),
        };

        foreach (var file in new[] { certificateFile, keyFile })
        {
            if (!File.Exists(file))
            {
                throw new CliException($"no TLS {(file == keyFile ? "key" : "certificate")} at {file}; set tlsCertificate and tlsKey in {folder.ConfigFile}");
            }
        }

        try
        {
            var certificate = X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
            if (OperatingSystem.IsWindows())
            {
                // SChannel cannot use the ephemeral key a PEM import yields; Kestrel's own PEM loader round-trips
                // through PKCS#12 on Windows for the same reason. OpenSSL (Linux, macOS) uses the key as it is.
                using var ephemeral = certificate;
                certificate = X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), password: null);
            }

            var inFile = new X509Certificate2Collection();
            inFile.ImportFromPemFile(certificateFile);
            inFile[0].Dispose();
            inFile.RemoveAt(0);
            return new NodeTls(certificate, inFile);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            throw new CliException($"cannot load the TLS certificate {certificateFile} with key {keyFile} (PEM, unencrypted key expected): {ex.Message.ReplaceLineEndings(" ")}");
        }
    }

    public void Dispose()
    {
        Certificate.Dispose();
        foreach (var certificate in Intermediates)
        {
            certificate.Dispose();
        }
    }
}
