namespace EnergyFacts.Analyzers.Tests;

public sealed class EnergyExperimentSuppressorTests
{
    // A test class as users write it: an ordinary [Fact] makes it a test class for xUnit1013, an experiment next to it,
    // and a public helper that is a genuine oversight.
    private const string MixedTestClass = """
        using EnergyFacts;
        using Xunit;

        public sealed class TrainingEnergy
        {
            [Fact]
            public void Ordinary_test() { }

            [EnergyExperiment("mlp", 64, 1)]
            [EnergyExperiment("mlp", 128, 1)]
            public void Train(ExperimentContext context) { }

            [global::EnergyFacts.EnergyExperimentAttribute("lenet", 32, 1)]
            public void TrainQualified() { }

            public void Helper() { }
        }
        """;

    [Fact]
    public async Task Without_the_suppressor_xunit_reports_every_public_non_test_method()
    {
        var diagnostics = await Xunit1013Compilation.AnalyzeAsync(MixedTestClass, withSuppressor: false, TestContext.Current.CancellationToken);

        Assert.Equal(["Helper", "Train", "TrainQualified"], diagnostics.Select(Xunit1013Compilation.Target).Order());
        Assert.All(diagnostics, d => Assert.False(d.IsSuppressed));
    }

    [Fact]
    public async Task Experiment_methods_are_suppressed_and_other_public_methods_keep_the_warning()
    {
        var diagnostics = await Xunit1013Compilation.AnalyzeAsync(MixedTestClass, withSuppressor: true, TestContext.Current.CancellationToken);

        var byMethod = diagnostics.ToDictionary(Xunit1013Compilation.Target);
        Assert.Equal(["Helper", "Train", "TrainQualified"], byMethod.Keys.Order());
        Assert.True(byMethod["Train"].IsSuppressed);
        Assert.True(byMethod["TrainQualified"].IsSuppressed);
        Assert.False(byMethod["Helper"].IsSuppressed);
    }

    [Fact]
    public void The_suppressor_declares_one_suppression_of_xUnit1013()
    {
        var suppression = Assert.Single(new EnergyExperimentSuppressor().SupportedSuppressions);

        Assert.Equal("EF1013", suppression.Id);
        Assert.Equal(Xunit1013Compilation.RuleId, suppression.SuppressedDiagnosticId);
    }

    [Fact]
    public async Task An_attribute_with_the_same_name_in_another_namespace_does_not_suppress()
    {
        const string source = """
            using Xunit;

            namespace Lookalike
            {
                [System.AttributeUsage(System.AttributeTargets.Method)]
                public sealed class EnergyExperimentAttribute(string model, int batch, int epochs) : System.Attribute
                {
                    public string Model { get; } = model;
                    public int Batch { get; } = batch;
                    public int Epochs { get; } = epochs;
                }

                public sealed class Tests
                {
                    [Fact]
                    public void Ordinary_test() { }

                    [EnergyExperiment("mlp", 64, 1)]
                    public void Train() { }
                }
            }
            """;

        var diagnostics = await Xunit1013Compilation.AnalyzeAsync(source, withSuppressor: true, TestContext.Current.CancellationToken);

        var train = Assert.Single(diagnostics);
        Assert.Equal("Train", Xunit1013Compilation.Target(train));
        Assert.False(train.IsSuppressed);
    }

    [Fact]
    public async Task A_class_of_experiments_only_is_not_a_test_class_to_xunit_and_stays_quiet()
    {
        const string source = """
            using EnergyFacts;

            public sealed class Experiments
            {
                [EnergyExperiment("mlp", 64, 1)]
                public void Train() { }

                public void Helper() { }
            }
            """;

        Assert.Empty(await Xunit1013Compilation.AnalyzeAsync(source, withSuppressor: true, TestContext.Current.CancellationToken));
    }
}
