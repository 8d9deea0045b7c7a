// This file is compiled twice: into EnergyFacts.Torch (which defines ENERGYFACTS_TORCH_LIBRARY), and by
// RoslynCodeTaskFactory (build/EnergyFacts.Torch.targets) into the build task at the bottom. The factory takes a
// single source file and compiles it against netstandard reference assemblies, hence one file, byte[] and
// no Span, records or init accessors.
#nullable enable
#pragma warning disable CA1510 // ArgumentNullException.ThrowIfNull does not exist in netstandard, which the task compile targets.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace EnergyFacts.Torch.Native;

/// <summary>A file is not the ELF64 little-endian shared object we expected, or its layout is inconsistent.</summary>
public sealed class ElfFormatException : Exception
{
    /// <summary>Creates the exception with a message that already names the file and the offset.</summary>
    /// <param name="message">Full message, naming file, offset and what was expected.</param>
    public ElfFormatException(string message) : base(message)
    {
    }

    /// <summary>Creates an exception with no detail; prefer the overload with a message.</summary>
    public ElfFormatException()
    {
    }

    /// <summary>Creates the exception wrapping an inner cause.</summary>
    /// <param name="message">Full message.</param>
    /// <param name="innerException">The underlying failure.</param>
    public ElfFormatException(string message, Exception innerException) : base(message, innerException)
    {
    }
}

/// <summary>One version a shared object requires from one of its dependencies (an ELF <c>Elf64_Vernaux</c> entry).</summary>
public sealed class ElfVersionRequirement
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

/// <summary>
/// Reads the symbol-versioning tables of an ELF64 little-endian shared object: required versions
/// (<c>SHT_GNU_verneed</c>), defined versions (<c>SHT_GNU_verdef</c>), which dynamic symbols bind to a version
/// and whether relocations reference them. Bounds are checked everywhere; errors name the file and byte offset.
/// </summary>
public sealed class ElfVersionNeeds
{
    private const uint ShtRela = 4;
    private const uint ShtDynsym = 11;
    private const uint ShtRel = 9;
    private const uint ShtGnuVerdef = 0x6ffffffd;
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const uint ShtGnuVersym = 0x6fffffff;

    private readonly byte[] _image;
    private readonly string _fileName;
    private readonly List<Section> _sections;

    private ElfVersionNeeds(byte[] image, string fileName)
    {
        _image = image;
        _fileName = fileName;
        _sections = ReadSections();
        Requirements = ReadRequirements();
        Definitions = ReadDefinitions();
    }

    /// <summary>Every <c>Vernaux</c> entry, in file order.</summary>
    public IReadOnlyList<ElfVersionRequirement> Requirements { get; }

    /// <summary>Version names this object defines (from <c>SHT_GNU_verdef</c>), excluding the base (file) entry.</summary>
    public IReadOnlyCollection<string> Definitions { get; }

    /// <summary>Parses an ELF image held in memory.</summary>
    /// <param name="image">The whole file.</param>
    /// <param name="fileName">Path used in error messages.</param>
    /// <returns>The parsed tables.</returns>
    /// <exception cref="ElfFormatException">The bytes are not a consistent ELF64 little-endian object.</exception>
    public static ElfVersionNeeds Parse(byte[] image, string fileName)
    {
        if (image is null)
        {
            throw new ArgumentNullException(nameof(image));
        }

        return new ElfVersionNeeds(image, fileName ?? "<memory>");
    }

    /// <summary>Reads and parses a file.</summary>
    /// <param name="path">Path of the shared object.</param>
    /// <returns>The parsed tables.</returns>
    public static ElfVersionNeeds Read(string path) => Parse(System.IO.File.ReadAllBytes(path), path);

    /// <summary>Names of the dynamic symbols whose <c>.gnu.version</c> entry is <paramref name="versionIndex"/>.</summary>
    /// <param name="versionIndex">A <see cref="ElfVersionRequirement.VersionIndex"/>.</param>
    /// <returns>Symbol names, with whether each is undefined (an import).</returns>
    public IReadOnlyList<KeyValuePair<string, bool>> SymbolsBoundTo(ushort versionIndex)
    {
        var result = new List<KeyValuePair<string, bool>>();
        var versym = _sections.FirstOrDefault(s => s.Type == ShtGnuVersym);
        if (versym is null)
        {
            return result;
        }

        var dynsym = LinkedSection(versym, ShtDynsym, ".gnu.version");
        var strtab = LinkedSection(dynsym, 3, ".dynsym");
        long count = dynsym.Size / 24;
        if (versym.Size / 2 < count)
        {
            throw Error(versym.Offset, ".gnu.version has " + (versym.Size / 2).ToString(CultureInfo.InvariantCulture)
                + " entries but .dynsym has " + count.ToString(CultureInfo.InvariantCulture));
        }

        for (long i = 0; i < count; i++)
        {
            int index = ReadU16(versym.Offset + (2 * i)) & 0x7fff;
            if (index != versionIndex)
            {
                continue;
            }

            long symbol = dynsym.Offset + (24 * i);
            string name = ReadString(strtab, ReadU32(symbol));
            bool undefined = ReadU16(symbol + 6) == 0;
            result.Add(new KeyValuePair<string, bool>(name, undefined));
        }

        return result;
    }

    /// <summary>Names of the symbols bound to <paramref name="versionIndex"/> that a dynamic relocation references.</summary>
    /// <param name="versionIndex">A <see cref="ElfVersionRequirement.VersionIndex"/>.</param>
    /// <returns>Referenced symbol names; empty when the version is only a marker.</returns>
    public IReadOnlyList<string> RelocatedSymbolsBoundTo(ushort versionIndex)
    {
        var versym = _sections.FirstOrDefault(s => s.Type == ShtGnuVersym);
        if (versym is null)
        {
            return Array.Empty<string>();
        }

        var dynsym = LinkedSection(versym, ShtDynsym, ".gnu.version");
        var strtab = LinkedSection(dynsym, 3, ".dynsym");
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var relocations in _sections.Where(s => (s.Type == ShtRela || s.Type == ShtRel) && s.Link == dynsym.Index))
        {
            long entrySize = relocations.Type == ShtRela ? 24 : 16;
            for (long entry = relocations.Offset; entry + entrySize <= relocations.Offset + relocations.Size; entry += entrySize)
            {
                long symbolIndex = (long)(ReadU64(entry + 8) >> 32);
                if (symbolIndex == 0)
                {
                    continue;
                }

                if ((symbolIndex + 1) * 24 > dynsym.Size || versym.Offset + (2 * symbolIndex) + 2 > versym.Offset + versym.Size)
                {
                    throw Error(entry, "relocation refers to dynamic symbol " + symbolIndex.ToString(CultureInfo.InvariantCulture)
                        + ", beyond the .dynsym table");
                }

                if ((ReadU16(versym.Offset + (2 * symbolIndex)) & 0x7fff) == versionIndex)
                {
                    names.Add(ReadString(strtab, ReadU32(dynsym.Offset + (24 * symbolIndex))));
                }
            }
        }

        return names.ToList();
    }

    private List<Section> ReadSections()
    {
        if (_image.Length < 64)
        {
            throw Error(_image.Length, "file is " + _image.Length.ToString(CultureInfo.InvariantCulture)
                + " bytes, shorter than an ELF64 header (64 bytes)");
        }

        if (_image[0] != 0x7f || _image[1] != (byte)'E' || _image[2] != (byte)'L' || _image[3] != (byte)'F')
        {
            throw Error(0, "bad magic " + Hex(_image, 0, 4) + ", expected 7f 45 4c 46 (\\x7fELF)");
        }

        if (_image[4] != 2)
        {
            throw Error(4, "EI_CLASS is " + _image[4].ToString(CultureInfo.InvariantCulture) + ", expected 2 (ELF64)");
        }

        if (_image[5] != 1)
        {
            throw Error(5, "EI_DATA is " + _image[5].ToString(CultureInfo.InvariantCulture) + ", expected 1 (little-endian)");
        }

        long sectionTable = (long)ReadU64(0x28);
        int entrySize = ReadU16(0x3a);
        long count = ReadU16(0x3c);
        if (sectionTable == 0)
        {
            throw Error(0x28, "e_shoff is 0: the file has no section header table");
        }

        if (entrySize != 64)
        {
            throw Error(0x3a, "e_shentsize is " + entrySize.ToString(CultureInfo.InvariantCulture) + ", expected 64");
        }

        if (count == 0)
        {
            // More than 0xff00 sections: the real count lives in section 0's sh_size.
            CheckRange(sectionTable, 64, "section header 0");
            count = (long)ReadU64(sectionTable + 32);
        }

        CheckRange(sectionTable, count * 64, "section header table (" + count.ToString(CultureInfo.InvariantCulture) + " entries)");
        var sections = new List<Section>((int)count);
        for (int i = 0; i < count; i++)
        {
            long header = sectionTable + (64L * i);
            var section = new Section(
                i,
                header,
                ReadU32(header + 4),
                (long)ReadU64(header + 24),
                (long)ReadU64(header + 32),
                ReadU32(header + 40),
                ReadU32(header + 44));
            if (section.Type != 8 && section.Type != 0)
            {
                // SHT_NOBITS (8) and SHT_NULL occupy no file bytes.
                CheckRange(section.Offset, section.Size, "section " + i.ToString(CultureInfo.InvariantCulture)
                    + " (header at offset " + header.ToString(CultureInfo.InvariantCulture) + ")");
            }

            sections.Add(section);
        }

        return sections;
    }

    private List<ElfVersionRequirement> ReadRequirements()
    {
        var requirements = new List<ElfVersionRequirement>();
        foreach (var section in _sections.Where(s => s.Type == ShtGnuVerneed))
        {
            var strtab = LinkedSection(section, 3, "SHT_GNU_verneed");
            long entry = section.Offset;
            long end = section.Offset + section.Size;
            for (uint n = 0; n < section.Info; n++)
            {
                CheckWithin(entry, 16, end, "Elf64_Verneed entry " + n.ToString(CultureInfo.InvariantCulture));
                int version = ReadU16(entry);
                if (version != 1)
                {
                    throw Error(entry, "vn_version is " + version.ToString(CultureInfo.InvariantCulture) + ", expected 1");
                }

                int auxCount = ReadU16(entry + 2);
                string file = ReadString(strtab, ReadU32(entry + 4));
                long aux = entry + ReadU32(entry + 8);
                for (int a = 0; a < auxCount; a++)
                {
                    CheckWithin(aux, 16, end, "Elf64_Vernaux entry " + a.ToString(CultureInfo.InvariantCulture) + " of " + file);
                    ushort flags = ReadU16(aux + 4);
                    ushort other = ReadU16(aux + 6);
                    string name = ReadString(strtab, ReadU32(aux + 8));
                    requirements.Add(new ElfVersionRequirement(file, name, other, flags, aux + 4));
                    uint nextAux = ReadU32(aux + 12);
                    if (nextAux == 0 && a + 1 < auxCount)
                    {
                        throw Error(aux + 12, "vna_next is 0 but " + file + " declares " + auxCount.ToString(CultureInfo.InvariantCulture)
                            + " entries (vn_cnt)");
                    }

                    aux += nextAux;
                }

                uint next = ReadU32(entry + 12);
                if (next == 0)
                {
                    if (n + 1 < section.Info)
                    {
                        throw Error(entry + 12, "vn_next is 0 but sh_info declares " + section.Info.ToString(CultureInfo.InvariantCulture)
                            + " Elf64_Verneed entries");
                    }

                    break;
                }

                entry += next;
            }
        }

        return requirements;
    }

    private HashSet<string> ReadDefinitions()
    {
        var definitions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var section in _sections.Where(s => s.Type == ShtGnuVerdef))
        {
            var strtab = LinkedSection(section, 3, "SHT_GNU_verdef");
            long entry = section.Offset;
            long end = section.Offset + section.Size;
            for (uint n = 0; n < section.Info; n++)
            {
                CheckWithin(entry, 20, end, "Elf64_Verdef entry " + n.ToString(CultureInfo.InvariantCulture));
                bool isBase = (ReadU16(entry + 2) & 0x1) != 0;
                if (ReadU16(entry + 6) > 0)
                {
                    long aux = entry + ReadU32(entry + 12);
                    CheckWithin(aux, 8, end, "Elf64_Verdaux of Elf64_Verdef entry " + n.ToString(CultureInfo.InvariantCulture));
                    if (!isBase)
                    {
                        definitions.Add(ReadString(strtab, ReadU32(aux)));
                    }
                }

                uint next = ReadU32(entry + 16);
                if (next == 0)
                {
                    break;
                }

                entry += next;
            }
        }

        return definitions;
    }

    private Section LinkedSection(Section from, uint expectedType, string what)
    {
        if (from.Link == 0 || from.Link >= _sections.Count)
        {
            throw Error(from.HeaderOffset + 40, what + " section " + from.Index.ToString(CultureInfo.InvariantCulture)
                + " has sh_link " + from.Link.ToString(CultureInfo.InvariantCulture) + ", which names no section");
        }

        var linked = _sections[(int)from.Link];
        if (linked.Type != expectedType)
        {
            throw Error(linked.HeaderOffset + 4, what + " links to section " + linked.Index.ToString(CultureInfo.InvariantCulture)
                + " of type 0x" + linked.Type.ToString("x", CultureInfo.InvariantCulture)
                + ", expected 0x" + expectedType.ToString("x", CultureInfo.InvariantCulture));
        }

        return linked;
    }

    private string ReadString(Section strtab, uint offset)
    {
        long start = strtab.Offset + offset;
        if (offset >= strtab.Size)
        {
            throw Error(start, "string offset " + offset.ToString(CultureInfo.InvariantCulture)
                + " is outside the string table (" + strtab.Size.ToString(CultureInfo.InvariantCulture) + " bytes)");
        }

        long end = start;
        long limit = strtab.Offset + strtab.Size;
        while (end < limit && _image[end] != 0)
        {
            end++;
        }

        if (end == limit)
        {
            throw Error(start, "string is not NUL-terminated inside its string table");
        }

        return Encoding.ASCII.GetString(_image, (int)start, (int)(end - start));
    }

    private void CheckRange(long offset, long length, string what)
    {
        if (offset < 0 || length < 0 || offset > _image.Length || length > _image.Length - offset)
        {
            throw Error(offset, what + " spans " + length.ToString(CultureInfo.InvariantCulture) + " bytes, past the end of the "
                + _image.Length.ToString(CultureInfo.InvariantCulture) + "-byte file (truncated?)");
        }
    }

    private void CheckWithin(long offset, long length, long end, string what)
    {
        if (offset < 0 || offset + length > end)
        {
            throw Error(offset, what + " lies outside its section");
        }
    }

    private ushort ReadU16(long offset)
    {
        CheckRange(offset, 2, "16-bit field");
        return (ushort)(_image[offset] | (_image[offset + 1] << 8));
    }

    private uint ReadU32(long offset)
    {
        CheckRange(offset, 4, "32-bit field");
        return (uint)(_image[offset] | (_image[offset + 1] << 8) | (_image[offset + 2] << 16) | (_image[offset + 3] << 24));
    }

    private ulong ReadU64(long offset)
    {
        CheckRange(offset, 8, "64-bit field");
        return ReadU32(offset) | ((ulong)ReadU32(offset + 4) << 32);
    }

    private ElfFormatException Error(long offset, string detail) =>
        new ElfFormatException(_fileName + " at byte offset " + offset.ToString(CultureInfo.InvariantCulture) + ": " + detail);

    private static string Hex(byte[] bytes, int start, int count) =>
        string.Join(" ", bytes.Skip(start).Take(count).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));

    private sealed class Section
    {
        public Section(int index, long headerOffset, uint type, long offset, long size, uint link, uint info)
        {
            Index = index;
            HeaderOffset = headerOffset;
            Type = type;
            Offset = offset;
            Size = size;
            Link = link;
            Info = info;
        }

        public int Index { get; }

        public long HeaderOffset { get; }

        public uint Type { get; }

        public long Offset { get; }

        public long Size { get; }

        public uint Link { get; }

        public uint Info { get; }
    }
}

/// <summary>What <see cref="LibStdCxxVersionPatch"/> did to a library.</summary>
public enum LibStdCxxPatchOutcome
{
    /// <summary>The host libstdc++ defines every version the library asks for; the file is left as shipped.</summary>
    Untouched,

    /// <summary>The versions the host lacks were already weak (an earlier build patched this copy); nothing written.</summary>
    AlreadyWeak,

    /// <summary>The versions the host lacks were marked weak in this copy.</summary>
    Weakened,
}

/// <summary>The result of <see cref="LibStdCxxVersionPatch.Apply"/>: the decision, and the patched bytes when there are any.</summary>
public sealed class LibStdCxxPatchResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="outcome">What was decided.</param>
    /// <param name="versions">The libstdc++ versions the host lacks (weakened now or before).</param>
    /// <param name="patchedImage">The edited file, or <see langword="null"/> unless <paramref name="outcome"/> is <see cref="LibStdCxxPatchOutcome.Weakened"/>.</param>
    public LibStdCxxPatchResult(LibStdCxxPatchOutcome outcome, IReadOnlyList<string> versions, byte[]? patchedImage)
    {
        Outcome = outcome;
        Versions = versions;
        PatchedImage = patchedImage;
    }

    /// <summary>What was decided.</summary>
    public LibStdCxxPatchOutcome Outcome { get; }

    /// <summary>The libstdc++ versions the host lacks (weakened now or before); empty when <see cref="LibStdCxxPatchOutcome.Untouched"/>.</summary>
    public IReadOnlyList<string> Versions { get; }

    /// <summary>The edited image (only for <see cref="LibStdCxxPatchOutcome.Weakened"/>).</summary>
#pragma warning disable CA1819 // The image is handed over once to be written; copying it would only cost memory.
    public byte[]? PatchedImage { get; }
#pragma warning restore CA1819
}

/// <summary>
/// Makes libLibTorchSharp.so loadable on a host whose libstdc++ lacks a version the library names only for a marker
/// symbol (TorchSharp 0.107.0 asks for GLIBCXX_3.4.32 for <c>_ZSt21ios_base_library_initv</c>; Debian 12 stops at
/// 3.4.30). For each libstdc++ version the host does not define, the matching <c>Vernaux</c> entry gets VER_FLG_WEAK,
/// but only when no dynamic relocation references a symbol of that version (so nothing can bind to a missing
/// definition); otherwise the library really needs a newer libstdc++ and the patch refuses.
/// </summary>
public static class LibStdCxxVersionPatch
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

#if !ENERGYFACTS_TORCH_LIBRARY
/// <summary>MSBuild task: applies <see cref="LibStdCxxVersionPatch"/> to each copy of libLibTorchSharp.so in an output folder.</summary>
public sealed class WeakenMissingLibStdCxxVersions : Microsoft.Build.Utilities.Task
{
    /// <summary>Copies of libLibTorchSharp.so in the output (items that do not exist are skipped).</summary>
    [Microsoft.Build.Framework.Required]
    public Microsoft.Build.Framework.ITaskItem[] Libraries { get; set; } = Array.Empty<Microsoft.Build.Framework.ITaskItem>();

    /// <summary>The libstdc++.so.6 to check against; empty: the one the loader would find on this machine.</summary>
    public string HostLibStdCxx { get; set; } = string.Empty;

    /// <inheritdoc />
    public override bool Execute()
    {
        string? host = HostLibStdCxx.Length > 0 ? HostLibStdCxx : LibStdCxxVersionPatch.FindHostLibStdCxx(Environment.GetEnvironmentVariable("LD_LIBRARY_PATH"));
        if (host is null || !System.IO.File.Exists(host))
        {
            Log.LogMessage(Microsoft.Build.Framework.MessageImportance.High,
                "EnergyFacts.Torch: no libstdc++.so.6 found on this machine (" + (host ?? "searched LD_LIBRARY_PATH and system dirs")
                + "); libLibTorchSharp.so left as shipped. Set EnergyFactsHostLibStdCxx to check against a specific libstdc++.");
            return true;
        }

        foreach (var item in Libraries)
        {
            string path = item.GetMetadata("FullPath");
            if (!System.IO.File.Exists(path))
            {
                continue;
            }

            try
            {
                var result = LibStdCxxVersionPatch.ApplyToFile(path, host);
                string versions = string.Join(", ", result.Versions);
                switch (result.Outcome)
                {
                    case LibStdCxxPatchOutcome.Weakened:
                        Log.LogMessage(Microsoft.Build.Framework.MessageImportance.High,
                            "EnergyFacts.Torch: " + host + " lacks " + versions + "; marked weak in " + path + " (package cache untouched).");
                        break;
                    case LibStdCxxPatchOutcome.AlreadyWeak:
                        Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal,
                            "EnergyFacts.Torch: " + path + " already has " + versions + " weak.");
                        break;
                    default:
                        Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal,
                            "EnergyFacts.Torch: " + host + " defines every version " + path + " needs; left as shipped.");
                        break;
                }
            }
            catch (Exception e) when (e is ElfFormatException || e is InvalidOperationException || e is IOException || e is UnauthorizedAccessException)
            {
                Log.LogError("EnergyFacts.Torch: cannot make " + path + " loadable against " + host + ": " + e.Message
                    + " (set EnergyFactsWeakenLibStdCxx=false to skip this step).");
            }
        }

        return !Log.HasLoggedErrors;
    }
}
#endif
