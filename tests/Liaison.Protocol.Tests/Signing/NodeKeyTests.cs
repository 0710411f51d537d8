using System.Text;
using Liaison.Protocol.Signing;

namespace Liaison.Protocol.Tests.Signing;

public sealed class NodeKeyTests : IDisposable
{
    private static readonly byte[] Message = Encoding.UTF8.GetBytes("{\"type\":\"bundle\"}");

    private readonly string _directory = Directory.CreateTempSubdirectory("liaison-nodekey-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void SaveThenLoad_KeepsTheSameKey()
    {
        var path = Path.Combine(_directory, "node.key");
        using var original = NodeKey.Generate();

        original.Save(path);
        using var loaded = NodeKey.Load(path);

        Assert.Equal(original.PublicKey, loaded.PublicKey);
        Assert.Equal(original.Fingerprint, loaded.Fingerprint);
        Assert.True(NodeKey.Verify(original.PublicKey, Message, loaded.Sign(Message)));
    }

    [Fact]
    public void Save_WritesPkcs8Pem()
    {
        var path = Path.Combine(_directory, "node.key");
        using var key = NodeKey.Generate();

        key.Save(path);

        var text = File.ReadAllText(path);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", text, StringComparison.Ordinal);
        Assert.Contains("-----END PRIVATE KEY-----", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_CreatesFileReadableByOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix permissions only; Windows relies on the profile directory's ACL.
        }

        var path = Path.Combine(_directory, "node.key");
        using var key = NodeKey.Generate();

        key.Save(path);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void Save_ExistingFile_IsNotOverwritten()
    {
        var path = Path.Combine(_directory, "node.key");
        File.WriteAllText(path, "old key");
        using var key = NodeKey.Generate();

        Assert.Throws<IOException>(() => key.Save(path));
        Assert.Equal("old key", File.ReadAllText(path));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a key")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n")]
    public void Load_MalformedFile_ThrowsFormatExceptionNamingTheFile(string content)
    {
        var path = Path.Combine(_directory, "bad.key");
        File.WriteAllText(path, content);

        var error = Assert.Throws<FormatException>(() => NodeKey.Load(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_ProducesA64ByteSignatureThatVerifies()
    {
        using var key = NodeKey.Generate();

        var signature = key.Sign(Message);

        Assert.Equal(64, signature.Length);
        Assert.Equal(32, key.PublicKey.Length);
        Assert.True(NodeKey.Verify(key.PublicKey, Message, signature));
    }

    [Fact]
    public void Verify_TamperedData_Fails()
    {
        using var key = NodeKey.Generate();
        var signature = key.Sign(Message);
        var tampered = (byte[])Message.Clone();
        tampered[^1] ^= 1;

        Assert.False(NodeKey.Verify(key.PublicKey, tampered, signature));
    }

    [Fact]
    public void Verify_OtherKey_Fails()
    {
        using var signer = NodeKey.Generate();
        using var other = NodeKey.Generate();

        Assert.False(NodeKey.Verify(other.PublicKey, Message, signer.Sign(Message)));
    }

    [Fact]
    public void Verify_MalformedKeyOrSignature_FailsWithoutThrowing()
    {
        using var key = NodeKey.Generate();

        Assert.False(NodeKey.Verify(new byte[31], Message, key.Sign(Message)));
        Assert.False(NodeKey.Verify(key.PublicKey, Message, new byte[10]));
    }

    [Fact]
    public void Fingerprint_IsSha256OfPublicKeyInLowercaseHex()
    {
        using var key = NodeKey.Generate();

        var expected = "SHA256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(key.PublicKey));
        Assert.Equal(expected, key.Fingerprint);
        Assert.Matches("^SHA256:[0-9a-f]{64}$", key.Fingerprint);
    }

    [Fact]
    public void NormalizeFingerprint_AcceptsWhatPeopleTypeOrPaste()
    {
        using var key = NodeKey.Generate();
        var hex = key.Fingerprint["SHA256:".Length..];
        var grouped = string.Join(' ', hex.Chunk(4).Select(c => new string(c)));
        var colons = string.Join(':', hex.Chunk(2).Select(c => new string(c)));

        Assert.Equal(key.Fingerprint, NodeKey.NormalizeFingerprint(key.Fingerprint));
        Assert.Equal(key.Fingerprint, NodeKey.NormalizeFingerprint(hex));
        Assert.Equal(key.Fingerprint, NodeKey.NormalizeFingerprint(hex.ToUpperInvariant()));
        Assert.Equal(key.Fingerprint, NodeKey.NormalizeFingerprint("sha256:" + grouped));
        Assert.Equal(key.Fingerprint, NodeKey.NormalizeFingerprint(colons.ToUpperInvariant()));
        Assert.Equal(key.Fingerprint, NodeKey.NormalizeFingerprint("  SHA256: " + grouped + "\n"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("SHA256:")]
    [InlineData("SHA256:abcd")]
    [InlineData("SHA256:zz2ba4f5f1d0b0a7a3c7c0b1f3b7e3c5b5e0a9b8c7d6e5f4a3b2c1d0e9f8a7b6")]
    [InlineData("MD5:2ba4f5f1d0b0a7a3c7c0b1f3b7e3c5b5e0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5")]
    public void NormalizeFingerprint_Garbage_ThrowsFormatException(string input)
    {
        Assert.Throws<FormatException>(() => NodeKey.NormalizeFingerprint(input));
    }
}
