using Fabricish.Endorser.Chaincode;
using Fabricish.Peer.Endorsing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Fabricish.Endorser.Tests.PeerService;

/// <summary>The configured chaincode table that stands in for lifecycle.</summary>
public sealed class EndorsingOptionsTests
{
    [Fact]
    public async Task Chaincodes_bind_from_configuration_and_resolve_only_on_the_channels_they_name()
    {
        using ServiceProvider services = Services(new Dictionary<string, string?>
        {
            ["Endorsing:Chaincodes:0:Name"] = "basic",
            ["Endorsing:Chaincodes:0:Address"] = "127.0.0.1:9999",
            ["Endorsing:Chaincodes:0:Channels:0"] = "mychannel",
            ["Endorsing:Chaincodes:1:Name"] = "everywhere",
            ["Endorsing:Chaincodes:1:Version"] = "2.1",
            ["Endorsing:Chaincodes:1:PackageId"] = "everywhere_2.1:abcd",
            ["Endorsing:Chaincodes:1:Address"] = "cc.example.com:7052",
        });

        IChaincodeRegistry registry = services.GetRequiredService<IChaincodeRegistry>();

        Assert.Equal(new ChaincodeDefinition("basic", "1.0", "basic_1.0", "127.0.0.1:9999"), await registry.GetChaincodeAsync("mychannel", "basic"));
        Assert.Null(await registry.GetChaincodeAsync("otherchannel", "basic"));
        Assert.Equal("everywhere_2.1:abcd", (await registry.GetChaincodeAsync("otherchannel", "everywhere"))?.PackageId);
        Assert.Null(await registry.GetChaincodeAsync("mychannel", "nosuch"));
    }

    [Fact]
    public void A_chaincode_without_a_host_and_port_is_refused_when_the_options_are_read()
    {
        using ServiceProvider services = Services(new Dictionary<string, string?>
        {
            ["Endorsing:Chaincodes:0:Name"] = "basic",
            ["Endorsing:Chaincodes:0:Address"] = "nowhere",
        });

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<EndorsingOptions>>().Value);

        Assert.Contains("chaincode basic: Address must be host:port, not 'nowhere'", refused.Message);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddEndorsing(configuration.GetSection(EndorsingOptions.Section)).BuildServiceProvider();
    }
}
