namespace EnergyFacts.Interprocess;

/// <summary>A cross-process lock was not obtained in time: the message names the lock file, its holder and the remedy.</summary>
internal sealed class CrossProcessLockTimeoutException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">User-facing message.</param>
    /// <param name="lockPath">The lock file.</param>
    /// <param name="holder">Who held it, as its sidecar said (<c>pid 1234 (description) since …</c>), or <see langword="null"/> when unknown.</param>
    public CrossProcessLockTimeoutException(string message, string lockPath, string? holder)
        : base(message)
    {
        LockPath = lockPath;
        Holder = holder;
    }

    /// <summary>Creates the exception.</summary>
    public CrossProcessLockTimeoutException() : this("A cross-process lock was not obtained in time.", string.Empty, null) { }

    /// <summary>Creates the exception.</summary>
    public CrossProcessLockTimeoutException(string message) : this(message, string.Empty, null) { }

    /// <summary>Creates the exception.</summary>
    public CrossProcessLockTimeoutException(string message, Exception innerException)
        : base(message, innerException) => LockPath = string.Empty;

    /// <summary>The lock file waited for.</summary>
    public string LockPath { get; }

    /// <summary>The holder when the wait ended (<c>pid 1234 (description) since …</c>), or <see langword="null"/> when unknown.</summary>
    public string? Holder { get; }
}
