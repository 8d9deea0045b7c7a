using EnergyFacts.Torch.Build;

namespace EnergyFacts.Torch.Tests.Native;

public sealed class LibStdCxxVersionPatchTests
{
    private static readonly string[] Debian12Host = ["GLIBCXX_3.4", "GLIBCXX_3.4.29", "GLIBCXX_3.4.30", "CXXABI_1.3"];
    private static readonly string[] NewerHost = [.. Debian12Host, "GLIBCXX_3.4.31", "GLIBCXX_3.4.32", "GLIBCXX_3.4.33"];

    [Fact]
    public void Host_without_the_version_gets_exactly_its_vernaux_flag_marked_weak()
    {
        byte[] original = SyntheticElf.LikeLibTorchSharp(out _, out _).Build();
        byte[] before = (byte[])original.Clone();

        var result = LibStdCxxVersionPatch.Apply(original, "synthetic.so", Debian12Host);

        Assert.Equal(LibStdCxxPatchOutcome.Weakened, result.Outcome);
        Assert.Equal(["GLIBCXX_3.4.32"], result.Versions);
        Assert.Equal(before, original); // input untouched
        var target = ElfVersionNeeds.Parse(original, "synthetic.so").Requirements.Single(r => r.Version == "GLIBCXX_3.4.32");
        Assert.Equal([target.FlagsOffset], DifferingOffsets(original, result.PatchedImage!));
        var patched = ElfVersionNeeds.Parse(result.PatchedImage!, "patched.so").Requirements;
        Assert.All(patched, r => Assert.Equal(r.Version == "GLIBCXX_3.4.32", r.IsWeak));
    }

    [Fact]
    public void Host_with_the_version_leaves_the_file_as_shipped()
    {
        byte[] image = SyntheticElf.LikeLibTorchSharp(out _, out _).Build();

        var result = LibStdCxxVersionPatch.Apply(image, "synthetic.so", NewerHost);

        Assert.Equal(LibStdCxxPatchOutcome.Untouched, result.Outcome);
        Assert.Empty(result.Versions);
        Assert.Null(result.PatchedImage);
    }

    [Fact]
    public void Patching_twice_changes_nothing_the_second_time()
    {
        byte[] once = LibStdCxxVersionPatch.Apply(SyntheticElf.LikeLibTorchSharp(out _, out _).Build(), "a.so", Debian12Host).PatchedImage!;

        var again = LibStdCxxVersionPatch.Apply(once, "a.so", Debian12Host);

        Assert.Equal(LibStdCxxPatchOutcome.AlreadyWeak, again.Outcome);
        Assert.Null(again.PatchedImage);
    }

    [Fact]
    public void A_missing_version_that_a_relocation_uses_is_refused_with_the_symbol_named()
    {
        var elf = new SyntheticElf()
            .Needs("libstdc++.so.6", ("GLIBCXX_3.4.30", 2, 0), ("GLIBCXX_3.4.32", 3, 0))
            .Symbol("_ZNSt8ios_base4InitC1Ev", 3, out int used)
            .Relocation(used);

        var error = Assert.Throws<InvalidOperationException>(() => LibStdCxxVersionPatch.Apply(elf.Build(), "needs-new.so", Debian12Host));

        Assert.Contains("needs-new.so really uses GLIBCXX_3.4.32", error.Message, StringComparison.Ordinal);
        Assert.Contains("_ZNSt8ios_base4InitC1Ev", error.Message, StringComparison.Ordinal);
        Assert.Contains("stops at GLIBCXX_3.4.30", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_library_without_a_libstdcxx_need_is_not_the_expected_layout()
    {
        byte[] image = new SyntheticElf().Needs("libc.so.6", ("GLIBC_2.2.5", 2, 0)).Build();

        var error = Assert.Throws<ElfFormatException>(() => LibStdCxxVersionPatch.Apply(image, "plain.so", Debian12Host));

        Assert.Contains("plain.so", error.Message, StringComparison.Ordinal);
        Assert.Contains("no entry for libstdc++.so.6", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ApplyToFile_replaces_a_hard_linked_copy_without_touching_the_original()
    {
        string directory = Directory.CreateTempSubdirectory("ef-elf-").FullName;
        try
        {
            string cache = Path.Combine(directory, "cache.so");
            string output = Path.Combine(directory, "output.so");
            string host = Path.Combine(directory, "libstdc++.so.6");
            File.WriteAllBytes(cache, SyntheticElf.LikeLibTorchSharp(out _, out _).Build());
            File.WriteAllBytes(host, new SyntheticElf().Defines(Debian12Host).Build());
            HardLink(cache, output);
            byte[] cacheBefore = File.ReadAllBytes(cache);

            var result = LibStdCxxVersionPatch.ApplyToFile(output, host);

            Assert.Equal(LibStdCxxPatchOutcome.Weakened, result.Outcome);
            Assert.Equal(cacheBefore, File.ReadAllBytes(cache));
            Assert.True(ElfVersionNeeds.Read(output).Requirements.Single(r => r.Version == "GLIBCXX_3.4.32").IsWeak);
            Assert.False(File.Exists(output + ".energyfacts-weakened"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Real_libLibTorchSharp_from_the_package_cache_gets_only_its_GLIBCXX_3_4_32_entry_weakened()
    {
        string package = PackageCacheLibrary();
        byte[] image = File.ReadAllBytes(package);
        var shipped = ElfVersionNeeds.Parse(image, package);
        Assert.False(shipped.Requirements.Single(r => r.Version == "GLIBCXX_3.4.32").IsWeak);

        var result = LibStdCxxVersionPatch.Apply(image, package, Debian12Host.Concat(["GLIBCXX_3.4.9", "GLIBCXX_3.4.11", "GLIBCXX_3.4.14",
            "GLIBCXX_3.4.15", "GLIBCXX_3.4.18", "GLIBCXX_3.4.19", "GLIBCXX_3.4.20", "GLIBCXX_3.4.21", "GLIBCXX_3.4.22", "GLIBCXX_3.4.26",
            "CXXABI_1.3.1", "CXXABI_1.3.3", "CXXABI_1.3.5", "CXXABI_1.3.9", "CXXABI_1.3.13"]).ToArray());

        Assert.Equal(LibStdCxxPatchOutcome.Weakened, result.Outcome);
        Assert.Equal(["GLIBCXX_3.4.32"], result.Versions);
        var marker = shipped.SymbolsBoundTo(shipped.Requirements.Single(r => r.Version == "GLIBCXX_3.4.32").VersionIndex);
        Assert.Equal("_ZSt21ios_base_library_initv", Assert.Single(marker).Key);
        var patched = ElfVersionNeeds.Parse(result.PatchedImage!, "patched");
        Assert.Equal(shipped.Requirements.Count, patched.Requirements.Count);
        Assert.All(shipped.Requirements.Zip(patched.Requirements), pair =>
        {
            Assert.Equal(pair.First.Version, pair.Second.Version);
            Assert.Equal(pair.First.Version == "GLIBCXX_3.4.32", pair.Second.IsWeak);
        });
        Assert.Single(DifferingOffsets(image, result.PatchedImage!));
        Assert.Equal(LibStdCxxPatchOutcome.Untouched, LibStdCxxVersionPatch.Apply(image, package, [.. shipped.Requirements.Select(r => r.Version)]).Outcome);
    }

    [Fact]
    public void This_machines_libstdcxx_definitions_are_read_from_its_verdef_table()
    {
        var versions = LibStdCxxVersionPatchHost.Versions();

        Assert.Contains("GLIBCXX_3.4", versions);
        Assert.Contains("CXXABI_1.3", versions);
        Assert.DoesNotContain("libstdc++.so.6", versions); // the base entry is the file, not a version
    }

    private static string PackageCacheLibrary()
    {
        string root = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return Path.Combine(root, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
    }

    private static List<long> DifferingOffsets(byte[] a, byte[] b)
    {
        Assert.Equal(a.Length, b.Length);
        var offsets = new List<long>();
        for (long i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i])
            {
                offsets.Add(i);
            }
        }

        return offsets;
    }

    private static void HardLink(string existing, string link)
    {
        using var process = System.Diagnostics.Process.Start("ln", [existing, link]);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
