using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace EnergyFacts.Torch.Build;

/// <summary>
/// Makes libLibTorchSharp.so loadable on a host whose libstdc++ lacks a version the library names only for a marker
/// symbol (TorchSharp 0.107.0 asks for GLIBCXX_3.4.32 for <c>_ZSt21ios_base_library_initv</c>; Debian 12 stops at
/// 3.4.30). For each libstdc++ version the host does not define, the matching <c>Vernaux</c> entry gets VER_FLG_WEAK,
/// but only when no dynamic relocation references a symbol of that version (so nothing can bind to a missing
/// definition); otherwise the library really needs a newer libstdc++ and the patch refuses.
/// </summary>
internal static class LibStdCxxVersionPatch
{
    /// <summary>The soname whose version requirements this patch examines.</summary>
    public const string LibStdCxxSoname = "libstdc++.so.6";

    private static readonly string[] SystemLibraryDirectories =
    {
        "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib", "/lib",
    };

    /// <summary>Decides and, when needed, produces the edited bytes. The input array is never modified.</summary>
    /// <param name="libraryImage">The shared object, e.g. libLibTorchSharp.so.</param>
    /// <param name="libraryName">Path used in messages.</param>
    /// <param name="hostVersions">Versions the host libstdc++ defines (see <see cref="ElfVersionNeeds.Definitions"/>).</param>
    /// <returns>The decision and, for <see cref="LibStdCxxPatchOutcome.Weakened"/>, the edited image.</returns>
    /// <exception cref="ElfFormatException">The library is malformed or does not need libstdc++ at all.</exception>
    /// <exception cref="InvalidOperationException">A missing version is really used (a relocation references it).</exception>
    public static LibStdCxxPatchResult Apply(byte[] libraryImage, string libraryName, IReadOnlyCollection<string> hostVersions)
    {
        if (libraryImage is null)
        {
            throw new ArgumentNullException(nameof(libraryImage));
        }

        if (hostVersions is null)
        {
            throw new ArgumentNullException(nameof(hostVersions));
        }

        var needs = ElfVersionNeeds.Parse(libraryImage, libraryName);
        var fromStdCxx = needs.Requirements.Where(r => r.File == LibStdCxxSoname).ToList();
        if (fromStdCxx.Count == 0)
        {
            throw new ElfFormatException(libraryName + ": its SHT_GNU_verneed table has no entry for " + LibStdCxxSoname
                + "; this is not the libLibTorchSharp.so layout the GLIBCXX patch expects (requirements: "
                + string.Join(", ", needs.Requirements.Select(r => r.ToString())) + ")");
        }

        var missing = fromStdCxx.Where(r => !hostVersions.Contains(r.Version)).ToList();
        var names = missing.Select(r => r.Version).ToList();
        if (missing.Count == 0)
        {
            return new LibStdCxxPatchResult(LibStdCxxPatchOutcome.Untouched, names, null);
        }

        if (missing.All(r => r.IsWeak))
        {
            return new LibStdCxxPatchResult(LibStdCxxPatchOutcome.AlreadyWeak, names, null);
        }

        byte[] patched = (byte[])libraryImage.Clone();
        foreach (var requirement in missing.Where(r => !r.IsWeak))
        {
            EnsureOnlyMarkerSymbols(needs, requirement, libraryName, hostVersions);
            ushort flags = (ushort)(requirement.Flags | ElfVersionRequirement.WeakFlag);
            patched[requirement.FlagsOffset] = (byte)(flags & 0xff);
            patched[requirement.FlagsOffset + 1] = (byte)(flags >> 8);
        }

        return new LibStdCxxPatchResult(LibStdCxxPatchOutcome.Weakened, names, patched);
    }

    /// <summary>
    /// Patches a file in place when needed. The edit is written to a new file that then replaces the path, so a
    /// hard link into the NuGet package cache is broken rather than modified.
    /// </summary>
    /// <param name="libraryPath">The copy of libLibTorchSharp.so in a build or publish output.</param>
    /// <param name="hostLibStdCxxPath">The host's libstdc++.so.6.</param>
    /// <returns>The decision (the image is not kept).</returns>
    public static LibStdCxxPatchResult ApplyToFile(string libraryPath, string hostLibStdCxxPath)
    {
        var hostVersions = ElfVersionNeeds.Read(hostLibStdCxxPath).Definitions;
        var result = Apply(System.IO.File.ReadAllBytes(libraryPath), libraryPath, hostVersions);
        if (result.PatchedImage is not null)
        {
            string temporary = libraryPath + ".energyfacts-weakened";
            System.IO.File.WriteAllBytes(temporary, result.PatchedImage);
            System.IO.File.Replace(temporary, libraryPath, null);
        }

        return new LibStdCxxPatchResult(result.Outcome, result.Versions, null);
    }

    /// <summary>Finds the libstdc++ the dynamic loader would pick: <c>LD_LIBRARY_PATH</c> first, then the usual system directories.</summary>
    /// <param name="ldLibraryPath">The value of <c>LD_LIBRARY_PATH</c> (may be null or empty).</param>
    /// <returns>The path, or <see langword="null"/> when none exists (e.g. not Linux).</returns>
    public static string? FindHostLibStdCxx(string? ldLibraryPath)
    {
        var directories = new List<string>();
        if (!string.IsNullOrEmpty(ldLibraryPath))
        {
            directories.AddRange(ldLibraryPath!.Split(':').Where(d => d.Length > 0));
        }

        directories.AddRange(SystemLibraryDirectories);
        return directories.Select(d => Path.Combine(d, LibStdCxxSoname)).FirstOrDefault(System.IO.File.Exists);
    }

    private static void EnsureOnlyMarkerSymbols(ElfVersionNeeds needs, ElfVersionRequirement requirement, string libraryName,
        IReadOnlyCollection<string> hostVersions)
    {
        string newestHost = hostVersions.Where(v => v.StartsWith("GLIBCXX_", StringComparison.Ordinal))
            .OrderBy(v => v, Comparer<string>.Create(CompareVersionNames)).LastOrDefault() ?? "none";
        var relocated = needs.RelocatedSymbolsBoundTo(requirement.VersionIndex);
        if (relocated.Count > 0)
        {
            throw new InvalidOperationException(libraryName + " really uses " + requirement.Version + " (relocations reference "
                + string.Join(", ", relocated) + "), but the host libstdc++ stops at " + newestHost
                + ". Marking it weak would crash at the first call; install a newer libstdc++ (GCC 13 or later) instead.");
        }

        var defined = needs.SymbolsBoundTo(requirement.VersionIndex).Where(s => !s.Value).Select(s => s.Key).ToList();
        if (defined.Count > 0)
        {
            throw new ElfFormatException(libraryName + ": symbols " + string.Join(", ", defined) + " are defined with the required version "
                + requirement.Version + "; a Vernaux index should only bind undefined symbols");
        }
    }

    private static int CompareVersionNames(string left, string right)
    {
        var a = left.Substring(left.IndexOf('_') + 1).Split('.');
        var b = right.Substring(right.IndexOf('_') + 1).Split('.');
        for (int i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            int x = i < a.Length && int.TryParse(a[i], NumberStyles.None, CultureInfo.InvariantCulture, out int p) ? p : 0;
            int y = i < b.Length && int.TryParse(b[i], NumberStyles.None, CultureInfo.InvariantCulture, out int q) ? q : 0;
            if (x != y)
            {
                return x.CompareTo(y);
            }
        }

        return 0;
    }
}
