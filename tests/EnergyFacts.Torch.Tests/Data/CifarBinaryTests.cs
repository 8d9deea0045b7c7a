using EnergyFacts.Torch.Data;

namespace EnergyFacts.Torch.Tests.Data;

public sealed class CifarBinaryTests
{
    [Fact]
    public void Cifar10_records_become_chw_images_with_their_labels_across_files()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("a.bin"), [.. Record([7], 10), .. Record([3], 20)]);
        File.WriteAllBytes(dir.File("b.bin"), Record([9], 30));

        var split = CifarBinary.ReadSplit(CifarVariant.Cifar10, [dir.File("a.bin"), dir.File("b.bin")]);

        Assert.Equal((3, 3, 32, 32), (split.Count, split.Channels, split.Height, split.Width));
        Assert.Equal([7L, 3, 9], split.Labels.ToArray());
        Assert.Equal(Record([3], 20)[1..], split.Pixels.Slice(3072, 3072).ToArray());
    }

    [Fact]
    public void Cifar100_uses_fine_labels_by_default_and_coarse_on_request()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("train.bin"), [.. Record([4, 77], 1), .. Record([19, 99], 2)]);

        var fine = CifarBinary.ReadSplit(CifarVariant.Cifar100, [dir.File("train.bin")]);
        var coarse = CifarBinary.ReadSplit(CifarVariant.Cifar100, [dir.File("train.bin")], coarseLabels: true);

        Assert.Equal([77L, 99], fine.Labels.ToArray());
        Assert.Equal([4L, 19], coarse.Labels.ToArray());
        Assert.Equal(Record([19, 99], 2)[2..], fine.Pixels.Slice(3072).ToArray());
    }

    [Fact]
    public void Truncated_file_names_the_offset_of_the_incomplete_record()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("data_batch_1.bin"), [.. Record([1], 1), .. Record([2], 2)[..100]]);

        var error = Assert.Throws<DatasetFormatException>(() => CifarBinary.ReadSplit(CifarVariant.Cifar10, [dir.File("data_batch_1.bin")]));

        Assert.StartsWith($"{dir.File("data_batch_1.bin")}: at byte offset 3073: length 3173 is not a positive multiple of the 3073-byte Cifar10 record", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cifar100_file_read_as_cifar10_is_caught_by_its_length()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("train.bin"), [.. Record([1, 2], 1), .. Record([1, 2], 1)]);

        var error = Assert.Throws<DatasetFormatException>(() => CifarBinary.ReadSplit(CifarVariant.Cifar10, [dir.File("train.bin")]));

        Assert.Contains("Is this a CIFAR-100 file?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_of_range_label_names_the_record_offset()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("test_batch.bin"), [.. Record([1], 1), .. Record([10], 1)]);

        var error = Assert.Throws<DatasetFormatException>(() => CifarBinary.ReadSplit(CifarVariant.Cifar10, [dir.File("test_batch.bin")]));

        Assert.Equal($"{dir.File("test_batch.bin")}: at byte offset 3073: label 10 is outside 0..9 for CIFAR-10 labels", error.Message);
    }

    [Fact]
    public void Cifar10_directory_layout_loads_as_a_dataset()
    {
        using var dir = new TempDirectory();
        string root = Directory.CreateDirectory(dir.File("cifar-10-batches-bin")).FullName;
        for (int i = 1; i <= 5; i++)
        {
            File.WriteAllBytes(Path.Combine(root, $"data_batch_{i}.bin"), [.. Record([(byte)i], i), .. Record([(byte)(i + 4)], i + 1)]);
        }

        File.WriteAllBytes(Path.Combine(root, "test_batch.bin"), [.. Record([0], 0), .. Record([9], 200)]);

        using var data = Datasets.Cifar10(dir.Path);

        Assert.Equal(("cifar10", 10, 3, 32, 10L, 2L), (data.Name, data.NumClasses, data.Channels, data.ImageSize, data.TrainCount, data.TestCount));
    }

    /// <summary>One record: label byte(s), then 3,072 pixel bytes derived from <paramref name="seed"/> so records differ.</summary>
    private static byte[] Record(byte[] labels, int seed) =>
        [.. labels, .. Enumerable.Range(0, 3072).Select(i => (byte)((i * seed) + (i / 1024)))];
}
