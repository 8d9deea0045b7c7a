namespace EnergyFacts.Tests.Results;

public sealed class ReportedMetricTests
{
    [Theory]
    [InlineData("")]
    [InlineData("a=b")]
    [InlineData("a;b")]
    [InlineData("line\nbreak")]
    [InlineData(" padded")]
    public void Names_that_would_break_the_metrics_column_are_refused(string name)
    {
        var ex = Assert.Throws<ArgumentException>(() => new ReportedMetric(name, 1));
        Assert.Contains("not allowed", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Non_finite_values_are_refused(double value) =>
        Assert.Throws<ArgumentException>(() => new ReportedMetric("F1", value));

    [Fact]
    public void The_csv_form_is_invariant_and_round_trips()
    {
        Assert.Equal("F1=0.1;AP50=1E-05", Cultures.Under(Cultures.CommaDecimal, () => ReportedMetric.FormatList([new("F1", 0.1), new("AP50", 1e-5)])));
        Assert.Null(ReportedMetric.FormatList([]));
    }
}
