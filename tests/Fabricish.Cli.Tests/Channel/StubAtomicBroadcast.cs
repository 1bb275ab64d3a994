using Fabricish.Channels.Deliver;
using Fabricish.Protos.Common;
using Fabricish.Protos.Msp;
using Fabricish.Protos.Orderer;
using Grpc.Core;
using Status = Fabricish.Protos.Common.Status;

namespace Fabricish.Cli.Tests.Channel;

/// <summary>A stand-in <c>orderer.AtomicBroadcast</c> over a <see cref="StubOrdererLedger"/>: Deliver resolves seeks as
/// Fabric's deliver handler does (FAIL_IF_NOT_READY answers NOT_FOUND past the height, BLOCK_UNTIL_READY waits for
/// blocks); Broadcast answers each envelope with the ledger's verdict.</summary>
internal sealed class StubAtomicBroadcast(StubOrdererLedger ledger) : AtomicBroadcast.AtomicBroadcastBase
{
    public override async Task Broadcast(IAsyncStreamReader<Envelope> requestStream, IServerStreamWriter<BroadcastResponse> responseStream, ServerCallContext context)
    {
        await foreach (Envelope envelope in requestStream.ReadAllAsync(context.CancellationToken))
        {
            (Status status, string info) = ledger.Submit(envelope);
            await responseStream.WriteAsync(new BroadcastResponse { Status = status, Info = info });
        }
    }

    public override async Task Deliver(IAsyncStreamReader<Envelope> requestStream, IServerStreamWriter<DeliverResponse> responseStream, ServerCallContext context)
    {
        await foreach (Envelope envelope in requestStream.ReadAllAsync(context.CancellationToken))
        {
            Payload payload = Payload.Parser.ParseFrom(envelope.Payload);
            ChannelHeader header = ChannelHeader.Parser.ParseFrom(payload.Header.ChannelHeader);
            SignatureHeader signature = SignatureHeader.Parser.ParseFrom(payload.Header.SignatureHeader);
            SeekInfo seek = SeekInfo.Parser.ParseFrom(payload.Data);
            lock (ledger.Seeks)
            {
                ledger.Seeks.Add((header, SerializedIdentity.Parser.ParseFrom(signature.Creator).Mspid, seek));
            }

            if (header.ChannelId != ledger.ChannelId)
            {
                await responseStream.WriteAsync(new DeliverResponse { Status = Status.NotFound });
                continue;
            }

            SeekRange? range = SeekRange.Resolve(seek, ledger.Height, false, out Status status, out _);
            if (range is not { } r)
            {
                await responseStream.WriteAsync(new DeliverResponse { Status = status });
                continue;
            }

            await responseStream.WriteAsync(new DeliverResponse { Status = await SendAsync(r, seek.Behavior, responseStream, context.CancellationToken) });
        }
    }

    private async Task<Status> SendAsync(SeekRange range, SeekInfo.Types.SeekBehavior behavior, IServerStreamWriter<DeliverResponse> responses, CancellationToken cancellationToken)
    {
        for (ulong number = range.Start; number <= range.Stop; number++)
        {
            Block? block;
            while ((block = ledger.Get(number)) is null)
            {
                if (behavior == SeekInfo.Types.SeekBehavior.FailIfNotReady)
                {
                    return Status.NotFound;
                }

                await Task.Delay(20, cancellationToken);
            }

            await responses.WriteAsync(new DeliverResponse { Block = block }, cancellationToken);
            if (number == ulong.MaxValue)
            {
                break;
            }
        }

        return Status.Success;
    }
}
