namespace EnergyFacts.Torch.Models.Layers;

/// <summary>
/// Rounds scaled channel counts the way the MobileNet/EfficientNet references do: to the nearest multiple of the
/// divisor, never below the divisor and never more than 10 % below the unrounded value.
/// </summary>
internal static class ChannelRounding
{
    public static long MakeDivisible(double channels, long divisor = 8)
    {
        var rounded = Math.Max(divisor, (long)(channels + divisor / 2.0) / divisor * divisor);
        if (rounded < 0.9 * channels)
        {
            rounded += divisor;
        }

        return rounded;
    }
}
