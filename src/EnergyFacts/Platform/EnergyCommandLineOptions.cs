using System.Globalization;
using Microsoft.Testing.Platform.CommandLine;
using Microsoft.Testing.Platform.Extensions;
using Microsoft.Testing.Platform.Extensions.CommandLine;

namespace EnergyFacts.Platform;

/// <summary>Registers the <c>--energy-*</c> options with Microsoft.Testing.Platform, so <c>dotnet test</c> accepts, validates and lists them.</summary>
internal sealed class EnergyCommandLineOptions : ICommandLineOptionsProvider
{
    public string Uid => "EnergyFacts.CommandLine";

    public string Version => typeof(EnergyCommandLineOptions).Assembly.GetName().Version?.ToString() ?? "0";

    public string DisplayName => "EnergyFacts";

    public string Description => "Energy measurement of [EnergyExperiment] tests.";

    public Task<bool> IsEnabledAsync() => Task.FromResult(true);

    public IReadOnlyCollection<CommandLineOption> GetCommandLineOptions() =>
    [
        .. EnergyFactsOption.All
            .Where(o => o.Option is not null)
            .Select(o => new CommandLineOption(
                o.Option!, $"{o.Description} Environment: {o.EnvironmentVariable}. [default: {o.Default}]", ArgumentArity.ExactlyOne, isHidden: false)),
    ];

    public Task<ValidationResult> ValidateOptionArgumentsAsync(CommandLineOption commandOption, string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(commandOption);
        ArgumentNullException.ThrowIfNull(arguments);
        var value = arguments.Length > 0 ? arguments[0] : string.Empty;
        try
        {
            // Reuse the one place that knows what each value may be.
            EnergyFactsSettings.Merge(
                new Dictionary<string, string>(),
                new Dictionary<string, string> { [commandOption.Name] = value },
                Environment.CurrentDirectory,
                "validation");
            return ValidationResult.ValidTask;
        }
        catch (EnergyFactsConfigurationException ex)
        {
            return ValidationResult.InvalidTask(ex.Message);
        }
    }

    public Task<ValidationResult> ValidateCommandLineOptionsAsync(ICommandLineOptions commandLineOptions) =>
        ValidationResult.ValidTask;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{DisplayName} {Version}");
}
