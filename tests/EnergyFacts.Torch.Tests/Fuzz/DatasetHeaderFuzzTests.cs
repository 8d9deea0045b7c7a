using System.Buffers.Binary;
using System.Diagnostics;
using CsCheck;
using EnergyFacts.Torch.Data;

namespace EnergyFacts.Torch.Tests.Fuzz;

/// <summary>
/// IDX and CIFAR headers: any bytes either decode or fail with a DatasetFormatException naming the file and a byte
/// offset, quickly and without allocating what a corrupt header declares. Seeded, so every run checks the same cases.
/// </summary>
public sealed class DatasetHeaderFuzzTests(ITestOutputHelper output)
{
    private const int Cases = 2_000;
    private const string Images = "fuzz-images-idx3-ubyte";
    private const string Labels = "fuzz-labels-idx1-ubyte";

    // Mostly plausible headers (right magic, small or huge dimensions), then a few bytes of payload.
    private static readonly Gen<int> Dimension = Gen.Frequency(
        (6, Gen.Int[0, 4]), (2, Gen.Int), (1, Gen.OneOf(int.MaxValue, 65_536, -1, 0)));

    private static readonly Gen<byte[]> ImagesFile = Gen.Select(Gen.Frequency((8, Gen.Const(0x00000803)), (1, Gen.Int)), Dimension, Dimension, Dimension, Gen.Byte.Array[0, 64])
        .Select((magic, n, rows, cols, payload) => Header(magic, [n, rows, cols], payload));

    private static readonly Gen<byte[]> LabelsFile = Gen.Select(Gen.Frequency((8, Gen.Const(0x00000801)), (1, Gen.Int)), Dimension, Gen.Byte[0, 12].Array[0, 8])
        .Select((magic, n, payload) => Header(magic, [n], payload));

    private static readonly Gen<byte[]> Cut = Gen.Byte.Array[0, 20];

    [Fact]
    public void Any_idx_pair_decodes_or_names_the_file_and_byte_offset()
    {
        var cases = Run(Gen.Select(Gen.OneOf(ImagesFile, Cut), Gen.OneOf(LabelsFile, Cut)), 20260301, pair =>
        {
            try
            {
                var split = IdxFile.Decode(pair.Item1, Images, pair.Item2, Labels, numClasses: 10);
                Assert.Equal(split.LabelArray.Length, split.Count);
            }
            catch (DatasetFormatException ex)
            {
                Assert.Matches("^fuzz-(images|labels)-idx[13]-ubyte( holds|: at byte offset [0-9]+: )", ex.Message);
            }
        });
        output.WriteLine($"IDX headers: {cases} cases");
    }

    [Fact]
    public void An_idx_header_declaring_images_larger_than_any_array_is_a_format_error_not_an_overflow()
    {
        var images = Header(0x00000803, [1, 65_536, 65_536], []);
        var labels = Header(0x00000801, [1], [0]);

        var ex = Assert.Throws<DatasetFormatException>(() => IdxFile.Decode(images, Images, labels, Labels, numClasses: 10));

        Assert.Equal("fuzz-images-idx3-ubyte: at byte offset 8: the header declares 65536×65536 images, 4294967296 bytes each, more than any file holds", ex.Message);
    }

    [Fact]
    public void Any_cifar_file_decodes_or_names_the_file_and_byte_offset()
    {
        using var folder = new Data.TempDirectory();
        var path = Path.Combine(folder.Path, "fuzz_batch.bin");
        var record = Gen.Select(Gen.Byte[0, 120], Gen.Byte[0, 120]).Select((a, b) => (byte[])[a, b, .. new byte[3072]]);
        var file = Gen.OneOf(record.Array[0, 3].Select(r => r.SelectMany(x => x).ToArray()), Gen.Byte.Array[0, 40]);
        var cases = Run(Gen.Select(file, Gen.Bool, Gen.Bool), 3073, input =>
        {
            File.WriteAllBytes(path, input.Item1);
            try
            {
                CifarBinary.ReadSplit(input.Item2 ? CifarVariant.Cifar10 : CifarVariant.Cifar100, [path], coarseLabels: input.Item3);
            }
            catch (DatasetFormatException ex)
            {
                Assert.StartsWith(path + ": at byte offset ", ex.Message, StringComparison.Ordinal);
            }
        }, Cases / 4);
        output.WriteLine($"CIFAR files: {cases} cases");
    }

    private static byte[] Header(int magic, int[] dims, byte[] payload)
    {
        var bytes = new byte[4 + (4 * dims.Length) + payload.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        for (var d = 0; d < dims.Length; d++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + (4 * d)), dims[d]);
        }

        payload.CopyTo(bytes, 4 + (4 * dims.Length));
        return bytes;
    }

    private static int Run<T>(Gen<T> gen, ulong seed, Action<T> property, int cases = Cases)
    {
        var random = new PCG(1, seed);
        for (var i = 0; i < cases; i++)
        {
            var input = gen.Generate(random, null, out _);
            var watch = Stopwatch.StartNew();
            try
            {
                property(input);
            }
            catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
            {
                throw new Xunit.Sdk.XunitException($"case {i} of seed {seed} failed with {ex.GetType().Name}: {ex.Message}", ex);
            }

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"case {i} of seed {seed} took {watch.Elapsed.TotalSeconds:0.0} s");
        }

        return cases;
    }
}
