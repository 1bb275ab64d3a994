namespace Fabricish.Channels.Config;

/// <summary>The group, value and policy names of a Fabric channel configuration tree
/// (<c>common/channelconfig</c>); peers, orderers and tools look values up by these exact keys.</summary>
public static class ConfigKeys
{
    public const string ChannelGroup = "Channel";
    public const string OrdererGroup = "Orderer";
    public const string ApplicationGroup = "Application";
    public const string ConsortiumsGroup = "Consortiums";

    public const string HashingAlgorithm = "HashingAlgorithm";
    public const string BlockDataHashingStructure = "BlockDataHashingStructure";
    public const string OrdererAddresses = "OrdererAddresses";
    public const string Consortium = "Consortium";
    public const string Capabilities = "Capabilities";
    public const string Msp = "MSP";
    public const string Endpoints = "Endpoints";
    public const string AnchorPeers = "AnchorPeers";
    public const string ConsensusType = "ConsensusType";
    public const string BatchSize = "BatchSize";
    public const string BatchTimeout = "BatchTimeout";
    public const string KafkaBrokers = "KafkaBrokers";
    public const string ChannelRestrictions = "ChannelRestrictions";
    public const string Acls = "ACLs";

    public const string ReadersPolicy = "Readers";
    public const string WritersPolicy = "Writers";
    public const string AdminsPolicy = "Admins";
    public const string BlockValidationPolicy = "BlockValidation";
    public const string EndorsementPolicy = "Endorsement";
    public const string LifecycleEndorsementPolicy = "LifecycleEndorsement";

    /// <summary>Fabric gives the channel-level orderer addresses to the orderer admins, not the channel admins.</summary>
    public const string OrdererAdminsPolicyPath = "/Channel/Orderer/Admins";

    /// <summary>The only hashing algorithm Fabric accepts for block data.</summary>
    public const string Sha256 = "SHA256";

    /// <summary>Fabric's block data hashing width: the maximum, meaning a flat hash over all entries.</summary>
    public const uint BlockDataHashingWidth = uint.MaxValue;

    public const string KafkaConsensus = "kafka";
    public const string SoloConsensus = "solo";
}
