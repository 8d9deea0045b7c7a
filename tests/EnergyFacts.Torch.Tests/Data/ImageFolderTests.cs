using EnergyFacts.Torch.Data;
using SkiaSharp;

namespace EnergyFacts.Torch.Tests.Data;

public sealed class ImageFolderTests
{
    [Fact]
    public void Class_folder_tree_decodes_pngs_resizes_crops_and_labels_by_sorted_folder()
    {
        using var dir = new TempDirectory();
        WritePng(dir.File("train/red/a.png"), 40, 20, SKColors.Red);
        WritePng(dir.File("train/red/b.png"), 16, 16, SKColors.Red);
        WritePng(dir.File("train/blue/a.png"), 20, 40, SKColors.Blue);
        WritePng(dir.File("val/blue/x.png"), 8, 8, SKColors.Blue);
        WritePng(dir.File("val/red/y.png"), 8, 8, SKColors.Red);

        using var data = Datasets.ImageFolderTree(dir.Path, imageSize: 16);
        var train = ImageFolder.ReadSplit(dir.File("train"), data.ClassNames, 16);

        Assert.Equal(["blue", "red"], data.ClassNames);
        Assert.Equal((3L, 2L, 3, 16), (data.TrainCount, data.TestCount, data.Channels, data.ImageSize));
        Assert.Equal([0L, 1, 1], train.Labels.ToArray());
        // First image is blue (label 0): R plane 0, B plane 255 in the centre.
        int plane = 16 * 16;
        int centre = (8 * 16) + 8;
        Assert.Equal((0, 255), (train.Pixels.Span[centre], train.Pixels.Span[(2 * plane) + centre]));
        Assert.Equal(255, train.Pixels.Span[(3 * plane) + centre]); // second image red channel
    }

    [Fact]
    public void Undecodable_file_is_named()
    {
        using var dir = new TempDirectory();
        WritePng(dir.File("train/a/ok.png"), 8, 8, SKColors.Green);
        WritePng(dir.File("train/b/ok.png"), 8, 8, SKColors.Green);
        Directory.CreateDirectory(dir.File("val/a"));
        File.WriteAllBytes(dir.File("val/a/broken.png"), [0x89, (byte)'P', (byte)'N', (byte)'G', 1, 2, 3]);

        var error = Assert.Throws<DatasetFormatException>(() => Datasets.ImageFolderTree(dir.Path, 8));

        Assert.Equal($"{dir.File("val/a/broken.png")}: cannot be decoded as an image (corrupt, truncated or unsupported format).", error.Message);
    }

    [Fact]
    public void Held_out_class_missing_from_training_tree_is_rejected()
    {
        using var dir = new TempDirectory();
        WritePng(dir.File("train/a/1.png"), 8, 8, SKColors.Green);
        WritePng(dir.File("train/b/1.png"), 8, 8, SKColors.Green);
        WritePng(dir.File("val/a/1.png"), 8, 8, SKColors.Green);
        WritePng(dir.File("val/zebra/1.png"), 8, 8, SKColors.Green);

        var error = Assert.Throws<DatasetFormatException>(() => Datasets.ImageFolderTree(dir.Path, 8));

        Assert.Contains("class folder(s) zebra do not exist in the training tree (a, b)", error.Message, StringComparison.Ordinal);
    }

    private static void WritePng(string path, int width, int height, SKColor color)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(color);
        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, png.ToArray());
    }
}
