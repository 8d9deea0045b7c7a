using EnergyFacts.Tool;

namespace EnergyFacts.Reports.Tests;

/// <summary>Runs the energyfacts tool in-process and keeps what it printed.</summary>
internal sealed record ReportRun(int ExitCode, string Output, string Error)
{
    public static ReportRun Of(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = EnergyFactsCommandLine.Run(args, output, error);
        return new ReportRun(code, output.ToString(), error.ToString());
    }
}

/// <summary>A folder under the temp directory, deleted afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("energyfacts-report-").FullName;

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; a test never fails over cleanup.
        }
    }
}
