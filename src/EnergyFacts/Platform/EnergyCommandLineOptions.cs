using System.Globalization;
using System.Reflection;
using EnergyFacts.Configuration;
using Microsoft.Testing.Platform.CommandLine;
using Microsoft.Testing.Platform.Extensions;
using Microsoft.Testing.Platform.Extensions.CommandLine;

namespace EnergyFacts.Platform;

/// <summary>
/// Registers every setting of the registry as a <c>--energy-*</c> option with Microsoft.Testing.Platform, so
/// <c>dotnet test --help</c> lists them, and resolves the whole configuration (every source) before any test runs:
/// a bad value stops the run with the setting, its source and what is allowed.
/// </summary>
internal sealed class EnergyCommandLineOptions : ICommandLineOptionsProvider
{
    private const string ConfigFileOption = "config-file";

    public string Uid => "EnergyFacts.CommandLine";

    public string Version => typeof(EnergyCommandLineOptions).Assembly.GetName().Version?.ToString() ?? "0";

    public string DisplayName => "EnergyFacts";

    public string Description => "Energy measurement of [EnergyExperiment] tests.";

    public Task<bool> IsEnabledAsync() => Task.FromResult(true);

    public IReadOnlyCollection<CommandLineOption> GetCommandLineOptions() =>
    [
        .. SettingsRegistry.All
            .Where(s => s.Option is not null)
            .Select(s => new CommandLineOption(s.Option!, s.HelpText, s is SettingDefinition<bool> ? ArgumentArity.ZeroOrOne : ArgumentArity.ExactlyOne, isHidden: false)),
    ];

    public Task<ValidationResult> ValidateOptionArgumentsAsync(CommandLineOption commandOption, string[] arguments) =>
        ValidationResult.ValidTask;

    public Task<ValidationResult> ValidateCommandLineOptionsAsync(ICommandLineOptions commandLineOptions)
    {
        ArgumentNullException.ThrowIfNull(commandLineOptions);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var setting in SettingsRegistry.All.Where(s => s.Option is not null))
        {
            if (commandLineOptions.TryGetOptionArgumentList(setting.Option!, out var arguments))
            {
                // A switch given bare (--energy-update-baseline) means true; every other option needs its value.
                values[setting.Option!] = arguments.Length > 0 ? arguments[^1] : setting is SettingDefinition<bool> ? "true" : string.Empty;
            }
        }

        var configFile = commandLineOptions.TryGetOptionArgumentList(ConfigFileOption, out var configArguments) && configArguments.Length > 0
            ? configArguments[0]
            : null;
        try
        {
            PlatformHandoff.Publish(RunConfiguration.ForTestApplication(Assembly.GetEntryAssembly(), values, configFile));
            return ValidationResult.ValidTask;
        }
        catch (EnergyFactsConfigurationException ex)
        {
            return ValidationResult.InvalidTask(ex.Message);
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{DisplayName} {Version}");
}
