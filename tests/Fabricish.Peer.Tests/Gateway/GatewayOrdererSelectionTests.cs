using Fabricish.Peer.Gateway;
using Fabricish.Peer.Tests.Gateway.Support;
using Fabricish.Protos.Common;
using Fabricish.Protos.Gateway;
using Fabricish.Protos.Peer;
using Status = Fabricish.Protos.Common.Status;

namespace Fabricish.Peer.Tests.Gateway;

public sealed class GatewayOrdererSelectionTests
{
    [Fact]
    public async Task By_default_every_transaction_goes_to_the_configurations_first_orderer_while_it_accepts()
    {
        await using GatewayScenario scenario = await new GatewayScenario().StartAsync(orderers: 3);

        for (int i = 0; i < 6; i++)
        {
            await SubmitAsync(scenario);
        }

        Assert.Equal(6, scenario.Orderers[0].Received.Count);
        Assert.Empty(scenario.Orderers[1].Received);
        Assert.Empty(scenario.Orderers[2].Received);
    }

    [Fact]
    public async Task After_a_failover_the_gateway_stays_with_the_orderer_that_accepted_even_once_the_first_recovers()
    {
        await using GatewayScenario scenario = await new GatewayScenario().StartAsync(orderers: 2);
        scenario.Orderers[0].Answer = Status.ServiceUnavailable;
        await SubmitAsync(scenario);
        scenario.Orderers[0].Answer = Status.Success;

        for (int i = 0; i < 4; i++)
        {
            await SubmitAsync(scenario);
        }

        Assert.Single(scenario.Orderers[0].Received);
        Assert.Equal(5, scenario.Orderers[1].Received.Count);
    }

    [Fact]
    public async Task Random_selection_spreads_transactions_over_the_orderers_as_Fabrics_gateway()
    {
        await using GatewayScenario scenario = await new GatewayScenario().StartAsync(
            orderers: 2, extraSettings: new() { ["Peer:Gateway:OrdererSelection"] = "Random" });

        // All 24 on one node happens with probability 2^-23.
        for (int i = 0; i < 24; i++)
        {
            await SubmitAsync(scenario);
        }

        Assert.NotEmpty(scenario.Orderers[0].Received);
        Assert.NotEmpty(scenario.Orderers[1].Received);
    }

    [Fact]
    public void An_orderer_selection_that_is_neither_sticky_nor_random_is_refused_naming_the_setting()
    {
        var options = new GatewayOptions { OrdererSelection = (OrdererSelection)7 };

        var result = new GatewayOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Peer:Gateway:OrdererSelection must be Sticky or Random, not 7", result.Failures!);
        Assert.True(new GatewayOptionsValidator().Validate(null, new GatewayOptions { OrdererSelection = OrdererSelection.Random }).Succeeded);
    }

    private static async Task SubmitAsync(GatewayScenario scenario)
    {
        (SignedProposal proposal, string txId) = GatewayRequests.Proposal(scenario.Network.Org1Client, GatewayScenario.Chaincode, ["CreateAsset", "x"]);
        EndorseResponse endorsed = await scenario.Client.EndorseAsync(GatewayRequests.Endorse(proposal, txId));
        await scenario.Client.SubmitAsync(new SubmitRequest
        {
            ChannelId = GatewayRequests.ChannelId,
            TransactionId = txId,
            PreparedTransaction = GatewayRequests.Sign(endorsed.PreparedTransaction, scenario.Network.Org1Client),
        });
    }
}
