namespace Liaison.Protocol.Cap;

/// <summary>A CAP document or model that breaks CAP 1.2, naming the element at fault (<c>alert/info[1]/urgency</c>).</summary>
public sealed class CapFormatException : FormatException
{
    /// <summary>Creates an exception with no message.</summary>
    public CapFormatException()
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    /// <param name="message">What is wrong.</param>
    public CapFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception that wraps the cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The underlying error.</param>
    public CapFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception naming the element at fault.</summary>
    /// <param name="path">The element's path, such as <c>alert/info[1]/urgency</c>.</param>
    /// <param name="message">What is wrong with it.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public CapFormatException(string path, string message, Exception? innerException = null)
        : base($"{path}: {message}", innerException)
    {
        Path = path;
    }

    /// <summary>The path of the element at fault; <see langword="null"/> when the document as a whole is wrong (not XML, too large).</summary>
    public string? Path { get; }
}
