using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Liaison.Exchange.Tls;
using Liaison.Node;
using Liaison.Storage;
using Liaison.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Liaison.Tests.Exchange.Tls;

public sealed class NodeCertificateTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(TestNode.Start);
    private readonly string _root = Directory.CreateTempSubdirectory("liaison-tls-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    private string Data => Path.Combine(_root, "node");

    [Fact]
    public async Task Init_WritesASelfSignedP256ServerCertificate_ValidForFiveYears()
    {
        var init = await InitNode.RunAsync(
            new InitNode.Request(Data, "Pakistan Army — Western Border", "PK", "admin", DatabaseProvider.Sqlite, null, ["liaison.example.org", "192.0.2.7", "LOCALHOST"]),
            _time);

        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(Data, "tls.crt")));
        Assert.Equal("CN=Pakistan Army Western Border", certificate.Subject);
        Assert.Equal(certificate.Subject, certificate.Issuer);
        Assert.Equal(TestNode.Start.UtcDateTime, certificate.NotBefore.ToUniversalTime());
        Assert.Equal(TestNode.Start.AddYears(5).UtcDateTime, certificate.NotAfter.ToUniversalTime());
        using (var key = certificate.GetECDsaPublicKey())
        {
            Assert.NotNull(key);
            Assert.Equal(ECCurve.NamedCurves.nistP256.Oid.Value, key.ExportParameters(false).Curve.Oid.Value);
        }

        var usage = Assert.Single(certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>());
        Assert.Equal(["1.3.6.1.5.5.7.3.1"], usage.EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value));
        Assert.False(Assert.Single(certificate.Extensions.OfType<X509BasicConstraintsExtension>()).CertificateAuthority);
        var names = Assert.Single(certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>());
        Assert.Equal(["localhost", "liaison.example.org"], names.EnumerateDnsNames());
        Assert.Equal([IPAddress.Loopback, IPAddress.IPv6Loopback, IPAddress.Parse("192.0.2.7")], names.EnumerateIPAddresses());

        Assert.Equal(TlsFingerprint.Of(certificate), init.TlsFingerprint);
        var keyText = await File.ReadAllTextAsync(Path.Combine(Data, "tls.key"));
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", keyText, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(Data, "tls.key")));
        }
    }

    [Fact]
    public async Task Load_OfAnInitialisedNode_GivesTheCertificateWithItsKey_AndTheSameFingerprintEachTime()
    {
        var init = await InitNode.RunAsync(new InitNode.Request(Data, "P", "PK", "admin", DatabaseProvider.Sqlite, null), _time);
        var folder = NodeFolder.Open(Data);

        using var first = NodeTls.Load(folder, NodeConfig.Read(folder));
        using var second = NodeTls.Load(folder, NodeConfig.Read(folder));

        Assert.True(first.Certificate.HasPrivateKey);
        Assert.Equal(init.TlsFingerprint, first.Fingerprint);
        Assert.Equal(first.Fingerprint, second.Fingerprint);
        Assert.Equal("SHA256:" + Convert.ToHexStringLower(SHA256.HashData(first.Certificate.RawData)), first.Fingerprint);
        Assert.Empty(first.Intermediates);
    }

    [Fact]
    public async Task KeysShow_PrintsTheTlsFingerprintInitPrinted_BesideTheKeyLines()
    {
        var init = await CliRun.RunAsync(_time, "init", "--data", Data, "--party-name", "P", "--country", "PK", "--tls-host", "a.example", "--tls-host", "b.example");
        Assert.True(init.ExitCode == 0, init.Error);
        var fingerprint = init.Output.Split('\n').Single(l => l.Contains("tls certificate", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[2];

        var keys = await CliRun.RunAsync(_time, "keys", "show", "--data", Data);

        Assert.Equal(0, keys.ExitCode);
        var lines = keys.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("fingerprint  SHA256:", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("public key   ed25519 ", lines[1], StringComparison.Ordinal);
        Assert.Equal($"tls cert     {fingerprint}", lines[2]);
        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(Data, "tls.crt")));
        Assert.Contains("b.example", certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames());
    }

    [Theory]
    [InlineData("host name")]
    [InlineData("https://a.example")]
    [InlineData("")]
    public async Task Init_WithABadTlsHost_FailsInOneLineAndLeavesNoFolder(string host)
    {
        var run = await CliRun.RunAsync(_time, "init", "--data", Data, "--party-name", "P", "--country", "PK", "--tls-host", host);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"liaison: --tls-host '{host}' is not a DNS host name or an IP address", run.Error.Trim());
        Assert.Empty(Directory.EnumerateFileSystemEntries(_root));
    }

    [Theory]
    [InlineData("Pakistan Army — Western Border", "Pakistan Army Western Border")]
    [InlineData("  ارتش جمهوری اسلامی ایران  ", "ارتش جمهوری اسلامی ایران")]
    [InlineData("A/B, C=D; \"E\"", "A B C D E")]
    [InlineData("node-1.border_east", "node-1.border_east")]
    [InlineData("—", "liaison-node")]
    [InlineData("", "liaison-node")]
    public void CommonName_KeepsLettersDigitsAndSimplePunctuation(string partyName, string expected) =>
        Assert.Equal(expected, NodeCertificate.CommonNameFor(partyName));

    [Fact]
    public void CommonName_IsCutToTheX509Limit() =>
        Assert.Equal(new string('x', 64), NodeCertificate.CommonNameFor(new string('x', 200)));

    [Fact]
    public void Load_WithAnOperatorCertificate_UsesItAndSendsItsIntermediates()
    {
        var folder = NewFolder(new NodeConfig { TlsCertificate = "pki/node.pem", TlsKey = Path.Combine(_root, "pki", "node-key.pem") });
        Directory.CreateDirectory(Path.Combine(_root, "pki"));
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=Test Intermediate CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var ca = caRequest.CreateSelfSigned(TestNode.Start, TestNode.Start.AddYears(10));
        using var leafKey = RSA.Create(2048);
        var leafRequest = new CertificateRequest("CN=liaison.example.org", leafKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var leaf = leafRequest.Create(ca, TestNode.Start, TestNode.Start.AddYears(1), [1, 2, 3, 4]);
        File.WriteAllText(Path.Combine(folder.Path, "pki", "node.pem"), leaf.ExportCertificatePem() + "\n" + ca.ExportCertificatePem() + "\n");
        File.WriteAllText(Path.Combine(folder.Path, "pki", "node-key.pem"), leafKey.ExportPkcs8PrivateKeyPem());

        using var tls = NodeTls.Load(folder, NodeConfig.Read(folder));

        Assert.Equal("CN=liaison.example.org", tls.Certificate.Subject);
        Assert.True(tls.Certificate.HasPrivateKey);
        Assert.Equal(TlsFingerprint.Of(leaf), tls.Fingerprint);
        Assert.Equal(ca.Thumbprint, Assert.Single(tls.Intermediates).Thumbprint);
    }

    [Theory]
    [InlineData("node.pem", null, "must be set together")]
    [InlineData(null, "node-key.pem", "must be set together")]
    [InlineData("missing.pem", "node-key.pem", "no TLS certificate at")]
    public void Load_WithAnIncompleteOperatorConfig_SaysWhatIsMissing(string? certificate, string? key, string expected)
    {
        var folder = NewFolder(new NodeConfig { TlsCertificate = certificate, TlsKey = key });
        File.WriteAllText(Path.Combine(folder.Path, "node-key.pem"), "");

        var error = Assert.Throws<Liaison.Cli.CliException>(() => NodeTls.Load(folder, NodeConfig.Read(folder)));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WithAKeyThatIsNotTheCertificates_Fails()
    {
        var folder = NewFolder(new NodeConfig());
        using (var one = NodeCertificate.CreateSelfSigned("one", NodeCertificate.HostsWith(null), _time))
        {
            NodeCertificate.Write(folder, one);
        }

        var other = new NodeFolder(Path.Combine(_root, "other"));
        Directory.CreateDirectory(other.Path);
        using (var two = NodeCertificate.CreateSelfSigned("two", NodeCertificate.HostsWith(null), _time))
        {
            NodeCertificate.Write(other, two);
        }

        File.Copy(other.TlsKeyFile, folder.TlsKeyFile, overwrite: true);

        var error = Assert.Throws<Liaison.Cli.CliException>(() => NodeTls.Load(folder, NodeConfig.Read(folder)));
        Assert.StartsWith("cannot load the TLS certificate", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    private NodeFolder NewFolder(NodeConfig config)
    {
        var folder = new NodeFolder(_root);
        config.Write(folder.ConfigFile);
        return folder;
    }
}
