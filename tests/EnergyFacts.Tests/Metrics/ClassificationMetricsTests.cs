using CsCheck;
using EnergyFacts.Metrics;

namespace EnergyFacts.Tests.Metrics;

public sealed class ClassificationMetricsTests
{
    [Fact]
    public void F1_of_the_yolov7_precision_and_recall()
    {
        // Sustainable-IPA's "accuracy": P = AP@[.5:.95] = 0.51206, R = AR@100 = 0.68772 (notes §4).
        Assert.Equal(2 * 0.51206 * 0.68772 / (0.51206 + 0.68772), ClassificationMetrics.F1(0.51206, 0.68772), 15);
    }

    [Fact]
    public void F1_from_counts()
    {
        // TP 8, FP 2, FN 4: P = 0.8, R = 2/3, F1 = 16/22.
        Assert.Equal(16d / 22, ClassificationMetrics.F1(8L, 2L, 4L), 15);
        Assert.Equal(0, ClassificationMetrics.F1(0L, 3L, 1L));
    }

    [Fact]
    public void F1_is_zero_without_precision_and_recall_but_undefined_without_any_count()
    {
        Assert.Equal(0, ClassificationMetrics.F1(0.0, 0.0));
        var e = Assert.Throws<ArgumentException>(() => ClassificationMetrics.F1(0L, 0L, 0L));
        Assert.Contains("undefined", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Top1_and_top5_from_scores()
    {
        float[][] scores =
        [
            [0.1f, 0.7f, 0.2f, 0f, 0f, 0f],   // label 1: top-1 hit
            [0.5f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f], // label 5: rank 4 (ties by index) → top-5 hit only
            [0.9f, 0.02f, 0.02f, 0.02f, 0.02f, 0.02f], // label 5: rank 5 → miss at top-5
            [0f, 0f, 1f, 0f, 0f, 0f],         // label 2: top-1 hit
        ];
        int[] labels = [1, 4, 5, 2];

        Assert.Equal(0.5, ClassificationMetrics.TopKAccuracy(scores, labels, 1));
        Assert.Equal(0.75, ClassificationMetrics.TopKAccuracy(scores, labels, 5));
    }

    [Fact]
    public void Top_k_refuses_mismatched_inputs_naming_them()
    {
        float[][] scores = [[0.1f, 0.9f]];
        Assert.Contains("1 score rows and 2 labels", Assert.Throws<ArgumentException>(() => ClassificationMetrics.TopKAccuracy(scores, [0, 1], 1)).Message, StringComparison.Ordinal);
        Assert.Contains("Label 0 is 2", Assert.Throws<ArgumentException>(() => ClassificationMetrics.TopKAccuracy(scores, [2], 1)).Message, StringComparison.Ordinal);
        Assert.Equal("k", Assert.Throws<ArgumentOutOfRangeException>(() => ClassificationMetrics.TopKAccuracy(scores, [0], 5)).ParamName);
    }

    [Fact]
    public void F1_lies_between_the_smaller_and_larger_of_precision_and_recall() =>
        Gen.Select(Gen.Double[0, 1], Gen.Double[0, 1]).Sample((p, r) =>
        {
            var f1 = ClassificationMetrics.F1(p, r);
            return f1 >= Math.Min(p, r) - 1e-15 && f1 <= Math.Max(p, r) + 1e-15 && Math.Abs(f1 - ClassificationMetrics.F1(r, p)) <= 1e-15;
        });

    [Fact]
    public void Top_k_accuracy_never_falls_as_k_grows() =>
        Gen.Float[-10, 10].Array[6].Array[1, 20].Sample(rows =>
        {
            var labels = rows.Select((_, i) => i % 6).ToArray();
            var previous = 0d;
            for (var k = 1; k <= 6; k++)
            {
                var accuracy = ClassificationMetrics.TopKAccuracy(rows, labels, k);
                if (accuracy < previous)
                {
                    return false;
                }

                previous = accuracy;
            }

            return previous == 1;
        });
}
