using System.Diagnostics;
using System.Globalization;
using EnergyFacts.Metrics;
using EnergyFacts.Probes;

namespace EnergyFacts.Reports.Tests;

public sealed class ReportTimingTests
{
    [Fact]
    public void A_report_of_1000_trials_with_spreadsheet_finishes_in_seconds()
    {
        using var temp = new TempFolder();
        string[] models = ["mlp", "lenet", "resnet20", "vit-tiny"];
        int[] batches = [32, 64, 128, 256, 512];
        EnergySource[] sources = [EnergySource.Measured, EnergySource.Estimated, EnergySource.Replayed];
        var trials = Enumerable.Range(0, 1_000).Select(i => new SampleTrial(
            models[i % models.Length],
            batches[i / models.Length % batches.Length],
            30 + (i % 97),
            2 + (i % 41 * 0.5),
            [.. Enumerable.Range(1, 1 + (i % 5)).Select(epoch => 0.5 + (0.4 * epoch / 5) - (i % 13 * 0.005))],
            sources[i % sources.Length])).ToList();
        var results = SampleResults.WriteFolder(temp.Combine("results"), trials);

        var clock = Stopwatch.StartNew();
        var outcome = ReportWriter.Write(new ReportOptions([results], results, Spreadsheet: true, ApcWeights.Default), DateTimeOffset.UnixEpoch);
        clock.Stop();

        Assert.Equal(1_000, outcome.Input.Experiments.Count);
        Assert.Empty(outcome.Input.Problems);
        Assert.Equal(6 + 3, outcome.FilesWritten.Count);
        TestContext.Current.SendDiagnosticMessage(string.Create(CultureInfo.InvariantCulture, $"report of 1,000 trials (html, md, 6 PNGs, xlsx): {clock.Elapsed.TotalSeconds:F2} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"report of 1,000 trials (html, md, 6 PNGs, xlsx): {clock.Elapsed.TotalSeconds:F2} s"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed.TotalSeconds:F1} s");
    }
}
