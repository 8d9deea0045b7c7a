namespace EnergyFacts.Framework;

/// <summary>
/// Lets one experiment at a time measure: within the process (a semaphore) and across test processes on the machine
/// (an exclusive lock file), because machine-wide counters would otherwise mix their readings.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Lives for the whole process.")]
internal sealed class ExperimentGate
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);
    private readonly SemaphoreSlim inProcess = new(1, 1);
    private readonly string lockPath;

    public ExperimentGate(string lockPath) => this.lockPath = lockPath;

    public static ExperimentGate Machine { get; } =
        new(Path.Combine(Path.GetTempPath(), "energyfacts-experiments.lock"));

    /// <summary>Waits for the gate; dispose the result to leave.</summary>
    public IDisposable Enter(CancellationToken cancellationToken)
    {
        inProcess.Wait(cancellationToken);
        try
        {
            while (true)
            {
                try
                {
                    var stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
                    return new Pass(this, stream);
                }
                catch (IOException)
                {
                    // Another process is measuring; wait our turn.
                    cancellationToken.WaitHandle.WaitOne(Poll);
                    cancellationToken.ThrowIfCancellationRequested();
                }
                catch (UnauthorizedAccessException)
                {
                    // A lock file we cannot open (another user's) must not stop measurement: process-level exclusion remains.
                    return new Pass(this, null);
                }
            }
        }
        catch
        {
            inProcess.Release();
            throw;
        }
    }

    private sealed class Pass(ExperimentGate gate, FileStream? stream) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                stream?.Dispose();
                gate.inProcess.Release();
            }
        }
    }
}
