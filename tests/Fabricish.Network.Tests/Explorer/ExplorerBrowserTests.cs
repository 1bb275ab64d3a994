using System.Globalization;
using Fabricish.Channels.Msp;
using Fabricish.Client;
using Fabricish.Explorer.Hosting;
using Fabricish.Network.Tests.Up;
using Fabricish.Protos.Peer;
using Fabricish.Testing;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;
using Transaction = Fabricish.Client.Transaction;

namespace Fabricish.Network.Tests.Explorer;

/// <summary>The explorer on the network <c>./fabricish up</c> started, reading as Org1's User1 from Org1's connection
/// profile, looked at in Debian's chromium: the block list shows up's sample block; while the channel page is open the
/// test commits transactions, one of them made MVCC-invalid (two updates of one asset endorsed against the same
/// version), and the live chart takes them in; the invalid one's page shows MVCC_READ_CONFLICT. Every page is saved
/// as a screenshot under the repository's run folder (.run/explorer), where <c>./fabricish test</c> keeps results.</summary>
[Collection(UpNetworkCollection.Name)]
public sealed class ExplorerBrowserTests(UpNetworkFixture network)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Explorer_shows_the_sample_block_an_MVCC_invalid_transactions_code_and_a_chart_that_moves_as_transactions_commit()
    {
        RunFolder run = network.Run;
        string shots = Path.Combine(RepoPaths.Root, ".run", "explorer");
        Directory.CreateDirectory(shots);
        await using WebApplication explorer = ExplorerHost.Build(ExplorerHost.CreateBuilder(
            ["--connection-profile", run.Orgs["Org1"].ConnectionProfile, "--channel", run.Channel, "--listen", "127.0.0.1:0"]));
        await explorer.StartAsync();
        string site = "http://" + ExplorerHost.Address(explorer);
        string channel = $"{site}/channels/{run.Channel}";

        (IPlaywright playwright, IBrowser browser) = await ChromiumBrowser.LaunchAsync();
        using IPlaywright disposePlaywright = playwright;
        await using IBrowser disposeBrowser = browser;
        IPage page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });
        page.SetDefaultTimeout((float)Patience.TotalMilliseconds);

        await page.GotoAsync(site + "/");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Network");
        await Assertions.Expect(page.Locator("text=serving").First).ToBeVisibleAsync();
        await Shot(page, shots, "network");

        SampleTransaction sample = run.Sample ?? throw new InvalidOperationException("up recorded no sample transaction");
        await page.GotoAsync(channel + "/blocks");
        await Assertions.Expect(page.Locator($"#blocks a:text-is('{sample.Block}')")).ToBeVisibleAsync();
        await Shot(page, shots, "blocks");

        await page.GotoAsync(channel);
        ILocator chart = page.Locator("#tx-chart");
        await Assertions.Expect(chart).ToHaveAttributeAsync("data-live-blocks", "0");
        await Assertions.Expect(chart).ToHaveAttributeAsync("data-connected", "true");
        int before = int.Parse(await chart.GetAttributeAsync("data-total") ?? "0", CultureInfo.InvariantCulture);

        (Status valid, Status invalid) = await CommitConflictingUpdatesAsync(run);
        Assert.Equal(TxValidationCode.Valid, valid.Code);
        Assert.Equal(TxValidationCode.MvccReadConflict, invalid.Code);

        // The blocks that carried them reached the page through the event stream, and the bars grew by them.
        await page.WaitForFunctionAsync(
            $"() => Number(document.getElementById('tx-chart').dataset.liveBlocks) >= 1 && Number(document.getElementById('tx-chart').dataset.total) >= {before + 3}");
        await Assertions.Expect(page.Locator("#code-mix")).ToContainTextAsync("MVCC_READ_CONFLICT");
        await Assertions.Expect(page.Locator("#height")).ToHaveTextAsync((invalid.BlockNumber + 1).ToString(CultureInfo.InvariantCulture));
        await Shot(page, shots, "channel");

        await page.GotoAsync($"{channel}/blocks/{invalid.BlockNumber}");
        await Assertions.Expect(page.Locator("#transactions")).ToContainTextAsync("MVCC_READ_CONFLICT");
        await Shot(page, shots, "block");

        await page.Locator($"#transactions a[href*='{invalid.TransactionId}']").ClickAsync();
        await Assertions.Expect(page.Locator("#validation-code")).ToHaveTextAsync("MVCC_READ_CONFLICT");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Version read (block:tx)");
        await Shot(page, shots, "transaction");

        await page.GotoAsync(channel + "/chaincodes");
        await Assertions.Expect(page.Locator("#chaincodes")).ToContainTextAsync("AND('Org1MSP.peer', 'Org2MSP.peer')");
        await Shot(page, shots, "chaincodes");

        await page.GotoAsync(channel + "/config");
        await Assertions.Expect(page.Locator("#policies")).ToContainTextAsync("/Channel/Application/Readers");
        await Shot(page, shots, "config");

        // Phone width: nothing wider than the screen but the tables, which scroll inside their own box.
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync(channel);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the channel page is wider than a phone");
        await Shot(page, shots, "channel-phone");
    }

    /// <summary>Creates an asset, then endorses two updates of it against the same version before submitting either:
    /// the peer commits the first and marks the second MVCC_READ_CONFLICT.</summary>
    private static async Task<(Status Valid, Status Invalid)> CommitConflictingUpdatesAsync(RunFolder run)
    {
        NetworkOrg org1 = run.Orgs["Org1"];
        using SigningIdentity user = MspDirectory.LoadSigningIdentity(org1.UserMsp, org1.MspId);
        using GrpcChannel peer = GrpcConnections.Create(run.Component(org1.Peer).Address);
        Contract contract = Gateway.Connect(new GatewayConnectOptions
        {
            Channel = peer,
            Identity = Identity.FromSigningIdentity(user),
            Signer = Signers.NewPrivateKeySigner(user.Key),
            EndorseTimeout = TimeSpan.FromSeconds(60),
            SubmitTimeout = TimeSpan.FromSeconds(60),
        }).GetNetwork(run.Channel).GetContract(run.Chaincode);

        string asset = $"explorer-{Guid.NewGuid():N}";
        await contract.SubmitTransactionAsync("CreateAsset", asset, "green", "1", "Ana", "10");
        Transaction first = await EndorseWhenBothPeersHaveItAsync(contract, asset, "Bea");
        Transaction second = await contract.NewProposal("TransferAsset", ProposalOptions.WithArguments(asset, "Cy")).EndorseAsync();
        SubmittedTransaction firstSubmitted = await first.SubmitAsync();
        SubmittedTransaction secondSubmitted = await second.SubmitAsync();
        return (await firstSubmitted.GetStatusAsync(), await secondSubmitted.GetStatusAsync());
    }

    /// <summary>The submit's status came from Org1's peer; Org2's may commit the asset a moment later, and until then
    /// it refuses to endorse an update of it ("does not exist").</summary>
    private static async Task<Transaction> EndorseWhenBothPeersHaveItAsync(Contract contract, string asset, string owner)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await contract.NewProposal("TransferAsset", ProposalOptions.WithArguments(asset, owner)).EndorseAsync();
            }
            catch (EndorseException) when (attempt < 60)
            {
                await Task.Delay(500);
            }
        }
    }

    private static Task Shot(IPage page, string folder, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
}
