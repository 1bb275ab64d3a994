using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Protos.Peer.Lifecycle;

/// <summary>The parameters of a chaincode definition every approving organization must agree on (Fabric's
/// ChaincodeParameters) plus its sequence, as the _lifecycle messages that carry them all spell them, so one piece of
/// code can fill any of them.</summary>
public interface IChaincodeParameters
{
    long Sequence { get; set; }

    string Version { get; set; }

    string EndorsementPlugin { get; set; }

    string ValidationPlugin { get; set; }

    ByteString ValidationParameter { get; set; }

    /// <summary>Null or empty when the chaincode has no private data collections.</summary>
    CollectionConfigPackage? Collections { get; set; }

    bool InitRequired { get; set; }
}
