using System.Buffers.Binary;
using System.Text;

namespace EnergyFacts.Torch.Tests.Native;

/// <summary>Writes small, valid ELF64 little-endian objects with symbol-versioning tables, for parser and patch tests.</summary>
internal sealed class SyntheticElf
{
    private readonly List<(string File, List<(string Version, ushort Index, ushort Flags)> Versions)> _needs = [];
    private readonly List<(string Name, ushort VersionIndex, bool Undefined)> _symbols = [("", 0, true)];
    private readonly List<int> _relocatedSymbols = [];
    private readonly List<string> _definitions = [];

    public SyntheticElf Needs(string file, params (string Version, ushort Index, ushort Flags)[] versions)
    {
        _needs.Add((file, versions.ToList()));
        return this;
    }

    /// <summary>Adds a dynamic symbol bound to a version index; returns its .dynsym index through <paramref name="index"/>.</summary>
    public SyntheticElf Symbol(string name, ushort versionIndex, out int index, bool undefined = true)
    {
        index = _symbols.Count;
        _symbols.Add((name, versionIndex, undefined));
        return this;
    }

    public SyntheticElf Relocation(int symbolIndex)
    {
        _relocatedSymbols.Add(symbolIndex);
        return this;
    }

    public SyntheticElf Defines(params string[] versions)
    {
        _definitions.AddRange(versions);
        return this;
    }

    /// <summary>A libLibTorchSharp-like object: libc + libstdc++ needs, GLIBCXX_3.4.32 used only by an unrelocated marker.</summary>
    public static SyntheticElf LikeLibTorchSharp(out int markerSymbol, out int relocatedSymbol)
    {
        return new SyntheticElf()
            .Needs("libc.so.6", ("GLIBC_2.2.5", 2, 0))
            .Needs("libstdc++.so.6", ("GLIBCXX_3.4.30", 3, 0), ("GLIBCXX_3.4.32", 4, 0), ("CXXABI_1.3", 5, 0))
            .Symbol("malloc", 2, out _)
            .Symbol("_ZSt21ios_base_library_initv", 4, out markerSymbol)
            .Symbol("_ZNSt6chrono3_V212system_clock3nowEv", 3, out relocatedSymbol)
            .Relocation(relocatedSymbol);
    }

    public byte[] Build()
    {
        var strings = new StringTable();
        byte[] dynsym = new byte[24 * _symbols.Count];
        byte[] versym = new byte[2 * _symbols.Count];
        for (int i = 0; i < _symbols.Count; i++)
        {
            var (name, version, undefined) = _symbols[i];
            BinaryPrimitives.WriteUInt32LittleEndian(dynsym.AsSpan(24 * i), i == 0 ? 0 : strings.Add(name));
            dynsym[(24 * i) + 4] = i == 0 ? (byte)0 : (byte)0x12; // STB_GLOBAL | STT_FUNC
            BinaryPrimitives.WriteUInt16LittleEndian(dynsym.AsSpan((24 * i) + 6), undefined ? (ushort)0 : (ushort)7);
            BinaryPrimitives.WriteUInt16LittleEndian(versym.AsSpan(2 * i), version);
        }

        var verneed = new List<byte>();
        for (int n = 0; n < _needs.Count; n++)
        {
            var (file, versions) = _needs[n];
            var entry = new byte[16];
            BinaryPrimitives.WriteUInt16LittleEndian(entry, 1);
            BinaryPrimitives.WriteUInt16LittleEndian(entry.AsSpan(2), (ushort)versions.Count);
            BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(4), strings.Add(file));
            BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(8), 16);
            BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(12), n + 1 < _needs.Count ? (uint)(16 + (16 * versions.Count)) : 0);
            verneed.AddRange(entry);
            for (int a = 0; a < versions.Count; a++)
            {
                var aux = new byte[16];
                BinaryPrimitives.WriteUInt32LittleEndian(aux, 0x0b792650); // vna_hash: not checked by the parser
                BinaryPrimitives.WriteUInt16LittleEndian(aux.AsSpan(4), versions[a].Flags);
                BinaryPrimitives.WriteUInt16LittleEndian(aux.AsSpan(6), versions[a].Index);
                BinaryPrimitives.WriteUInt32LittleEndian(aux.AsSpan(8), strings.Add(versions[a].Version));
                BinaryPrimitives.WriteUInt32LittleEndian(aux.AsSpan(12), a + 1 < versions.Count ? 16u : 0u);
                verneed.AddRange(aux);
            }
        }

        var verdef = new List<byte>();
        var allDefinitions = new List<string> { "libsynthetic.so" };
        allDefinitions.AddRange(_definitions);
        for (int d = 0; d < allDefinitions.Count; d++)
        {
            var entry = new byte[28];
            BinaryPrimitives.WriteUInt16LittleEndian(entry, 1);
            BinaryPrimitives.WriteUInt16LittleEndian(entry.AsSpan(2), d == 0 ? (ushort)1 : (ushort)0); // VER_FLG_BASE on the file entry
            BinaryPrimitives.WriteUInt16LittleEndian(entry.AsSpan(4), (ushort)(d + 1));
            BinaryPrimitives.WriteUInt16LittleEndian(entry.AsSpan(6), 1);
            BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(12), 20);
            BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(16), d + 1 < allDefinitions.Count ? 28u : 0u);
            BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(20), strings.Add(allDefinitions[d]));
            verdef.AddRange(entry);
        }

        byte[] rela = new byte[24 * _relocatedSymbols.Count];
        for (int r = 0; r < _relocatedSymbols.Count; r++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(rela.AsSpan((24 * r) + 8), ((ulong)_relocatedSymbols[r] << 32) | 7); // R_X86_64_JUMP_SLOT
        }

        // Section order: 0 NULL, 1 .dynstr, 2 .dynsym, 3 .gnu.version, 4 .gnu.version_r, 5 .rela.plt, 6 .gnu.version_d
        var body = new List<byte>(new byte[64]);
        var sections = new List<(uint Type, long Offset, long Size, uint Link, uint Info)> { (0, 0, 0, 0, 0) };
        byte[] dynstr = strings.ToArray();
        sections.Add((3, Append(body, dynstr), dynstr.Length, 0, 0));
        sections.Add((11, Append(body, dynsym), dynsym.Length, 1, 1));
        sections.Add((0x6fffffff, Append(body, versym), versym.Length, 2, 0));
        sections.Add((0x6ffffffe, Append(body, verneed.ToArray()), verneed.Count, 1, (uint)_needs.Count));
        sections.Add((4, Append(body, rela), rela.Length, 2, 0));
        sections.Add((0x6ffffffd, Append(body, verdef.ToArray()), verdef.Count, 1, (uint)allDefinitions.Count));
        while (body.Count % 8 != 0)
        {
            body.Add(0);
        }

        long sectionTable = body.Count;
        foreach (var (type, offset, size, link, info) in sections)
        {
            var header = new byte[64];
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), type);
            BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(24), (ulong)offset);
            BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(32), (ulong)size);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(40), link);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(44), info);
            body.AddRange(header);
        }

        byte[] image = body.ToArray();
        image[0] = 0x7f;
        image[1] = (byte)'E';
        image[2] = (byte)'L';
        image[3] = (byte)'F';
        image[4] = 2; // ELFCLASS64
        image[5] = 1; // ELFDATA2LSB
        image[6] = 1; // EV_CURRENT
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(16), 3); // ET_DYN
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(18), 62); // EM_X86_64
        BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(0x28), (ulong)sectionTable);
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(0x34), 64);
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(0x3a), 64);
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(0x3c), (ushort)sections.Count);
        return image;
    }

    private static long Append(List<byte> body, byte[] data)
    {
        while (body.Count % 8 != 0)
        {
            body.Add(0);
        }

        long offset = body.Count;
        body.AddRange(data);
        return offset;
    }

    private sealed class StringTable
    {
        private readonly List<byte> _bytes = [0];
        private readonly Dictionary<string, uint> _offsets = new(StringComparer.Ordinal);

        public uint Add(string value)
        {
            if (!_offsets.TryGetValue(value, out uint offset))
            {
                offset = (uint)_bytes.Count;
                _bytes.AddRange(Encoding.ASCII.GetBytes(value));
                _bytes.Add(0);
                _offsets[value] = offset;
            }

            return offset;
        }

        public byte[] ToArray() => _bytes.ToArray();
    }
}
