namespace Liaison.Protocol.Stix;

/// <summary>A STIX object that breaks the STIX 2.1 specification, with the property at fault.</summary>
public sealed class StixFormatException : FormatException
{
    /// <summary>Creates an exception with a message only.</summary>
    public StixFormatException()
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    /// <param name="message">What is wrong.</param>
    public StixFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception that wraps the cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The underlying error.</param>
    public StixFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception naming the property at fault.</summary>
    /// <param name="propertyName">The JSON property name, such as <c>created</c>.</param>
    /// <param name="message">What is wrong with it.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public StixFormatException(string propertyName, string message, Exception? innerException = null)
        : base($"{propertyName}: {message}", innerException)
    {
        PropertyName = propertyName;
    }

    /// <summary>The JSON property at fault, such as <c>created</c>; <see langword="null"/> when the object as a whole is wrong.</summary>
    public string? PropertyName { get; }
}
