using TorchSharp;

namespace EnergyFacts.Torch.Training;

/// <summary><c>best.pt</c> and <c>last.pt</c> in one directory, written with TorchSharp's <c>Module.save</c> (state_dict format).</summary>
internal sealed class CheckpointFiles
{
    public CheckpointFiles(string directory)
    {
        Directory.CreateDirectory(directory);
        BestPath = Path.Combine(directory, "best.pt");
        LastPath = Path.Combine(directory, "last.pt");
    }

    public string BestPath { get; }

    public string LastPath { get; }

    public void SaveBest(torch.nn.Module model) => Save(model, BestPath);

    public void SaveLast(torch.nn.Module model) => Save(model, LastPath);

    // Write then rename: an interrupted save never leaves a truncated checkpoint under the final name.
    private static void Save(torch.nn.Module model, string path)
    {
        string temporary = path + ".partial";
        model.save(temporary);
        File.Move(temporary, path, overwrite: true);
    }
}
