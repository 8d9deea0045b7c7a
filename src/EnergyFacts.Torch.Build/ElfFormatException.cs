using System;

namespace EnergyFacts.Torch.Build;

/// <summary>A file is not the ELF64 little-endian shared object we expected, or its layout is inconsistent.</summary>
internal sealed class ElfFormatException : Exception
{
    /// <summary>Creates the exception with a message that already names the file and the offset.</summary>
    /// <param name="message">Full message, naming file, offset and what was expected.</param>
    public ElfFormatException(string message) : base(message)
    {
    }

    /// <summary>Creates an exception with no detail; prefer the overload with a message.</summary>
    public ElfFormatException()
    {
    }

    /// <summary>Creates the exception wrapping an inner cause.</summary>
    /// <param name="message">Full message.</param>
    /// <param name="innerException">The underlying failure.</param>
    public ElfFormatException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
