namespace EnergyFacts.Torch;

/// <summary>
/// TorchSharp cannot be used in this process: the native libraries did not load, or the requested device does not
/// exist here. The message names the cause and the fix; nothing in TorchSharp has been touched when it is thrown,
/// so code that does not need Torch keeps working.
/// </summary>
public sealed class TorchUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Cause and fix, in one message.</param>
    public TorchUnavailableException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with the underlying failure.</summary>
    /// <param name="message">Cause and fix, in one message.</param>
    /// <param name="innerException">The loader's or TorchSharp's own exception.</param>
    public TorchUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates an exception with no detail; prefer the overloads with a message.</summary>
    public TorchUnavailableException()
    {
    }
}
