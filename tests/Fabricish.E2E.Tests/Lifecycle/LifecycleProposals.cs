using Fabricish.Channels.Msp;
using Fabricish.Testing.Transactions;
using Google.Protobuf;

namespace Fabricish.E2E.Tests.Lifecycle;

/// <summary>Proposals to <c>_lifecycle</c> as the peer CLI builds them: args[0] the function, args[1] the marshaled
/// <c>&lt;Function&gt;Args</c>; an empty channel for install and installed-package queries.</summary>
public static class LifecycleProposals
{
    public const string Lifecycle = "_lifecycle";

    public static ProposalDraft Create(SigningIdentity creator, string channelId, string function, IMessage args) =>
        ChaincodeProposals.Create(creator, channelId, Lifecycle, [ByteString.CopyFromUtf8(function), args.ToByteString()]);
}
