using System.Diagnostics;
using EnergyFacts.Torch.Build;

namespace EnergyFacts.Torch.Tests.Native;

/// <summary>
/// End to end, in a child process (a failed native load is process-wide): this test assembly, hard-linked into a
/// scratch folder with the package's unpatched libLibTorchSharp.so, must report one clear message for tests that need
/// Torch and still pass tests that do not.
/// </summary>
public sealed class UnpatchedLoadTests
{
    [Fact]
    public void Unpatched_library_gives_one_clear_message_and_does_not_poison_other_tests()
    {
        string shipped = Path.Combine(NuGetRoot(), "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        var host = LibStdCxxVersionPatchHost.Versions();
        Assert.SkipWhen(host.Contains("GLIBCXX_3.4.32"), "this machine's libstdc++ has GLIBCXX_3.4.32: the shipped library loads unpatched");
        string scratch = Path.Combine(Path.GetTempPath(), "ef-unpatched-" + Guid.NewGuid().ToString("N"));
        try
        {
            CopyAsHardLinks(AppContext.BaseDirectory, scratch);
            string library = Path.Combine(scratch, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
            File.Delete(library);
            File.Copy(shipped, library);

            var (exitCode, output) = Run(Path.Combine(scratch, "EnergyFacts.Torch.Tests"),
                "--filter-class", "*TorchRuntimeTests", "--filter-class", "*ElfVersionNeedsTests");

            Assert.NotEqual(0, exitCode);
            Assert.Contains("TorchSharp's native library could not be loaded from " + library, output, StringComparison.Ordinal);
            Assert.Contains("GLIBCXX_3.4.32", output, StringComparison.Ordinal);
            Assert.DoesNotContain("TypeInitializationException", output, StringComparison.Ordinal);
            Assert.Contains("failed: 2", output, StringComparison.Ordinal);
            Assert.Contains("succeeded: 7", output, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }

    private static void CopyAsHardLinks(string source, string target)
    {
        var (exitCode, output) = Run("cp", "-al", source.TrimEnd('/'), target);
        Assert.True(exitCode == 0, output);
    }

    private static (int ExitCode, string Output) Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }

    private static string NuGetRoot() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}
