namespace Fabricish.Protos.Peer.Lifecycle;

// The generated _lifecycle messages that carry a definition's parameters, declared IChaincodeParameters: their
// generated properties implement it.
public sealed partial class ApproveChaincodeDefinitionForMyOrgArgs : IChaincodeParameters;

public sealed partial class CommitChaincodeDefinitionArgs : IChaincodeParameters;

public sealed partial class CheckCommitReadinessArgs : IChaincodeParameters;

public sealed partial class QueryApprovedChaincodeDefinitionResult : IChaincodeParameters;

public sealed partial class QueryChaincodeDefinitionResult : IChaincodeParameters;

public sealed partial class QueryChaincodeDefinitionsResult
{
    public static partial class Types
    {
        public sealed partial class ChaincodeDefinition : IChaincodeParameters;
    }
}
