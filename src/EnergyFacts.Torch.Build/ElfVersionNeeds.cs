using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace EnergyFacts.Torch.Build;

/// <summary>
/// Reads the symbol-versioning tables of an ELF64 little-endian shared object: required versions
/// (<c>SHT_GNU_verneed</c>), defined versions (<c>SHT_GNU_verdef</c>), which dynamic symbols bind to a version
/// and whether relocations reference them. Bounds are checked everywhere; errors name the file and byte offset.
/// </summary>
internal sealed class ElfVersionNeeds
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
