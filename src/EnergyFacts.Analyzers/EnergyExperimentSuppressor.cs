using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace EnergyFacts.Analyzers;

/// <summary>
/// Suppresses xUnit1013 ("public method should be marked as a Fact") on methods that carry
/// <c>[EnergyExperiment]</c>: EnergyFacts' test framework discovers them without <c>[Fact]</c>. Every other public
/// method keeps the warning.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EnergyExperimentSuppressor : DiagnosticSuppressor
{
    private const string ExperimentAttribute = "EnergyFacts.EnergyExperimentAttribute";

    private static readonly SuppressionDescriptor Rule = new(
        "EF1013",
        "xUnit1013",
        "Methods with [EnergyExperiment] are test methods: EnergyFacts' test framework discovers them without [Fact].");

    /// <inheritdoc/>
    public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions => ImmutableArray.Create(Rule);

    /// <inheritdoc/>
    public override void ReportSuppressions(SuppressionAnalysisContext context)
    {
        foreach (var diagnostic in context.ReportedDiagnostics)
        {
            var tree = diagnostic.Location.SourceTree;
            if (tree is null)
            {
                continue;
            }

            var node = tree.GetRoot(context.CancellationToken).FindNode(diagnostic.Location.SourceSpan);
            var declaration = node.FirstAncestorOrSelf<MethodDeclarationSyntax>();
            if (declaration is null
                || context.GetSemanticModel(tree).GetDeclaredSymbol(declaration, context.CancellationToken) is not IMethodSymbol method)
            {
                continue;
            }

            if (method.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == ExperimentAttribute))
            {
                context.ReportSuppression(Suppression.Create(Rule, diagnostic));
            }
        }
    }
}
