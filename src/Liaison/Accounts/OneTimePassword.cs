using System.Security.Cryptography;

namespace Liaison.Accounts;

/// <summary>
/// Passwords the node hands out (first administrator, new users, resets): 20 characters from an alphabet
/// without look-alikes (no 0/O, 1/l/I), in groups so they can be read aloud over a radio or phone.
/// </summary>
public static class OneTimePassword
{
    private const string Alphabet = "23456789abcdefghjkmnpqrstuvwxyz";

    public static string New()
    {
        var chars = new char[20];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return string.Join('-', Enumerable.Range(0, 4).Select(g => new string(chars, g * 5, 5)));
    }
}
