// Torch's thread pool, seed and dispose scopes are process-wide: tests that train must not run concurrently.
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]
