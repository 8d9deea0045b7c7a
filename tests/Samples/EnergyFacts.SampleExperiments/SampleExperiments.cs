using EnergyFacts;

namespace SampleExperiments;

public sealed class Training
{
    [EnergyExperiment("resnet18", 64, 2)]
    [EnergyExperiment("mlp", 32, 1, Dataset = "synthetic", Seed = 7)]
    public void Train(ExperimentContext context)
    {
        for (var epoch = 1; epoch <= context.Epochs; epoch++)
        {
            Thread.Sleep(100);
            context.AddSamples(context.Batch * 10);
            context.ReportEpoch(epoch, trainLoss: 1.0 / epoch, evalLoss: 1.2 / epoch, evalTop1: 0.5 + (0.1 * epoch), evalTop5: 0.9, learningRate: 0.1);
        }

        context.UseDevice("cpu");
    }

    [EnergyExperiment("trials", 8, 1, Trials = 3)]
    public void Repeated() => Thread.Sleep(50);

    [Fact]
    public void PlainFact() => Assert.Equal(2, 1 + 1);
}

public sealed class Budgets
{
    [EnergyExperiment("sleepy", 1, 1)]
    [EnergyBudget(MaxKilowattHours = 1e-9)]
    public void OverBudget() => Thread.Sleep(200);

    [EnergyExperiment("sleepy", 2, 1)]
    [EnergyBudget(MaxKilowattHours = 1)]
    public void WithinBudget() => Thread.Sleep(200);

    [EnergyExperiment("sleepy", 3, 1)]
    [EnergyBudget(MaxKilowattHours = -1)]
    public void NegativeBudget() => Thread.Sleep(10);
}

public sealed class Faults
{
    [EnergyExperiment("thrower", 1, 1)]
    public void Throws()
    {
        Thread.Sleep(100);
        throw new InvalidOperationException("boom");
    }

    [EnergyExperiment("", 0, -1, Trials = 0)]
    public void BadDefinition() { }

    [EnergyExperiment("badsig", 1, 1)]
    public void BadSignature(int notAContext) => Assert.True(notAContext >= 0);
}
