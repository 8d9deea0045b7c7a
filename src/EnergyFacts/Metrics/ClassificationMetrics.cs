using System.Globalization;

namespace EnergyFacts.Metrics;

/// <summary>
/// F1 and top-k accuracy, the standard classification figures (F1 = 2PR/(P+R): C. J. van Rijsbergen, <i>Information
/// Retrieval</i>, 1979; top-k as reported for ImageNet since Russakovsky et al., IJCV 2015).
/// </summary>
internal static class ClassificationMetrics
{
    /// <summary>F1 = 2·P·R / (P + R); 0 when P = R = 0 (the limit, as scikit-learn reports it).</summary>
    /// <param name="precision">P ∈ [0, 1].</param>
    /// <param name="recall">R ∈ [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">P or R outside [0, 1].</exception>
    public static double F1(double precision, double recall)
    {
        MetricArguments.Fraction(precision, nameof(precision), "The precision");
        MetricArguments.Fraction(recall, nameof(recall), "The recall");
        var sum = precision + recall;
        return sum == 0 ? 0 : 2 * precision * recall / sum;
    }

    /// <summary>F1 from counts: 2·TP / (2·TP + FP + FN).</summary>
    /// <param name="truePositives">TP ≥ 0.</param>
    /// <param name="falsePositives">FP ≥ 0.</param>
    /// <param name="falseNegatives">FN ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative count.</exception>
    /// <exception cref="ArgumentException">All three are 0: nothing positive was predicted or present, so F1 is undefined.</exception>
    public static double F1(long truePositives, long falsePositives, long falseNegatives)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(truePositives);
        ArgumentOutOfRangeException.ThrowIfNegative(falsePositives);
        ArgumentOutOfRangeException.ThrowIfNegative(falseNegatives);
        var denominator = (2d * truePositives) + falsePositives + falseNegatives;
        return denominator == 0
            ? throw new ArgumentException("F1 is undefined when TP, FP and FN are all 0 (no positive predicted or present).", nameof(truePositives))
            : 2d * truePositives / denominator;
    }

    /// <summary>
    /// Top-k accuracy: the fraction of samples whose true class is among the k highest scores. Ties are broken by
    /// class index (a lower index ranks first), so the result is deterministic.
    /// </summary>
    /// <param name="scores">Per sample, one score (logit or probability) per class; every row the same length.</param>
    /// <param name="labels">Per sample, the true class index.</param>
    /// <param name="k">1 for top-1, 5 for top-5; 1 ≤ k ≤ classes.</param>
    /// <exception cref="ArgumentException">No samples, mismatched lengths, a label outside the classes, a NaN score or k out of range.</exception>
    public static double TopKAccuracy(IReadOnlyList<IReadOnlyList<float>> scores, IReadOnlyList<int> labels, int k)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        if (scores.Count == 0 || scores.Count != labels.Count)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Top-k needs one score row per label and at least one sample; got {scores.Count} score rows and {labels.Count} labels."),
                nameof(labels));
        }

        var classes = scores[0]?.Count ?? 0;
        if (k < 1 || k > classes)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, string.Create(CultureInfo.InvariantCulture, $"k must be from 1 to the number of classes ({classes}); got {k}."));
        }

        var correct = 0;
        for (var i = 0; i < scores.Count; i++)
        {
            var row = scores[i];
            var label = labels[i];
            if (row is null || row.Count != classes)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Score row {i} has {row?.Count ?? 0} classes but row 0 has {classes}."), nameof(scores));
            }

            if (label < 0 || label >= classes)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Label {i} is {label}; class indices run from 0 to {classes - 1}."), nameof(labels));
            }

            if (row.Any(float.IsNaN))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Score row {i} holds NaN; top-k needs comparable scores."), nameof(scores));
            }

            if (Rank(row, label) < k)
            {
                correct++;
            }
        }

        return (double)correct / scores.Count;
    }

    /// <summary>0-based rank of <paramref name="label"/>: classes scoring higher, plus equal-scoring classes with a lower index.</summary>
    private static int Rank(IReadOnlyList<float> row, int label)
    {
        var own = row[label];
        var rank = 0;
        for (var c = 0; c < row.Count; c++)
        {
            var score = row[c];
            if (score > own || (score == own && c < label))
            {
                rank++;
            }
        }

        return rank;
    }
}
