using System.Globalization;
using EnergyFacts.Results;
using EnergyFacts.Results.Csv;

namespace EnergyFacts.Tests.Results.Csv;

public sealed class EmissionsCsvTests
{
    /// <summary>Two trials through the real sink: a passed one, and an error with awkward text and numbers.</summary>
    private static string WriteSampleFile()
    {
        using var folder = ResultSamples.NewFolder();
        var sink = new EmissionsCsvSink(folder.Path);
        sink.Append(ResultSamples.Row(trial: 1, trials: 2));
        var awkward = ResultSamples.Row(trial: 2, trials: 2, status: ExperimentStatus.Error, message: "Boom, \"quoted\"\nat Train()", cpuWatts: 87.5, seconds: 9.75);
        // The case's last trial carries the training metrics of its history (epochs of 500 J and 550 J).
        EpochRecord[] history = [awkward.Outcome.History[0] with { Energy = new Joules(500) }, awkward.Outcome.History[^1] with { TrainLoss = -0.5, EvalLoss = double.NaN, Energy = new Joules(550) }];
        sink.Append(awkward with
        {
            Outcome = awkward.Outcome with { History = history },
            Measurement = awkward.Measurement with { Warnings = ["window shorter than 100 ms", "cpu probe, reread"] },
            PowerTrace = PowerTraceFile.RelativePath(awkward.Outcome),
            Training = EnergyFacts.Trials.TrialTrainingMetrics.Of(history, [], awkward.EnergyWithPue, EnergyFacts.Metrics.RowMetricSettings.Default with { TtcapcTarget = 0.5 }),
        });
        return File.ReadAllText(folder.File(EmissionsCsv.FileName));
    }

    [Fact]
    public void The_file_matches_the_golden_file_under_the_invariant_culture() =>
        Golden.Assert(Cultures.Under(CultureInfo.InvariantCulture, WriteSampleFile), "emissions-csv");

    [Fact]
    public void The_file_is_identical_under_a_comma_decimal_culture() =>
        Golden.Assert(Cultures.Under(Cultures.CommaDecimal, WriteSampleFile), "emissions-csv");

    [Fact]
    public void The_file_parses_back_with_the_exact_header_and_round_trip_numbers()
    {
        using var folder = ResultSamples.NewFolder();
        var row = ResultSamples.Row();
        new EmissionsCsvSink(folder.Path).Append(row);

        var table = EmissionsCsv.ReadTable(folder.File(EmissionsCsv.FileName));

        Assert.Equal(ResultColumns.Names, table.Header);
        Assert.Equal(ResultColumns.All.Count, table.Header.Count);
        var read = Assert.Single(table.Rows);
        foreach (var column in ResultColumns.All)
        {
            Assert.Equal(column.FormatValue(row), read[column.Name]);
        }

        Assert.Equal(row.Account.EnergyConsumed.Value, double.Parse(read["energy_consumed"], CultureInfo.InvariantCulture));
        Assert.Equal(row.Account.Emissions.Value, double.Parse(read["emissions"], CultureInfo.InvariantCulture));
        Assert.Equal(ResultSamples.RunId.ToString(), read["run_id"]);
        Assert.Equal("2026-03-01T12:00:10+00:00", read["timestamp"]);
        Assert.Equal("passed", read["status"]);
        Assert.Equal(string.Empty, read["longitude"]);
    }

    [Fact]
    public void Text_with_commas_quotes_and_line_breaks_stays_one_physical_line_and_reads_back()
    {
        using var folder = ResultSamples.NewFolder();
        new EmissionsCsvSink(folder.Path).Append(ResultSamples.Row(status: ExperimentStatus.Error, message: "a, \"b\"\r\nc\nd"));
        var path = folder.File(EmissionsCsv.FileName);

        var lines = File.ReadAllText(path).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var read = Assert.Single(EmissionsCsv.Read(path));

        Assert.Equal(2, lines.Length);
        Assert.Equal("a, \"b\" ⏎ c ⏎ d", read["message"]);
        Assert.Contains("\"a, \"\"b\"\" ⏎ c ⏎ d\"", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void The_reader_follows_RFC_4180_quoting_including_line_breaks_inside_quotes()
    {
        var table = EmissionsCsv.Parse("a,b,c\r\n1,\"x, \"\"y\"\"\",3\r\n\"multi\nline\",,\"\"\r\n", "test.csv");

        Assert.Equal(["a", "b", "c"], table.Header);
        Assert.Equal(2, table.Rows.Count);
        Assert.Equal("x, \"y\"", table.Rows[0]["b"]);
        Assert.Equal("multi\nline", table.Rows[1]["a"]);
        Assert.Equal(string.Empty, table.Rows[1]["b"]);
        Assert.Equal(string.Empty, table.Rows[1]["c"]);
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_fields_names_the_file_and_line()
    {
        var error = Assert.Throws<ResultsFileFormatException>(() => EmissionsCsv.Parse("a,b\n1,2\n3\n", "runs/emissions.csv"));

        Assert.Equal(3, error.LineNumber);
        Assert.Equal("runs/emissions.csv", error.FilePath);
        Assert.Contains("'runs/emissions.csv' line 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("1 fields but the header (line 1) has 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unclosed_quote_names_the_line_where_it_opened()
    {
        var error = Assert.Throws<ResultsFileFormatException>(() => EmissionsCsv.Parse("a,b\n1,2\n\"open,2\n3,4\n", "x.csv"));

        Assert.Equal(3, error.LineNumber);
        Assert.Contains("never closed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stray_quote_in_an_unquoted_field_names_the_line()
    {
        var error = Assert.Throws<ResultsFileFormatException>(() => EmissionsCsv.Parse("a,b\nx\"y,2\n", "x.csv"));

        Assert.Equal(2, error.LineNumber);
        Assert.Contains("inside an unquoted field", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_after_a_closing_quote_is_rejected()
    {
        var error = Assert.Throws<ResultsFileFormatException>(() => EmissionsCsv.Parse("a,b\n\"x\"y,2\n", "x.csv"));

        Assert.Equal(2, error.LineNumber);
    }

    [Fact]
    public void An_empty_file_or_a_duplicate_column_is_an_error()
    {
        Assert.Contains("is empty", Assert.Throws<ResultsFileFormatException>(() => EmissionsCsv.Parse("", "e.csv")).Message, StringComparison.Ordinal);
        Assert.Contains("'a' appears more than once", Assert.Throws<ResultsFileFormatException>(() => EmissionsCsv.Parse("a,b,a\n", "e.csv")).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"click\")")]
    [InlineData("+1+2")]
    [InlineData("-cmd")]
    [InlineData("@SUM(A1)")]
    [InlineData("'quoted")]
    public void A_text_cell_that_a_spreadsheet_would_run_as_a_formula_is_written_as_text_and_reads_back_exactly(string model)
    {
        using var folder = ResultSamples.NewFolder();
        var row = ResultSamples.Row();
        new EmissionsCsvSink(folder.Path).Append(row with { Outcome = row.Outcome with { Model = model } });

        var text = File.ReadAllText(folder.File(EmissionsCsv.FileName));
        var read = Assert.Single(EmissionsCsv.Read(folder.File(EmissionsCsv.FileName)));

        Assert.Contains(CsvText.Quote("'" + model), text, StringComparison.Ordinal);
        Assert.Equal(model, read["model"]);
        Assert.Equal("1.5", read["train_loss"]); // numbers are never prefixed
    }

    [Fact]
    public void A_negative_number_is_not_treated_as_a_formula()
    {
        using var folder = ResultSamples.NewFolder();
        var row = ResultSamples.Row();
        new EmissionsCsvSink(folder.Path).Append(row with
        {
            Outcome = row.Outcome with { History = [row.Outcome.History[^1] with { TrainLoss = -0.5 }] },
        });

        Assert.Contains(",-0.5,", File.ReadAllText(folder.File(EmissionsCsv.FileName)), StringComparison.Ordinal);
    }
}
