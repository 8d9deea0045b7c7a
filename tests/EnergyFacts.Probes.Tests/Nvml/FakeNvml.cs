using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace EnergyFacts.Probes.Tests.Nvml;

/// <summary>Variants of the fake NVML, compiled from fake_nvml.c.</summary>
internal enum FakeNvmlVariant
{
    Complete,
    WithoutInit,
    WithoutEnergyCounter,
}

/// <summary>
/// One private copy of the fake NVML shared library (compiled once per variant with <c>cc -shared -fPIC</c>), loaded by the
/// test to steer it; the probe under test loads the same file through <c>ENERGYFACTS_NVML_LIBRARY</c>, so both share the
/// library's state. A missing compiler fails the test: CI installs gcc.
/// </summary>
internal sealed unsafe class FakeNvml : IDisposable
{
    private static readonly ConcurrentDictionary<FakeNvmlVariant, Lazy<string>> Compiled = new();
    private static readonly string BuildDirectory =
        Path.Combine(Path.GetTempPath(), "energyfacts-fake-nvml-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private readonly nint handle;
    private readonly delegate* unmanaged[Cdecl]<byte*, int, long, void> set;
    private readonly delegate* unmanaged[Cdecl]<byte*, long> get;

    public FakeNvml(FakeNvmlVariant variant = FakeNvmlVariant.Complete)
    {
        LinuxOnly.Require();
        var compiled = Compiled.GetOrAdd(variant, v => new Lazy<string>(() => Compile(v))).Value;
        LibraryPath = Path.Combine(BuildDirectory, $"libfake-nvml-{Guid.NewGuid():N}.so");
        File.Copy(compiled, LibraryPath);
        handle = NativeLibrary.Load(LibraryPath);
        set = (delegate* unmanaged[Cdecl]<byte*, int, long, void>)NativeLibrary.GetExport(handle, "fake_nvml_set");
        get = (delegate* unmanaged[Cdecl]<byte*, long>)NativeLibrary.GetExport(handle, "fake_nvml_get");
    }

    public string LibraryPath { get; }

    public ProbeSettings Settings(params (string Name, string Value)[] more) =>
        new(more.Select(m => new KeyValuePair<string, string>(m.Name, m.Value))
            .Append(new("ENERGYFACTS_NVML_LIBRARY", LibraryPath)), "/");

    public void Set(string key, long value, int device = 0)
    {
        var bytes = Encoding.ASCII.GetBytes(key + "\0");
        fixed (byte* p = bytes)
        {
            set(p, device, value);
        }
    }

    public long Get(string key)
    {
        var bytes = Encoding.ASCII.GetBytes(key + "\0");
        fixed (byte* p = bytes)
        {
            return get(p);
        }
    }

    public void Dispose()
    {
        NativeLibrary.Free(handle);
        try
        {
            File.Delete(LibraryPath);
        }
        catch (IOException)
        {
        }
    }

    private static string Compile(FakeNvmlVariant variant)
    {
        Directory.CreateDirectory(BuildDirectory);
        var source = Path.Combine(AppContext.BaseDirectory, "Nvml", "fake_nvml.c");
        var output = Path.Combine(BuildDirectory, $"fake-nvml-{variant}.so");
        var defines = variant switch
        {
            FakeNvmlVariant.WithoutInit => "-DFAKE_NVML_OMIT_INIT",
            FakeNvmlVariant.WithoutEnergyCounter => "-DFAKE_NVML_OMIT_ENERGY",
            _ => "",
        };
        var start = new ProcessStartInfo("cc")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var arg in new[] { "-shared", "-fPIC", "-O1", "-Wall", "-Werror", defines, "-o", output, source })
        {
            if (arg.Length > 0)
            {
                start.ArgumentList.Add(arg);
            }
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("cc did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException(
                "The fake NVML library is compiled with 'cc' (gcc), which was not found. Install it (apt-get install -y gcc); " +
                "the NVML tests must run on Linux CI.", ex);
        }

        using (process)
        {
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"cc failed ({process.ExitCode}) compiling {source}: {errors}");
            }
        }

        return output;
    }
}
