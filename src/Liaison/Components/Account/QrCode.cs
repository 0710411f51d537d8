using QRCoder;

namespace Liaison.Components.Account;

public static class QrCode
{
    /// <summary>
    /// The text as an SVG QR code in a data URI, drawn on the node: the enrolment secret must never reach
    /// a third-party QR service, and border posts may have no internet at all.
    /// </summary>
    public static string SvgDataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(6, "#000000", "#ffffff", drawQuietZones: true);
        return "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(svg));
    }

    /// <summary>The shared key in groups of four, easier to type into an app by hand.</summary>
    public static string Grouped(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return string.Join(' ', key.Chunk(4).Select(c => new string(c)));
    }
}
