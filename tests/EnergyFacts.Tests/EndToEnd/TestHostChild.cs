using System.Diagnostics;
using System.Text;

namespace EnergyFacts.Tests.EndToEnd;

/// <summary>
/// Starts this test assembly again as a child process that runs one test method, for tests whose subject is a process
/// boundary (concurrent writers, a killed lock holder). Output is collected as it arrives.
/// </summary>
internal static class TestHostChild
{
    public static (Process Child, StringBuilder Output) Start(Type testClass, string methodName, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("The test host's executable path is unknown.");
        start.FileName = host;
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            // Running under the dotnet muxer (dotnet exec / dotnet test): start the test assembly the same way.
            start.ArgumentList.Add("exec");
            start.ArgumentList.Add(testClass.Assembly.Location);
        }

        start.ArgumentList.Add("--filter-method");
        start.ArgumentList.Add($"{testClass.FullName}.{methodName}");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var output = new StringBuilder();
        var child = new Process { StartInfo = start };
        child.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        child.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        child.Start();
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        return (child, output);
    }
}
