using Fabricish.Hosting;
using Fabricish.Orderer.Host;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;

namespace Fabricish.Orderer.Tests.Host;

public sealed class OrdererOptionsTests
{
    [Fact]
    public async Task Host_refuses_to_start_naming_every_missing_or_malformed_setting()
    {
        WebApplicationBuilder builder = OrdererHost.CreateBuilder(
            ["--listen", "nowhere", "--admin-listen", "127.0.0.1:70000"],
            new Dictionary<string, string?>
            {
                ["Orderer:MspDir"] = "/no/such/msp",
                ["Orderer:KafkaProducerLinger"] = "00:00:02",
                ["Orderer:KafkaFetchMinBytes"] = "0",
                ["Orderer:KafkaFetchWait"] = "00:00:00",
            });

        OptionsValidationException error = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using WebApplication app = OrdererHost.Build(builder);
            await app.StartAsync();
        });

        Assert.Contains(error.Failures, f => f.StartsWith("Orderer:ListenAddress 'nowhere'", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Orderer:AdminListenAddress '127.0.0.1:70000' has no port", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Orderer:DataDir is required", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Orderer:MspId is required", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("'/no/such/msp' is not an MSP folder", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Orderer:KafkaProducerLinger must be between 0 and 00:00:01", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Orderer:KafkaFetchMinBytes must be between 1 and 1048576, not 0", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Orderer:KafkaFetchWait must be between 00:00:00.001 and 00:00:01", StringComparison.Ordinal));
    }

    [Fact]
    public void The_consumer_fetch_settings_reach_librdkafka_and_by_default_gather_16_KiB_for_at_most_25_ms()
    {
        var options = new OrdererOptions { KafkaFetchMinBytes = 4096, KafkaFetchWait = TimeSpan.FromMilliseconds(40) };

        Confluent.Kafka.ConsumerConfig config = Fabricish.Orderer.Kafka.KafkaClientSettings.Consumer("127.0.0.1:9092", options.ToConsenterOptions(), "mychannel", 1_000_000);
        Confluent.Kafka.ConsumerConfig defaults = Fabricish.Orderer.Kafka.KafkaClientSettings.Consumer("127.0.0.1:9092", new OrdererOptions().ToConsenterOptions(), "mychannel", 1_000_000);

        Assert.Equal(4096, config.FetchMinBytes);
        Assert.Equal(40, config.FetchWaitMaxMs);
        Assert.Equal(16 * 1024, defaults.FetchMinBytes);
        Assert.Equal(25, defaults.FetchWaitMaxMs);
    }

    [Fact]
    public void The_producer_linger_setting_reaches_librdkafka_in_milliseconds()
    {
        var options = new OrdererOptions { KafkaProducerLinger = TimeSpan.FromMilliseconds(7) };

        Confluent.Kafka.ProducerConfig config = Fabricish.Orderer.Kafka.KafkaClientSettings.Producer("127.0.0.1:9092", options.ToConsenterOptions(), "mychannel", 1_000_000);

        Assert.Equal(7, config.LingerMs);
        Assert.Equal(TimeSpan.FromMilliseconds(20), new OrdererOptions().KafkaProducerLinger);
    }

    [Theory]
    [InlineData("127.0.0.1:7050", true)]
    [InlineData("localhost:7050", true)]
    [InlineData("0.0.0.0:1", true)]
    [InlineData("[::1]:7050", true)]
    [InlineData("orderer.example.com:7050", false)]
    [InlineData("127.0.0.1", false)]
    [InlineData("127.0.0.1:0", false)]
    public void Listen_addresses_accept_ip_or_localhost_with_a_port(string value, bool valid)
    {
        Assert.Equal(valid, ListenAddress.TryParse(value, out _, out _));
    }
}
