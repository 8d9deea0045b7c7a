using EnergyFacts.Reports.Input;
using ScottPlot;

namespace EnergyFacts.Reports.Plots;

/// <summary>
/// The one look of every report plot: size, font, and the marker shape and colour of each energy provenance, so that
/// measured, estimated, replayed and imported figures read apart in every plot and in the table's badges alike.
/// </summary>
internal static class PlotStyle
{
    /// <summary>Width of every plot in pixels.</summary>
    public const int WidthPixels = 900;

    /// <summary>Height of every plot in pixels.</summary>
    public const int HeightPixels = 540;

    /// <summary>Marker size in pixels.</summary>
    public const float MarkerPixels = 11;

    private static readonly ScottPlot.Palettes.Category10 Palette = new();

    // ScottPlot's own sans choice falls back to a serif font on Debian; the first sans family installed is used instead.
    private static readonly string FontFamily =
        new[] { "DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial" }.FirstOrDefault(f => SkiaSharp.SKFontManager.Default.MatchFamily(f) is not null) ?? Fonts.Default;

    /// <summary>The marker shape of a provenance: ● measured, ▲ estimated, ■ replayed, ◆ imported, ✕ unknown.</summary>
    public static MarkerShape Shape(EnergyProvenance provenance) => provenance switch
    {
        EnergyProvenance.Measured => MarkerShape.FilledCircle,
        EnergyProvenance.Estimated => MarkerShape.FilledTriangleUp,
        EnergyProvenance.Replayed => MarkerShape.FilledSquare,
        EnergyProvenance.Imported => MarkerShape.FilledDiamond,
        _ => MarkerShape.Eks,
    };

    /// <summary>The glyph of <see cref="Shape"/> for text (tables, badges).</summary>
    public static string Glyph(EnergyProvenance provenance) => provenance switch
    {
        EnergyProvenance.Measured => "●",
        EnergyProvenance.Estimated => "▲",
        EnergyProvenance.Replayed => "■",
        EnergyProvenance.Imported => "◆",
        _ => "✕",
    };

    /// <summary>The colour of a provenance where colour is not used for a grouping of its own.</summary>
    public static Color Colour(EnergyProvenance provenance) => Color.FromHex(Hex(provenance));

    /// <summary>The colour as <c>#rrggbb</c>, for the HTML badges.</summary>
    public static string Hex(EnergyProvenance provenance) => provenance switch
    {
        EnergyProvenance.Measured => "#1f77b4",
        EnergyProvenance.Estimated => "#ff7f0e",
        EnergyProvenance.Replayed => "#2ca02c",
        EnergyProvenance.Imported => "#9467bd",
        _ => "#7f7f7f",
    };

    /// <summary>The <paramref name="index"/>-th colour of the grouping palette (batch sizes, experiments).</summary>
    public static Color GroupColour(int index) => Palette.GetColor(index);

    /// <summary>A new plot with title, axis labels and the report's font.</summary>
    public static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set(FontFamily);
        plot.Title(title, size: 18);
        plot.XLabel(xLabel, size: 15);
        plot.YLabel(yLabel, size: 15);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 13;
        plot.Axes.Left.TickLabelStyle.FontSize = 13;
        plot.Legend.FontSize = 13;
        plot.Legend.FontName = FontFamily;
        return plot;
    }

    /// <summary>Legend entries for the provenances present, shape only (grey) when colour shows another grouping.</summary>
    public static IEnumerable<LegendItem> ProvenanceLegend(IEnumerable<EnergyProvenance> present, bool inColour) =>
        EnergyProvenances.All.Intersect(present).Select(p => new LegendItem
        {
            LabelText = $"{p.Label()} energy",
            MarkerShape = Shape(p),
            MarkerSize = MarkerPixels,
            MarkerFillColor = inColour ? Colour(p) : Colors.Gray,
            MarkerLineColor = inColour ? Colour(p) : Colors.Gray,
            LineWidth = 0,
        });

    /// <summary>A marker-only series at the given points.</summary>
    public static void AddMarkers(Plot plot, IReadOnlyList<double> xs, IReadOnlyList<double> ys, EnergyProvenance provenance, Color colour, string? legend)
    {
        var points = plot.Add.ScatterPoints(xs.ToArray(), ys.ToArray());
        points.MarkerShape = Shape(provenance);
        points.MarkerSize = MarkerPixels;
        points.MarkerFillColor = colour;
        points.MarkerLineColor = provenance == EnergyProvenance.Unknown ? colour : Colors.Black.WithAlpha(0.6);
        points.MarkerLineWidth = provenance == EnergyProvenance.Unknown ? 2 : 0.8f;
        points.LegendText = legend ?? string.Empty;
    }

    /// <summary>The plot as a PNG.</summary>
    public static byte[] Png(Plot plot)
    {
        ArgumentNullException.ThrowIfNull(plot);
        return plot.GetImageBytes(WidthPixels, HeightPixels, ImageFormat.Png);
    }
}
