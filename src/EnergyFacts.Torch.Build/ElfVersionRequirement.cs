namespace EnergyFacts.Torch.Build;

/// <summary>One version a shared object requires from one of its dependencies (an ELF <c>Elf64_Vernaux</c> entry).</summary>
internal sealed class ElfVersionRequirement
{
    /// <summary>VER_FLG_WEAK: a missing version is tolerated by the loader instead of failing the load.</summary>
    public const ushort WeakFlag = 0x2;

    /// <summary>Creates a requirement as read from the file.</summary>
    /// <param name="file">Dependency soname, e.g. <c>libstdc++.so.6</c>.</param>
    /// <param name="version">Version name, e.g. <c>GLIBCXX_3.4.32</c>.</param>
    /// <param name="versionIndex">The <c>vna_other</c> index that symbol versions (<c>.gnu.version</c>) refer to.</param>
    /// <param name="flags">The <c>vna_flags</c> value.</param>
    /// <param name="flagsOffset">File offset of <c>vna_flags</c>.</param>
    public ElfVersionRequirement(string file, string version, ushort versionIndex, ushort flags, long flagsOffset)
    {
        File = file;
        Version = version;
        VersionIndex = versionIndex;
        Flags = flags;
        FlagsOffset = flagsOffset;
    }

    /// <summary>Dependency soname, e.g. <c>libstdc++.so.6</c>.</summary>
    public string File { get; }

    /// <summary>Version name, e.g. <c>GLIBCXX_3.4.32</c>.</summary>
    public string Version { get; }

    /// <summary>Index that <c>.gnu.version</c> entries use for symbols bound to this version.</summary>
    public ushort VersionIndex { get; }

    /// <summary>Raw <c>vna_flags</c>.</summary>
    public ushort Flags { get; }

    /// <summary>File offset of the 16-bit <c>vna_flags</c> field.</summary>
    public long FlagsOffset { get; }

    /// <summary>Whether the entry is already marked weak.</summary>
    public bool IsWeak => (Flags & WeakFlag) != 0;

    /// <inheritdoc />
    public override string ToString() => File + ":" + Version + (IsWeak ? " (weak)" : string.Empty);
}
