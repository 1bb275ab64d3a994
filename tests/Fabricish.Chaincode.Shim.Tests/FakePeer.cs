using Fabricish.Protos.Peer;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using MessageType = Fabricish.Protos.Peer.ChaincodeMessage.Types.Type;

namespace Fabricish.Chaincode.Shim.Tests;

/// <summary>Plays the peer: dials the chaincode server's Connect and exchanges ChaincodeMessages by hand.</summary>
internal sealed class FakePeer : IAsyncDisposable
{
    public const string Channel = "mychannel";

    // Generous: a hang must fail the test, a slow machine must not.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly GrpcChannel _channel;
    private readonly AsyncDuplexStreamingCall<ChaincodeMessage, ChaincodeMessage> _call;

    private FakePeer(GrpcChannel channel)
    {
        _channel = channel;
        _call = new Protos.Peer.Chaincode.ChaincodeClient(channel).Connect();
    }

    public static FakePeer Connect(ChaincodeServer server) => new(GrpcChannel.ForAddress(server.BoundAddresses[0]));

    public Task SendAsync(ChaincodeMessage message) => _call.RequestStream.WriteAsync(message);

    public async Task<ChaincodeMessage> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        Assert.True(await _call.ResponseStream.MoveNext(timeout.Token), "the chaincode closed the stream");
        return _call.ResponseStream.Current;
    }

    public async Task<ChaincodeMessage> ExpectAsync(MessageType type, string? txId = null)
    {
        ChaincodeMessage message = await ReceiveAsync();
        Assert.True(message.Type == type, $"expected {type} but received {message.Type}: {message.Payload.ToStringUtf8()}");
        if (txId is not null)
        {
            Assert.Equal(txId, message.Txid);
            Assert.Equal(Channel, message.ChannelId);
        }

        return message;
    }

    /// <summary>REGISTER from the chaincode, then REGISTERED and READY from us, as Fabric's peer does.</summary>
    public async Task<ChaincodeID> HandshakeAsync()
    {
        ChaincodeMessage register = await ExpectAsync(MessageType.Register);
        await SendAsync(new ChaincodeMessage { Type = MessageType.Registered });
        await SendAsync(new ChaincodeMessage { Type = MessageType.Ready });
        return ChaincodeID.Parser.ParseFrom(register.Payload);
    }

    public Task StartAsync(string txId, params string[] args) => StartAsync(txId, MessageType.Transaction, null, args);

    public Task StartAsync(string txId, MessageType type, SignedProposal? proposal, params string[] args)
    {
        var input = new ChaincodeInput();
        input.Args.AddRange(args.Select(ByteString.CopyFromUtf8));
        return SendAsync(new ChaincodeMessage
        {
            Type = type,
            Txid = txId,
            ChannelId = Channel,
            Payload = input.ToByteString(),
            Proposal = proposal,
        });
    }

    public Task RespondAsync(string txId, IMessage payload) => RespondAsync(txId, payload.ToByteString());

    public Task RespondAsync(string txId, ByteString payload) =>
        SendAsync(new ChaincodeMessage { Type = MessageType.Response, Txid = txId, ChannelId = Channel, Payload = payload });

    public async Task<Response> ExpectCompletedAsync(string txId)
    {
        ChaincodeMessage completed = await ExpectAsync(MessageType.Completed, txId);
        return Response.Parser.ParseFrom(completed.Payload);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _call.RequestStream.CompleteAsync();
        }
        catch (InvalidOperationException)
        {
            // The call already ended; nothing left to complete.
        }

        _call.Dispose();
        _channel.Dispose();
    }
}
