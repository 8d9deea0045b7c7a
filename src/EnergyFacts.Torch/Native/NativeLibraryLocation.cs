using System.Runtime.InteropServices;

namespace EnergyFacts.Torch;

/// <summary>Where a built .NET app keeps TorchSharp's natives: <c>runtimes/&lt;rid&gt;/native/</c> or, for RID-specific builds, the app folder.</summary>
internal static class NativeLibraryLocation
{
    public static string? FindLibTorchSharp(string appDirectory) => Find(appDirectory, LibraryFileName("LibTorchSharp"));

    public static string? FindBundledLibTorchCpu(string appDirectory) => Find(appDirectory, LibraryFileName("torch_cpu"));

    private static string LibraryFileName(string name) =>
        OperatingSystem.IsWindows() ? name + ".dll" : OperatingSystem.IsMacOS() ? "lib" + name + ".dylib" : "lib" + name + ".so";

    private static string? Find(string appDirectory, string fileName)
    {
        string[] candidates =
        [
            Path.Combine(appDirectory, "runtimes", RuntimeInformation.RuntimeIdentifier, "native", fileName),
            Path.Combine(appDirectory, "runtimes", PortableRid(), "native", fileName),
            Path.Combine(appDirectory, fileName),
        ];
        return candidates.FirstOrDefault(File.Exists);
    }

    private static string PortableRid()
    {
        string os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        string arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        return os + "-" + arch;
    }
}
