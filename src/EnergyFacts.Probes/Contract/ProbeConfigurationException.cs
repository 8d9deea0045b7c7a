namespace EnergyFacts.Probes;

/// <summary>A probe specification or its input (a replay file, a probe name, a root directory) is not usable.</summary>
/// <remarks>Messages name the offending value and what is allowed, and the file and line when there is one.</remarks>
public sealed class ProbeConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProbeConfigurationException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    public ProbeConfigurationException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception.</summary>
    public ProbeConfigurationException() { }
}
