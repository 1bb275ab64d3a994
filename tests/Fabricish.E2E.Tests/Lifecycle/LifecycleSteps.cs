using Fabricish.Channels.Msp;
using Fabricish.E2E.Tests.Network;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Fabricish.Protos.Peer.Lifecycle;
using Fabricish.Testing.Transactions;
using Google.Protobuf;

namespace Fabricish.E2E.Tests.Lifecycle;

/// <summary>The steps of a deployment through <c>_lifecycle</c> as each org's admin takes them with the peer CLI:
/// install a chaincode-as-a-service package at the org's peer, approve the definition for the org, commit it with
/// enough endorsements. <c>submit</c> broadcasts a transaction and returns its commits at the network's peers.</summary>
public static class LifecycleSteps
{
    /// <summary>Admin@&lt;org&gt;, from the users folder next to the peer's MSP.</summary>
    public static SigningIdentity LoadAdmin(PeerNode peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        string orgDir = Path.GetFullPath(Path.Combine(peer.MspDir, "..", "..", ".."));
        string domain = Path.GetFileName(orgDir);
        return MspDirectory.LoadSigningIdentity(Path.Combine(orgDir, "users", $"Admin@{domain}", "msp"), peer.MspId);
    }

    /// <summary>Installs at <paramref name="peer"/> a package that points it at the chaincode server at
    /// <paramref name="address"/>; returns the package id.</summary>
    public static async Task<string> InstallAsync(PeerNode peer, SigningIdentity admin, string label, string address, IReadOnlyDictionary<string, string>? indexes = null)
    {
        ProposalResponse installed = await FabricClient.ProcessAsync(peer, LifecycleProposals.Create(admin, string.Empty, "InstallChaincode",
            new InstallChaincodeArgs { ChaincodeInstallPackage = ByteString.CopyFrom(ChaincodePackages.Ccaas(label, address, indexes)) }));
        Assert.True(installed.Response.Status == 200, $"install at {peer.MspId}: {installed.Response}\n{peer.LogTail()}");
        return InstallChaincodeResult.Parser.ParseFrom(installed.Response.Payload).PackageId;
    }

    /// <summary>The org's admin approves at its own peer; the approval transaction commits VALID everywhere.</summary>
    public static async Task ApproveAsync(
        PeerNode peer, SigningIdentity admin, string channelId, CommitChaincodeDefinitionArgs definition, string packageId, Func<Envelope, string, Task<CommittedTx[]>> submit)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(submit);
        var args = new ApproveChaincodeDefinitionForMyOrgArgs
        {
            Name = definition.Name,
            Version = definition.Version,
            Sequence = definition.Sequence,
            ValidationParameter = definition.ValidationParameter,
            Source = new ChaincodeSource { LocalPackage = new ChaincodeSource.Types.Local { PackageId = packageId } },
        };
        ProposalDraft draft = LifecycleProposals.Create(admin, channelId, "ApproveChaincodeDefinitionForMyOrg", args);
        ProposalResponse[] responses = await FabricClient.EndorseAsync(draft, peer);
        CommittedTx[] commits = await submit(ChaincodeProposals.Transaction(draft, admin, responses), draft.TxId);
        Assert.All(commits, c => Assert.Equal(TxValidationCode.Valid, c.ValidationCode));
    }

    /// <summary>Commits <paramref name="definition"/> with the endorsements of <paramref name="endorsers"/> (enough for
    /// LifecycleEndorsement, a majority of the application orgs).</summary>
    public static async Task CommitAsync(
        SigningIdentity admin, string channelId, CommitChaincodeDefinitionArgs definition, IReadOnlyList<PeerNode> endorsers, Func<Envelope, string, Task<CommittedTx[]>> submit)
    {
        ArgumentNullException.ThrowIfNull(submit);
        ProposalDraft draft = LifecycleProposals.Create(admin, channelId, "CommitChaincodeDefinition", definition);
        ProposalResponse[] responses = await FabricClient.EndorseAsync(draft, [.. endorsers]);
        CommittedTx[] commits = await submit(ChaincodeProposals.Transaction(draft, admin, responses), draft.TxId);
        Assert.All(commits, c => Assert.Equal(TxValidationCode.Valid, c.ValidationCode));
    }

    /// <summary>A definition; with <paramref name="signaturePolicy"/> (Fabric's syntax) as its endorsement policy, else
    /// the channel's default (/Channel/Application/Endorsement).</summary>
    public static CommitChaincodeDefinitionArgs Definition(string name, string version, long sequence, string? signaturePolicy = null) =>
        new()
        {
            Name = name,
            Version = version,
            Sequence = sequence,
            ValidationParameter = signaturePolicy is null
                ? ByteString.Empty
                : Fabricish.Testing.Policies.DefinedEndorsementPolicies.SignaturePolicy(signaturePolicy).ToByteString(),
        };
}
