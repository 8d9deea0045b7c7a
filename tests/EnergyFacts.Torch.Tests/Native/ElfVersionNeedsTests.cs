using EnergyFacts.Torch.Build;

namespace EnergyFacts.Torch.Tests.Native;

public sealed class ElfVersionNeedsTests
{
    [Fact]
    public void Reads_every_requirement_with_its_file_index_and_flags()
    {
        byte[] image = SyntheticElf.LikeLibTorchSharp(out _, out _).Build();

        var needs = ElfVersionNeeds.Parse(image, "synthetic.so");

        Assert.Equal(
            ["libc.so.6:GLIBC_2.2.5", "libstdc++.so.6:GLIBCXX_3.4.30", "libstdc++.so.6:GLIBCXX_3.4.32", "libstdc++.so.6:CXXABI_1.3"],
            needs.Requirements.Select(r => r.ToString()));
        Assert.Equal([2, 3, 4, 5], needs.Requirements.Select(r => (int)r.VersionIndex));
    }

    [Fact]
    public void Finds_symbols_bound_to_a_version_and_which_of_them_relocations_use()
    {
        var needs = ElfVersionNeeds.Parse(SyntheticElf.LikeLibTorchSharp(out _, out _).Build(), "synthetic.so");

        Assert.Equal("_ZSt21ios_base_library_initv", Assert.Single(needs.SymbolsBoundTo(4)).Key);
        Assert.Empty(needs.RelocatedSymbolsBoundTo(4));
        Assert.Equal(["_ZNSt6chrono3_V212system_clock3nowEv"], needs.RelocatedSymbolsBoundTo(3));
    }

    [Fact]
    public void Bad_magic_names_the_file_and_offset_zero()
    {
        byte[] image = SyntheticElf.LikeLibTorchSharp(out _, out _).Build();
        image[1] = (byte)'X';

        var error = Assert.Throws<ElfFormatException>(() => ElfVersionNeeds.Parse(image, "/tmp/broken.so"));

        Assert.StartsWith("/tmp/broken.so at byte offset 0: bad magic 7f 58 4c 46", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_32_bit_object_is_rejected_at_the_class_byte()
    {
        byte[] image = SyntheticElf.LikeLibTorchSharp(out _, out _).Build();
        image[4] = 1;

        var error = Assert.Throws<ElfFormatException>(() => ElfVersionNeeds.Parse(image, "elf32.so"));

        Assert.Contains("elf32.so at byte offset 4: EI_CLASS is 1, expected 2 (ELF64)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_file_names_the_offset_of_the_section_table_that_runs_past_its_end()
    {
        byte[] full = SyntheticElf.LikeLibTorchSharp(out _, out _).Build();
        long sectionTable = BitConverter.ToInt64(full, 0x28);
        byte[] truncated = full[..(int)(sectionTable + 100)];

        var error = Assert.Throws<ElfFormatException>(() => ElfVersionNeeds.Parse(truncated, "cut.so"));

        Assert.Contains($"cut.so at byte offset {sectionTable}: section header table", error.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_shorter_than_the_header_is_reported_with_its_length()
    {
        var error = Assert.Throws<ElfFormatException>(() => ElfVersionNeeds.Parse([0x7f, (byte)'E', (byte)'L', (byte)'F'], "tiny.so"));

        Assert.Contains("tiny.so at byte offset 4: file is 4 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_defined_versions_without_the_base_entry()
    {
        var needs = ElfVersionNeeds.Parse(new SyntheticElf().Needs("libc.so.6", ("GLIBC_2.2.5", 2, 0)).Defines("GLIBCXX_3.4", "GLIBCXX_3.4.30").Build(), "def.so");

        Assert.Equal(["GLIBCXX_3.4", "GLIBCXX_3.4.30"], needs.Definitions.Order(StringComparer.Ordinal));
    }
}
