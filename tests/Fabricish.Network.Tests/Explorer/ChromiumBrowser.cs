using Fabricish.Network.Tests.Up;
using Fabricish.Testing;
using Microsoft.Playwright;

namespace Fabricish.Network.Tests.Explorer;

/// <summary>Debian's chromium, installed on first use by <c>tools/browser/install.sh</c> and driven headless through
/// Playwright for .NET, which is pointed at that binary and never downloads a browser of its own.</summary>
public static class ChromiumBrowser
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(10);

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        ScriptResult install = await ShellCommand.RunAsync(RepoPaths.Root, [Path.Combine(RepoPaths.Root, "tools", "browser", "install.sh")],
            "tools/browser/install.sh", InstallTimeout);
        string chromium = install.Output.Trim().Split('\n')[^1].Trim();
        if (!install.Succeeded || !File.Exists(chromium))
        {
            throw new InvalidOperationException($"no chromium to drive: {install}");
        }

        IPlaywright playwright = await Playwright.CreateAsync();
        try
        {
            // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
            IBrowser browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = chromium,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
            });
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }
}
