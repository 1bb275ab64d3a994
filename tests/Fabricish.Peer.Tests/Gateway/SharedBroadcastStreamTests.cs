using Fabricish.Peer.Gateway;
using Fabricish.Peer.Tests.Gateway.Support;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Google.Protobuf;
using Status = Fabricish.Protos.Common.Status;

namespace Fabricish.Peer.Tests.Gateway;

/// <summary>The gateway's shared Broadcast stream: answers matched to submissions in order, and an ended stream
/// refusing further submissions so the broadcaster sends them on their own.</summary>
public sealed class SharedBroadcastStreamTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Each_of_many_concurrent_submissions_gets_the_answer_to_its_own_envelope()
    {
        await using FakeOrderer orderer = await FakeOrderer.StartAsync();
        orderer.InfoOf = envelope => envelope.Payload.ToStringUtf8();
        using var stream = new SharedBroadcastStream(new AtomicBroadcast.AtomicBroadcastClient(orderer.Channel));

        string[] payloads = [.. Enumerable.Range(0, 40).Select(i => $"tx-{i}")];
        BroadcastResponse[] answers = await Task.WhenAll(payloads.Select(p =>
            Task.Run(() => stream.SendAsync(new Envelope { Payload = ByteString.CopyFromUtf8(p) }, Timeout, CancellationToken.None))));

        Assert.Equal(payloads, answers.Select(a => a.Info));
        Assert.All(answers, a => Assert.Equal(Status.Success, a.Status));
        Assert.Equal(1, orderer.StreamsOpened);
        Assert.True(stream.IsOpen);
    }

    [Fact]
    public async Task A_stream_the_orderer_ended_after_a_refusal_takes_no_more_submissions()
    {
        await using FakeOrderer orderer = await FakeOrderer.StartAsync();
        orderer.Answer = Status.Forbidden;
        using var stream = new SharedBroadcastStream(new AtomicBroadcast.AtomicBroadcastClient(orderer.Channel));

        BroadcastResponse refused = await stream.SendAsync(new Envelope { Payload = ByteString.CopyFromUtf8("refused") }, Timeout, CancellationToken.None);
        using var waited = new CancellationTokenSource(Timeout);
        while (stream.IsOpen)
        {
            await Task.Delay(20, waited.Token);
        }

        Assert.Equal(Status.Forbidden, refused.Status);
        await Assert.ThrowsAsync<SharedBroadcastStreamEndedException>(() =>
            stream.SendAsync(new Envelope { Payload = ByteString.CopyFromUtf8("after") }, Timeout, CancellationToken.None));
        Assert.Single(orderer.Received);
    }

    [Fact]
    public async Task A_node_that_does_not_answer_in_time_fails_the_submission_as_a_deadline_and_ends_the_stream()
    {
        await using FakeOrderer orderer = await FakeOrderer.StartAsync();
        orderer.Silent = true;
        using var stream = new SharedBroadcastStream(new AtomicBroadcast.AtomicBroadcastClient(orderer.Channel));

        Grpc.Core.RpcException error = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() =>
            stream.SendAsync(new Envelope { Payload = ByteString.CopyFromUtf8("unanswered") }, TimeSpan.FromMilliseconds(300), CancellationToken.None));

        Assert.Equal(Grpc.Core.StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.False(stream.IsOpen);
    }
}
