namespace EnergyFacts.Configuration;

/// <summary>A configuration value (environment variable or option) is malformed.</summary>
public sealed class EnergyFactsConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EnergyFactsConfigurationException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    public EnergyFactsConfigurationException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception.</summary>
    public EnergyFactsConfigurationException() { }
}
