using System.Buffers.Binary;
using EnergyFacts.Torch.Data;

namespace EnergyFacts.Torch.Tests.Data;

public sealed class IdxFileTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Round_trips_plain_and_gzipped_files(bool gzip)
    {
        using var dir = new TempDirectory();
        var split = new ImageArray(Enumerable.Range(0, 3 * 4 * 5).Select(i => (byte)i).ToArray(), [2, 0, 1], 1, 4, 5);
        string suffix = gzip ? ".gz" : string.Empty;

        IdxFile.WriteSplit(split, dir.File("images" + suffix), dir.File("labels" + suffix));
        var read = IdxFile.ReadSplit(dir.File("images" + suffix), dir.File("labels" + suffix), 3);

        Assert.Equal(gzip, File.ReadAllBytes(dir.File("images" + suffix))[0] == 0x1f);
        Assert.Equal((3, 1, 4, 5), (read.Count, read.Channels, read.Height, read.Width));
        Assert.Equal(split.Pixels.ToArray(), read.Pixels.ToArray());
        Assert.Equal([2L, 0, 1], read.Labels.ToArray());
    }

    [Fact]
    public void Bad_magic_names_file_and_offset_zero()
    {
        using var dir = new TempDirectory();
        WriteValid(dir);
        byte[] images = File.ReadAllBytes(dir.File("i"));
        images[3] = 1; // a labels header where images are expected
        File.WriteAllBytes(dir.File("i"), images);

        var error = Assert.Throws<DatasetFormatException>(() => IdxFile.ReadSplit(dir.File("i"), dir.File("l"), 10));

        Assert.Equal($"{dir.File("i")}: at byte offset 0: bad magic 0x00000801; expected IDX images (magic 0x00000803)", error.Message);
    }

    [Fact]
    public void Truncated_pixels_name_the_offset_where_the_file_ends()
    {
        using var dir = new TempDirectory();
        WriteValid(dir);
        byte[] images = File.ReadAllBytes(dir.File("i"));
        File.WriteAllBytes(dir.File("i"), images[..^7]);

        var error = Assert.Throws<DatasetFormatException>(() => IdxFile.ReadSplit(dir.File("i"), dir.File("l"), 10));

        Assert.StartsWith($"{dir.File("i")}: at byte offset {images.Length - 7}: file is truncated", error.Message, StringComparison.Ordinal);
        Assert.Contains("2 images of 3×3 (18 bytes from offset 16), but it ends after 11", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_gzip_names_the_file_and_the_decompressed_stream()
    {
        using var dir = new TempDirectory();
        var split = new ImageArray(new byte[2 * 28 * 28].Select((_, i) => (byte)(i * 7)).ToArray(), [1, 2], 1, 28, 28);
        IdxFile.WriteSplit(split, dir.File("i.gz"), dir.File("l.gz"));
        byte[] gz = File.ReadAllBytes(dir.File("i.gz"));
        File.WriteAllBytes(dir.File("i.gz"), gz[..(gz.Length / 2)]);

        var error = Assert.Throws<DatasetFormatException>(() => IdxFile.ReadSplit(dir.File("i.gz"), dir.File("l.gz"), 10));

        Assert.Contains(dir.File("i.gz"), error.Message, StringComparison.Ordinal);
        Assert.Contains("byte offset", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Trailing_bytes_are_reported_at_the_first_extra_byte()
    {
        using var dir = new TempDirectory();
        WriteValid(dir);
        File.AppendAllText(dir.File("l"), "xx");

        var error = Assert.Throws<DatasetFormatException>(() => IdxFile.ReadSplit(dir.File("i"), dir.File("l"), 10));

        Assert.Equal($"{dir.File("l")}: at byte offset 10: 2 unexpected bytes after the 2 labels the header announces", error.Message);
    }

    [Fact]
    public void Label_out_of_range_names_its_offset()
    {
        using var dir = new TempDirectory();
        WriteValid(dir);
        byte[] labels = File.ReadAllBytes(dir.File("l"));
        labels[9] = 12;
        File.WriteAllBytes(dir.File("l"), labels);

        var error = Assert.Throws<DatasetFormatException>(() => IdxFile.ReadSplit(dir.File("i"), dir.File("l"), 10));

        Assert.Equal($"{dir.File("l")}: at byte offset 9: label 12 is outside 0..9", error.Message);
    }

    [Fact]
    public void Image_and_label_counts_must_agree()
    {
        using var dir = new TempDirectory();
        WriteValid(dir);
        byte[] labels = File.ReadAllBytes(dir.File("l"));
        BinaryPrimitives.WriteInt32BigEndian(labels.AsSpan(4), 1);
        File.WriteAllBytes(dir.File("l"), labels[..^1]);

        var error = Assert.Throws<DatasetFormatException>(() => IdxFile.ReadSplit(dir.File("i"), dir.File("l"), 10));

        Assert.Equal($"{dir.File("i")} holds 2 images but {dir.File("l")} holds 1 labels.", error.Message);
    }

    [Fact]
    public void Missing_file_is_named()
    {
        using var dir = new TempDirectory();

        var error = Assert.Throws<DatasetFormatException>(() => IdxFile.ReadSplit(dir.File("nope"), dir.File("l"), 10));

        Assert.Equal($"{dir.File("nope")}: file not found.", error.Message);
    }

    private static void WriteValid(TempDirectory dir) =>
        IdxFile.WriteSplit(new ImageArray(new byte[18], [3, 4], 1, 3, 3), dir.File("i"), dir.File("l"));
}
