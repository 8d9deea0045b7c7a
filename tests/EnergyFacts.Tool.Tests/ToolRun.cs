namespace EnergyFacts.Tool.Tests;

/// <summary>Runs the tool's entry in-process and keeps what it printed.</summary>
internal sealed record ToolRun(int ExitCode, string Output, string Error)
{
    public static ToolRun Of(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = EnergyFactsCommandLine.Run(args, output, error);
        return new ToolRun(code, output.ToString(), error.ToString());
    }
}

/// <summary>A folder under the temp directory, deleted afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("energyfacts-tool-").FullName;

    public string File(string name, string text)
    {
        var path = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
