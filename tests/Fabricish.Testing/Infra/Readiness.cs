namespace Fabricish.Testing.Infra;

/// <summary>Waits for a started server to become usable, failing fast with its log if it dies meanwhile.</summary>
internal static class Readiness
{
    public static async Task WaitAsync(string what, Func<Task<bool>> isReady, TimeSpan timeout, params SupervisedProcess[] watched)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        Exception? last = null;
        while (true)
        {
            foreach (SupervisedProcess p in watched)
            {
                if (p.HasExited)
                {
                    throw new InvalidOperationException($"{p.Name} exited while waiting for {what}; log {p.LogPath}:\n{p.LogTail()}");
                }
            }

            try
            {
                if (await isReady())
                {
                    return;
                }
            }
#pragma warning disable CA1031 // Any failure of a probe only means "not ready yet"; the last one is reported on timeout.
            catch (Exception e)
#pragma warning restore CA1031
            {
                last = e;
            }

            if (DateTime.UtcNow > deadline)
            {
                string logs = string.Join("\n", watched.Select(p => $"--- {p.Name} ({p.LogPath}):\n{p.LogTail(20)}"));
                throw new TimeoutException($"timed out after {timeout.TotalSeconds:0}s waiting for {what}; last probe error: {last?.Message}\n{logs}");
            }

            await Task.Delay(250);
        }
    }
}
