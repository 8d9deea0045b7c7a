namespace EnergyFacts.Results;

/// <summary>How file sinks share a results folder.</summary>
internal sealed record ResultsFolderOptions
{
    /// <summary>Defaults: 30 s lock timeout, no notices.</summary>
    public static ResultsFolderOptions Default { get; } = new();

    /// <summary>How long to wait for another process to release the folder lock before failing.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Receives things the user should know that are not errors (e.g. a torn row from a killed process was set aside).</summary>
    public Action<string>? Notice { get; init; }
}
