using EnergyFacts.Torch.Build;

namespace EnergyFacts.Torch.Tests.Native;

/// <summary>The libstdc++ versions this test machine defines.</summary>
internal static class LibStdCxxVersionPatchHost
{
    public static string Path =>
        LibStdCxxVersionPatch.FindHostLibStdCxx(Environment.GetEnvironmentVariable("LD_LIBRARY_PATH"))
        ?? throw new InvalidOperationException("no libstdc++.so.6 on this machine");

    public static IReadOnlyCollection<string> Versions() => ElfVersionNeeds.Read(Path).Definitions;
}
