using System.Net;
using Fabricish.Explorer.Ledger;
using Fabricish.Explorer.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fabricish.Explorer.Hosting;

/// <summary>
/// fabricish-explorer: settings from <c>FABRICISH_Explorer__&lt;Setting&gt;</c> or the switches
/// <c>--connection-profile FILE --channel NAME[,NAME] [--listen 127.0.0.1:8080] [--recent-blocks 200]</c>.
/// </summary>
public static class ExplorerHost
{
    private static readonly Dictionary<string, string> Switches = new(StringComparer.Ordinal)
    {
        ["--connection-profile"] = $"{ExplorerOptions.Section}:{nameof(ExplorerOptions.ConnectionProfile)}",
        ["--channel"] = $"{ExplorerOptions.Section}:{nameof(ExplorerOptions.Channels)}",
        ["--listen"] = $"{ExplorerOptions.Section}:{nameof(ExplorerOptions.ListenAddress)}",
        ["--recent-blocks"] = $"{ExplorerOptions.Section}:{nameof(ExplorerOptions.RecentBlocks)}",
    };

    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = args });
        builder.Configuration.AddEnvironmentVariables("FABRICISH_").AddCommandLine(args, Switches);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging")).AddSimpleConsole(o => o.SingleLine = true);
        return builder;
    }

    public static WebApplication Build(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ExplorerOptions>().Bind(builder.Configuration.GetSection(ExplorerOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ExplorerOptions>, ExplorerOptionsValidator>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ExplorerConnection>();
        builder.Services.AddSingleton<ChannelIndexes>();
        builder.Services.AddHostedService<ChannelFollower>();
        builder.Services.AddRouting();
        builder.WebHost.UseKestrelCore().ConfigureKestrel((context, kestrel) =>
        {
            string listen = context.Configuration.GetSection(ExplorerOptions.Section)[nameof(ExplorerOptions.ListenAddress)] ?? new ExplorerOptions().ListenAddress;
            // An unparsable address is named by the options validator at start; Kestrel gets loopback meanwhile.
            kestrel.Listen(IPEndPoint.TryParse(listen, out IPEndPoint? endpoint) ? endpoint : new IPEndPoint(IPAddress.Loopback, 0));
        });

        WebApplication app = builder.Build();
        app.UseRouting();
        app.MapExplorer();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            ExplorerConnection connection = app.Services.GetRequiredService<ExplorerConnection>();
            ExplorerLog.Serving(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ExplorerHost)),
                connection.Identity.MspId, connection.Profile.Peer.Url, Address(app));
        });
        return app;
    }

    /// <summary>The HOST:PORT the explorer listens on once started (the real port when the setting said 0).</summary>
    public static string Address(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        string url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("the explorer is not listening yet");
        return new Uri(url).Authority;
    }
}
