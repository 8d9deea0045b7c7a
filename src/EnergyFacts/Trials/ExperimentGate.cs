using System.Globalization;
using EnergyFacts.Configuration;
using EnergyFacts.Interprocess;

namespace EnergyFacts.Trials;

/// <summary>
/// Lets one experiment at a time measure, within the process and across test processes on the machine, because
/// machine-wide counters would otherwise mix their readings. A lock file that cannot be opened (another user's) does
/// not stop measurement: experiments of this process still exclude each other, and the trial's output says so.
/// </summary>
internal sealed class ExperimentGate
{
    /// <summary>How often a waiting experiment tries the lock file again, at most.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private readonly CrossProcessLock crossProcess;

    /// <param name="lockPath">The lock file shared by every process whose experiments must exclude each other.</param>
    /// <param name="timeout">How long an experiment waits for another's to finish (<c>--energy-lock-timeout</c>).</param>
    public ExperimentGate(string lockPath, TimeSpan timeout) => crossProcess = new(lockPath, PolicyFor(timeout));

    /// <summary>The lock file.</summary>
    public string LockPath => crossProcess.LockPath;

    /// <summary>The gate's policy for <paramref name="timeout"/>: poll every 50 ms, degrade when unopenable, name the setting on timeout.</summary>
    public static CrossProcessLockPolicy PolicyFor(TimeSpan timeout)
    {
        var setting = SettingsRegistry.LockTimeout;
        return new(
            timeout,
            PollInterval,
            DegradeWhenUnopenable: true,
            string.Create(
                CultureInfo.InvariantCulture,
                $"Let that experiment finish, or raise --{setting.Option} (or {setting.EnvironmentVariable}; now {timeout.TotalSeconds:0.###} s)."));
    }

    /// <summary>Waits for the gate; dispose the result to leave.</summary>
    /// <param name="holderDescription">The experiment entering, e.g. the test case's display name; waiters see it.</param>
    /// <param name="onWait">Told once that, and for whom, the experiment waits.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <exception cref="CrossProcessLockTimeoutException">Another experiment held the gate for longer than the timeout.</exception>
    /// <exception cref="InvalidOperationException">The caller already holds the gate.</exception>
    public IDisposable Enter(string holderDescription, Action<string> onWait, CancellationToken cancellationToken) =>
        crossProcess.Enter(holderDescription, onWait, cancellationToken);
}
