using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace Liaison.Protocol.Signing;

/// <summary>
/// A node's Ed25519 signing key (RFC 8032). Partners pin a node by the <see cref="Fingerprint"/>
/// of its public key, exchanged out of band.
/// </summary>
/// <remarks>
/// On disk the key is a PKCS#8 private key in PEM form (<c>-----BEGIN PRIVATE KEY-----</c>,
/// RFC 8410), so operators can inspect or convert it with standard tools such as OpenSSL.
/// </remarks>
public sealed class NodeKey : IDisposable
{
    /// <summary>The prefix of a formatted fingerprint, as in OpenSSH's <c>SHA256:</c> notation.</summary>
    public const string FingerprintPrefix = "SHA256:";

    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;

    // Export must be allowed so that Save can write the key; it never leaves the process otherwise.
    private static KeyCreationParameters CreationParameters => new()
    {
        ExportPolicy = KeyExportPolicies.AllowPlaintextExport,
    };

    private readonly Key _key;

    private NodeKey(Key key)
    {
        _key = key;
        PublicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        Fingerprint = ComputeFingerprint(PublicKey);
    }

    /// <summary>The raw 32-byte Ed25519 public key (RFC 8032 §5.1.5).</summary>
    public byte[] PublicKey { get; }

    /// <summary>The SHA-256 of <see cref="PublicKey"/> as <c>SHA256:</c> followed by 64 lowercase hex digits.</summary>
    public string Fingerprint { get; }

    /// <summary>Creates a new random key pair.</summary>
    public static NodeKey Generate() => new(Key.Create(Algorithm, CreationParameters));

    /// <summary>Reads a key written by <see cref="Save"/>.</summary>
    /// <param name="path">The key file.</param>
    /// <exception cref="FormatException">The file is not a PEM PKCS#8 Ed25519 private key.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static NodeKey Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var text = File.ReadAllText(path, Encoding.ASCII).Trim();
        var blob = Encoding.ASCII.GetBytes(text + "\n");

        Key? key = null;
        try
        {
            if (!Key.TryImport(Algorithm, blob, KeyBlobFormat.PkixPrivateKeyText, out key, CreationParameters) || key is null)
            {
                throw new FormatException(
                    $"'{path}' is not a Liaison node key: expected an Ed25519 private key in PKCS#8 PEM form (-----BEGIN PRIVATE KEY-----).");
            }

            return new NodeKey(key);
        }
        catch (Exception ex) when (ex is not FormatException)
        {
            key?.Dispose();
            throw new FormatException($"'{path}' is not a readable Ed25519 private key: {ex.Message}", ex);
        }
    }

    /// <summary>Reads a key from PKCS#8 PEM text (<c>-----BEGIN PRIVATE KEY-----</c>, RFC 8410), as <see cref="Load"/> does from a file.</summary>
    /// <param name="pem">The PEM text, for example the RFC 9421 Appendix B.1.4 test key.</param>
    /// <exception cref="FormatException">The text is not a PEM PKCS#8 Ed25519 private key.</exception>
    public static NodeKey FromPkcs8Pem(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var blob = Encoding.ASCII.GetBytes(pem.Trim() + "\n");

        Key? key = null;
        try
        {
            if (!Key.TryImport(Algorithm, blob, KeyBlobFormat.PkixPrivateKeyText, out key, CreationParameters) || key is null)
            {
                throw new FormatException("Expected an Ed25519 private key in PKCS#8 PEM form (-----BEGIN PRIVATE KEY-----).");
            }

            return new NodeKey(key);
        }
        catch (Exception ex) when (ex is not FormatException)
        {
            key?.Dispose();
            throw new FormatException($"Not a readable Ed25519 private key: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Writes the private key to a new file, readable and writable by the owner only
    /// (mode 0600 on Unix, set at creation so the key is never briefly world-readable).
    /// </summary>
    /// <param name="path">The file to create; it must not exist, so an old key is never silently replaced.</param>
    /// <exception cref="IOException">The file already exists or cannot be created.</exception>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var blob = _key.Export(KeyBlobFormat.PkixPrivateKeyText);
        try
        {
            using var stream = new FileStream(path, options);
            stream.Write(blob);
            stream.Flush(flushToDisk: true);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(blob);
        }
    }

    /// <summary>Signs data with Ed25519 (RFC 8032 §5.1.6).</summary>
    /// <returns>The 64-byte signature.</returns>
    public byte[] Sign(ReadOnlySpan<byte> data) => Algorithm.Sign(_key, data);

    /// <summary>Checks an Ed25519 signature against a raw 32-byte public key.</summary>
    /// <param name="publicKey">The signer's raw public key, as <see cref="PublicKey"/> returns it.</param>
    /// <param name="data">The data that was signed.</param>
    /// <param name="signature">The 64-byte signature.</param>
    /// <returns><see langword="true"/> only if the signature is valid; a malformed key or signature gives <see langword="false"/>.</returns>
    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        // Keys and signatures arrive from the network: malformed input is a failed check, not an exception.
        if (!NSec.Cryptography.PublicKey.TryImport(Algorithm, publicKey, KeyBlobFormat.RawPublicKey, out var key) || key is null)
        {
            return false;
        }

        return Algorithm.Verify(key, data, signature);
    }

    /// <summary>Computes the fingerprint of a raw public key, in the same form as <see cref="Fingerprint"/>.</summary>
    /// <param name="publicKey">A raw 32-byte Ed25519 public key.</param>
    public static string ComputeFingerprint(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length != Algorithm.PublicKeySize)
        {
            throw new ArgumentException($"An Ed25519 public key is {Algorithm.PublicKeySize} bytes, not {publicKey.Length}.", nameof(publicKey));
        }

        return FingerprintPrefix + Convert.ToHexStringLower(SHA256.HashData(publicKey));
    }

    /// <summary>
    /// Brings a fingerprint typed or pasted by a person to the form of <see cref="Fingerprint"/>:
    /// the <c>SHA256:</c> prefix is optional, spaces and colons are ignored, case does not matter.
    /// </summary>
    /// <param name="fingerprint">For example <c>sha256:AB12 CD34 …</c> or <c>ab:12:cd:34…</c>.</param>
    /// <returns><c>SHA256:</c> followed by 64 lowercase hex digits.</returns>
    /// <exception cref="FormatException">What remains is not 64 hex digits.</exception>
    public static string NormalizeFingerprint(string fingerprint)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        var text = fingerprint.Trim();
        if (text.StartsWith(FingerprintPrefix, StringComparison.OrdinalIgnoreCase))
        {
            text = text[FingerprintPrefix.Length..];
        }

        var hex = new StringBuilder(64);
        foreach (var c in text)
        {
            if (c == ':' || char.IsWhiteSpace(c))
            {
                continue;
            }

            if (!char.IsAsciiHexDigit(c))
            {
                throw new FormatException($"A key fingerprint contains only hex digits, spaces and colons; found '{c}'.");
            }

            hex.Append(char.ToLowerInvariant(c));
        }

        if (hex.Length != 64)
        {
            throw new FormatException($"A SHA-256 key fingerprint has 64 hex digits; this one has {hex.Length}.");
        }

        return FingerprintPrefix + hex;
    }

    /// <inheritdoc/>
    public void Dispose() => _key.Dispose();
}
